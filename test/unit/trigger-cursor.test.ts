/**
 * The trigger's cursor (trigger/cursor.ts): what one poll hands on and what it remembers. Pure:
 * every test drives `prime` / `advance` the way poll.ts does (take `now`, read since
 * `windowStart`, store the cursor only after the read succeeded) over records it makes up.
 */
import type { Cursor, CursorOptions, CursorRecord } from '../../nodes/ConstantContact/trigger/cursor';
import { CURSOR_DEFAULTS, advance, isCursor, newest, prime, windowStart } from '../../nodes/ConstantContact/trigger/cursor';

const MIN = 60_000;
const DAY = 86_400_000;
const OVERLAP = CURSOR_DEFAULTS.overlapMs;
const T0 = Date.parse('2026-03-01T12:00:00.000Z');

const WINDOW: CursorOptions = { ...CURSOR_DEFAULTS, memory: 'window', maxItems: 500 };
const IDS: CursorOptions = { ...CURSOR_DEFAULTS, memory: 'ids', maxItems: 500 };

const rec = (key: string, time: number): CursorRecord => ({ key, time, json: { key, time } });
const keys = (records: CursorRecord[]) => records.map((r) => r.key);

/**
 * A Constant Contact stand-in: the records that exist, and what a read since a time returns
 * (every record at or after it, in no particular order: newest first here).
 */
class Source {
	records: CursorRecord[] = [];
	add(...records: CursorRecord[]): void {
		this.records.push(...records);
	}
	since(start: number | undefined): CursorRecord[] {
		const hits = this.records.filter((r) => start === undefined || r.time >= start);
		return [...hits].reverse();
	}
}

/** One production poll as poll.ts runs it at `now`: read since the window's start, advance. */
function poll(cursor: Cursor, source: Source, now: number, options: CursorOptions = WINDOW) {
	return advance(cursor, source.since(windowStart(cursor, options)), now, options);
}

/** Polls `times` times, `step` apart from `from`, and collects what each handed on. */
function pollMany(cursor: Cursor, source: Source, from: number, step: number, times: number, options: CursorOptions = WINDOW) {
	const emitted: string[][] = [];
	for (let i = 0; i < times; i++) {
		const next = poll(cursor, source, from + i * step, options);
		emitted.push(keys(next.emit));
		cursor = next.cursor;
	}
	return { emitted, cursor };
}

describe('the overlap window', () => {
	test('windowStart is the mark minus the overlap (10 minutes by default)', () => {
		expect(OVERLAP).toBe(10 * MIN);
		expect(windowStart({ mark: T0 }, WINDOW)).toBe(T0 - 10 * MIN);
		expect(windowStart({ mark: T0 }, { overlapMs: 5 })).toBe(T0 - 5);
		expect(windowStart({ mark: T0, floor: T0 - MIN }, WINDOW)).toBe(T0 - MIN);
	});
});

