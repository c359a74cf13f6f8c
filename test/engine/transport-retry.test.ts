/**
 * Transport, retries, through real runs: 429 throttling (any method; "later", not a failure: the
 * request waits and goes again within the run's throttle budget), the daily quota (no retry), and
 * 5xx / connection resets / timeouts (only for idempotent requests, and for contact creates that
 * can recover from a 409 after an ambiguous failure).
 *
 * What the user sees (run status, items, error) is checked together with what reached the fake
 * (its request log and its data). Waits are read from the waits the transport plans
 * (`transportSettings.onWait`), never from clocks.
 */
import type { IDataObject } from 'n8n-workflow';

import { credentialsFor, expectNoSpecViolations, runNode, transport, type TestCredential } from './harness';
import { apiCallsSince, useTransportFakes } from './transport-suite';

const { startFakes } = require('../fake');


let fakes: any;
let credential: TestCredential;
let listId: string;

useTransportFakes({ rateLimitPerSecond: 0 }, (ready) => {
	fakes = ready;
	listId = fakes.admin.seed({ lists: [{ name: 'Retry list' }] }).lists[0].list_id;
	credential = credentialsFor(fakes);
});

const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
/** The HTTP code n8n shows with a node error. */
const httpCodeOf = (error: unknown) => (error as IDataObject | undefined)?.httpCode;
const apiCalls = (from: number): IDataObject[] => apiCallsSince(fakes, from);
const summary = (calls: IDataObject[]) => calls.map((c) => `${c.method} ${c.path} ${c.status}`);
const contactsWithEmail = (email: string): IDataObject[] =>
	[...fakes.store.contacts.values()].filter(
		(c: IDataObject) => String((c.email_address as IDataObject | undefined)?.address ?? c.email ?? '').toLowerCase() === email,
	);
const newContact = (): string => fakes.admin.bulkContacts(1, { prefix: `c${Math.random().toString(36).slice(2, 8)}` })[0];
const getParams = (id: string) => ({ resource: 'contact', operation: 'get', contact: byId(id) });
const createParams = (email: string) => ({ resource: 'contact', operation: 'create', email, createSource: 'Account' });
const THROTTLED = { error_key: 'throttled', error_message: 'Too Many Requests' };

/** Records every wait the transport plans during `fn`. */
async function recordingWaits<T>(fn: () => Promise<T>): Promise<{ result: T; waits: IDataObject[] }> {
	const waits: IDataObject[] = [];
	transport.transportSettings.onWait = (wait: IDataObject) => waits.push(wait);
	try {
		return { result: await fn(), waits };
	} finally {
		transport.transportSettings.onWait = undefined;
	}
}
const throttleWaits = (waits: IDataObject[]) => waits.filter((w) => w.kind === 'backoff' && w.throttled);
const FULL_PACE = 1000 / 260;

