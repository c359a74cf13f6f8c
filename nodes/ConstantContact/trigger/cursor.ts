/**
 * The trigger's memory between polls, kept in the workflow's static data. Pure functions: no
 * requests, no clock (the caller passes `now`), so the rules below are unit-tested directly.
 *
 * - A record is an event with a `key` (what makes it this event, e.g. contact ID + the time it
 *   was updated) and a `time` (the event's own timestamp from Constant Contact, in ms).
 * - `mark` is the time up to which every event has been handed on: the time a poll started
 *   (n8n's clock), or the newest event handed on when that is later. Each poll asks Constant
 *   Contact for the records since `mark − overlap`; the overlap catches records that Constant
 *   Contact stamps a little earlier than others it already showed (clock skew, records indexed
 *   late, several records with the same millisecond). A poll that holds events back (Max Events
 *   per Poll) moves the mark only to the newest event it handed on, so the rest stay in the
 *   window. The mark moves with the clock even when nothing happens: otherwise a quiet trigger
 *   would read every record since its last event again at every poll.
 * - `seen` holds the keys of the records handed on that may still come back in that window, so
 *   every event is emitted exactly once. Keys older than the window are forgotten (`window`
 *   memory); events whose records come back whatever their age (lists, sent campaigns) keep
 *   their keys until the memory is full (`ids` memory).
 * - Nothing is stored until a poll has read everything it needs: a poll that fails halfway
 *   leaves the cursor as it was, and the next poll reads the same window again.
 */

export interface CursorRecord<T = unknown> {
	key: string;
	time: number;
	json: T;
}

export interface Cursor {
	/** What the cursor follows (event, and the campaign for tracking events). Another scope starts afresh. */
	scope: string;
	/** The newest event time handed on (ms since the epoch). */
	mark: number;
	/** Keys handed on → their event time. */
	seen: Record<string, number>;
	/**
	 * Window memory only: records older than this are not read again. Set when more keys would
	 * have to be kept than `maxSeen` (a burst of events inside the overlap): the oldest whole
	 * milliseconds of keys are forgotten together and the window starts after them, so they
	 * cannot come back as new.
	 */
	floor?: number;
}

export interface CursorOptions {
	/** How far before `mark` each poll looks again. */
	overlapMs: number;
	/** Most events handed on by one poll; the rest come with the next polls, oldest first. */
	maxItems: number;
	/** `window`: forget keys older than the window. `ids`: remember keys until `maxSeen`. */
	memory: 'window' | 'ids';
	/** Most keys kept; the oldest go first. */
	maxSeen: number;
}

export const CURSOR_DEFAULTS: Omit<CursorOptions, 'memory' | 'maxItems'> = {
	overlapMs: 10 * 60_000,
	maxSeen: 10_000,
};

/** Where the next read starts (ms): the mark minus the overlap, not before the floor. */
export function windowStart(cursor: Pick<Cursor, 'mark' | 'floor'>, options: Pick<CursorOptions, 'overlapMs'>): number {
	return Math.max(cursor.mark - options.overlapMs, cursor.floor ?? -Infinity);
}

const byTime = (a: CursorRecord, b: CursorRecord) => a.time - b.time || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * The first poll of an activation (or after the event or campaign changed): remembers what
 * exists now, hands nothing on. The mark is the later of `now` and the newest record, so a
 * record stamped by a clock that runs ahead is not handed on later as new.
 */
export function prime(scope: string, records: CursorRecord[], now: number, options: CursorOptions): Cursor {
	const seen: Record<string, number> = {};
	let mark = now;
	for (const r of records) {
		seen[r.key] = r.time;
		if (r.time > mark) mark = r.time;
	}
	return { scope, mark, ...remember(seen, { mark }, options) };
}

/**
 * One poll that started at `now` (n8n's clock, taken before the read): the records read since
 * `windowStart`. Answers the new events, oldest first (at most `maxItems`), and the cursor to
 * store.
 */