describe('prime: the first poll of an activation', () => {
	test('hands nothing on: what exists at activation never comes out of a later poll', () => {
		const source = new Source();
		source.add(rec('a', T0 - 5 * MIN), rec('b', T0 - MIN), rec('c', T0));
		const cursor = prime('contactCreated', source.since(T0 - OVERLAP), T0, WINDOW);
		expect(cursor.scope).toBe('contactCreated');
		expect(Object.keys(cursor.seen).sort()).toEqual(['a', 'b', 'c']);
		expect(pollMany(cursor, source, T0 + MIN, MIN, 12).emitted.flat()).toEqual([]);
	});

	test('the mark is now when every record is older', () => {
		expect(prime('s', [rec('a', T0 - MIN)], T0, WINDOW).mark).toBe(T0);
		expect(prime('s', [], T0, WINDOW)).toEqual({ scope: 's', mark: T0, seen: {} });
	});

	test('the mark is the newest record when Constant Contact stamps ahead of n8n’s clock; that record is not handed on later', () => {
		const source = new Source();
		source.add(rec('ahead', T0 + 3 * MIN), rec('old', T0 - MIN));
		const cursor = prime('s', source.since(T0 - OVERLAP), T0, WINDOW);
		expect(cursor.mark).toBe(T0 + 3 * MIN);
		const quiet = poll(cursor, source, T0 + MIN);
		expect(quiet.emit).toEqual([]);
		// The mark does not go back to the (earlier) clock.
		expect(quiet.cursor.mark).toBe(T0 + 3 * MIN);
		// The first real event after activation comes out.
		source.add(rec('new', T0 + 4 * MIN));
		expect(keys(poll(quiet.cursor, source, T0 + 2 * MIN).emit)).toEqual(['new']);
	});

	test('window memory keeps only the keys inside the window of the mark', () => {
		const cursor = prime('s', [rec('inside', T0 - OVERLAP), rec('outside', T0 - OVERLAP - 1)], T0, WINDOW);
		expect(cursor.seen).toEqual({ inside: T0 - OVERLAP });
	});

	test('ids memory keeps every key, however old', () => {
		const cursor = prime('s', [rec('list-1', 0), rec('list-2', T0 - 400 * DAY)], T0, IDS);
		expect(cursor.seen).toEqual({ 'list-1': 0, 'list-2': T0 - 400 * DAY });
	});
});

describe('advance: every event once', () => {
	test('a new record is handed on once; the next polls hand on nothing', () => {
		const source = new Source();
		const cursor = prime('s', [], T0, WINDOW);
		source.add(rec('a', T0 + 30_000));
		const first = poll(cursor, source, T0 + MIN);
		expect(keys(first.emit)).toEqual(['a']);
		expect(first.emit[0].json).toEqual({ key: 'a', time: T0 + 30_000 });
		expect(pollMany(first.cursor, source, T0 + 2 * MIN, MIN, 15).emitted.flat()).toEqual([]);
	});

	test('the mark follows the clock of complete polls, also when nothing happens', () => {
		const source = new Source();
		let cursor = prime('s', [], T0, WINDOW);
		source.add(rec('a', T0 + 30_000));
		cursor = poll(cursor, source, T0 + MIN).cursor;
		expect(cursor.mark).toBe(T0 + MIN);
		cursor = poll(cursor, source, T0 + 2 * MIN).cursor;
		expect(cursor.mark).toBe(T0 + 2 * MIN);
		// Once the window has moved past a record, a poll no longer reads it.
		cursor = poll(cursor, source, T0 + 15 * MIN).cursor;
		expect(windowStart(cursor, WINDOW)).toBeGreaterThan(T0 + 30_000);
		expect(source.since(windowStart(cursor, WINDOW))).toEqual([]);
		expect(cursor.seen).toEqual({});
	});

	test('two records in the same millisecond with Max Events 1: one per poll, each once', () => {
		const options = { ...WINDOW, maxItems: 1 };
		const source = new Source();
		source.add(rec('b', T0 + MIN), rec('a', T0 + MIN));
		const { emitted, cursor } = pollMany(prime('s', [], T0, options), source, T0 + 2 * MIN, MIN, 4, options);
		expect(emitted).toEqual([['a'], ['b'], [], []]);
		expect(cursor.mark).toBe(T0 + 5 * MIN);
	});

	test('Max Events per Poll hands on the oldest first and the rest with the next polls', () => {
		const options = { ...WINDOW, maxItems: 2 };
		const source = new Source();
		let cursor = prime('s', [], T0, options);
		source.add(rec('e5', T0 + 5000), rec('e1', T0 + 1000), rec('e3', T0 + 3000), rec('e2', T0 + 2000), rec('e4', T0 + 4000));
		const polls: string[][] = [];
		for (let i = 0; i < 4; i++) {
			const next = poll(cursor, source, T0 + (i + 1) * MIN, options);
			polls.push(keys(next.emit));
			cursor = next.cursor;
			// An event newer than the ones still waiting joins the queue behind them.
			if (i === 0) source.add(rec('e6', T0 + 6000));
		}
		expect(polls).toEqual([['e1', 'e2'], ['e3', 'e4'], ['e5', 'e6'], []]);
	});

	test('a poll that holds events back does not move the mark past them, however late it runs', () => {
		const options = { ...WINDOW, maxItems: 1 };
		const source = new Source();
		source.add(rec('a', T0 + MIN), rec('b', T0 + 2 * MIN));
		// The first poll after activation runs an hour late (n8n was down).
		const first = poll(prime('s', [], T0, options), source, T0 + 60 * MIN, options);
		expect(keys(first.emit)).toEqual(['a']);
		expect(first.cursor.mark).toBe(T0 + MIN);
		const second = poll(first.cursor, source, T0 + 61 * MIN, options);
		expect(keys(second.emit)).toEqual(['b']);
		// Nothing waits any more: the mark catches up with the clock.
		expect(second.cursor.mark).toBe(T0 + 61 * MIN);
	});

	test('a Max Events below 1 still hands on one per poll (never stalls)', () => {
		const source = new Source();
		source.add(rec('a', T0 + 1), rec('b', T0 + 2));
		const next = poll(prime('s', [], T0, WINDOW), source, T0 + MIN, { ...WINDOW, maxItems: 0 });
		expect(keys(next.emit)).toEqual(['a']);
	});

	test('a record listed twice in one read (it moved between pages) counts once', () => {
		const cursor = prime('s', [], T0, WINDOW);
		const a = rec('a', T0 + MIN);
		const { emit, cursor: after } = advance(cursor, [a, rec('b', T0 + 2 * MIN), { ...a }], T0 + 3 * MIN, WINDOW);
		expect(keys(emit)).toEqual(['a', 'b']);
		expect(after.seen).toEqual({ a: T0 + MIN, b: T0 + 2 * MIN });
	});

	test('the cursor it answers is new: the stored one is not changed', () => {
		const cursor = prime('s', [rec('a', T0)], T0, WINDOW);
		const copy = JSON.parse(JSON.stringify(cursor));
		advance(cursor, [rec('b', T0 + MIN)], T0 + 2 * MIN, WINDOW);
		expect(cursor).toEqual(copy);
	});
});

