/**
 * Transport, rate limit: Constant Contact allows 4 requests per second per application, across
 * every n8n process that uses it. Each process paces itself and adapts that pace to Constant
 * Contact's 429s (AIMD, limiter.ts): full pace (one request every `minSpacingMs`, 260 ms) when
 * alone, cut to 0.7× on a throttle, raised a little by every success. These runs go through n8n's
 * real engine to a fake that enforces 4/s and answers 429 beyond it. The pace is checked through
 * the waits the transport plans (`transportSettings.onWait`), never through clocks.
 */
import type { IDataObject } from 'n8n-workflow';

import { clock, credentialsFor, runNode, transport, type TestCredential } from './harness';
import { apiCallsSince, useTransportFakes } from './transport-suite';

let fakes: any;

// 4 requests per second at the fake, as Constant Contact. Time is the harness's test clock: HTTP
// takes no time on it and the node's waits are exact, so the node's 260 ms spacing puts five
// requests exactly 1040 ms apart: never five inside the fake's one-second window.
useTransportFakes({ rateLimitPerSecond: 4 }, (ready) => {
	fakes = ready;
});

/** Let the fake's one-second window empty (on the test clock), so a test starts with its full budget. */
const quietSecond = () => clock.advance(1100);

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

/** Pins the jitter of start, throttle waits and backoffs (Math.random) for one test. */
const pinRandom = (value: number) => jest.spyOn(Math, 'random').mockReturnValue(value);
afterEach(() => jest.restoreAllMocks());

const paceWaits = (waits: IDataObject[]) => waits.filter((w) => w.kind === 'pace');
const throttleWaits = (waits: IDataObject[]) => waits.filter((w) => w.kind === 'backoff' && w.throttled);
const round = (rate: unknown) => Math.round(Number(rate) * 1000) / 1000;
/** When each call arrived at the fake, in ms from the first (test clock). */
const arrivals = (calls: IDataObject[]) => calls.map((c) => (c.at as number) - (calls[0].at as number));
/** Gaps between consecutive arrivals. */
const gaps = (calls: IDataObject[]) => arrivals(calls).slice(1).map((t, n) => t - arrivals(calls)[n]);

