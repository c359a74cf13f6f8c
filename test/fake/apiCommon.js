// @ts-check
'use strict';

/**
 * Helpers shared by the fake API's handler modules (constantContactServer.js, emailApi.js):
 * error bodies, query access and the opaque paging cursor.
 */

/**
 * @typedef {import('./httpUtil').FakeResponse} FakeResponse
 * @typedef {Record<string, string | string[]>} Query
 */

/** Normal API errors are arrays `[{error_key, error_message}]` (brief §3.1). @param {number} status @param {string} key @param {string} message @returns {FakeResponse} */
function apiError(status, key, message) {
	return { status, body: [{ error_key: key, error_message: message }] };
}

/** Last value of a (possibly repeated) query parameter. @param {Query} q @param {string} k @returns {string | undefined} */
function one(q, k) {
	const v = q[k];
	return Array.isArray(v) ? v[v.length - 1] : v;
}

/** Every value of a (possibly repeated) query parameter. @param {Query} q @param {string} k @returns {string[]} */
function all(q, k) {
	const v = q[k];
	return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** @param {string | undefined} v */
function csv(v) {
	return v === undefined || v === '' ? [] : v.split(',').map((s) => s.trim()).filter(Boolean);
}

/** Opaque cursor: base64url JSON of {r: resource, q: original query, o: offset}. */
const cursors = {
	/** @param {string} resource @param {Query} q @param {number} offset */
	encode(resource, q, offset) {
		return Buffer.from(JSON.stringify({ r: resource, q, o: offset }), 'utf8').toString('base64url');
	},
	/** @param {string} resource @param {string} cursor @returns {{ q: Query, o: number } | null} */
	decode(resource, cursor) {
		try {
			const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
			if (c.r !== resource || typeof c.o !== 'number' || typeof c.q !== 'object') return null;
			return { q: c.q, o: c.o };
		} catch {
			return null;
		}
	},
};

/** @param {unknown} r @returns {r is FakeResponse} */
function isResponse(r) {
	return !!r && typeof r === 'object' && typeof (/** @type {any} */ (r).status) === 'number' && !Array.isArray(r);
}

module.exports = { apiError, one, all, csv, cursors, isResponse };