describe('429 throttled: "later", not a failure', () => {
	test('a GET throttled twice waits, is sent again and succeeds; the pace is cut each time and the waits grow', async () => {
		const id = newContact();
		// Jitter pinned to the middle: each wait is the longer of one interval of the cut pace and
		// the request's own backoff (0.75 × 400 ms, then 0.75 × 800 ms).
		const random = jest.spyOn(Math, 'random').mockReturnValue(0.5);
		transport.transportSettings.backoffBaseMs = 400;
		fakes.faults.push({ match: { method: 'GET', pathPrefix: `/contacts/${id}` }, kind: 'status', status: 429, body: THROTTLED, times: 2 });

		const from = fakes.log.length;
		const { result, waits } = await recordingWaits(() => runNode({ credential, parameters: getParams(id) })).finally(() => random.mockRestore());

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.contact_id).toBe(id);
		expect(summary(apiCalls(from))).toEqual([`GET /v3/contacts/${id} 429`, `GET /v3/contacts/${id} 429`, `GET /v3/contacts/${id} 200`]);
		expect(throttleWaits(waits).map((w) => ({ ms: w.ms, rate: Math.round(Number(w.rate) * 1000) / 1000 }))).toEqual([
			// one interval at 0.7 × the full pace (371 ms) is longer than 300 ms
			{ ms: Math.round(1000 / (FULL_PACE * 0.7)), rate: Math.round(FULL_PACE * 0.7 * 1000) / 1000 },
			// 600 ms of backoff is longer than one interval at 0.49 × (531 ms)
			{ ms: 600, rate: Math.round(FULL_PACE * 0.49 * 1000) / 1000 },
		]);
	});

	test('a throttled create is sent again (the gateway rejected it before processing) and creates exactly one contact', async () => {
		transport.transportSettings.backoffBaseMs = 50;
		const email = 'throttled.create@example.com';
		fakes.faults.push({ match: { method: 'POST', pathPrefix: '/contacts' }, kind: 'status', status: 429, body: THROTTLED });

		const from = fakes.log.length;
		const result = await runNode({ credential, parameters: createParams(email) });

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(summary(apiCalls(from))).toEqual(['POST /v3/contacts 429', 'POST /v3/contacts 201']);
		const stored = contactsWithEmail(email);
		expect(stored).toHaveLength(1);
		expect(result.items[0].json.contact_id).toBe(stored[0].contact_id);
	});

	test('throttles do not count against maxAttempts: a GET throttled 7 times with maxAttempts 3 still succeeds', async () => {
		Object.assign(transport.transportSettings, { maxAttempts: 3, backoffBaseMs: 5, backoffMaxMs: 20, minSpacingMs: 20 });
		const id = newContact();
		fakes.faults.push({ match: { method: 'GET', pathPrefix: `/contacts/${id}` }, kind: 'status', status: 429, body: THROTTLED, times: 7 });

		const from = fakes.log.length;
		const { result, waits } = await recordingWaits(() => runNode({ credential, parameters: getParams(id) }));

		expect(result.error).toBeUndefined();
		expect(result.items[0].json.contact_id).toBe(id);
		expect(summary(apiCalls(from))).toEqual([...Array(7).fill(`GET /v3/contacts/${id} 429`), `GET /v3/contacts/${id} 200`]);
		expect(throttleWaits(waits)).toHaveLength(7);
	});

	test('persistent 429: the run waits within its throttle budget, then fails with a plain "too many requests" error', async () => {
		Object.assign(transport.transportSettings, { throttleBudgetMs: 3000, backoffBaseMs: 20, backoffMaxMs: 20 });
		const id = newContact();
		fakes.faults.push({ match: { method: 'GET', pathPrefix: `/contacts/${id}` }, kind: 'status', status: 429, body: THROTTLED, times: 100 });
		// Jitter pinned to the middle: each wait is one interval of the cut pace (random jitter of
		// 0.5–1.5 interval could make a wait shorter than half the one before).
		const random = jest.spyOn(Math, 'random').mockReturnValue(0.5);

		const from = fakes.log.length;
		const { result, waits } = await recordingWaits(() => runNode({ credential, parameters: getParams(id) })).finally(() => random.mockRestore());

		expect(result.status).toBe('error');
		expect(result.items).toEqual([]);
		const error = result.error!;
		const calls = apiCalls(from);
		const planned = throttleWaits(waits);
		// Every attempt but the last was followed by a planned wait; their sum stays within the budget,
		// and one more wait would have gone beyond it.
		expect(calls.length).toBe(planned.length + 1);
		expect(calls.length).toBeGreaterThanOrEqual(3);
		const spent = planned.reduce((sum, w) => sum + Number(w.ms), 0);
		expect(spent).toBeLessThanOrEqual(3000);
		// The pace was cut on every throttle: the waits grow.
		for (let k = 1; k < planned.length; k++) expect(Number(planned[k].ms)).toBeGreaterThan(Number(planned[k - 1].ms));
		// Exactly: one interval of the pace cut 1, 2, 3 and 4 times (0.7ⁿ × 1000/260 per second);
		// the fifth (1547 ms) would have made 4290 ms.
		expect(planned.map((w) => w.ms)).toEqual([371, 531, 758, 1083]);
		expect(error.message).toMatch(/too many requests/i);
		expect(error.description).toMatch(/4 requests per second/);
		expect(error.description).toContain(`This run waited ${Math.round(spent / 1000)} s in all`);
		expect(error.description).toContain('at most 3 s per run');
		expect(error.description).toContain(`gave up after ${calls.length} attempts of this request`);
		expect(error.description).toContain(`HTTP 429 for GET /contacts/${id}`);
		expect(httpCodeOf(error)).toBe('429');
		expect(error.context?.itemIndex).toBe(0);
		expect(summary(calls)).toEqual(Array(calls.length).fill(`GET /v3/contacts/${id} 429`));
	});

	test('the throttle budget is per run: a second item of the same run has only what the first left', async () => {
		Object.assign(transport.transportSettings, { throttleBudgetMs: 1500, backoffBaseMs: 200, backoffMaxMs: 200, minSpacingMs: 20 });
		const [a, b] = [newContact(), newContact()];
		// Jitter pinned: every throttle wait is the 150 ms backoff or one interval of the cut pace, if longer.
		const random = jest.spyOn(Math, 'random').mockReturnValue(0.5);
		// Item 0 is throttled 4 times, item 1 until the run's budget is gone.
		fakes.faults.push({ match: { method: 'GET', pathPrefix: `/contacts/${a}` }, kind: 'status', status: 429, body: THROTTLED, times: 4 });
		fakes.faults.push({ match: { method: 'GET', pathPrefix: `/contacts/${b}` }, kind: 'status', status: 429, body: THROTTLED, times: 100 });

		const { result, waits } = await recordingWaits(() =>
			runNode({ credential, inputItems: [{ id: a }, { id: b }], parameters: getParams('={{ $json.id }}'), continueOnFail: true }),
		).finally(() => random.mockRestore());

		const planned = throttleWaits(waits);
		const sum = (list: IDataObject[]) => list.reduce((total, w) => total + Number(w.ms), 0);
		const forA = planned.filter((w) => w.request === `GET /contacts/${a}`);
		const forB = planned.filter((w) => w.request === `GET /contacts/${b}`);
		expect(forA.map((w) => w.ms)).toEqual([150, 150, 150, 150]);
		// Item 1 had only 1,500 − 600 ms: it gave up when its next wait would have passed the run's budget.
		// Its waits never shrink (each throttle cuts the pace further; no success in between): the
		// backoff twice, then one interval of the cut pace (item 0's success had won the pace back
		// higher, so the first cuts stay under the backoff), and the next (367 ms) would have made 1,705 ms.
		expect(forB.map((w) => w.ms)).toEqual([150, 150, 180, 258]);
		expect(sum(planned)).toBe(1338);
		expect(result.items[0].json.contact_id).toBe(a);
		expect(String(result.items[1].json.error)).toMatch(/too many requests/i);
	});
});