describe('one process alone: full pace, no 429', () => {
	test('12 items doing Get by ID: each request exactly 260 ms after the one before, the fake answers no 429', async () => {
		expect(transport.transportSettings.minSpacingMs).toBe(260);
		const ids: string[] = fakes.admin.bulkContacts(12, { prefix: 'spacing' });
		const credential = credentialsFor(fakes);
		await quietSecond();
		pinRandom(0); // no start jitter: the first request goes at once

		const from = fakes.log.length;
		const { result, waits } = await recordingWaits(() => runNode({ credential, inputItems: ids.map((id) => ({ id })), parameters: getByExpression }));

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.contact_id)).toEqual(ids);
		expect(result.items.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		const calls = apiCalls(from);
		expect(calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual(ids.map((id) => `GET /v3/contacts/${id} 200`));
		expect(gaps(calls)).toEqual(Array(11).fill(260));
		expect(waits).toEqual(ids.slice(1).map((id) => ({ kind: 'pace', ms: 260, request: `GET /contacts/${id}`, rate: FULL_PACE })));
	});

	test('two executions at once (same client ID, different tokens) share the pace: 260 ms apart in all, still no 429', async () => {
		const ids: string[] = fakes.admin.bulkContacts(12, { prefix: 'shared' });
		const first: TestCredential = credentialsFor(fakes);
		const second: TestCredential = { ...credentialsFor(fakes), id: 'cred-2', name: 'CC test 2' };
		expect(first.data.clientId).toBe(second.data.clientId);
		expect((first.data.oauthTokenData as IDataObject).access_token).not.toBe((second.data.oauthTokenData as IDataObject).access_token);
		await quietSecond();
		pinRandom(0);

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
		// One pace for both: 11 gaps of exactly one slot.
		expect(gaps(calls)).toEqual(Array(11).fill(260));
		expect(paceWaits(waits).map((w) => [w.ms, w.rate])).toEqual(Array(11).fill([260, FULL_PACE]));
		// Both executions really ran interleaved: the token changes between requests more than once.
		const tokens = calls.map((c) => c.authorization);
		const switches = tokens.slice(1).filter((t, n) => t !== tokens[n]).length;
		expect(switches).toBeGreaterThan(1);
	});

	test('two executions at once, one renewing its access token: a 429 met by the other is waited out, no error for the user', async () => {
		const ids: string[] = fakes.admin.bulkContacts(8, { prefix: 'renewing' });
		const renewing: TestCredential = { ...credentialsFor(fakes), id: 'cred-renewing', name: 'CC renewing' };
		const steady: TestCredential = { ...credentialsFor(fakes), id: 'cred-steady', name: 'CC steady' };
		fakes.tokens.revoke((renewing.data.oauthTokenData as IDataObject).access_token);
		// n8n re-sends the renewed request inside one helper call, later than its slot (a refresh
		// takes real time), so a request of the other execution can meet a 429 from the window it
		// shares: here the steady execution's second request.
		fakes.faults.push({ match: { method: 'GET', pathPrefix: `/contacts/${ids[4]}` }, kind: 'status', status: 429, body: THROTTLED });
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
		expect(admitted.filter((c) => c.status === 429).map((c) => c.path)).toEqual([`/v3/contacts/${ids[4]}`]);
		expect(admitted).toHaveLength(9);
		expect(a.items.map((item) => item.json.contact_id)).toEqual(ids.slice(0, 3));
		expect(b.items.map((item) => item.json.contact_id)).toEqual(ids.slice(3));
	});

	test('control: with pacing switched off the same burst meets the fake’s 429 (the fake does enforce 4/s), and the throttles are waited out', async () => {
		const ids: string[] = fakes.admin.bulkContacts(8, { prefix: 'control' });
		transport.transportSettings.minSpacingMs = 0;
		transport.transportSettings.backoffBaseMs = 300;
		await quietSecond();
		pinRandom(0.5);

		const from = fakes.log.length;
		const { result, waits } = await recordingWaits(() =>
			runNode({ credential: credentialsFor(fakes), inputItems: ids.map((id) => ({ id })), parameters: getByExpression }),
		);

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.contact_id)).toEqual(ids);
		// Four at once fill the window; the fifth is throttled until the window has room again,
		// waiting its growing backoff (0.75 × 300, 600, 1200 ms): 225 + 450 + 900 = 1575 ms > 1000.
		const calls = apiCalls(from);
		expect(calls.map((c) => c.status)).toEqual([200, 200, 200, 200, 429, 429, 429, 200, 200, 200, 200]);
		expect(arrivals(calls)).toEqual([0, 0, 0, 0, 0, 225, 675, 1575, 1575, 1575, 1575]);
		expect(throttleWaits(waits).map((w) => w.ms)).toEqual([225, 450, 900]);
	});
});

