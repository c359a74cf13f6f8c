/**
 * The one way this package talks to Constant Contact. Every request of every operation, list
 * search and trigger goes through `constantContactApiRequest`, which
 *  - signs it with the OAuth2 credential through n8n (`httpRequestWithAuthentication`: n8n adds
 *    the bearer token and refreshes it on a 401),
 *  - keeps to Constant Contact's 4 requests/second per application (module-level state, so all
 *    items and all executions in this n8n process share it),
 *  - retries what is safe to retry (429 throttling always; 5xx, resets and timeouts only for
 *    idempotent requests, or for creates that can find what an earlier attempt created),
 *  - turns every failure into an error a workflow builder can act on, without secrets.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

export const CREDENTIAL_TYPE = 'constantContactOAuth2Api';
export const DEFAULT_API_BASE_URL = 'https://api.cc.email/v3';

export type CcContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/**
 * Tunables. Exported so tests can shorten waits; node code never changes them.
 * 4 requests/s is 250 ms apart; the extra 10 ms absorbs network jitter so that the server,
 * which counts arrivals, never sees five inside one second.
 */
export const transportSettings = {
	minSpacingMs: 260,
	requestTimeoutMs: 60_000,
	maxAttempts: 6,
	backoffBaseMs: 500,
	backoffMaxMs: 8_000,
	/** The longest a single request may spend waiting between attempts. */
	maxTotalRetryWaitMs: 30_000,
	/** `GET /contacts?segment_id=` answers 202 "processing" until the segment is computed. */
	maxProcessingPolls: 10,
	processingPollMs: 1_500,
};

export interface CcRequest {
	method: IHttpRequestMethods;
	/** Path below the API base URL, e.g. `/contacts/{id}`. */
	path?: string;
	/** Absolute URL (pagination links). */
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
}

/** How far Constant Contact's clock may be behind n8n's when judging who created a record. */
const CLOCK_SKEW_MS = 2 * 60_000;

/**
 * For `recoverConflict`: whether a record Constant Contact reports was created since the first
 * attempt of the request (so that attempt made it), rather than existing before.
 */
export function createdSince(record: IDataObject | undefined, firstAttemptAt: number): boolean {
	const createdAt = Date.parse(String(record?.created_at ?? ''));
	return createdAt >= firstAttemptAt - CLOCK_SKEW_MS;
}

export interface CcResponse {
	statusCode: number;
	body: IDataObject;
}

interface Failure {
	status?: number;
	body?: unknown;
	code?: string;
	message: string;
}

// ---------------------------------------------------------------------------------------------
// Rate limit: one slot every `minSpacingMs` per Constant Contact application (client ID).
// ---------------------------------------------------------------------------------------------

const nextSlotByApp = new Map<string, number>();

async function waitForSlot(appKey: string): Promise<void> {
	const now = Date.now();
	const slot = Math.max(now, nextSlotByApp.get(appKey) ?? 0);
	nextSlotByApp.set(appKey, slot + transportSettings.minSpacingMs);
	if (slot > now) await sleep(slot - now);
}

/** After a 429 nobody of this application should send until the backoff is over. */
function holdBack(appKey: string, ms: number): void {
	const until = Date.now() + ms;
	if ((nextSlotByApp.get(appKey) ?? 0) < until) nextSlotByApp.set(appKey, until);
}

/** Requests sent (attempts included) per execution context: what a run cost of the daily quota. */
const sentByContext = new WeakMap<object, number>();

export function requestsSent(ctx: CcContext): number {
	return sentByContext.get(ctx) ?? 0;
}

/** Forget all rate-limit state (tests). */
export function resetRateLimiter(): void {
	nextSlotByApp.clear();
}

// ---------------------------------------------------------------------------------------------
// Redaction: nothing that authenticates may leave this module.
// ---------------------------------------------------------------------------------------------

const SECRET_KEYS = /^(authorization|access_token|refresh_token|id_token|client_secret|clientsecret|password|code_verifier|oauthtokendata)$/i;

