/**
 * Transport, rate limit: Constant Contact allows 4 requests per second per application, across
 * every n8n process that uses it. Each process paces itself and adapts that pace to Constant
 * Contact's 429s (AIMD, limiter.ts): full pace (one request every `minSpacingMs`, 260 ms) when
 * alone, cut to 0.7× on a throttle, raised a little by every success. These runs go through n8n's
 * real engine to a fake that enforces 4/s and answers 429 beyond it. The pace is checked through
 * the waits the transport plans (`transportSettings.onWait`), never through clocks.
 */
import type { IDataObject } from 'n8n-workflow';

import { credentialsFor, runNode, transport, type TestCredential } from './harness';
import { apiCallsSince, useTransportFakes } from './transport-suite';

let fakes: any;

// 4 requests per 960 ms at the fake: the node's 260 ms spacing puts five requests at least 1032 ms
// apart when sent; the window leaves 72 ms (not 32) for what delays one request's arrival more than
// the fourth after it inside this one process (a GC pause, the other execution's work). The
// control test shows an unpaced burst still meets the limit.
useTransportFakes({ rateLimitPerSecond: 4, rateWindowMs: 960 }, (ready) => {
	fakes = ready;
});

/** Let the fake's one-second window empty, so a test starts with its full budget. */
const quietSecond = () => new Promise((resolve) => setTimeout(resolve, 1100));

const apiCalls = (from: number): IDataObject[] => apiCallsSince(fakes, from);
const FULL_PACE = 1000 / 260;
const THROTTLED = { error_key: 'throttled', error_message: 'Too Many Requests' };

const getByExpression = {
	resource: 'contact',
	operation: 'get',
	contact: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
};

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

const paceWaits = (waits: IDataObject[]) => waits.filter((w) => w.kind === 'pace');
const throttleWaits = (waits: IDataObject[]) => waits.filter((w) => w.kind === 'backoff' && w.throttled);
const round = (rate: unknown) => Math.round(Number(rate) * 1000) / 1000;

