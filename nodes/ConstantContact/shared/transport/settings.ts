/**
 * What every part of the transport shares: the credential type, the request and response shapes,
 * and the tunables (exported so tests can shorten waits and record the waits the transport plans;
 * node code never changes them).
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';

export const CREDENTIAL_TYPE = 'constantContactOAuth2Api';
export const DEFAULT_API_BASE_URL = 'https://api.cc.email/v3';

export type CcContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** A wait the transport decided on, before it sleeps (tests assert these instead of clocks). */
export interface PlannedWait {
	kind: 'pace' | 'backoff' | 'processing';
	ms: number;
	/** `METHOD path` of the request that waits. */
	request: string;
	/** The pace of this process for the application at that moment (after a throttle: the cut pace), requests per second. */
	rate?: number;
	/** `backoff`: the wait follows a 429 throttle (the per-run throttle budget counts these). */
	throttled?: boolean;
}

/**
 * 4 requests/s is 250 ms apart; the extra 10 ms puts five requests at least 1032 ms apart when
 * sent (slots may go up to 2 ms early, limiter.ts), so the server, which counts arrivals, sees five
 * inside one second only when one arrives over 32 ms later than the fourth after it (a throttle
 * then costs one wait, request.ts). `minSpacingMs` is the fastest pace
 * (one process alone); the adaptive pace of limiter.ts never goes faster.
 */
export const transportSettings = {
	minSpacingMs: 260,
	requestTimeoutMs: 60_000,
	/** Server errors, resets, timeouts, a busy token endpoint: attempts and waits per request (throttles: see below). */
	maxAttempts: 6,
	backoffBaseMs: 500,
	backoffMaxMs: 8_000,
	/** The longest a single request may spend waiting between attempts (throttles not counted). */
	maxTotalRetryWaitMs: 30_000,
	/**
	 * A throttled request (429 "too many requests") is not a failure but "later": it waits and
	 * is sent again until the waits after throttles of one node run (an execution's node, a poll)
	 * would exceed this budget.
	 */
	throttleBudgetMs: 300_000,
	/**
	 * The pace of each process adapts to Constant Contact's 429s (limiter.ts): a throttle cuts it
	 * to `paceCut` times itself (not below `paceFloorPerSecond`); successes first win back quickly
	 * up to `paceRecover` times the pace before the cut, then raise it by `paceIncreasePerSecond`
	 * per second of sending, a rise that grows with the square of the time without a throttle
	 * (× 2 after `paceIncreaseGrowthSeconds`, × 5 after twice that); never above one request every
	 * `minSpacingMs`.
	 */
	paceCut: 0.7,
	paceRecover: 0.9,
	paceFloorPerSecond: 0.2,
	paceIncreasePerSecond: 0.01,
	paceIncreaseGrowthSeconds: 10,
	/** A pace unused this long starts afresh (from the credential's starting pace). */
	paceIdleResetMs: 60_000,
	/** `GET /contacts?segment_id=` answers 202 "processing" until the segment is computed. */
	maxProcessingPolls: 10,
	processingPollMs: 1_500,
	/** Tests: called with every wait the transport plans, before it sleeps. */
	onWait: undefined as ((wait: PlannedWait) => void) | undefined,
};

export interface CcRequest {
	method: IHttpRequestMethods;
	/** Path below the API base URL, built with `apiPath`, e.g. apiPath`/contacts/${id}`. */
	path?: string;
	/** Absolute URL inside the API (a checked pagination link). */
	url?: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	itemIndex?: number;
	/** Defaults to true for GET, PUT, DELETE and HEAD. */
	idempotent?: boolean;
	/**
	 * For creates (POST, not idempotent): when an attempt failed without a usable answer and a
	 * retry then reports a 409 conflict, the first attempt most likely succeeded. This finds and
	 * returns what it created, so the retry neither fails nor creates a duplicate. It gets the time
	 * the first attempt was sent, and returns undefined when what it finds is older (a real
	 * conflict, which then reaches the user as the 409).
	 */
	recoverConflict?: (firstAttemptAt: number) => Promise<IDataObject | undefined>;
	/** Plain-language messages for specific HTTP statuses of this request. */
	hints?: Partial<Record<number, string>>;
	/**
	 * What a successful answer must be: a record holding this ID field (`{ idKey }`), any JSON
	 * object, a JSON array, or anything (`none`). Default: JSON (an object or an array), and
	 * anything for DELETE. An answer of another shape is an error (for a read) or an unknown
	 * outcome (for a write, which may have taken effect).
	 */
	expect?: { idKey: string } | 'object' | 'array' | 'json' | 'none';
	/**
	 * For a write that may take effect although its answer is lost: what it makes and what to
	 * check before running the item again (see UnknownOutcome).
	 */
	unknown?: { what: string; check: string; identify?: IDataObject };
}

export interface CcResponse {
	statusCode: number;
	body: IDataObject;
	/**
	 * An earlier attempt of this request failed in a way that may have taken effect (its answer
	 * was lost): the answer describes the repeat, not the first attempt.
	 */
	afterLostAnswer?: boolean;
	/** When the first attempt was sent (ms since the epoch). */
	firstAttemptAt?: number;
}

/** Where a request goes, for messages: `GET /contacts/…` without the host. */
export function describeRequest(req: Pick<CcRequest, 'method' | 'path' | 'url'>): string {
	const where = req.path ?? (req.url ?? '').replace(/^https?:\/\/[^/]+/i, '');
	return `${req.method} ${where}`;
}

/** Records a planned wait (tests), then returns it. */
export function plan(
	kind: PlannedWait['kind'],
	ms: number,
	req: Pick<CcRequest, 'method' | 'path' | 'url'>,
	extra: Pick<PlannedWait, 'rate' | 'throttled'> = {},
): number {
	transportSettings.onWait?.({ kind, ms, request: describeRequest(req), ...extra });
	return ms;
}
