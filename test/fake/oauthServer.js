// @ts-check
'use strict';

/**
 * Fake Constant Contact authorization server (Okta-based, brief §1.1–§1.7).
 *
 *   GET  /oauth2/default/v1/authorize   auto-consents, 302 → redirect_uri?code=…&state=…
 *   POST /oauth2/default/v1/token       authorization_code / refresh_token grants
 *   POST /oauth2/default/v1/revoke      RFC 7009 revoke (brief §1.1 lists it as UNVERIFIED; 200 always)
 *
 * Token endpoint rules:
 * - Client authentication by HTTP Basic only (brief §1.4); otherwise 401 invalid_client.
 * - Parameters from an x-www-form-urlencoded body and/or the query string (CC support shows them
 *   in the query string of the POST, brief §1.4); body values win.
 * - Rate limit `tokenRateLimitPerSecond` (brief §1.6: 1 request/second) over a sliding 1000 ms
 *   window of admitted requests. Over the limit: 429
 *   `{"error":"rate_limited","error_description":"Too many token requests: the token endpoint allows N request(s) per second."}`
 *   (CC's real body is undocumented; this shape follows the OAuth error format of the endpoint).
 */

const { readBody, queryObject, maskAuthorization, send } = require('./httpUtil');

const AUTHORIZE_PATH = '/oauth2/default/v1/authorize';
const TOKEN_PATH = '/oauth2/default/v1/token';
const REVOKE_PATH = '/oauth2/default/v1/revoke';

/** Scopes the authorization server knows (brief §1.5). */
const KNOWN_SCOPES = new Set([
	'account_read',
	'account_update',
	'contact_data',
	'campaign_data',
	'offline_access',
	'billing_data',
	'openid',
	'profile',
]);

/** Secret-bearing form fields are truncated in the request log. */
const SECRET_FIELDS = new Set(['code', 'refresh_token', 'client_secret', 'access_token', 'token', 'code_verifier']);

/**
 * @typedef {import('./httpUtil').FakeResponse} FakeResponse
 * @typedef {import('./httpUtil').LogEntry} LogEntry
 */

/**
 * @param {{
 *   arrivals: { now(): number },
 *   tokens: import('./tokens').TokenStore,
 *   log: LogEntry[],
 *   faults: import('./faults').FaultQueue,
 *   timers: import('./httpUtil').Timers,
 *   tokenRateLimitPerSecond: number,
 * }} ctx
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>}
 */