describe('daily quota', () => {
	let quotaFakes: any;
	let quotaCredential: TestCredential;
	let id: string;

	beforeAll(async () => {
		quotaFakes = await startFakes({ rateLimitPerSecond: 0, dailyCap: 1 });
		id = quotaFakes.admin.bulkContacts(1)[0];
		quotaCredential = credentialsFor(quotaFakes);
	});

	afterAll(async () => {
		await quotaFakes?.stop();
	});

	afterEach(() => {
		expectNoSpecViolations(quotaFakes);
	});

	test('the 10,000/day limit reached: one request, no retry, an error naming the limit and the reset at midnight UTC', async () => {
		const first = await runNode({ credential: quotaCredential, parameters: getParams(id) });
		expect(first.error).toBeUndefined();
		expect(quotaFakes.admin.dailyCount()).toBe(1);

		const from = quotaFakes.log.length;
		const { result, waits } = await recordingWaits(() => runNode({ credential: quotaCredential, parameters: getParams(id) }));

		expect(result.status).toBe('error');
		expect(result.items).toEqual([]);
		const error = result.error!;
		expect(error.message).toContain('10,000');
		expect(error.message).toMatch(/daily limit/i);
		expect(error.description).toMatch(/resets at midnight UTC \(in about (\d+ h )?\d+ min\)/);
		expect(error.description).toContain(`HTTP 429 for GET /contacts/${id}`);
		expect(error.description).toContain('quota_exceeded');
		expect(httpCodeOf(error)).toBe('429');
		expect(error.context?.itemIndex).toBe(0);
		const calls = quotaFakes.log.slice(from);
		expect(calls.map((c: IDataObject) => `${c.server} ${c.method} ${c.status}`)).toEqual(['api GET 429']);
		// Not waited for: no backoff planned.
		expect(waits.filter((w) => w.kind === 'backoff')).toEqual([]);
	});
});

