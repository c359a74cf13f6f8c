/**
 * A clock for tests (the node's `Clock`, shared/transport/clock.ts): time moves only when the
 * node sleeps, and then at once to the earliest wake-up, so every wait, pace, budget and order
 * of requests is exact, whatever the machine's load. The fakes read the same time for arrivals
 * (their log's `at` and their per-second windows: `useArrivalClock`).
 *
 * Time moves on only when nothing is under way: no HTTP request of the node in flight
 * (`during`), and a few turns of the event loop passed without one starting, so that code woken
 * by a sleep reaches its next request or sleep first. Concurrent executions therefore see one
 * consistent time: a request is sent and answered at the instant its slot came.
 */
import type { Clock } from '../../nodes/ConstantContact/shared/transport/clock';

/** Event-loop turns without a request starting before time may move on. */
const SETTLE_TURNS = 5;

interface Timer {
	at: number;
	seq: number;
	wake: () => void;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class TestClock implements Clock {
	private time: number;
	private timers: Timer[] = [];
	private seq = 0;
	private inFlight = 0;
	private running = false;

	constructor(start = Date.now()) {
		this.time = start;
	}

	now(): number {
		return this.time;
	}

	async sleep(ms: number): Promise<void> {
		await new Promise<void>((wake) => {
			this.timers.push({ at: this.time + Math.max(0, ms), seq: this.seq++, wake });
			this.kick();
		});
	}

	async during<T>(work: Promise<T>): Promise<T> {
		this.inFlight++;
		try {
			return await work;
		} finally {
			this.inFlight--;
			this.kick();
		}
	}

	/**
	 * Moves time on by `ms` now (a test waiting for a window to pass), waking in order every
	 * sleeper due by then.
	 */
	async advance(ms: number): Promise<void> {
		const until = this.time + ms;
		for (;;) {
			const next = this.earliest();
			if (!next || next.at > until) break;
			this.fire(next);
			await this.settle();
		}
		this.time = until;
	}

	private earliest(): Timer | undefined {
		return this.timers.reduce<Timer | undefined>((a, t) => (!a || t.at < a.at || (t.at === a.at && t.seq < a.seq) ? t : a), undefined);
	}

	private fire(timer: Timer): void {
		this.timers.splice(this.timers.indexOf(timer), 1);
		this.time = Math.max(this.time, timer.at);
		timer.wake();
	}

	private async settle(): Promise<void> {
		for (let turn = 0; turn < SETTLE_TURNS; turn++) await nextTurn();
	}

	private kick(): void {
		if (this.running) return;
		this.running = true;
		void this.run();
	}

	private async run(): Promise<void> {
		try {
			for (;;) {
				await this.settle();
				const next = this.earliest();
				if (this.inFlight > 0 || !next) return;
				this.fire(next);
			}
		} finally {
			this.running = false;
		}
	}
}