export function advance(
	cursor: Cursor,
	records: CursorRecord[],
	now: number,
	options: CursorOptions,
): { emit: CursorRecord[]; cursor: Cursor } {
	const fresh: CursorRecord[] = [];
	const keys = new Set<string>();
	// With window memory, what lies before the window was handed on (or primed) and forgotten.
	const start = options.memory === 'window' ? windowStart(cursor, options) : -Infinity;
	for (const r of [...records].sort(byTime)) {
		// A record listed twice (it moved between two pages while we read) counts once.
		if (r.time < start || r.key in cursor.seen || keys.has(r.key)) continue;
		keys.add(r.key);
		fresh.push(r);
	}
	const emit = fresh.slice(0, Math.max(1, options.maxItems));
	const seen = { ...cursor.seen };
	// Everything up to the poll's start was read and handed on, unless events wait for the next poll.
	let mark = emit.length === fresh.length ? Math.max(cursor.mark, now) : cursor.mark;
	for (const r of emit) {
		seen[r.key] = r.time;
		if (r.time > mark) mark = r.time;
	}
	// Events held back by the cap must stay readable: the floor may not pass the oldest of them.
	const heldBack = fresh.length > emit.length ? fresh[emit.length].time : undefined;
	return { emit, cursor: { scope: cursor.scope, mark, ...remember(seen, { mark, floor: cursor.floor }, options, heldBack) } };
}

/**
 * The keys to keep and the floor. Window memory forgets keys before the window; when more than
 * `maxSeen` remain, it forgets the oldest milliseconds whole and raises the floor to the oldest
 * kept one (never past `keepFrom`; a millisecond with more keys than that is kept whole). Ids
 * memory keeps the newest `maxSeen` keys.
 */
function remember(
	seen: Record<string, number>,
	at: Pick<Cursor, 'mark' | 'floor'>,
	options: CursorOptions,
	keepFrom?: number,
): Pick<Cursor, 'seen' | 'floor'> {
	const newestFirst = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1);
	let entries = Object.entries(seen);
	if (options.memory === 'ids') {
		if (entries.length > options.maxSeen) entries = entries.sort(newestFirst).slice(0, options.maxSeen);
		return { seen: Object.fromEntries(entries) };
	}
	entries = entries.filter(([, time]) => time >= windowStart(at, options));
	// A floor the overlap has passed no longer matters.
	let floor = at.floor !== undefined && at.floor > at.mark - options.overlapMs ? at.floor : undefined;
	if (entries.length > options.maxSeen) {
		entries.sort(newestFirst);
		const cut = Math.min(entries[options.maxSeen - 1][1], keepFrom ?? Infinity);
		entries = entries.filter(([, time]) => time >= cut);
		floor = Math.max(floor ?? -Infinity, cut);
	}
	return floor === undefined ? { seen: Object.fromEntries(entries) } : { seen: Object.fromEntries(entries), floor };
}

/** A stored value that is a cursor of this shape (static data may hold anything). */
export function isCursor(value: unknown): value is Cursor {
	const c = value as Cursor | undefined;
	return (
		typeof c === 'object' &&
		c !== null &&
		typeof c.scope === 'string' &&
		typeof c.mark === 'number' &&
		Number.isFinite(c.mark) &&
		typeof c.seen === 'object' &&
		c.seen !== null &&
		!Array.isArray(c.seen) &&
		(c.floor === undefined || (typeof c.floor === 'number' && Number.isFinite(c.floor))) &&
		Object.values(c.seen).every((time) => typeof time === 'number' && Number.isFinite(time))
	);
}

/** The newest `count` records, newest first (a manual "Fetch Test Event"). */
export function newest<T>(records: Array<CursorRecord<T>>, count: number): Array<CursorRecord<T>> {
	return [...records].sort((a, b) => byTime(b as CursorRecord, a as CursorRecord)).slice(0, count);
}
