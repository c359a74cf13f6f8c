/**
 * What went wrong with one attempt, read from n8n's HTTP helpers (which wrap failures
 * differently on n8n 1.x and 2.x) or from an answer with an error status, and how to treat it.
 */
import type { IDataObject } from 'n8n-workflow';

export interface Failure {
	status?: number;
	body?: unknown;
	code?: string;
	message: string;
	/** `Location` of a redirect answer. */
	location?: string;
}

function pick<T>(...values: Array<T | undefined | null>): T | undefined {
	for (const v of values) if (v !== undefined && v !== null) return v;
	return undefined;
}

export function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** A failure from an error thrown by n8n's helper (network errors, or statuses it threw on). */
export function readFailure(error: unknown): Failure {
	const e = (error ?? {}) as IDataObject & { cause?: IDataObject; message?: string };
	const cause = (e.cause ?? {}) as IDataObject & { response?: IDataObject; cause?: IDataObject };
	const response = (pick(cause.response, e.response as IDataObject) ?? {}) as IDataObject;
	const statusRaw = pick<unknown>(response.status, response.statusCode, e.httpCode, e.statusCode, cause.status);
	const status = statusRaw === undefined ? undefined : Number(statusRaw);
	const body = pick(response.data, response.body, (e.context as IDataObject | undefined)?.data);
	const code = pick(cause.code as string, e.code as string, (cause.cause as IDataObject | undefined)?.code as string);
	return {
		status: Number.isFinite(status) && status! > 0 ? status : undefined,
		body: typeof body === 'string' ? safeJson(body) : body,
		code: typeof code === 'string' ? code : undefined,
		message: String(e.message ?? ''),
	};
}

/** A failure from an answer n8n handed back (the transport asks n8n not to throw on statuses). */
export function answerFailure(statusCode: number, body: unknown, headers?: IDataObject): Failure {
	const location = headers?.location ?? headers?.Location;
	return {
		status: statusCode,
		body: typeof body === 'string' ? safeJson(body) : body,
		message: `HTTP ${statusCode}`,
		location: typeof location === 'string' ? location : undefined,
	};
}

export interface CcErrorEntry {
	error_key?: string;
	error_message?: string;
}

const text = (v: unknown): string | undefined =>
	typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

/** Constant Contact answers errors as an array, a single object (401/429) or OAuth's shape. */
export function parseErrorBody(body: unknown): CcErrorEntry[] {
	if (Array.isArray(body)) {
		return body
			.filter((e) => e && typeof e === 'object')
			.map((e: IDataObject) => ({ error_key: text(e.error_key), error_message: text(e.error_message) }))
			.filter((e) => e.error_key !== undefined || e.error_message !== undefined);
	}
	if (body && typeof body === 'object') {
		const o = body as IDataObject;
		if (o.error_key || o.error_message) return [{ error_key: text(o.error_key), error_message: text(o.error_message) }];
		if (o.error || o.error_description) {
			return [{ error_key: text(o.error) ?? '', error_message: text(o.error_description) }];
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

export function isTransient(f: Failure): boolean {
	if (f.status !== undefined) return [500, 502, 503, 504].includes(f.status);
	if (f.code && TRANSIENT_CODES.has(f.code)) return true;
	return /socket hang up|timeout|network error|ECONNRESET/i.test(f.message);
}

/** The request never reached Constant Contact: safe to repeat for any method. */
export function neverSent(f: Failure): boolean {
	return f.status === undefined && f.code === 'ECONNREFUSED';
}

/**
 * A 429 worth waiting for: the per-second throttle (`throttled`, or a bare "too many requests").
 * Other 429s name a limit that waiting a few seconds does not lift (test sends per day, queued
 * bulk jobs): those fail at once with Constant Contact's own message.
 */
export function isThrottle(f: Failure): boolean {
	const entries = parseErrorBody(f.body);
	if (entries.length === 0) return true;
	return entries.some(
		(e) => e.error_key === 'throttled' || (!e.error_key && /too many requests/i.test(e.error_message ?? '')),
	);
}

export function isDailyQuota(f: Failure): boolean {
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
 * was not used up, so waiting and trying again is safe. n8n 1.x drops the OAuth error it wraps:
 * then only the message tells, and only without a status.
 */
export function tokenEndpointBusy(error: unknown, f: Failure): boolean {
	let e = error as IDataObject | undefined;
	for (let depth = 0; e && depth < 5; depth++) {
		if (e.code === 'EAUTH') {
			const text = `${e.message ?? ''} ${JSON.stringify(e.body ?? '')}`;
			if (/rate.?limit|too many|slow_down|temporarily_unavailable|E0000047/i.test(text)) return true;
		}
		e = e.cause as IDataObject | undefined;
	}
	return f.status === undefined && /too many (token )?requests|rate.?limit|slow_down/i.test(f.message);
}

/** The token endpoint refused the client itself (wrong client ID or secret). */
export function invalidClient(error: unknown): boolean {
	let e = error as IDataObject | undefined;
	for (let depth = 0; e && depth < 5; depth++) {
		const text = `${e.message ?? ''} ${e.description ?? ''} ${JSON.stringify(e.body ?? '')}`;
		if (/invalid_client|unauthorized_client|client authentication failed/i.test(text)) return true;
		e = e.cause as IDataObject | undefined;
	}
	return false;
}

export function notConnected(error: unknown): boolean {
	// n8n 1.x and a credential never connected: "OAuth credentials not connected"; n8n 2.x after
	// Disconnect keeps empty token data, and signing fails with "Unable to sign without access token".
	return /OAuth credentials not connected|Unable to sign without access token/i.test(String((error as Error)?.message ?? ''));
}
