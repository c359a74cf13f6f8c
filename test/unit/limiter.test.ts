/**
 * The adaptive pace of the rate limiter (limiter.ts) on its own: the rules a run through the
 * engine cannot show reliably (several throttles of one burst, the floor, the start jitter, a
 * fresh start after idling). Time is a test clock (the node's clock.ts): waits are exact.
 */
import { setClock } from '../../nodes/ConstantContact/shared/transport/clock';
import type { PlannedWait } from '../../nodes/ConstantContact/shared/transport/settings';
import { transportSettings } from '../../nodes/ConstantContact/shared/transport/settings';
import {
	currentPace,
	processesOf,
	resetRateLimiter,
	succeeded,
	throttled,
	waitForSlot,
} from '../../nodes/ConstantContact/shared/transport/limiter';
import { TestClock } from '../jest/testClock';

const saved = { ...transportSettings };
const req = { method: 'GET' as const, path: '/contacts' };
let waits: PlannedWait[];
let clock: TestClock;

beforeEach(() => {
	clock = new TestClock();
	setClock(clock);
	resetRateLimiter();
	waits = [];
	// 20 ms per slot at full pace keeps these tests fast; the rules do not depend on the scale.
	Object.assign(transportSettings, { minSpacingMs: 20, onWait: (w: PlannedWait) => waits.push(w) });
});

afterEach(() => {
	setClock(undefined);
	Object.assign(transportSettings, saved);
	resetRateLimiter();
	jest.restoreAllMocks();
});

const FULL = 1000 / 20;

describe('the pace of one application in one process', () => {
	test('starts at the full pace (one process), or at full ÷ processes from the credential', async () => {
		await waitForSlot('one', req, 1);
		expect(currentPace('one')).toBe(FULL);
		await waitForSlot('four', req, 4);
		expect(currentPace('four')).toBe(FULL / 4);
	});

	test('start jitter: the first request waits a random part of one interval of the starting pace', async () => {
		jest.spyOn(Math, 'random').mockReturnValue(0.9);
		const start = clock.now();
		const sentAt = await waitForSlot('app', req, 2);
		// One interval at full ÷ 2 is 40 ms, 0.9 of it 36 ms.
		expect(waits).toEqual([{ kind: 'pace', ms: 36, request: 'GET /contacts', rate: FULL / 2 }]);
		expect(sentAt - start).toBe(36);
	});

	test('a throttle cuts the pace to 0.7×, and answers a wait of 0.5–1.5 intervals of the new pace (or the backoff, if longer)', async () => {
		jest.spyOn(Math, 'random').mockReturnValue(0.5);
		const sentAt = await waitForSlot('app', req);
		expect(throttled('app', sentAt, 0)).toEqual({ wait: Math.round(1000 / (FULL * 0.7)), rate: FULL * 0.7 });
		const again = await waitForSlot('app', req);
		expect(throttled('app', again, 500)).toEqual({ wait: 500, rate: FULL * 0.49 });
	});

	test('several throttles of one burst (requests sent before the cut) cut the pace once', async () => {
		const first = await waitForSlot('app', req);
		const second = await waitForSlot('app', req);
		const third = await waitForSlot('app', req);
		throttled('app', first, 0);
		throttled('app', second, 0);
		throttled('app', third, 0);
		expect(currentPace('app')).toBeCloseTo(FULL * 0.7, 9);
		// A request sent after the cut that is throttled again cuts again.
		throttled('app', await waitForSlot('app', req), 0);
		expect(currentPace('app')).toBeCloseTo(FULL * 0.49, 9);
	});

	test('never below the floor (0.2 requests per second), however many throttles', async () => {
		Object.assign(transportSettings, { minSpacingMs: 250, paceFloorPerSecond: 0.2 });
		let sentAt = await waitForSlot('app', req);
		for (let n = 0; n < 20; n++) {
			throttled('app', sentAt, 0);
			sentAt = clock.now() + 1; // the next attempt leaves after the cut
		}
		expect(currentPace('app')).toBe(0.2);
	});

	test('after a cut successes win back quickly to 0.9 × the pace before it, then rise gently, never above the full pace', async () => {
		const sentAt = await waitForSlot('app', req);
		throttled('app', sentAt, 0);
		const pace = () => currentPace('app')!;
		for (let n = 0; n < 30; n++) succeeded('app');
		expect(pace()).toBeGreaterThan(FULL * 0.89);
		expect(pace()).toBeLessThan(FULL * 0.91);
		transportSettings.paceIncreasePerSecond = 1000;
		for (let n = 0; n < 10; n++) succeeded('app');
		expect(pace()).toBe(FULL);
	});

	test('a second cut before the quick win-back is done lowers its level by 0.9× only, not to 0.9× the pace reached', async () => {
		const pace = () => currentPace('app')!;
		throttled('app', await waitForSlot('app', req), 0);
		expect(pace()).toBeCloseTo(FULL * 0.7, 9);
		succeeded('app');
		const reached = pace();
		expect(reached).toBeLessThan(FULL * 0.9);
		throttled('app', clock.now() + 1, 0); // sent after the first cut
		expect(pace()).toBeCloseTo(reached * 0.7, 9);
		for (let n = 0; n < 40; n++) succeeded('app');
		// Back to 0.9 × 0.9 × the full pace (40.5), not to 0.9 × the pace reached (about 34).
		expect(pace()).toBeGreaterThan(FULL * 0.81 - 0.1);
		expect(pace()).toBeLessThan(FULL * 0.81 + 0.5);
	});

	test('waiting requests are held together after a throttle: the next slot comes only after the hold', async () => {
		jest.spyOn(Math, 'random').mockReturnValue(0.5);
		const sentAt = await waitForSlot('app', req);
		const { wait } = throttled('app', sentAt, 200);
		expect(wait).toBe(200);
		waits = [];
		const next = await waitForSlot('app', req);
		expect(waits).toEqual([{ kind: 'pace', ms: 200, request: 'GET /contacts', rate: FULL * 0.7 }]);
		expect(next - sentAt).toBe(200);
	});

	test('a pace unused for paceIdleResetMs starts afresh at the starting pace', async () => {
		transportSettings.paceIdleResetMs = 0;
		const sentAt = await waitForSlot('app', req);
		throttled('app', sentAt, 0);
		expect(currentPace('app')).toBeCloseTo(FULL * 0.7, 9);
		await clock.advance(1);
		await waitForSlot('app', req);
		expect(currentPace('app')).toBe(FULL);
	});
});

describe('on the real clock (every other test here drives a test clock)', () => {
	test('requests at full pace get their slots on Date.now() and real timers, in order', async () => {
		setClock(undefined);
		const sent = await Promise.all([waitForSlot('real', req), waitForSlot('real', req), waitForSlot('real', req)]);
		expect([...sent].sort((a, b) => a - b)).toEqual(sent);
		expect(waits.map((w) => w.kind)).toContain('pace');
	});
});

describe('processesOf (the credential field "n8n Processes Sharing This App")', () => {
	test.each([
		[undefined, 1],
		['', 1],
		[0, 1],
		[-3, 1],
		[1, 1],
		[2, 2],
		[4.7, 4],
		['3', 3],
		['abc', 1],
	])('%j → %j', (value, expected) => {
		expect(processesOf(value)).toBe(expected);
	});
});
