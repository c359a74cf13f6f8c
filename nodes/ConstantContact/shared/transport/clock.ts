/**
 * Time as the node reads it for waiting. Everything that waits — the pace (limiter.ts), retry and
 * throttle waits and the per-run throttle budget (request.ts), "processing" polls (paging.ts),
 * activity polls and Send Now's checks — reads the time and sleeps through `clock`, so that tests
 * can drive time themselves and assert exact waits whatever the machine's load. In n8n it is
 * the real clock, always. (Timestamps compared with Constant Contact's own, such as when a lost
 * attempt was sent, are wall-clock readings, not waits, and stay on Date.now().)
 */
import { sleep as realSleep } from 'n8n-workflow';

export interface Clock {
	/** Milliseconds since the epoch. */
	now(): number;
	/** Resolves after `ms` milliseconds of this clock. */
	sleep(ms: number): Promise<void>;
	/**
	 * Work that takes real time outside the clock (one HTTP request through n8n): a test clock
	 * does not move on while any is under way. The real clock just awaits it.
	 */
	during<T>(work: Promise<T>): Promise<T>;
}

export const realClock: Clock = {
	now: () => Date.now(),
	sleep: async (ms) => await realSleep(ms),
	during: async (work) => await work,
};

let current: Clock = realClock;

/** The clock every wait of the node reads. */
export const clock: Clock = {
	now: () => current.now(),
	sleep: async (ms) => await current.sleep(ms),
	during: async (work) => await current.during(work),
};

/** Tests: drive the node's time with another clock; undefined goes back to the real one. */
export function setClock(replacement: Clock | undefined): void {
	current = replacement ?? realClock;
}
