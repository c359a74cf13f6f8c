/**
 * Transport, rate limit: Constant Contact allows 4 requests per second per application. The
 * node's transport gives out one slot every `transportSettings.minSpacingMs` (260 ms) per client
 * ID, shared by every item and every execution in the process. These runs go through n8n's real
 * engine to a fake that enforces 4/s and answers 429 beyond it.
 */
import type { IDataObject } from 'n8n-workflow';

import { credentialsFor, runNode, transport, type TestCredential } from './harness';
import { apiCallsSince, useTransportFakes } from './transport-suite';


let fakes: any;

useTransportFakes({ rateLimitPerSecond: 4 }, (ready) => {
	fakes = ready;
});

/** Let the fake's one-second window empty, so a test starts with its full budget. */
const quietSecond = () => new Promise((resolve) => setTimeout(resolve, 1100));

const apiCalls = (from: number): IDataObject[] => apiCallsSince(fakes, from);

const getByExpression = {
	resource: 'contact',
	operation: 'get',
	contact: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
};

/** Gaps in ms between consecutive arrivals at the fake, in arrival order. */
function gaps(calls: IDataObject[]): number[] {
	const at = calls.map((c) => c.at as number).sort((a, b) => a - b);
	return at.slice(1).map((t, k) => t - at[k]);
}

/** Time from each arrival to the 4th arrival after it: the server's rule is "never 5 inside 1 s". */
function fiveRequestSpans(calls: IDataObject[]): number[] {
	const at = calls.map((c) => c.at as number).sort((a, b) => a - b);
	return at.slice(4).map((t, k) => t - at[k]);
}

/**
 * Consecutive arrivals are ~260 ms apart. The slot is taken before n8n looks up and signs the
 * credential and opens the connection, so single arrivals jitter by up to ~25 ms (the first
 * request of a process arrives ~230 ms before the second); the 10 ms per slot of headroom is what
 * keeps five arrivals from falling inside one second.
 */
function expectSpaced(calls: IDataObject[]): void {
	for (const gap of gaps(calls)) expect(gap).toBeGreaterThanOrEqual(225);
	for (const span of fiveRequestSpans(calls)) expect(span).toBeGreaterThan(1000);
}