describe('an interrupted poll', () => {
	test('the cursor is not stored when a read fails: the next poll hands on the same events, none lost, none doubled', () => {
		const source = new Source();
		const stored = prime('s', [], T0, WINDOW);
		source.add(rec('a', T0 + MIN), rec('b', T0 + 2 * MIN));
		// The poll at T0 + 3 min fails while reading (page 2 answered 500): nothing handed on, `stored` stays.
		// The poll at T0 + 4 min reads the same window again, with the events that came meanwhile.
		source.add(rec('c', T0 + 3.5 * MIN));
		const second = poll(stored, source, T0 + 4 * MIN);
		expect(keys(second.emit)).toEqual(['a', 'b', 'c']);
		expect(pollMany(second.cursor, source, T0 + 5 * MIN, MIN, 12).emitted.flat()).toEqual([]);
	});

	test('after a successful poll, a failed one in between hands on only what came since', () => {
		const source = new Source();
		source.add(rec('a', T0 + 30_000));
		const first = poll(prime('s', [], T0, WINDOW), source, T0 + MIN);
		expect(keys(first.emit)).toEqual(['a']);
		source.add(rec('b', T0 + 1.5 * MIN));
		// The poll at T0 + 2 min fails: `first.cursor` stays stored.
		source.add(rec('c', T0 + 2.5 * MIN));
		const third = poll(first.cursor, source, T0 + 3 * MIN);
		expect(keys(third.emit)).toEqual(['b', 'c']);
	});

	test('many failed polls in a row: the window stays where it was, so nothing is lost however long it lasts', () => {
		const source = new Source();
		const first = poll(prime('s', [], T0, WINDOW), source, T0 + MIN);
		source.add(rec('during-outage', T0 + 2 * MIN));
		// Polls fail for an hour; the stored cursor is still `first.cursor`.
		const back = poll(first.cursor, source, T0 + 62 * MIN);
		expect(keys(back.emit)).toEqual(['during-outage']);
	});
});

