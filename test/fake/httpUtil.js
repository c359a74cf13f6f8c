// @ts-check
'use strict';

/** Small node:http helpers shared by the fake servers. */

const http = require('node:http');

/**
 * @typedef {{ status: number, body?: unknown, headers?: Record<string, string>, raw?: string }} FakeResponse
 *   `body` is JSON-encoded; `raw` is sent as-is (text/html) instead.
 * @typedef {{
 *   server: 'api' | 'oauth', method: string, path: string, query: Record<string, string | string[]>,
 *   body: unknown, status: number | null, at: number, authorization: string | null, fault?: string
 * }} LogEntry
 */

/** @param {http.IncomingMessage} req @returns {Promise<string>} */
function readBody(req) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/**
 * URLSearchParams → plain object; a repeated key becomes an array.
 * @param {URLSearchParams} params
 * @returns {Record<string, string | string[]>}
 */
function queryObject(params) {
	/** @type {Record<string, string | string[]>} */
	const out = {};
	for (const [k, v] of params) {
		const prev = out[k];
		if (prev === undefined) out[k] = v;
		else out[k] = Array.isArray(prev) ? [...prev, v] : [prev, v];
	}
	return out;
}

/**
 * Mask a credential for the log: `Bearer abcdef…`.
 * @param {string | undefined} header
 */
function maskAuthorization(header) {
	if (!header) return null;
	const [scheme, value = ''] = header.split(/\s+/, 2);
	return `${scheme} ${value.slice(0, 6)}…`;
}

/** @param {http.ServerResponse} res @param {FakeResponse} r */
function send(res, r) {
	if (res.headersSent || res.destroyed) return;
	/** @type {Record<string, string>} */
	const headers = { ...(r.headers || {}) };
	let payload = '';
	if (r.raw !== undefined) {
		payload = r.raw;
		headers['Content-Type'] = headers['Content-Type'] || 'text/html; charset=utf-8';
	} else if (r.body !== undefined && r.status !== 204) {
		payload = JSON.stringify(r.body);
		headers['Content-Type'] = 'application/json';
	}
	headers['Content-Length'] = String(Buffer.byteLength(payload));
	res.writeHead(r.status, headers);
	res.end(payload);
}

/**
 * An http.Server on 127.0.0.1 that tracks its sockets so `close()` can destroy them
 * (keep-alive connections of fetch would otherwise keep it open).
 * @param {(req: http.IncomingMessage, res: http.ServerResponse) => void} handler
 * @param {number} [port]
 * @returns {Promise<{ server: http.Server, url: string, close: () => Promise<void> }>}
 */
async function listen(handler, port = 0) {
	const server = http.createServer(handler);
	/** @type {Set<import('node:net').Socket>} */
	const sockets = new Set();
	server.on('connection', (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve(undefined));
	});
	const addr = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		server,
		url: `http://127.0.0.1:${addr.port}`,
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				for (const s of sockets) s.destroy();
				sockets.clear();
			}),
	};
}

/**
 * setTimeout whose timers can all be cancelled at stop().
 */
class Timers {
	constructor() {
		/** @type {Set<{ t: NodeJS.Timeout, resolve: () => void }>} */
		this.pending = new Set();
		this.stopped = false;
	}

	/** @param {number} ms @returns {Promise<void>} */
	sleep(ms) {
		if (this.stopped || ms <= 0) return Promise.resolve();
		return new Promise((resolve) => {
			const entry = {
				t: setTimeout(() => {
					this.pending.delete(entry);
					resolve();
				}, ms),
				resolve,
			};
			this.pending.add(entry);
		});
	}

	stopAll() {
		this.stopped = true;
		for (const e of this.pending) {
			clearTimeout(e.t);
			e.resolve();
		}
		this.pending.clear();
	}
}

module.exports = { readBody, queryObject, maskAuthorization, send, listen, Timers };