function createOAuthHandler(ctx) {
	const { tokens, log, faults, timers } = ctx;
	/** @type {number[]} admitted token-request times (arrival clock) */
	let tokenTimes = [];

	/** @param {string} title @param {string} message @returns {FakeResponse} */
	const htmlError = (title, message) => ({
		status: 400,
		raw: `<!DOCTYPE html><html><head><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(
			title,
		)}</h1><p>${escapeHtml(message)}</p></body></html>`,
	});

	/** @param {number} status @param {string} error @param {string} description @returns {FakeResponse} */
	const oauthError = (status, error, description) => ({
		status,
		body: { error, error_description: description },
		headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
	});

	/** @param {Record<string, string | string[]>} q @returns {FakeResponse} */
	function authorize(q) {
		const one = (/** @type {string} */ k) => (Array.isArray(q[k]) ? undefined : /** @type {string | undefined} */ (q[k]));
		const clientId = one('client_id');
		const redirectUri = one('redirect_uri');
		const responseType = one('response_type');
		const scope = one('scope');
		const state = one('state');
		if (!clientId || clientId !== tokens.clientId) {
			return htmlError('Bad Request', 'Invalid client_id: the client is not registered.');
		}
		if (!redirectUri || !tokens.isRedirectAllowed(redirectUri)) {
			// Brief §1.7: redirect_uri must match a registered one exactly; CC shows "Invalid redirect".
			return htmlError('Invalid redirect', "The 'redirect_uri' parameter must be a Login redirect URI in the client app settings.");
		}
		if (responseType !== 'code') {
			return htmlError('Bad Request', `Unsupported response_type "${responseType ?? ''}": this fake supports only "code".`);
		}
		if (!state) return htmlError('Bad Request', "The 'state' parameter is required."); // brief §1.3
		if (!scope) return htmlError('Bad Request', "The 'scope' parameter is required.");
		// Brief §1.3/§14.5: scopes are space-separated; a literally-encoded plus (%2B) breaks the request.
		if (scope.includes('+')) {
			return htmlError('Bad Request', `Invalid scope "${scope}": scopes must be separated by spaces (a literal "+" was received).`);
		}
		const scopes = scope.split(' ').filter(Boolean);
		const unknown = scopes.filter((s) => !KNOWN_SCOPES.has(s));
		if (unknown.length || scopes.length === 0) {
			return htmlError('Bad Request', `One or more scopes are not configured for the authorization server: ${unknown.join(' ')}`);
		}
		// offline_access is NOT required: without it no refresh token is issued (brief §1.5).
		const code = tokens.createCode({ clientId, redirectUri, scope: scopes.join(' '), state });
		const target = new URL(redirectUri);
		target.searchParams.set('code', code);
		target.searchParams.set('state', state);
		return { status: 302, headers: { Location: target.toString() } };
	}

	/**
	 * @param {Record<string, string | string[]>} params
	 * @param {string | undefined} authorization
	 * @returns {FakeResponse}
	 */
	function token(params, authorization) {
		if (ctx.tokenRateLimitPerSecond > 0) {
			const now = ctx.arrivals.now();
			tokenTimes = tokenTimes.filter((t) => now - t < 1000);
			if (tokenTimes.length >= ctx.tokenRateLimitPerSecond) {
				return oauthError(
					429,
					'rate_limited',
					`Too many token requests: the token endpoint allows ${ctx.tokenRateLimitPerSecond} request(s) per second.`,
				);
			}
			tokenTimes.push(now);
		}
		const client = authenticateBasic(authorization, tokens);
		if (!client) {
			return oauthError(401, 'invalid_client', 'Client authentication failed. Either the client or the client credentials are invalid.');
		}
		const one = (/** @type {string} */ k) => {
			const v = params[k];
			return Array.isArray(v) ? v[v.length - 1] : v;
		};
		const grantType = one('grant_type');
		if (grantType === 'authorization_code') {
			const code = one('code');
			const redirectUri = one('redirect_uri');
			if (!code) return oauthError(400, 'invalid_request', "The 'code' parameter is required.");
			if (!redirectUri) return oauthError(400, 'invalid_request', "The 'redirect_uri' parameter is required.");
			const r = tokens.exchangeCode({ code, clientId: client.id, redirectUri });
			return r.ok ? tokenOk(r.body) : oauthError(r.status, r.error, r.error_description);
		}
		if (grantType === 'refresh_token') {
			const refreshToken = one('refresh_token');
			if (!refreshToken) return oauthError(400, 'invalid_request', "The 'refresh_token' parameter is required.");
			const r = tokens.refresh({ refreshToken, clientId: client.id });
			return r.ok ? tokenOk(r.body) : oauthError(r.status, r.error, r.error_description);
		}
		if (!grantType) return oauthError(400, 'invalid_request', "The 'grant_type' parameter is required.");
		return oauthError(400, 'unsupported_grant_type', `The authorization grant type '${grantType}' is not supported.`);
	}

	/** @param {import('./tokens').TokenResponse} body @returns {FakeResponse} */
	function tokenOk(body) {
		return { status: 200, body, headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' } };
	}

	return async function handle(req, res) {
		const url = new URL(req.url || '/', 'http://127.0.0.1');
		const method = (req.method || 'GET').toUpperCase();
		const raw = await readBody(req);
		const query = queryObject(url.searchParams);
		const isForm = String(req.headers['content-type'] || '').startsWith('application/x-www-form-urlencoded');
		const form = isForm ? queryObject(new URLSearchParams(raw)) : {};
		/** @type {LogEntry} */
		const entry = {
			server: 'oauth',
			method,
			path: url.pathname,
			query: redact(query),
			body: isForm ? redact(form) : raw || undefined,
			status: null,
			at: ctx.arrivals.now(),
			authorization: maskAuthorization(req.headers.authorization),
		};
		log.push(entry);

		const fault = faults.take('oauth', method, url.pathname);
		if (fault?.kind === 'reset') {
			entry.status = 0;
			entry.fault = 'reset';
			req.socket.destroy();
			return;
		}
		if (fault?.kind === 'status') {
			const status = /** @type {number} */ (fault.status);
			entry.status = status;
			entry.fault = 'status';
			send(res, { status, body: fault.body ?? { error: 'temporarily_unavailable', error_description: `Injected fault: HTTP ${status}` } });
			return;
		}
		if (fault?.kind === 'delay') await timers.sleep(fault.ms ?? 0);

		/** @type {FakeResponse} */
		let r;
		if (method === 'GET' && url.pathname === AUTHORIZE_PATH) r = authorize(query);
		else if (method === 'POST' && url.pathname === TOKEN_PATH) r = token({ ...query, ...form }, req.headers.authorization);
		else if (method === 'POST' && url.pathname === REVOKE_PATH) {
			const t = form.token ?? query.token;
			if (typeof t === 'string') tokens.revoke(t);
			r = { status: 200, body: {} };
		} else r = { status: 404, body: { error: 'not_found', error_description: `No route ${method} ${url.pathname}` } };

		if (fault?.kind === 'afterHandle') {
			entry.fault = 'afterHandle';
			if (fault.reset || fault.status === 'reset') {
				entry.status = 0;
				req.socket.destroy();
				return;
			}
			r = { status: typeof fault.status === 'number' ? fault.status : 500, body: fault.body ?? { error: 'server_error', error_description: 'Injected fault after handling' } };
		}
		entry.status = r.status;
		send(res, r);
	};
}

/**
 * Parse `Authorization: Basic base64(id:secret)`. RFC 6749 §2.3.1 form-encodes id and secret
 * before base64, many clients do not: both readings are tried against the registered client.
 * @param {string | undefined} header
 * @param {import('./tokens').TokenStore} tokens
 * @returns {{ id: string, secret: string } | null} the authenticated client, or null
 */
function authenticateBasic(header, tokens) {
	const m = /^Basic\s+(\S+)$/i.exec(header || '');
	if (!m) return null;
	const decoded = Buffer.from(m[1], 'base64').toString('utf8');
	const i = decoded.indexOf(':');
	if (i < 0) return null;
	const dec = (/** @type {string} */ s) => {
		try {
			return decodeURIComponent(s.replace(/\+/g, ' '));
		} catch {
			return s;
		}
	};
	const rawId = decoded.slice(0, i);
	const rawSecret = decoded.slice(i + 1);
	for (const [id, secret] of [
		[rawId, rawSecret],
		[dec(rawId), dec(rawSecret)],
	]) {
		if (tokens.checkClient(id, secret)) return { id, secret };
	}
	return null;
}

/** @param {Record<string, string | string[]>} o */
function redact(o) {
	/** @type {Record<string, string | string[]>} */
	const out = {};
	for (const [k, v] of Object.entries(o)) {
		out[k] = SECRET_FIELDS.has(k) ? (Array.isArray(v) ? v.map(trunc) : trunc(v)) : v;
	}
	return out;
}

/** @param {string} s */
function trunc(s) {
	return s.length > 6 ? `${s.slice(0, 6)}…` : s;
}

/** @param {string} s */
function escapeHtml(s) {
	return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

module.exports = { createOAuthHandler, AUTHORIZE_PATH, TOKEN_PATH, REVOKE_PATH };