describe('clock skew and records indexed late', () => {
	/** A trigger whose last complete poll started at T0 + 20 min. */
	function polledAt20() {
		const source = new Source();
		source.add(rec('first', T0 + 19 * MIN));
		const { cursor, emit } = poll(prime('s', [], T0, WINDOW), source, T0 + 20 * MIN);
		expect(keys(emit)).toEqual(['first']);
		expect(cursor.mark).toBe(T0 + 20 * MIN);
		return { source, cursor };
	}

	test('an unseen record stamped up to the overlap before the mark is handed on, once', () => {
		const { source, cursor } = polledAt20();
		// Constant Contact's clock runs 10 minutes behind, or the record was indexed late.
		source.add(rec('late', T0 + 20 * MIN - OVERLAP));
		const next = poll(cursor, source, T0 + 21 * MIN);
		expect(keys(next.emit)).toEqual(['late']);
		expect(keys(poll(next.cursor, source, T0 + 21.5 * MIN).emit)).toEqual([]);
	});

	test('a record stamped just inside the overlap comes out; one older than the window does not', () => {
		const { source, cursor } = polledAt20();
		source.add(rec('skewed', T0 + 20 * MIN - OVERLAP + 1), rec('too-old', T0 + 20 * MIN - OVERLAP - 1));
		expect(keys(poll(cursor, source, T0 + 21 * MIN).emit)).toEqual(['skewed']);
		// Even if the read returns it (asked from an earlier time), it is not handed on.
		expect(keys(advance(cursor, source.since(undefined), T0 + 21 * MIN, WINDOW).emit)).toEqual(['skewed']);
	});

	test('an event read again while its time is inside the window is remembered, so never handed on twice', () => {
		const source = new Source();
		let cursor = prime('s', [], T0, WINDOW);
		source.add(rec('a', T0 + MIN));
		const emitted: string[] = [];
		// Polls every 30 s: `a` is read again by the next 20 polls.
		for (let i = 1; i <= 25; i++) {
			const next = poll(cursor, source, T0 + MIN + i * 30_000);
			emitted.push(...keys(next.emit));
			cursor = next.cursor;
		}
		expect(emitted).toEqual(['a']);
	});
});

describe('deleted, restored, recreated contacts', () => {
	test('Contact Deleted (key contact@time): deleted again later fires again', () => {
		const source = new Source();
		source.add(rec(`c1@${T0 + MIN}`, T0 + MIN));
		let next = poll(prime('contactDeleted', [], T0, WINDOW), source, T0 + 2 * MIN);
		expect(keys(next.emit)).toEqual([`c1@${T0 + MIN}`]);
		// Restored (no longer listed as deleted), then deleted again: a new updated_at.
		source.records = [rec(`c1@${T0 + 3 * MIN}`, T0 + 3 * MIN)];
		next = poll(next.cursor, source, T0 + 4 * MIN);
		expect(keys(next.emit)).toEqual([`c1@${T0 + 3 * MIN}`]);
		expect(keys(poll(next.cursor, source, T0 + 5 * MIN).emit)).toEqual([]);
	});

	test('Contact Created (key contact ID): a revived contact does not fire twice, a new ID does', () => {
		const source = new Source();
		source.add(rec('c1', T0 + MIN));
		let next = poll(prime('contactCreated', [], T0, WINDOW), source, T0 + 2 * MIN);
		expect(keys(next.emit)).toEqual(['c1']);
		// Deleted and restored with a new creation time (same ID), and a new contact with the same address (new ID).
		source.records = [rec('c1', T0 + 2.5 * MIN), rec('c2', T0 + 2.5 * MIN)];
		next = poll(next.cursor, source, T0 + 3 * MIN);
		expect(keys(next.emit)).toEqual(['c2']);
		expect(keys(poll(next.cursor, source, T0 + 4 * MIN).emit)).toEqual([]);
	});
});