export function redactText(text: string): string {
	return text
		.replace(/(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]')
		.replace(/(^|[?&\s"'])((?:access|refresh|id)_token|client_secret|code)=[^&\s"']+/gi, '$1$2=[redacted]');
}

export function redact<T>(value: T, depth = 0): T {
	if (depth > 8) return value;
	if (typeof value === 'string') return redactText(value) as unknown as T;
	if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1)) as unknown as T;
	if (value && typeof value === 'object') {
		const out: IDataObject = {};
		for (const [key, v] of Object.entries(value as IDataObject)) {
			out[key] = SECRET_KEYS.test(key) ? '[redacted]' : (redact(v, depth + 1) as IDataObject[string]);
		}
		return out as T;
	}
	return value;
}

// ---------------------------------------------------------------------------------------------
// Reading failures thrown by n8n's HTTP helpers (1.x and 2.x wrap them differently).
// ---------------------------------------------------------------------------------------------

function pick<T>(...values: Array<T | undefined | null>): T | undefined {
	for (const v of values) if (v !== undefined && v !== null) return v;
	return undefined;
}

function readFailure(error: unknown): Failure {
	const e = (error ?? {}) as IDataObject & { cause?: IDataObject; message?: string };
	const cause = (e.cause ?? {}) as IDataObject & { response?: IDataObject; cause?: IDataObject };
	const response = (pick(cause.response, e.response as IDataObject) ?? {}) as IDataObject;
	const statusRaw = pick<unknown>(
		response.status,
		response.statusCode,
		e.httpCode,
		e.statusCode,
		cause.status,
	);
	const status = statusRaw === undefined ? undefined : Number(statusRaw);
	const body = pick(response.data, response.body, (e.context as IDataObject | undefined)?.data);
	const code = pick(
		cause.code as string,
		e.code as string,
		(cause.cause as IDataObject | undefined)?.code as string,
	);
	return {
		status: Number.isFinite(status) && status! > 0 ? status : undefined,
		body: typeof body === 'string' ? safeJson(body) : body,
		code: typeof code === 'string' ? code : undefined,
		message: String(e.message ?? ''),
	};
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

interface CcErrorEntry {
	error_key?: string;
	error_message?: string;
}

/** Constant Contact answers errors as an array, a single object (401/429) or OAuth's shape. */
export function parseErrorBody(body: unknown): CcErrorEntry[] {
	if (Array.isArray(body)) {
		return body
			.filter((e) => e && typeof e === 'object')
			.map((e: IDataObject) => ({
				error_key: e.error_key as string | undefined,
				error_message: e.error_message as string | undefined,
			}));
	}
	if (body && typeof body === 'object') {
		const o = body as IDataObject;
		if (o.error_key || o.error_message) {
			return [{ error_key: o.error_key as string, error_message: o.error_message as string }];
		}
		if (o.error || o.error_description) {
			return [{ error_key: String(o.error ?? ''), error_message: o.error_description as string }];
		}
		if (Array.isArray(o.errors)) return parseErrorBody(o.errors);
	}
	if (typeof body === 'string' && body.trim()) return [{ error_message: body.slice(0, 300) }];
	return [];
}

const TRANSIENT_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ESOCKETTIMEDOUT',
	'EAI_AGAIN',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

function isTransient(f: Failure): boolean {
	if (f.status !== undefined) return [500, 502, 503, 504].includes(f.status);
	if (f.code && TRANSIENT_CODES.has(f.code)) return true;
	return /socket hang up|timeout|network error|ECONNRESET/i.test(f.message);
}

/** The request never reached Constant Contact: safe to repeat for any method. */
function neverSent(f: Failure): boolean {
	return f.status === undefined && f.code === 'ECONNREFUSED';
}

/**
 * A 429 worth waiting for: the per-second throttle (`throttled`, or a bare "too many requests").
 * Other 429s name a limit that waiting a few seconds does not lift (test sends per day, queued
 * bulk jobs): those fail at once with Constant Contact's own message.
 */
function isThrottle(f: Failure): boolean {
	const entries = parseErrorBody(f.body);
	if (entries.length === 0) return true;
	return entries.some(
		(e) => e.error_key === 'throttled' || (!e.error_key && /too many requests/i.test(e.error_message ?? '')),
	);
}

function isDailyQuota(f: Failure): boolean {
	return parseErrorBody(f.body).some((e) =>
		/quota|limit exceeded|daily/i.test(`${e.error_key ?? ''} ${e.error_message ?? ''}`),
	);
}

/**
 * A refresh that Constant Contact refused for good. n8n 2.x says "needs to be reconnected"; n8n
 * 1.x passes on the OAuth client's text for `invalid_grant` ("The provided authorization grant
 * … or refresh token is invalid, expired, revoked …"), sometimes without the error key.
 */
export function needsReconnect(error: unknown): boolean {
	let e = error as IDataObject | undefined;
	for (let depth = 0; e && depth < 5; depth++) {
		const text = `${e.message ?? ''} ${e.description ?? ''} ${JSON.stringify(e.body ?? '')}`;
		if (/invalid_grant|needs to be reconnected|refresh token is\s+invalid/i.test(text)) return true;
		e = e.cause as IDataObject | undefined;
	}
	return false;
}

/**
 * Constant Contact's token endpoint allows 1 request per second. When a refresh is refused for
 * that reason n8n reports an OAuth error (code EAUTH) without an HTTP status. The refresh token
 * was not used up, so waiting and trying again is safe.
 */
function tokenEndpointBusy(error: unknown): boolean {
	let e = error as IDataObject | undefined;
	for (let depth = 0; e && depth < 5; depth++) {
		if (e.code === 'EAUTH') {
			const text = `${e.message ?? ''} ${JSON.stringify(e.body ?? '')}`;
			if (/rate.?limit|too many|slow_down|temporarily_unavailable|E0000047/i.test(text)) return true;
		}
		e = e.cause as IDataObject | undefined;
	}
	return false;
}

function notConnected(error: unknown): boolean {
	return /OAuth credentials not connected/i.test(String((error as Error)?.message ?? ''));
}

// ---------------------------------------------------------------------------------------------
// Errors a workflow builder can act on.
// ---------------------------------------------------------------------------------------------

function msUntilUtcMidnight(now = new Date()): number {
	const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
	return next - now.getTime();
}

function formatDuration(ms: number): string {
	const minutes = Math.ceil(ms / 60_000);
	const h = Math.floor(minutes / 60);
	const m = minutes % 60;
	return h > 0 ? `${h} h ${m} min` : `${m} min`;
}

const STATUS_TEXT: Record<number, string> = {
	400: 'Constant Contact rejected the request as invalid',
	401: 'Constant Contact did not accept the connection (HTTP 401)',
	403: 'Constant Contact refused access (HTTP 403)',
	404: 'Constant Contact could not find what was asked for',
	405: 'Constant Contact does not allow this action here',
	409: 'Constant Contact reported a conflict with existing data',
	415: 'Constant Contact refused the request format',
	429: 'Constant Contact kept answering "too many requests"',
	500: 'Constant Contact had an internal problem',
	502: 'Constant Contact was unreachable (bad gateway)',
	503: 'Constant Contact is temporarily unavailable',
	504: 'Constant Contact did not answer in time (gateway timeout)',
};

const STATUS_ADVICE: Record<number, string> = {
	401: 'n8n already tried to renew the access token. Reconnect the credential if this persists.',
	403: 'The connected Constant Contact user lacks a permission (scope or user privilege) for this action, or the application was deactivated. Use Account → Get User Privileges to see what the user may do, and reconnect the credential so that all scopes are granted.',
	404: 'Check the ID: it may be mistyped, deleted, or belong to another Constant Contact account.',
	429: 'The limit is 4 requests per second per Constant Contact application, shared by every workflow using it. Run fewer workflows at once or use bulk operations.',
	500: 'This is usually temporary. Try again in a few minutes.',
	502: 'This is usually temporary. Try again in a few minutes.',
	503: 'This is usually temporary. Try again in a few minutes.',
	504: 'This is usually temporary. Try again in a few minutes.',
};

function apiError(
	node: INode,
	req: CcRequest,
	f: Failure,
	extra: { message?: string; description?: string } = {},
): NodeApiError {
	const entries = parseErrorBody(redact(f.body));
	const ccText = entries
		.map((e) => e.error_message)
		.filter((m): m is string => !!m)
		.join('; ');
	const status = f.status;
	let message = extra.message;
	if (!message) {
		const base =
			(status !== undefined && (req.hints?.[status] ?? STATUS_TEXT[status])) ||
			(status === undefined
				? 'Could not reach Constant Contact'
				: `Constant Contact answered with HTTP ${status}`);
		message = ccText && !req.hints?.[status ?? 0] ? `${base}: ${ccText}` : base;
	}
	const keys = entries
		.map((e) => [e.error_key, e.error_message].filter(Boolean).join(': '))
		.filter(Boolean);
	const where = `${req.method} ${redactText(req.path ?? (req.url ?? '').replace(/^https?:\/\/[^/]+/, ''))}`;
	const description = [
		extra.description ?? (status !== undefined ? STATUS_ADVICE[status] : undefined),
		status !== undefined ? `HTTP ${status} for ${where}.` : `${where}: ${redactText(f.code ?? f.message)}.`,
		keys.length ? `Constant Contact said: ${keys.join(' | ')}` : undefined,
	]
		.filter(Boolean)
		.join(' ');
	return new NodeApiError(
		node,
		{ httpCode: status !== undefined ? String(status) : '', body: redact(f.body) ?? null } as JsonObject,
		{
			message,
			description,
			httpCode: status !== undefined ? String(status) : undefined,
			itemIndex: req.itemIndex,
		},
	);
}

function reconnectError(node: INode, itemIndex?: number): NodeApiError {
	return new NodeApiError(
		node,
		{ error: 'invalid_grant' },
		{
			message: 'The Constant Contact connection has expired: reconnect the credential',
			description:
				'Constant Contact refused to renew access (invalid_grant). This happens when the refresh token was already used by another run (Constant Contact\'s default "Rotating" refresh tokens are single-use; choose "Long Lived" in the developer portal), when it went unused for 180 days, or when access was revoked. Open the Constant Contact credential in n8n and click "Reconnect".',
			httpCode: '401',
			itemIndex,
		},
	);
}

// ---------------------------------------------------------------------------------------------
// Requests.
// ---------------------------------------------------------------------------------------------

export async function getApiBaseUrl(this: CcContext): Promise<string> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	return String(credentials.apiBaseUrl || DEFAULT_API_BASE_URL).replace(/\/+$/, '');
}

/** `_links.next.href` is a path that already contains `/v3`: prefix only the host part. */
export function resolveLink(baseUrl: string, href: string): string {
	if (/^https?:\/\//i.test(href)) return href;
	const match = /^(https?:\/\/[^/]+)(\/.*)?$/i.exec(baseUrl);
	const origin = match ? match[1] : baseUrl;
	const basePath = match?.[2] ?? '';
	// A base such as http://proxy/cc/v3 keeps its prefix in front of the /v3/... link.
	const prefix = basePath.endsWith('/v3') ? basePath.slice(0, -3) : '';
	return `${origin}${prefix}${href.startsWith('/') ? href : `/${href}`}`;
}

function backoffDelay(attempt: number): number {
	const exp = Math.min(transportSettings.backoffMaxMs, transportSettings.backoffBaseMs * 2 ** attempt);
	// Full jitter in the upper half: spreads concurrent executions apart.
	return Math.round(exp / 2 + Math.random() * (exp / 2));
}

/** One request with rate limiting, retries and error mapping; returns status and body. */
export async function constantContactRequestFull(this: CcContext, req: CcRequest): Promise<CcResponse> {
	const node = this.getNode();
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const baseUrl = String(credentials.apiBaseUrl || DEFAULT_API_BASE_URL).replace(/\/+$/, '');
	const appKey = String(credentials.clientId ?? node.credentials?.[CREDENTIAL_TYPE]?.id ?? 'default');
	const idempotent = req.idempotent ?? ['GET', 'PUT', 'DELETE', 'HEAD'].includes(req.method);

	const options: IHttpRequestOptions = {
		method: req.method,
		url: req.url ?? `${baseUrl}${req.path ?? ''}`,
		json: true,
		returnFullResponse: true,
		timeout: transportSettings.requestTimeoutMs,
		headers: { Accept: 'application/json' },
	};
	if (req.qs && Object.keys(req.qs).length) options.qs = req.qs;
	if (req.body !== undefined) {
		options.body = req.body;
		options.headers = { ...options.headers, 'Content-Type': 'application/json' };
	}

	let waited = 0;
	let ambiguous = false;
	let firstAttemptAt = 0;
	for (let attempt = 0; ; attempt++) {
		await waitForSlot(appKey);
		sentByContext.set(this, requestsSent(this) + 1);
		if (attempt === 0) firstAttemptAt = Date.now();
		try {
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				{ ...options, headers: { ...options.headers } },
			)) as { statusCode?: number; body?: unknown };
			const body = response?.body;
			return {
				statusCode: Number(response?.statusCode ?? 200),
				body: (body && typeof body === 'object' ? body : {}) as IDataObject,
			};
		} catch (error) {
			if (notConnected(error)) {
				throw new NodeOperationError(node, 'The Constant Contact credential is not connected yet', {
					description: 'Open the credential and click "Connect my account" to sign in to Constant Contact once.',
					itemIndex: req.itemIndex,
				});
			}
			if (needsReconnect(error)) throw reconnectError(node, req.itemIndex);
			const f = readFailure(error);
			// n8n 1.x drops the OAuth error it wraps: only the message tells, and only without a status.
			const tokenBusy =
				tokenEndpointBusy(error) ||
				(f.status === undefined && /too many (token )?requests|rate.?limit|slow_down/i.test(f.message));

			if (f.status === 409 && ambiguous && req.recoverConflict) {
				const existing = await req.recoverConflict(firstAttemptAt);
				if (existing) return { statusCode: 200, body: existing };
			}

			let retry = false;
			if (tokenBusy) {
				retry = true;
			} else if (f.status === 429) {
				if (isDailyQuota(f)) {
					throw apiError(node, req, f, {
						message: "Constant Contact's daily limit of 10,000 requests for this application is used up",
						description: `Nothing more can be sent until the limit resets at midnight UTC (in about ${formatDuration(
							msUntilUtcMidnight(),
						)}). The limit is per Constant Contact application and shared by every workflow using it; bulk operations use far fewer requests.`,
					});
				}
				retry = isThrottle(f);
			} else if (isTransient(f)) {
				if (idempotent) retry = true;
				else if (req.recoverConflict) {
					retry = true;
					ambiguous = true;
				}
			} else if (neverSent(f)) {
				retry = true;
			}

			const delay = backoffDelay(attempt);
			if (
				!retry ||
				attempt + 1 >= transportSettings.maxAttempts ||
				waited + delay > transportSettings.maxTotalRetryWaitMs
			) {
				if (tokenBusy) {
					throw new NodeApiError(node, { error: 'rate_limited' }, {
						message: "Constant Contact's sign-in server kept refusing to renew access (too many requests)",
						description: `Constant Contact allows one token renewal per second. Gave up after ${attempt + 1} attempts; run the workflow again.`,
						itemIndex: req.itemIndex,
					});
				}
				throw apiError(
					node,
					req,
					f,
					retry
						? {
								description: `${STATUS_ADVICE[f.status ?? 0] ?? ''} Gave up after ${attempt + 1} attempts.`.trim(),
							}
						: {},
				);
			}
			if (f.status === 429 || tokenBusy) holdBack(appKey, delay);
			waited += delay;
			await sleep(delay);
		}
	}
}

/** One request; returns the parsed JSON body (empty object for 204). */
export async function constantContactApiRequest(this: CcContext, req: CcRequest): Promise<IDataObject> {
	const { body } = await constantContactRequestFull.call(this, req);
	return body;
}

export interface PagedRequest {
	path: string;
	qs?: IDataObject;
	/** Property of the response that holds the records, e.g. `contacts`. */
	itemsKey: string;
	/** The endpoint's largest `limit`. */
	pageSize: number;
	/** Stop after this many records; undefined = all. */
	max?: number;
	/** Stop after the page for which this answers true (newest-first endpoints read back to a point). */
	until?: (page: IDataObject[]) => boolean;
	itemIndex?: number;
}

/**
 * Follows `_links.next.href` until there is no next page or `max` records are collected.
 * Requests pages of the endpoint's maximum size, or fewer when `max` needs fewer.
 */
export async function constantContactRequestAllItems(
	this: CcContext,
	req: PagedRequest,
): Promise<IDataObject[]> {
	const baseUrl = await getApiBaseUrl.call(this);
	const results: IDataObject[] = [];
	const firstLimit = req.max === undefined ? req.pageSize : Math.min(req.pageSize, req.max);
	let next: CcRequest | undefined = {
		method: 'GET',
		path: req.path,
		qs: { ...(req.qs ?? {}), limit: firstLimit },
		itemIndex: req.itemIndex,
	};
	while (next) {
		const page: IDataObject = await requestPage.call(this, next);
		const records: IDataObject[] = (page[req.itemsKey] as IDataObject[] | undefined) ?? [];
		results.push(...records);
		if (req.max !== undefined && results.length >= req.max) return results.slice(0, req.max);
		if (req.until?.(records)) return results;
		const href: unknown = ((page._links as IDataObject | undefined)?.next as IDataObject | undefined)?.href;
		next =
			typeof href === 'string' && href && records.length
				? { method: 'GET', url: resolveLink(baseUrl, href), itemIndex: req.itemIndex }
				: undefined;
	}
	return results;
}

/** A GET that may answer 202 "processing" (segments) until its result is ready. */
async function requestPage(this: CcContext, req: CcRequest): Promise<IDataObject> {
	for (let poll = 0; ; poll++) {
		const { statusCode, body } = await constantContactRequestFull.call(this, req);
		if (statusCode !== 202) return body;
		if (poll + 1 >= transportSettings.maxProcessingPolls) {
			throw new NodeOperationError(this.getNode(), 'Constant Contact is still preparing the result', {
				description: `The request (${req.method} ${req.path ?? 'next page'}) was answered "processing" ${poll + 1} times. Segments can take a while to compute; run the workflow again later.`,
				itemIndex: req.itemIndex,
			});
		}
		await sleep(transportSettings.processingPollMs);
	}
}