describe('one process alone: full pace, no 429', () => {
	test('12 items doing Get by ID: every wait is at the full pace (one request per 260 ms), the fake answers no 429', async () => {
		expect(transport.transportSettings.minSpacingMs).toBe(260);
		const ids: string[] = fakes.admin.bulkContacts(12, { prefix: 'spacing' });
		const credential = credentialsFor(fakes);
		// Warm up n8n's request path first: the first request of a test file is slower to arrive.
		await runNode({ credential, inputItems: [{ id: ids[0] }], parameters: getByExpression });
		transport.resetRateLimiter();
		await quietSecond();

		const from = fakes.log.length;
		const { result, waits } = await recordingWaits(() => runNode({ credential, inputItems: ids.map((id) => ({ id })), parameters: getByExpression }));

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.contact_id)).toEqual(ids);
		expect(result.items.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		const calls = apiCalls(from);
		expect(calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual(ids.map((id) => `GET /v3/contacts/${id} 200`));
		expect(calls.filter((c) => c.status === 429)).toEqual([]);
		// Requests 2–12 each waited for a slot (the first only for the start jitter, if at all).
		const pace = paceWaits(waits);
		expect(pace.length).toBeGreaterThanOrEqual(11);
		expect(new Set(pace.map((w) => round(w.rate)))).toEqual(new Set([round(FULL_PACE)]));
		for (const w of pace) expect(w.ms).toBeLessThanOrEqual(261);
		expect(throttleWaits(waits)).toEqual([]);
	});

	test('two executions at once (same client ID, different tokens) share the pace: still no 429', async () => {
		const ids: string[] = fakes.admin.bulkContacts(12, { prefix: 'shared' });
		const first: TestCredential = credentialsFor(fakes);
		const second: TestCredential = { ...credentialsFor(fakes), id: 'cred-2', name: 'CC test 2' };
		expect(first.data.clientId).toBe(second.data.clientId);
		expect((first.data.oauthTokenData as IDataObject).access_token).not.toBe((second.data.oauthTokenData as IDataObject).access_token);
		await quietSecond();

		const from = fakes.log.length;
		const { result: [a, b], waits } = await recordingWaits(() =>
			Promise.all([
				runNode({ credential: first, inputItems: ids.slice(0, 6).map((id) => ({ id })), parameters: getByExpression }),
				runNode({ credential: second, inputItems: ids.slice(6).map((id) => ({ id })), parameters: getByExpression }),
			]),
		);

		expect(a.error).toBeUndefined();
		expect(b.error).toBeUndefined();
		expect(a.items.map((item) => item.json.contact_id)).toEqual(ids.slice(0, 6));
		expect(b.items.map((item) => item.json.contact_id)).toEqual(ids.slice(6));
		const calls = apiCalls(from);
		expect(calls).toHaveLength(12);
		expect(calls.every((c) => c.status === 200)).toBe(true);
		// Both executions really ran interleaved (each had requests in between the other's).
		const tokensInOrder = [...calls].sort((x, y) => (x.at as number) - (y.at as number)).map((c) => c.authorization);
		expect(new Set(tokensInOrder.slice(0, 4)).size).toBe(2);
		// One pace for both: 11 gaps of one slot each, all at full pace.
		expect(paceWaits(waits).length).toBeGreaterThanOrEqual(11);
		expect(new Set(paceWaits(waits).map((w) => round(w.rate)))).toEqual(new Set([round(FULL_PACE)]));
	});

	test('two executions at once, one renewing its access token (slow token endpoint): at most one 429, waited out, no error for the user', async () => {
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
		// n8n re-sends the renewed request inside one helper call, later than its slot, so a
		// concurrent execution's request can meet one 429. It waits and goes again; the user sees
		// every contact and no error.
		const throttled = admitted.filter((c) => c.status === 429);
		expect(throttled.length).toBeLessThanOrEqual(1);
		expect(admitted).toHaveLength(8 + throttled.length);
		expect(a.items.map((item) => item.json.contact_id)).toEqual(ids.slice(0, 3));
		expect(b.items.map((item) => item.json.contact_id)).toEqual(ids.slice(3));
	});

	test('control: with pacing switched off the same burst meets the fake’s 429 (the fake does enforce 4/s), and the throttles are waited out', async () => {
		const ids: string[] = fakes.admin.bulkContacts(8, { prefix: 'control' });
		transport.transportSettings.minSpacingMs = 0;
		transport.transportSettings.backoffBaseMs = 300;
		await quietSecond();

		const from = fakes.log.length;
		const { result, waits } = await recordingWaits(() =>
			runNode({ credential: credentialsFor(fakes), inputItems: ids.map((id) => ({ id })), parameters: getByExpression }),
		);

		const calls = apiCalls(from);
		const throttled = calls.filter((c) => c.status === 429);
		expect(throttled.length).toBeGreaterThan(0);
		expect(throttleWaits(waits)).toHaveLength(throttled.length);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.contact_id)).toEqual(ids);
	});
});