describe('memory', () => {
	test('window memory forgets the keys that fall before the window', () => {
		let cursor = prime('s', [rec('old', T0 - 5 * MIN)], T0, WINDOW);
		expect(cursor.seen).toEqual({ old: T0 - 5 * MIN });
		cursor = advance(cursor, [rec('new', T0 + 5.5 * MIN)], T0 + 6 * MIN, WINDOW).cursor;
		// The window now starts at T0 − 4 min: `old` can no longer be read, so it is not kept.
		expect(cursor.seen).toEqual({ new: T0 + 5.5 * MIN });
		// And a read that still returns it does not hand it on.
		expect(advance(cursor, [rec('old', T0 - 5 * MIN)], T0 + 7 * MIN, WINDOW).emit).toEqual([]);
	});

	test('ids memory keeps keys after the window moved on: an old list read again is not new', () => {
		let cursor = prime('listCreated', [rec('old', T0 - 400 * DAY)], T0, IDS);
		cursor = advance(cursor, [rec('old', T0 - 400 * DAY), rec('new', T0 + MIN)], T0 + DAY, IDS).cursor;
		expect(cursor.seen).toEqual({ old: T0 - 400 * DAY, new: T0 + MIN });
		expect(advance(cursor, [rec('old', T0 - 400 * DAY), rec('new', T0 + MIN)], T0 + 2 * DAY, IDS).emit).toEqual([]);
	});

	test('ids memory keeps at most maxSeen keys, dropping the oldest first', () => {
		const options = { ...IDS, maxSeen: 3 };
		let cursor = prime('s', [rec('k1', 1000), rec('k2', 2000), rec('k3', 3000)], T0, options);
		expect(Object.keys(cursor.seen).sort()).toEqual(['k1', 'k2', 'k3']);
		cursor = advance(cursor, [rec('k4', 4000)], T0, options).cursor;
		expect(cursor.seen).toEqual({ k2: 2000, k3: 3000, k4: 4000 });
		cursor = advance(cursor, [rec('k5', 5000), rec('k6', 6000)], T0, options).cursor;
		expect(cursor.seen).toEqual({ k4: 4000, k5: 5000, k6: 6000 });
	});

	test('window memory also stays within maxSeen: the forgotten keys lie below a floor the window starts at', () => {
		const options = { ...WINDOW, maxSeen: 2 };
		const cursor = prime('s', [rec('a', T0 - 3), rec('b', T0 - 2), rec('c', T0 - 1)], T0, options);
		expect(cursor.seen).toEqual({ b: T0 - 2, c: T0 - 1 });
		expect(cursor.floor).toBe(T0 - 2);
		expect(windowStart(cursor, options)).toBe(T0 - 2);
	});

	test('a burst of more events than maxSeen inside the overlap: each handed on once, none again', () => {
		const options = { ...WINDOW, maxSeen: 3, maxItems: 10 };
		const source = new Source();
		let cursor = prime('s', [], T0, options);
		source.add(...[1, 2, 3, 4, 5].map((n) => rec(`b${n}`, T0 + n)));
		const first = poll(cursor, source, T0 + MIN, options);
		expect(keys(first.emit)).toEqual(['b1', 'b2', 'b3', 'b4', 'b5']);
		cursor = first.cursor;
		expect(Object.keys(cursor.seen).sort()).toEqual(['b3', 'b4', 'b5']);
		expect(cursor.floor).toBe(T0 + 3);
		// b1 and b2 were forgotten, but the window no longer reaches them.
		for (let n = 2; n <= 4; n++) {
			const next = poll(cursor, source, T0 + n * MIN, options);
			expect(next.emit).toEqual([]);
			cursor = next.cursor;
		}
	});

	test('with the cap, the floor never passes an event that is held back', () => {
		const options = { ...WINDOW, maxSeen: 2, maxItems: 2 };
		const source = new Source();
		let cursor = prime('s', [], T0, options);
		source.add(...[1, 2, 3, 4, 5, 6].map((n) => rec(`r${n}`, T0 + n)));
		const handed: string[] = [];
		for (let n = 1; n <= 5; n++) {
			const next = poll(cursor, source, T0 + n * MIN, options);
			handed.push(...keys(next.emit));
			cursor = next.cursor;
			if (cursor.floor !== undefined) expect(source.records.filter((r) => !handed.includes(r.key)).every((r) => r.time >= cursor.floor!)).toBe(true);
		}
		expect(handed).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
	});

	test('one millisecond with more events than maxSeen is kept whole (nothing of it comes back)', () => {
		const options = { ...WINDOW, maxSeen: 2, maxItems: 10 };
		const source = new Source();
		let cursor = prime('s', [], T0, options);
		source.add(rec('x1', T0 + 5), rec('x2', T0 + 5), rec('x3', T0 + 5), rec('x4', T0 + 5));
		const first = poll(cursor, source, T0 + MIN, options);
		expect(keys(first.emit)).toEqual(['x1', 'x2', 'x3', 'x4']);
		cursor = first.cursor;
		expect(Object.keys(cursor.seen)).toHaveLength(4);
		expect(poll(cursor, source, T0 + 2 * MIN, options).emit).toEqual([]);
	});

	test('a floor the overlap has passed is dropped', () => {
		const options = { ...WINDOW, maxSeen: 1, maxItems: 10 };
		const source = new Source();
		let cursor = prime('s', [], T0, options);
		source.add(rec('a', T0 + 1), rec('b', T0 + 2));
		cursor = poll(cursor, source, T0 + MIN, options).cursor;
		expect(cursor.floor).toBe(T0 + 2);
		cursor = poll(cursor, source, T0 + OVERLAP + 10 * MIN, options).cursor;
		expect(cursor.floor).toBeUndefined();
		expect(isCursor(cursor)).toBe(true);
	});
});