describe('one slot every 260 ms per Constant Contact application', () => {
	test('12 items doing Get by ID: no 429, requests ~260 ms apart (never 5 in a second), about 12 × 260 ms in all', async () => {
		expect(transport.transportSettings.minSpacingMs).toBe(260);
		const ids: string[] = fakes.admin.bulkContacts(12, { prefix: 'spacing' });
		const credential = credentialsFor(fakes);
		await quietSecond();

		const from = fakes.log.length;
		const started = Date.now();
		const result = await runNode({ credential, inputItems: ids.map((id) => ({ id })), parameters: getByExpression });
		const elapsed = Date.now() - started;

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.json.contact_id)).toEqual(ids);
		expect(result.items.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));

		const calls = apiCalls(from);
		expect(calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual(
			ids.map((id) => `GET /v3/contacts/${id} 200`),
		);
		expect(calls.filter((c) => c.status === 429)).toEqual([]);
		expectSpaced(calls);
		// 12 slots: the first immediately, the last 11 × 260 ms later.
		expect((calls[11].at as number) - (calls[0].at as number)).toBeGreaterThanOrEqual(11 * 255);
		expect(elapsed).toBeGreaterThanOrEqual(11 * 255);
		expect(elapsed).toBeLessThan(12 * 260 + 1500);
	});

	test('two executions at once (same client ID, different tokens) share the limiter: still no 429', async () => {
		const ids: string[] = fakes.admin.bulkContacts(12, { prefix: 'shared' });
		const first: TestCredential = credentialsFor(fakes);
		const second: TestCredential = { ...credentialsFor(fakes), id: 'cred-2', name: 'CC test 2' };
		expect(first.data.clientId).toBe(second.data.clientId);
		expect((first.data.oauthTokenData as IDataObject).access_token).not.toBe(
			(second.data.oauthTokenData as IDataObject).access_token,
		);
		await quietSecond();

		const from = fakes.log.length;
		const started = Date.now();
		const [a, b] = await Promise.all([
			runNode({ credential: first, inputItems: ids.slice(0, 6).map((id) => ({ id })), parameters: getByExpression }),
			runNode({ credential: second, inputItems: ids.slice(6).map((id) => ({ id })), parameters: getByExpression }),
		]);
		const elapsed = Date.now() - started;

		expect(a.error).toBeUndefined();
		expect(b.error).toBeUndefined();
		expect(a.items.map((item) => item.json.contact_id)).toEqual(ids.slice(0, 6));
		expect(b.items.map((item) => item.json.contact_id)).toEqual(ids.slice(6));

		const calls = apiCalls(from);
		expect(calls).toHaveLength(12);
		expect(calls.filter((c) => c.status === 429)).toEqual([]);
		expect(calls.every((c) => c.status === 200)).toBe(true);
		// Both executions really ran interleaved (each had requests in between the other's).
		const tokensInOrder = [...calls].sort((x, y) => (x.at as number) - (y.at as number)).map((c) => c.authorization);
		expect(new Set(tokensInOrder.slice(0, 4)).size).toBe(2);
		expectSpaced(calls);
		expect(elapsed).toBeGreaterThanOrEqual(11 * 255);
	});

	test('two executions at once, one renewing its access token (slow token endpoint): at most one 429 at the fake, retried, and no error for the user', async () => {
		const ids: string[] = fakes.admin.bulkContacts(8, { prefix: 'renewing' });
		const renewing: TestCredential = { ...credentialsFor(fakes), id: 'cred-renewing', name: 'CC renewing' };
		const steady: TestCredential = { ...credentialsFor(fakes), id: 'cred-steady', name: 'CC steady' };
		fakes.tokens.revoke((renewing.data.oauthTokenData as IDataObject).access_token);
		// Okta answering a refresh in 300 ms is ordinary.
		fakes.faults.push({ match: { server: 'oauth', method: 'POST' }, kind: 'delay', ms: 300 });
		await quietSecond();

		const from = fakes.log.length;
		const [a, b] = await Promise.all([
			runNode({ credential: renewing, inputItems: ids.slice(0, 3).map((id) => ({ id })), parameters: getByExpression }),
			runNode({ credential: steady, inputItems: ids.slice(3).map((id) => ({ id })), parameters: getByExpression }),
		]);

		expect(a.error).toBeUndefined();
		expect(b.error).toBeUndefined();
		expect(renewing.tokenUpdates).toHaveLength(1);
		const calls = apiCalls(from);
		// The 401 that started the renewal was rejected before the limits (not counted by the fake).
		expect(calls.filter((c) => c.status === 401)).toHaveLength(1);
		const admitted = calls.filter((c) => c.status !== 401);
		// Known limit of the spacing limiter (README, Limits): n8n re-sends the renewed request
		// inside one helper call, later than its slot, so a concurrent execution's request can
		// meet one 429. The transport retries it; the user sees every contact and no error.
		const throttled = admitted.filter((c) => c.status === 429);
		expect(throttled.length).toBeLessThanOrEqual(1);
		expect(admitted).toHaveLength(8 + throttled.length);
		expect(a.items.map((item) => item.json.contact_id)).toEqual(ids.slice(0, 3));
		expect(b.items.map((item) => item.json.contact_id)).toEqual(ids.slice(3));
	});

	test('control: with the spacing switched off the same burst meets the fake’s 429 (the fake does enforce 4/s)', async () => {
		const ids: string[] = fakes.admin.bulkContacts(8, { prefix: 'control' });
		transport.transportSettings.minSpacingMs = 0;
		transport.transportSettings.backoffBaseMs = 300;
		await quietSecond();

		const from = fakes.log.length;
		const result = await runNode({
			credential: credentialsFor(fakes),
			inputItems: ids.map((id) => ({ id })),
			parameters: getByExpression,
		});

		const calls = apiCalls(from);
		expect(calls.filter((c) => c.status === 429).length).toBeGreaterThan(0);
		// …and the 429s were retried until each item got its contact.
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.contact_id)).toEqual(ids);
	});
});
