/**
 * Nothing that authenticates leaves the node. Two layers:
 *  - by pattern: `Bearer …`, `access_token=…`, JWTs, and values under keys that name a secret;
 *  - by value: the credential's access tokens (the current one and those used before a refresh
 *    in this run), refresh token and client secret, in plain, URL-encoded (once and twice),
 *    base64 (standard and URL-safe, at every byte alignment, so also inside a longer encoded
 *    text such as a Basic header), hex, and JSON-escaped forms, wherever they appear.
 * Objects are walked to any depth up to a limit; whatever lies deeper is replaced, never passed
 * through, and so are cycles.
 */
import type { IDataObject } from 'n8n-workflow';

export const REDACTED = '[redacted]';
const TOO_DEEP = '[redacted: nested too deep]';
const MAX_DEPTH = 16;
/** Shorter values cannot be told apart from ordinary text. */
const MIN_SECRET_LENGTH = 8;

export const SECRET_KEYS =
	/^(authorization|proxy[-_]?authorization|cookie|set[-_]?cookie|x[-_]?api[-_]?key|api[-_]?key|apikey|(access|refresh|id|bearer|auth)[-_]?token|token|tokens|client[-_]?secret|clientsecret|secret|password|passwd|code[-_]?verifier|oauth[-_]?token[-_]?data)$/i;

/** Each pattern leaves an earlier `[redacted]` alone, so scrubbing twice changes nothing. */
const PATTERNS: Array<[RegExp, string]> = [
	[/\b(Bearer|Basic)((?:\s|%20|\+)+)(?!\[redacted\])[A-Za-z0-9._~+/=%-]+/gi, `$1$2${REDACTED}`],
	[
		/((?:access|refresh|id)[-_]?token|client[-_]?secret|\btoken)(\\?["']?\s*(?:=|:|%3D|%3A)\s*\\?["']?)(?!\[redacted\])[^&\s"'\\,;}\]]+/gi,
		`$1$2${REDACTED}`,
	],
	// An authorization code in a query (`code=`); "error code: 400" stays.
	[/(^|[?&\s"'])(code(?:=|%3D))(?!\[redacted\])[^&\s"']+/gi, `$1$2${REDACTED}`],
	// JSON Web Tokens (Constant Contact's access tokens are JWTs).
	[/\beyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]*/g, REDACTED],
];

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function utf8Bytes(text: string): number[] {
	const bytes: number[] = [];
	const encoded = encodeURIComponent(text);
	for (let n = 0; n < encoded.length; n++) {
		if (encoded[n] === '%') {
			bytes.push(parseInt(encoded.slice(n + 1, n + 3), 16));
			n += 2;
		} else bytes.push(encoded.charCodeAt(n));
	}
	return bytes;
}

function base64(bytes: number[]): string {
	let out = '';
	for (let n = 0; n < bytes.length; n += 3) {
		const [a, b, c] = [bytes[n], bytes[n + 1], bytes[n + 2]];
		const chunk = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
		out += BASE64[(chunk >> 18) & 63] + BASE64[(chunk >> 12) & 63];
		out += b === undefined ? '=' : BASE64[(chunk >> 6) & 63];
		out += c === undefined ? '=' : BASE64[chunk & 63];
	}
	return out;
}

/**
 * The part of base64(prefix + secret) that depends only on the secret, for a prefix of 0, 1
 * and 2 bytes: whichever byte offset the secret has inside a longer encoded text, one of these
 * appears in it.
 */
function base64Cores(bytes: number[]): string[] {
	const cores: string[] = [];
	for (let shift = 0; shift < 3; shift++) {
		const encoded = base64([...Array(shift).fill(0), ...bytes]);
		// Characters made only of the secret's bits: from the first after the prefix's bits to the
		// last whole one (the next depends on what follows the secret).
		const first = Math.ceil((shift * 8) / 6);
		const last = Math.floor(((shift + bytes.length) * 8) / 6);
		const core = encoded.slice(first, last);
		if (core.length >= MIN_SECRET_LENGTH) cores.push(core);
	}
	return cores;
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The forms a secret may take in a text. */
export function secretForms(secret: string): string[] {
	const bytes = utf8Bytes(secret);
	const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
	const url = encodeURIComponent(secret);
	const json = JSON.stringify(secret).slice(1, -1);
	const unicode = [...secret].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
	const std = base64Cores(bytes);
	const forms = [
		secret,
		url,
		url.replace(/%20/g, '+'),
		encodeURIComponent(url),
		json,
		json.replace(/\//g, '\\/'),
		JSON.stringify(json).slice(1, -1),
		unicode,
		hex,
		...std,
		...std.map((c) => c.replace(/\+/g, '-').replace(/\//g, '_')),
	];
	return [...new Set(forms)].filter((f) => f.length >= MIN_SECRET_LENGTH);
}

/** Redacts known secret values (in all their forms) and secret-looking patterns. */
export class Scrubber {
	private readonly secrets = new Set<string>();
	private matcher: RegExp | undefined;

	/** Adds secret values (strings of at least 8 characters; anything else is ignored). */
	add(...values: unknown[]): this {
		let changed = false;
		for (const value of values) {
			if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH || this.secrets.has(value)) continue;
			this.secrets.add(value);
			changed = true;
		}
		if (changed) {
			const forms = [...this.secrets].flatMap(secretForms).sort((a, b) => b.length - a.length);
			this.matcher = new RegExp(forms.map(escapeRegExp).join('|'), 'gi');
		}
		return this;
	}

	/** Whether a text holds a known secret in any form. */
	holdsSecret(text: string): boolean {
		if (!this.matcher) return false;
		this.matcher.lastIndex = 0;
		return this.matcher.test(text);
	}

	/** A text with known secrets and secret-looking patterns replaced. */
	text(text: string): string {
		let out = this.matcher ? text.replace(this.matcher, REDACTED) : text;
		for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
		return out;
	}

	/**
	 * A deep copy with every string scrubbed and every value under a secret-named key replaced.
	 * Deeper than the limit, and cycles, are replaced too.
	 */
	deep<T>(value: T): T {
		return this.walk(value, 0, new WeakSet()) as T;
	}

	private walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
		if (typeof value === 'string') return this.text(value);
		if (value === null || typeof value !== 'object') {
			return typeof value === 'function' || typeof value === 'symbol' ? undefined : value;
		}
		if (depth >= MAX_DEPTH) return TOO_DEEP;
		if (seen.has(value)) return '[circular]';
		seen.add(value);
		let out: unknown;
		if (Array.isArray(value)) out = value.map((v) => this.walk(v, depth + 1, seen));
		else {
			const copy: IDataObject = {};
			for (const [key, v] of Object.entries(value as IDataObject)) {
				copy[this.text(key)] = SECRET_KEYS.test(key) && v !== null && v !== '' ? REDACTED : (this.walk(v, depth + 1, seen) as IDataObject[string]);
			}
			out = copy;
		}
		seen.delete(value);
		return out;
	}
}

/** Pattern-only redaction, for texts produced where no credential is at hand. */
const patternsOnly = new Scrubber();

export function redactText(text: string): string {
	return patternsOnly.text(text);
}

export function redact<T>(value: T): T {
	return patternsOnly.deep(value);
}