describe('the pace adapts to 429s (AIMD)', () => {
	test('a 429 cuts the pace to 0.7×; each success then raises it a little, never above the full pace', async () => {
		const ids: string[] = fakes.admin.bulkContacts(10, { prefix: 'aimd' });
		// Someone else (another n8n worker) uses up the window: the 3rd request is throttled.
		fakes.faults.push({ match: { method: 'GET', pathPrefix: `/contacts/${ids[2]}` }, kind: 'status', status: 429, body: THROTTLED });
		await quietSecond();

		const from = fakes.log.length;
		const { result, waits } = await recordingWaits(() =>
			runNode({ credential: credentialsFor(fakes), inputItems: ids.map((id) => ({ id })), parameters: getByExpression }),
		);

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.contact_id)).toEqual(ids);
		expect(apiCalls(from).map((c) => c.status)).toEqual([200, 200, 429, ...Array(8).fill(200)]);
		// The throttle cut the pace to 0.7 × the full pace; the throttled request waited about one
		// interval of that pace (between 0.5 and 1.5 of it) before it went again.
		const [hold] = throttleWaits(waits);
		expect(throttleWaits(waits)).toHaveLength(1);
		expect(round(hold.rate)).toBe(round(FULL_PACE * 0.7));
		expect(hold.ms).toBeGreaterThanOrEqual(Math.floor(500 / (FULL_PACE * 0.7)));
		expect(hold.ms).toBeLessThanOrEqual(Math.ceil(1500 / (FULL_PACE * 0.7)));
		const at = waits.indexOf(hold);
		const before = paceWaits(waits.slice(0, at)).map((w) => Number(w.rate));
		const afterWaits = paceWaits(waits.slice(at));
		const after = afterWaits.map((w) => Number(w.rate));
		expect(before.every((r) => round(r) === round(FULL_PACE))).toBe(true);
		// Afterwards the pace only rises (quickly back towards 0.9 × the pace before the cut, then
		// gently) and stays below the full pace within these few requests. The throttled request
		// may plan a further wait at the cut pace, before any success: its own timer can fire a few
		// ms before the hold ends (CI saw it once) and it waits out the rest. Every later request
		// waits at a pace above the cut.
		const retried = hold.request;
		const resumed = afterWaits.filter((w) => w.request === retried);
		expect(resumed.every((w) => round(w.rate) === round(FULL_PACE * 0.7))).toBe(true);
		const risen = afterWaits.filter((w) => w.request !== retried).map((w) => Number(w.rate));
		expect(risen.length).toBeGreaterThanOrEqual(6);
		expect(risen[0]).toBeGreaterThan(FULL_PACE * 0.7);
		for (let k = 1; k < after.length; k++) expect(after[k]).toBeGreaterThanOrEqual(after[k - 1]);
		expect(after[after.length - 1]).toBeGreaterThan(FULL_PACE * 0.85);
		expect(after[after.length - 1]).toBeLessThan(FULL_PACE);
	});

	test('after a cut the pace recovers up to the full pace and stays there (faster rise for the test)', async () => {
		transport.transportSettings.paceIncreasePerSecond = 1.5;
		const ids: string[] = fakes.admin.bulkContacts(12, { prefix: 'recover' });
		fakes.faults.push({ match: { method: 'GET', pathPrefix: `/contacts/${ids[1]}` }, kind: 'status', status: 429, body: THROTTLED });
		await quietSecond();

		const from = fakes.log.length;
		const { result, waits } = await recordingWaits(() =>
			runNode({ credential: credentialsFor(fakes), inputItems: ids.map((id) => ({ id })), parameters: getByExpression }),
		);

		expect(result.error).toBeUndefined();
		expect(apiCalls(from).filter((c) => c.status === 429)).toHaveLength(1);
		expect(throttleWaits(waits).map((w) => round(w.rate))).toEqual([round(FULL_PACE * 0.7)]);
		const rates = paceWaits(waits).map((w) => round(w.rate));
		expect(rates.slice(-3)).toEqual([round(FULL_PACE), round(FULL_PACE), round(FULL_PACE)]);
		expect(Math.max(...rates)).toBe(round(FULL_PACE));
	});

	test('"n8n Processes Sharing This App" = 2 on the credential: each process starts at half the pace, and rises from there', async () => {
		const ids: string[] = fakes.admin.bulkContacts(6, { prefix: 'shared-app' });
		const credential = credentialsFor(fakes, { processesSharingApp: 2 });
		await quietSecond();

		const { result, waits } = await recordingWaits(() =>
			runNode({ credential, inputItems: ids.map((id) => ({ id })), parameters: getByExpression }),
		);

		expect(result.error).toBeUndefined();
		const rates = paceWaits(waits).map((w) => Number(w.rate));
		// The first planned wait is the start jitter at half the pace; when the jitter fell within
		// the timer slack (2 ms of 520) the first request went at once and the first planned wait is
		// the second request's, after one success had raised the pace by about 0.005.
		expect(rates[0]).toBeGreaterThanOrEqual(FULL_PACE / 2);
		expect(rates[0]).toBeLessThan(FULL_PACE / 2 + 0.01);
		expect(rates[rates.length - 1]).toBeGreaterThan(rates[0]);
		expect(rates[rates.length - 1]).toBeLessThan(FULL_PACE / 2 + 0.1);
	});
});
