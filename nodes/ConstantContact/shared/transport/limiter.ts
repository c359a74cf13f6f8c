/**
 * Rate limit: Constant Contact allows 4 requests per second per application (client ID), shared by
 * every n8n process that uses it (n8n's queue mode runs executions in several workers). Processes
 * cannot see each other, and nothing correct may depend on process memory; Constant Contact's
 * own answers are the only signal they share. So each process paces itself and adapts the pace
 * the way TCP adapts to congestion (AIMD):
 *  - a 429 "throttled" cuts this process's pace to `paceCut` times itself (once per burst: answers
 *    to requests sent before the cut do not cut again), never below `paceFloorPerSecond`;
 *  - successes win back quickly up to `paceRecover` times the pace before the cut (each closes a
 *    fifth of the gap; a cut before that is done lowers the level by `paceRecover` only), then
 *    raise it gently: by `paceIncreasePerSecond` per second of sending,
 *    a rise that grows with the square of the time no throttle came (so a process left alone, or
 *    one held below its share, soon goes faster), up to one request every `minSpacingMs`;
 *  - the first request of a pace waits a random part of one interval (start jitter), so that
 *    processes starting together do not send in step;
 *  - a pace starts at `4 / processes` requests per second, `processes` being the credential's
 *    "n8n Processes Sharing This App" (default 1: a single process goes at full speed at once).
 * The pace is per process and only an optimisation: no item fails because of it. What keeps
 * results correct is that a throttled request waits and is sent again (request.ts).
 */
import { clock } from './clock';
import type { CcRequest } from './settings';
import { plan, transportSettings } from './settings';

interface Waiter {
	req: CcRequest;
	release: (sentAt: number) => void;
}

interface Pace {
	/** Requests per second this process allows itself for the application. */
	rate: number;
	/** When the next request may be sent (ms since the epoch). */
	nextSlot: number;
	/** When the pace was last cut: answers to requests sent until then do not cut it again. */
	cutAt: number;
	/** Since when no throttle came (the gentle rise grows with it). */
	calmSince: number;
	/** What successes win back quickly after a cut. */
	recoverTo: number;
	lastUsed: number;
	processes: number;
	/** Requests waiting for their turn, in order; one dispatcher hands out the slots. */
	queue: Waiter[];
	dispatching: boolean;
}

const paces = new Map<string, Pace>();

/** How early a slot may be handed out: timers can fire this much before their time. */
const TIMER_SLACK_MS = 2;

/** The fastest pace: one request every `minSpacingMs` (0: no pacing at all). */
function maxRate(): number {
	return transportSettings.minSpacingMs > 0 ? 1000 / transportSettings.minSpacingMs : Infinity;
}

function spacing(rate: number): number {
	return rate === Infinity ? 0 : 1000 / rate;
}

/** The credential's "n8n Processes Sharing This App": a whole number from 1, else 1. */
export function processesOf(value: unknown): number {
	const n = Math.floor(Number(value));
	return Number.isFinite(n) && n >= 1 ? Math.min(n, 1000) : 1;
}

function paceFor(appKey: string, processes: number, now: number): Pace {
	let pace = paces.get(appKey);
	const idle = pace && pace.queue.length === 0 && now - pace.lastUsed > transportSettings.paceIdleResetMs;
	if (!pace || pace.processes !== processes || idle) {
		const rate = maxRate() / processes;
		// Start jitter: the first request waits a random part of one interval.
		pace = { rate, nextSlot: now + Math.random() * spacing(rate), cutAt: -Infinity, calmSince: now, recoverTo: 0, lastUsed: now, processes, queue: [], dispatching: false };
		paces.set(appKey, pace);
	}
	return pace;
}

/**
 * Hands out the slots of one pace in order. The gap before each slot is computed when it is due,
 * from the pace at that moment, so a cut or a hold applies at once to every waiting request.
 */
async function dispatch(pace: Pace): Promise<void> {
	pace.dispatching = true;
	try {
		while (pace.queue.length) {
			const now = clock.now();
			const wait = pace.nextSlot - now;
			// A real timer may fire a millisecond or two before its time (Node rounds): that is the slot.
			if (wait > TIMER_SLACK_MS) {
				await clock.sleep(plan('pace', Math.ceil(wait), pace.queue[0].req, { rate: pace.rate }));
				continue; // the pace may have been cut meanwhile
			}
			const waiter = pace.queue.shift()!;
			pace.nextSlot = now + spacing(pace.rate);
			pace.lastUsed = now;
			waiter.release(now);
		}
	} finally {
		pace.dispatching = false;
	}
}

/**
 * Waits for this application's next slot in this process (each wait is planned first, with the
 * pace, so tests see it). Answers the time the request may be sent, for `throttled`.
 */
export async function waitForSlot(appKey: string, req: CcRequest, processes = 1): Promise<number> {
	const pace = paceFor(appKey, processes, clock.now());
	const slot = new Promise<number>((release) => pace.queue.push({ req, release }));
	if (!pace.dispatching) void dispatch(pace);
	return await slot;
}

/** A request was answered (not throttled): the pace rises a little. */
export function succeeded(appKey: string): void {
	const pace = paces.get(appKey);
	if (!pace || pace.rate === Infinity) return;
	const calmSeconds = Math.max(0, clock.now() - pace.calmSince) / 1000;
	const rise = (transportSettings.paceIncreasePerSecond * (1 + (calmSeconds / transportSettings.paceIncreaseGrowthSeconds) ** 2)) / pace.rate;
	const quick = pace.rate < pace.recoverTo ? (pace.recoverTo - pace.rate) / 5 : 0;
	pace.rate = Math.min(maxRate(), pace.rate + quick + rise);
}

/**
 * A request sent at `sentAt` was throttled: the pace is cut (unless it was cut after that request
 * left), and nobody of this process sends for about one interval of the new pace, or `backoffMs`
 * if that is longer (the throttled request's own growing backoff). Answers the wait for the
 * throttled request and the pace after the cut.
 */
export function throttled(appKey: string, sentAt: number, backoffMs: number): { wait: number; rate: number } {
	const now = clock.now();
	const pace = paceFor(appKey, paces.get(appKey)?.processes ?? 1, now);
	if (sentAt > pace.cutAt) {
		// From the higher of the pace and the level not yet won back: a cut that comes before the
		// quick win-back is done lowers the level only by `paceRecover` (not from the pace it had
		// reached), so a process pushed below its share by another's burst wins it back quickly,
		// and a lower limit still brings the level down.
		pace.recoverTo = Math.max(pace.rate, pace.recoverTo) * transportSettings.paceRecover;
		pace.rate = Math.max(Math.min(transportSettings.paceFloorPerSecond, maxRate()), pace.rate * transportSettings.paceCut);
		pace.cutAt = now;
	}
	pace.calmSince = now;
	const wait = Math.round(Math.max(spacing(pace.rate) * (0.5 + Math.random()), backoffMs));
	holdBack(appKey, wait);
	return { wait, rate: pace.rate };
}

/** Nobody of this process sends for this application for `ms` (a busy token endpoint, a throttle). */
export function holdBack(appKey: string, ms: number): void {
	const pace = paces.get(appKey);
	if (!pace) return;
	const until = clock.now() + ms;
	if (pace.nextSlot < until) pace.nextSlot = until;
}

/** The current pace of this process for the application, requests per second (tests, benchmarks). */
export function currentPace(appKey: string): number | undefined {
	return paces.get(appKey)?.rate;
}

/** Forget all rate-limit state (tests). */
export function resetRateLimiter(): void {
	paces.clear();
}