describe('isCursor: static data may hold anything', () => {
	test('accepts a cursor as prime and advance write it, also after a JSON round trip', () => {
		const cursor = prime('emailOpened:abc', [rec('a', T0)], T0, WINDOW);
		expect(isCursor(cursor)).toBe(true);
		expect(isCursor(JSON.parse(JSON.stringify(cursor)))).toBe(true);
		expect(isCursor(advance(cursor, [rec('b', T0 + 1)], T0 + 2, WINDOW).cursor)).toBe(true);
	});

	test.each([
		['undefined', undefined],
		['null', null],
		['a string', 'cursor'],
		['a number', 42],
		['an array', []],
		['an empty object', {}],
		['no scope', { mark: T0, seen: {} }],
		['a scope that is not a string', { scope: 1, mark: T0, seen: {} }],
		['no mark', { scope: 's', seen: {} }],
		['a mark that is a string', { scope: 's', mark: String(T0), seen: {} }],
		['a mark that is NaN', { scope: 's', mark: NaN, seen: {} }],
		['a mark that is Infinity', { scope: 's', mark: Infinity, seen: {} }],
		['no seen', { scope: 's', mark: T0 }],
		['seen null', { scope: 's', mark: T0, seen: null }],
		['seen a string', { scope: 's', mark: T0, seen: 'a,b' }],
		['seen an array', { scope: 's', mark: T0, seen: ['a'] }],
		['seen with a time that is not a number', { scope: 's', mark: T0, seen: { a: 'yesterday' } }],
	])('rejects %s', (_what, value) => {
		expect(isCursor(value)).toBe(false);
	});
});

describe('newest: a manual "Fetch Test Event"', () => {
	test('the newest records first, at most the count asked for', () => {
		const records = [rec('b', 2), rec('d', 4), rec('a', 1), rec('c', 3)];
		expect(keys(newest(records, 3))).toEqual(['d', 'c', 'b']);
		expect(keys(newest(records, 10))).toEqual(['d', 'c', 'b', 'a']);
		expect(newest([], 3)).toEqual([]);
		// The input is not reordered.
		expect(keys(records)).toEqual(['b', 'd', 'a', 'c']);
	});
});
