// @ts-check
'use strict';

/**
 * In-memory token bookkeeping shared by the fake OAuth server and the fake API (brief §1).
 *
 * - Authorization codes: single use, valid 5 minutes (brief §1.3), bound to client_id,
 *   redirect_uri and scope.
 * - Access tokens: opaque random strings (the real ones are JWTs — a client must not parse them,
 *   brief §1.8), lifetime `accessTokenTtlSeconds` (24 h by default, brief §1.6).
 * - Refresh tokens: only when the granted scope contains `offline_access` (brief §1.5).
 *   `rotating` (default): every refresh returns a new refresh token and all earlier refresh tokens
 *   of that grant stop working; `longLived`: the same refresh token is returned every time
 *   (brief §1.6). Both die after 180 days without use.
 * - Static tokens (`staticTokens`) are always accepted by the API and carry every scope.
 */

const crypto = require('node:crypto');

const CODE_TTL_MS = 5 * 60 * 1000; // brief §1.3
const REFRESH_IDLE_MS = 180 * 24 * 60 * 60 * 1000; // brief §1.6
const ALL_SCOPES = 'account_read account_update contact_data campaign_data offline_access';

/**
 * A clock the fakes share; `advance(ms)` moves time forward for expiry tests without waiting.
 */
class Clock {
	constructor() {
		this.offsetMs = 0;
		this.lastStamp = 0;
	}

	/** @returns {number} current fake time in ms */
	now() {
		return Date.now() + this.offsetMs;
	}

	/** @param {number} ms */
	advance(ms) {
		this.offsetMs += ms;
	}

	/**
	 * Strictly increasing timestamp (ms) for created_at/updated_at, so creation order is
	 * visible in timestamps even for several writes within one millisecond.
	 */
	stamp() {
		const t = Math.max(this.now(), this.lastStamp + 1);
		this.lastStamp = t;
		return t;
	}
}

/** @param {number} bytes */
function randomToken(bytes = 32) {
	return crypto.randomBytes(bytes).toString('base64url');
}

/**
 * @typedef {{ clientId: string, redirectUri: string, scope: string, state: string, expiresAt: number, used: boolean }} CodeRecord
 * @typedef {{ grantId: string, clientId: string, scope: string, current: string | null }} Grant
 * @typedef {{ grantId: string, alive: boolean, lastUsedAt: number }} RefreshRecord
 * @typedef {{ grantId: string | null, scope: string, expiresAt: number, revoked: boolean }} AccessRecord
 * @typedef {{ access_token: string, token_type: 'Bearer', expires_in: number, scope: string, refresh_token?: string }} TokenResponse
 * @typedef {{ ok: true, body: TokenResponse } | { ok: false, status: number, error: string, error_description: string }} TokenResult
 * @typedef {{ refresh_token: string, accepted: boolean, reason?: string, at: number }} RefreshUse
 */

class TokenStore {
	/**
	 * @param {{
	 *   clientId?: string, clientSecret?: string, redirectUris?: string[],
	 *   refreshTokenType?: 'rotating' | 'longLived', accessTokenTtlSeconds?: number,
	 *   staticTokens?: string[], clock?: Clock
	 * }} [options]
	 */
	constructor(options = {}) {
		this.clientId = options.clientId ?? 'test-client-id';
		this.clientSecret = options.clientSecret ?? 'test-client-secret';
		/** @type {string[] | null} */
		this.redirectUris = options.redirectUris ?? null;
		this.refreshTokenType = options.refreshTokenType ?? 'rotating';
		this.accessTokenTtlSeconds = options.accessTokenTtlSeconds ?? 86400;
		this.staticTokens = new Set(options.staticTokens ?? ['test-access-token']);
		this.clock = options.clock ?? new Clock();
		/** @type {Map<string, CodeRecord>} */
		this.codes = new Map();
		/** @type {Map<string, Grant>} */
		this.grants = new Map();
		/** @type {Map<string, RefreshRecord>} */
		this.refreshTokens = new Map();
		/** @type {Map<string, AccessRecord>} */
		this.accessTokens = new Map();
		/** @type {RefreshUse[]} */
		this.refreshUses = [];
		/** Scopes of the last authorize request, for tests. @type {string[]} */
		this.requestedScopes = [];
	}

	/** @param {string} id @param {string} secret */
	checkClient(id, secret) {
		return id === this.clientId && secret === this.clientSecret;
	}

	/** @param {string} uri */
	isRedirectAllowed(uri) {
		if (this.redirectUris) return this.redirectUris.includes(uri); // exact match, brief §1.7
		try {
			const u = new URL(uri);
			return (u.protocol === 'https:' || u.protocol === 'http:') && !u.hash;
		} catch {
			return false;
		}
	}

	/**
	 * @param {{ clientId: string, redirectUri: string, scope: string, state: string }} p
	 * @returns {string} code
	 */
	createCode(p) {
		const code = randomToken(24);
		this.requestedScopes.push(p.scope);
		this.codes.set(code, { ...p, expiresAt: this.clock.now() + CODE_TTL_MS, used: false });
		return code;
	}