describe('the pace adapts to 429s (AIMD)', () => {
	test('a 429 cuts the pace to 0.7×; each success then raises it a little, never above the full pace', async () => {
		const ids: string[] = fakes.admin.bulkContacts(10, { prefix: 'aimd' });
		// Someone else (another n8n worker) uses up the window: the 3rd request is throttled.
		fakes.faults.push({ match: { method: 'GET', pathPrefix: `/contacts/${ids[2]}` }, kind: 'status', status: 429, body: THROTTLED });
		await quietSecond();
		pinRandom(0.5);

		const from = fakes.log.length;
		const { result, waits } = await recordingWaits(() =>
			runNode({ credential: credentialsFor(fakes), inputItems: ids.map((id) => ({ id })), parameters: getByExpression }),
		);

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.contact_id)).toEqual(ids);
		const calls = apiCalls(from);
		expect(calls.map((c) => c.status)).toEqual([200, 200, 429, ...Array(8).fill(200)]);
		// Start jitter: half an interval (130 ms); then full pace until the throttle.
		const [jitter, ...rest] = paceWaits(waits);
		expect([jitter.ms, jitter.rate]).toEqual([130, FULL_PACE]);
		// The throttle cut the pace to 0.7 × the full pace; the throttled request waited one interval
		// of that pace (371 ms at a pinned jitter of 0.5) or its own backoff (0.75 × 500 ms), the longer.
		const [hold] = throttleWaits(waits);
		expect(throttleWaits(waits)).toHaveLength(1);
		expect(round(hold.rate)).toBe(round(FULL_PACE * 0.7));
		expect(hold.ms).toBe(375);
		expect(gaps(calls)).toEqual([260, 260, 375, ...rest.slice(2).map((w) => w.ms)]);
		// Afterwards every success wins back a fifth of the gap to 0.9 × the pace before the cut
		// (plus a gentle rise): the pace rises towards 3.46/s, each wait shorter than the one before.
		const after = rest.slice(2);
		expect(after.map((w) => w.ms)).toEqual([372, 351, 337, 326, 317, 311, 306]);
		// Each is one interval of the pace the wait before it reported (the first: of the cut pace).
		const paces = [FULL_PACE * 0.7, ...after.map((w) => Number(w.rate))];
		expect(after.map((w) => w.ms)).toEqual(after.map((_, k) => Math.ceil(1000 / paces[k])));
		expect(after.every((w) => Number(w.rate) > FULL_PACE * 0.7 && Number(w.rate) < FULL_PACE * 0.9)).toBe(true);
	});

	test('after a cut the pace recovers up to the full pace and stays there (faster rise for the test)', async () => {
		transport.transportSettings.paceIncreasePerSecond = 1.5;
		const ids: string[] = fakes.admin.bulkContacts(12, { prefix: 'recover' });
		fakes.faults.push({ match: { method: 'GET', pathPrefix: `/contacts/${ids[1]}` }, kind: 'status', status: 429, body: THROTTLED });
		await quietSecond();
		pinRandom(0.5);

		const from = fakes.log.length;
		const { result, waits } = await recordingWaits(() =>
			runNode({ credential: credentialsFor(fakes), inputItems: ids.map((id) => ({ id })), parameters: getByExpression }),
		);

		expect(result.error).toBeUndefined();
		expect(apiCalls(from).filter((c) => c.status === 429)).toHaveLength(1);
		expect(throttleWaits(waits).map((w) => round(w.rate))).toEqual([round(FULL_PACE * 0.7)]);
		const rates = paceWaits(waits).map((w) => round(w.rate));
		// Risen back to the full pace within a few successes, and never above it.
		const back = rates.indexOf(round(FULL_PACE), 2);
		expect(back).toBeGreaterThan(2);
		expect(rates.slice(back)).toEqual(Array(rates.length - back).fill(round(FULL_PACE)));
		expect(rates.slice(back).length).toBeGreaterThanOrEqual(3);
	});

	test('"n8n Processes Sharing This App" = 2 on the credential: each process starts at half the pace, and rises from there', async () => {
		const ids: string[] = fakes.admin.bulkContacts(6, { prefix: 'shared-app' });
		const credential = credentialsFor(fakes, { processesSharingApp: 2 });
		await quietSecond();
		pinRandom(0.5);

		const { result, waits } = await recordingWaits(() =>
			runNode({ credential, inputItems: ids.map((id) => ({ id })), parameters: getByExpression }),
		);

		expect(result.error).toBeUndefined();
		const pace = paceWaits(waits);
		// The start jitter is half an interval at half the pace (520 ms); then one interval each,
		// the pace rising a little with every success.
		expect([pace[0].ms, pace[0].rate]).toEqual([260, FULL_PACE / 2]);
		expect(pace.slice(1).map((w) => w.ms)).toEqual([520, 519, 518, 516, 515]);
		const rates = pace.map((w) => Number(w.rate));
		for (let k = 1; k < rates.length; k++) expect(rates[k]).toBeGreaterThan(rates[k - 1]);
		expect(rates[rates.length - 1]).toBeLessThan(FULL_PACE / 2 + 0.05);
	});
});