describe('5xx, connection resets and timeouts', () => {
	beforeEach(() => {
		transport.transportSettings.backoffBaseMs = 20;
	});

	test('GET answered 503 once is retried and succeeds', async () => {
		const id = newContact();
		fakes.faults.push({ match: { method: 'GET', pathPrefix: `/contacts/${id}` }, kind: 'status', status: 503 });
		const from = fakes.log.length;
		const result = await runNode({ credential, parameters: getParams(id) });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.contact_id).toBe(id);
		expect(summary(apiCalls(from))).toEqual([`GET /v3/contacts/${id} 503`, `GET /v3/contacts/${id} 200`]);
	});

	test('GET whose connection is reset is retried and succeeds', async () => {
		const id = newContact();
		fakes.faults.push({ match: { method: 'GET', pathPrefix: `/contacts/${id}` }, kind: 'reset' });
		const from = fakes.log.length;
		const result = await runNode({ credential, parameters: getParams(id) });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.contact_id).toBe(id);
		expect(summary(apiCalls(from))).toEqual([`GET /v3/contacts/${id} 0`, `GET /v3/contacts/${id} 200`]);
	});

	test('GET that outlasts requestTimeoutMs is abandoned, retried and succeeds', async () => {
		transport.transportSettings.requestTimeoutMs = 1000;
		const id = newContact();
		fakes.faults.push({ match: { method: 'GET', pathPrefix: `/contacts/${id}` }, kind: 'delay', ms: 4000 });
		const from = fakes.log.length;
		const { result, waits } = await recordingWaits(() => runNode({ credential, parameters: getParams(id) }));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.contact_id).toBe(id);
		const calls = apiCalls(from);
		expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([`GET /v3/contacts/${id}`, `GET /v3/contacts/${id}`]);
		expect(calls[1].status).toBe(200);
		// The answer came from the second attempt: when the run ended the fake had not yet answered
		// the first (it holds it 4 s); between them the node planned one backoff.
		expect(calls[0].status).toBeNull();
		expect(waits.filter((w) => w.kind === 'backoff')).toHaveLength(1);
	});

	test('GET that keeps failing with 503 gives up after maxAttempts with a plain error', async () => {
		transport.transportSettings.maxAttempts = 3;
		const id = newContact();
		fakes.faults.push({ match: { method: 'GET', pathPrefix: `/contacts/${id}` }, kind: 'status', status: 503, times: 10 });
		const from = fakes.log.length;
		const result = await runNode({ credential, parameters: getParams(id) });
		expect(result.status).toBe('error');
		expect(result.error!.message).toMatch(/temporarily unavailable/i);
		expect(result.error!.description).toContain('Gave up after 3 attempts');
		expect(httpCodeOf(result.error)).toBe('503');
		expect(apiCalls(from)).toHaveLength(3);
	});

	test('DELETE answered 502 once is retried and the contact is deleted', async () => {
		const id = newContact();
		fakes.faults.push({ match: { method: 'DELETE', pathPrefix: `/contacts/${id}` }, kind: 'status', status: 502 });
		const from = fakes.log.length;
		const result = await runNode({ credential, parameters: { resource: 'contact', operation: 'delete', contact: byId(id) } });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([{ deleted: true, contact_id: id }]);
		expect(summary(apiCalls(from))).toEqual([`DELETE /v3/contacts/${id} 502`, `DELETE /v3/contacts/${id} 204`]);
		expect(fakes.store.getContact(id).deleted_at).toEqual(expect.any(String));
	});

	test('create answered 500 before processing is retried and creates exactly one contact', async () => {
		const email = 'status500.create@example.com';
		fakes.faults.push({ match: { method: 'POST', pathPrefix: '/contacts' }, kind: 'status', status: 500 });
		const from = fakes.log.length;
		const result = await runNode({ credential, parameters: createParams(email) });
		expect(result.error).toBeUndefined();
		expect(summary(apiCalls(from))).toEqual(['POST /v3/contacts 500', 'POST /v3/contacts 201']);
		const stored = contactsWithEmail(email);
		expect(stored).toHaveLength(1);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.contact_id).toBe(stored[0].contact_id);
	});

	test.each([
		['a 500', { status: 500 }, 500],
		['a connection reset', { reset: true }, 0],
	])(
		'create that succeeded but whose answer was lost (%s): the retry’s 409 resolves to the created contact, no duplicate',
		async (_label, fault, firstStatus) => {
			const email = `lost.answer.${firstStatus}@example.com`;
			fakes.faults.push({ match: { method: 'POST', pathPrefix: '/contacts' }, kind: 'afterHandle', ...fault });
			const from = fakes.log.length;
			const result = await runNode({
				credential,
				parameters: { ...createParams(email), additionalFields: { firstName: 'Lost', lists: [listId] } },
			});

			expect(result.error).toBeUndefined();
			expect(result.status).toBe('success');
			const stored = contactsWithEmail(email);
			expect(stored).toHaveLength(1);
			expect(result.items).toHaveLength(1);
			expect(result.items[0].pairedItem).toEqual({ item: 0 });
			expect(result.items[0].json).toMatchObject({
				contact_id: stored[0].contact_id,
				email_address: expect.objectContaining({ address: email }),
				first_name: 'Lost',
				list_memberships: [listId],
			});
			const calls = apiCalls(from);
			expect(summary(calls)).toEqual([
				`POST /v3/contacts ${firstStatus}`,
				'POST /v3/contacts 409',
				'GET /v3/contacts 200',
			]);
			expect(calls[0].fault).toBe('afterHandle');
			expect(calls[2].query).toMatchObject({ email, status: 'all' });
		},
	);

	test.each([
		['deleted', true],
		['active', false],
	])(
		'create of an e-mail an older %s contact already has: a 503 before processing does not turn the 409 into "created"',
		async (_label, deleted) => {
			const email = `existing.${deleted ? 'deleted' : 'active'}@example.com`;
			const [existing] = fakes.admin.seed({
				contacts: [{ email, first_name: 'Older', created_at: '2023-01-15T10:00:00Z', updated_at: '2023-01-15T10:00:00Z', deleted }],
			}).contacts;

			// Without a fault the user is told the address is taken:
			const plain = await runNode({ credential, parameters: createParams(email) });
			expect(plain.status).toBe('error');
			expect(plain.error!.message).toMatch(/already exists/);
			expect(httpCodeOf(plain.error)).toBe('409');

			// A 503 the gateway answered before doing anything must not change that answer.
			fakes.faults.push({ match: { method: 'POST', pathPrefix: '/contacts' }, kind: 'status', status: 503 });
			const from = fakes.log.length;
			const result = await runNode({ credential, parameters: createParams(email) });

			expect(summary(apiCalls(from)).slice(0, 2)).toEqual(['POST /v3/contacts 503', 'POST /v3/contacts 409']);
			expect(contactsWithEmail(email).map((c) => c.contact_id)).toEqual([existing.contact_id]);
			expect(result.items.map((i) => i.json.contact_id)).toEqual([]);
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(/already exists/);
			expect(httpCodeOf(result.error)).toBe('409');
		},
	);

	test('upsert (sign_up_form) that succeeded but whose answer was lost is sent again: 200, one contact', async () => {
		const email = 'lost.upsert@example.com';
		fakes.faults.push({ match: { method: 'POST', pathPrefix: '/contacts/sign_up_form' }, kind: 'afterHandle', status: 502 });
		const from = fakes.log.length;
		const result = await runNode({
			credential,
			// Only the write: the read-back of Return Full Contact is not what this test is about.
			parameters: { resource: 'contact', operation: 'upsert', email, lists: [listId], options: { returnFullContact: false } },
		});

		expect(result.error).toBeUndefined();
		const stored = contactsWithEmail(email);
		expect(stored).toHaveLength(1);
		expect(result.items).toHaveLength(1);
		// The repeat says "updated"; one read tells that the lost attempt created the contact.
		expect(result.items[0].json).toMatchObject({ contact_id: stored[0].contact_id, email, action: 'created', created: true });
		expect(summary(apiCalls(from))).toEqual([
			'POST /v3/contacts/sign_up_form 502',
			'POST /v3/contacts/sign_up_form 200',
			`GET /v3/contacts/${stored[0].contact_id} 200`,
		]);
	});
});