	/**
	 * grant_type=authorization_code
	 * @param {{ code: string, clientId: string, redirectUri: string }} p
	 * @returns {TokenResult}
	 */
	exchangeCode(p) {
		const rec = this.codes.get(p.code);
		if (!rec || rec.used || rec.expiresAt < this.clock.now() || rec.clientId !== p.clientId) {
			return invalidGrant('The authorization code is invalid or has expired.');
		}
		if (rec.redirectUri !== p.redirectUri) {
			return invalidGrant("The 'redirect_uri' does not match the redirection URI used in the authorization request.");
		}
		rec.used = true; // single use, brief §1.3
		return { ok: true, body: this.newGrant(rec.clientId, rec.scope) };
	}

	/**
	 * grant_type=refresh_token
	 * @param {{ refreshToken: string, clientId: string }} p
	 * @returns {TokenResult}
	 */
	refresh(p) {
		const now = this.clock.now();
		const rec = this.refreshTokens.get(p.refreshToken);
		const grant = rec && this.grants.get(rec.grantId);
		/** @param {string} reason */
		const reject = (reason) => {
			this.refreshUses.push({ refresh_token: p.refreshToken, accepted: false, reason, at: now });
			return invalidGrant('The refresh token is invalid or expired.');
		};
		if (!rec || !grant) return reject('unknown');
		if (!rec.alive) return reject('rotated-or-revoked');
		if (grant.clientId !== p.clientId) return reject('other-client');
		if (now - rec.lastUsedAt > REFRESH_IDLE_MS) {
			rec.alive = false;
			return reject('idle-180-days');
		}
		this.refreshUses.push({ refresh_token: p.refreshToken, accepted: true, at: now });
		rec.lastUsedAt = now;
		const access = this.newAccessToken(grant.grantId, grant.scope);
		/** @type {string} */
		let refreshToken = p.refreshToken;
		if (this.refreshTokenType === 'rotating') {
			// Rotating: the presented token and every earlier one of this grant die (brief §1.6).
			for (const r of this.refreshTokens.values()) if (r.grantId === grant.grantId) r.alive = false;
			refreshToken = this.newRefreshToken(grant);
		}
		return { ok: true, body: { ...access, refresh_token: refreshToken } };
	}

	/**
	 * @param {string} clientId
	 * @param {string} scope
	 * @returns {TokenResponse}
	 */
	newGrant(clientId, scope) {
		const grant = { grantId: crypto.randomUUID(), clientId, scope, current: null };
		this.grants.set(grant.grantId, grant);
		const access = this.newAccessToken(grant.grantId, scope);
		// No offline_access → no refresh token and no error (brief §1.5).
		if (!scope.split(' ').includes('offline_access')) return access;
		return { ...access, refresh_token: this.newRefreshToken(grant) };
	}

	/** @param {Grant} grant */
	newRefreshToken(grant) {
		const token = randomToken(32);
		this.refreshTokens.set(token, { grantId: grant.grantId, alive: true, lastUsedAt: this.clock.now() });
		grant.current = token;
		return token;
	}

	/**
	 * @param {string | null} grantId
	 * @param {string} scope
	 * @returns {TokenResponse}
	 */
	newAccessToken(grantId, scope) {
		const token = randomToken(32);
		this.accessTokens.set(token, {
			grantId,
			scope,
			expiresAt: this.clock.now() + this.accessTokenTtlSeconds * 1000,
			revoked: false,
		});
		return { access_token: token, token_type: 'Bearer', expires_in: this.accessTokenTtlSeconds, scope };
	}

	/**
	 * Scopes of a live access token, or null when the token is unknown, expired or revoked.
	 * Static tokens carry every scope.
	 * @param {string} token
	 * @returns {string[] | null}
	 */
	accessTokenScopes(token) {
		if (this.staticTokens.has(token)) return ALL_SCOPES.split(' ');
		const rec = this.accessTokens.get(token);
		if (!rec || rec.revoked || rec.expiresAt <= this.clock.now()) return null;
		return rec.scope.split(' ').filter(Boolean);
	}

	/** @param {string} token */
	isValidAccessToken(token) {
		return this.accessTokenScopes(token) !== null;
	}

	/** Every issued access token becomes invalid (static tokens stay valid). */
	expireAccessTokens() {
		for (const rec of this.accessTokens.values()) rec.revoked = true;
	}

	/** Every refresh token becomes invalid (e.g. to test re-consent after 180 days). */
	expireRefreshTokens() {
		for (const rec of this.refreshTokens.values()) rec.alive = false;
	}

	/**
	 * Issue a grant without a browser (admin helper).
	 * @param {{ scope?: string, clientId?: string }} [p]
	 */
	issueTokens(p = {}) {
		return this.newGrant(p.clientId ?? this.clientId, p.scope ?? ALL_SCOPES);
	}

	/** RFC 7009-style revoke of an access or refresh token. @param {string} token */
	revoke(token) {
		const a = this.accessTokens.get(token);
		if (a) a.revoked = true;
		const r = this.refreshTokens.get(token);
		if (r) r.alive = false;
	}
}

/** @param {string} description @returns {TokenResult} */
function invalidGrant(description) {
	return { ok: false, status: 400, error: 'invalid_grant', error_description: description };
}

module.exports = { TokenStore, Clock, ALL_SCOPES, CODE_TTL_MS, randomToken };
