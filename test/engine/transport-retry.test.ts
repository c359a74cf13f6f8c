/**
 * Transport, retries, through real runs: 429 throttling (any method, bounded backoff), the daily
 * quota (no retry), and 5xx / connection resets / timeouts (only for idempotent requests, and for
 * contact creates that can recover from a 409 after an ambiguous failure).
 *
 * What the user sees (run status, items, error) is checked together with what reached the fake
 * (its request log and its data).
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

describe('429 throttled', () => {
	test('a GET throttled twice is retried with growing waits and succeeds', async () => {
		const id = newContact();
		// Jitter pinned to the middle so the exponential growth is visible: 0.75 × 400 ms, then 0.75 × 800 ms.
		const random = jest.spyOn(Math, 'random').mockReturnValue(0.5);
		transport.transportSettings.backoffBaseMs = 400;
		fakes.faults.push({ match: { method: 'GET', pathPrefix: `/contacts/${id}` }, kind: 'status', status: 429, body: THROTTLED, times: 2 });

		const from = fakes.log.length;
		const result = await runNode({ credential, parameters: getParams(id) }).finally(() => random.mockRestore());

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.contact_id).toBe(id);
		const calls = apiCalls(from);
		expect(summary(calls)).toEqual([`GET /v3/contacts/${id} 429`, `GET /v3/contacts/${id} 429`, `GET /v3/contacts/${id} 200`]);
		const firstWait = (calls[1].at as number) - (calls[0].at as number);
		const secondWait = (calls[2].at as number) - (calls[1].at as number);
		// Lower bounds are exact (the node waited at least this long); upper bounds only guard
		// against waits far beyond the backoff, as a loaded machine delays timers.
		expect(firstWait).toBeGreaterThanOrEqual(300 - 5);
		expect(firstWait).toBeLessThan(300 + 1500);
		expect(secondWait).toBeGreaterThanOrEqual(600 - 5);
		expect(secondWait).toBeLessThan(600 + 1500);
		expect(secondWait).toBeGreaterThan(firstWait);
	});

	test('a throttled create is retried (the gateway rejected it before processing) and creates exactly one contact', async () => {
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

	test('persistent 429: the run fails after maxAttempts with a plain "too many requests" error', async () => {
		transport.transportSettings.backoffBaseMs = 20;
		transport.transportSettings.maxAttempts = 4;
		const id = newContact();
		fakes.faults.push({ match: { method: 'GET', pathPrefix: `/contacts/${id}` }, kind: 'status', status: 429, body: THROTTLED, times: 100 });

		const from = fakes.log.length;
		const result = await runNode({ credential, parameters: getParams(id) });

		expect(result.status).toBe('error');
		expect(result.items).toEqual([]);
		const error = result.error!;
		expect(error.message).toMatch(/too many requests/i);
		expect(error.description).toMatch(/4 requests per second/);
		expect(error.description).toContain('Gave up after 4 attempts');
		expect(error.description).toContain(`HTTP 429 for GET /contacts/${id}`);
		expect(httpCodeOf(error)).toBe('429');
		expect(error.context?.itemIndex).toBe(0);
		expect(summary(apiCalls(from))).toEqual(Array(4).fill(`GET /v3/contacts/${id} 429`));
	});

	test('persistent 429: the total wait stays within maxTotalRetryWaitMs even when attempts remain', async () => {
		Object.assign(transport.transportSettings, {
			maxAttempts: 50,
			backoffBaseMs: 600,
			backoffMaxMs: 600, // every wait 300–600 ms
			maxTotalRetryWaitMs: 2000,
		});
		const id = newContact();
		fakes.faults.push({ match: { method: 'GET', pathPrefix: `/contacts/${id}` }, kind: 'status', status: 429, body: THROTTLED, times: 100 });

		const from = fakes.log.length;
		const started = Date.now();
		const result = await runNode({ credential, parameters: getParams(id) });
		const elapsed = Date.now() - started;

		expect(result.status).toBe('error');
		expect(result.error!.message).toMatch(/too many requests/i);
		const calls = apiCalls(from);
		// Waits of 300–600 ms within 2 s: between 4 and 7 requests, far fewer than the 50 allowed.
		expect(calls.length).toBeGreaterThanOrEqual(4);
		expect(calls.length).toBeLessThanOrEqual(7);
		expect(result.error!.description).toContain(`Gave up after ${calls.length} attempts`);
		const firstToLast = (calls[calls.length - 1].at as number) - (calls[0].at as number);
		expect(firstToLast).toBeLessThanOrEqual(2000 + 1500); // timer and network latency only (loaded machine)
		expect(firstToLast).toBeGreaterThan(2000 - 600 - 50);
		expect(elapsed).toBeLessThan(2000 + 1500);
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
		const started = Date.now();
		const result = await runNode({ credential: quotaCredential, parameters: getParams(id) });
		const elapsed = Date.now() - started;

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
		expect(elapsed).toBeLessThan(2000);
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
		transport.transportSettings.requestTimeoutMs = 400;
		const id = newContact();
		fakes.faults.push({ match: { method: 'GET', pathPrefix: `/contacts/${id}` }, kind: 'delay', ms: 2500 });
		const from = fakes.log.length;
		const started = Date.now();
		const result = await runNode({ credential, parameters: getParams(id) });
		const elapsed = Date.now() - started;
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.contact_id).toBe(id);
		const calls = apiCalls(from);
		expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([`GET /v3/contacts/${id}`, `GET /v3/contacts/${id}`]);
		expect(calls[1].status).toBe(200);
		// The second attempt started after the 400 ms timeout (timer and clock granularity aside).
		expect((calls[1].at as number) - (calls[0].at as number)).toBeGreaterThanOrEqual(350);
		// The answer came from the second attempt, not from waiting out the slow first one.
		expect(elapsed).toBeLessThan(2500);
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
