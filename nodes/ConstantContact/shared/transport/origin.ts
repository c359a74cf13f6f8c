/**
 * One origin. Every request goes to the credential's API base: its scheme, host, port and path
 * prefix (`https://api.cc.email/v3`). Links and cursors from answers or from the editor are
 * resolved against it and refused when they point anywhere else; IDs are encoded into paths so
 * that no value can leave the API path.
 */
import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DEFAULT_API_BASE_URL } from './settings';

export interface ApiOrigin {
	/** `https://api.cc.email` (scheme, host and port). */
	origin: string;
	/** `/v3`, or a proxy's `/cc/v3`: every request path starts with it. */
	prefix: string;
	/** origin + prefix. */
	base: string;
}

/** A value that may not go into a request (thrown without a node; the caller names it). */
export class UnsafeRequestError extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
		this.name = 'UnsafeRequestError';
	}
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** A shortened, printable form of a value from outside, for messages. */
export function shorten(value: unknown, max = 80): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
	// eslint-disable-next-line no-control-regex
	const printable = text.replace(/[\u0000-\u001f\u007f]/g, '?');
	return printable.length > max ? `${printable.slice(0, max - 1)}…` : printable;
}

/**
 * The credential's API base. It must be https (plain http only on this machine, for the
 * sandbox), without user info, query or fragment.
 */
export function apiOrigin(node: INode, credentials: ICredentialDataDecryptedObject): ApiOrigin {
	const raw = String(credentials.apiBaseUrl || DEFAULT_API_BASE_URL).trim().replace(/\/+$/, '');
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new NodeOperationError(node, 'The credential\'s API Base URL is not a URL', {
			description: `"${shorten(raw)}" cannot be used. Constant Contact's API is ${DEFAULT_API_BASE_URL}.`,
		});
	}
	const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname));
	if (!secure || url.username || url.password || url.search || url.hash) {
		throw new NodeOperationError(node, 'The credential\'s API Base URL is not allowed', {
			description: `"${shorten(raw)}": the access token is only sent over https (plain http only to this machine), to an address without user name, query or fragment. Constant Contact's API is ${DEFAULT_API_BASE_URL}.`,
		});
	}
	const prefix = url.pathname.replace(/\/+$/, '');
	return { origin: url.origin, prefix, base: `${url.origin}${prefix}` };
}

/** Characters and sequences that could move a path elsewhere once a server decodes it. */
const DOT_SEGMENT = /(^|\/)(\.|%2e){1,2}(\/|$)/i;
const ENCODED_SEPARATOR = /%(2f|5c|00)/i;

/**
 * Checks that `url` is inside the API (same origin, path below the prefix, no dot segments,
 * no encoded slashes, no fragment, no user info) and returns it; throws otherwise.
 */
export function checkInside(api: ApiOrigin, url: string, what: string): string {
	// eslint-disable-next-line no-control-regex
	if (/[\s\\\u0000-\u001f\u007f]/.test(url)) throw outside(api, url, what);
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw outside(api, url, what);
	}
	const rawPath = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(url)?.[1] ?? '';
	const inside =
		parsed.origin === api.origin &&
		!parsed.username &&
		!parsed.password &&
		!parsed.hash &&
		!url.includes('#') &&
		!DOT_SEGMENT.test(rawPath) &&
		!ENCODED_SEPARATOR.test(rawPath) &&
		rawPath === parsed.pathname &&
		(parsed.pathname === api.prefix || parsed.pathname.startsWith(`${api.prefix}/`));
	if (!inside) throw outside(api, url, what);
	return url;
}

function outside(api: ApiOrigin, url: string, what: string): UnsafeRequestError {
	return new UnsafeRequestError(
		`Refused ${what} that points outside the Constant Contact API`,
		`It pointed at "${shorten(url)}", which is not below the credential's API address ${api.base}. Nothing was sent there: the node sends the access token only to that address.`,
	);
}

/**
 * A `_links.next.href` (or a picker's pagination token) as a URL inside the API. Constant
 * Contact gives paths that already hold the version (`/v3/contacts?cursor=…`); a base with a
 * proxy prefix (`http://proxy/cc/v3`) keeps that prefix in front.
 */
export function resolveLink(api: ApiOrigin, href: unknown, what = 'a next-page link'): string {
	if (typeof href !== 'string' || !href || href.length > 4096) {
		throw new UnsafeRequestError(
			`Refused ${what} that is not a link`,
			`Expected a link (text) to the next page, got ${shorten(href)}. Nothing was sent.`,
		);
	}
	if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return checkInside(api, href, what);
	if (!href.startsWith('/')) throw outside(api, href, what);
	const versionRoot = api.prefix.endsWith('/v3') ? api.prefix.slice(0, -3) : undefined;
	if (versionRoot !== undefined && (href === '/v3' || href.startsWith('/v3/')) && !href.startsWith(`${api.prefix}/`)) {
		return checkInside(api, `${api.origin}${versionRoot}${href}`, what);
	}
	return checkInside(api, `${api.origin}${href}`, what);
}

/** One value as one path segment: a string or number, never empty, `.` or `..`, encoded. */
function segment(value: unknown): string {
	const values = Array.isArray(value) ? value : [value];
	if (values.length === 0) throw badId(value);
	return values
		.map((v) => {
			if (typeof v !== 'string' && typeof v !== 'number') throw badId(v);
			const text = String(v);
			if (!text || text === '.' || text === '..' || text.length > 200 || !/^[A-Za-z0-9._~-]+$/.test(text)) {
				throw badId(v);
			}
			return encodeURIComponent(text);
		})
		.join(',');
}

function badId(value: unknown): UnsafeRequestError {
	return new UnsafeRequestError(
		`"${shorten(value, 60)}" is not an ID Constant Contact issues`,
		'IDs go into the request path and may hold only letters, digits and - _ . ~ (an array becomes a comma-separated list). Check where the value came from.',
	);
}

/**
 * Tagged template for request paths: every interpolated value is one checked, encoded path
 * segment (an array becomes a comma-separated list of them), e.g. apiPath`/contacts/${id}`.
 */
export function apiPath(strings: TemplateStringsArray, ...values: unknown[]): string {
	let out = strings[0];
	for (let n = 0; n < values.length; n++) out += segment(values[n]) + strings[n + 1];
	return out;
}
