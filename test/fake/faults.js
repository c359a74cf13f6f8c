// @ts-check
'use strict';

/**
 * Fault injection queue. Faults are consumed as requests arrive, first matching fault first.
 *
 *   faults.push({ match?: { server?, method?, pathPrefix? }, kind, times = 1, ... })
 *
 * kinds:
 * - 'status'      answer `status` (+ optional `body`) instead of handling the request
 *                 (default bodies: 401/429 single object like the gateway, others the error array)
 * - 'reset'       destroy the socket without answering (connection reset)
 * - 'delay'       wait `ms`, then handle normally (for client timeouts); or, in a test that runs
 *                 the fake in its own process, hold the request `until` a promise resolves (something
 *                 happens meanwhile, whatever the machine's speed)
 * - 'afterHandle' perform the request's real effect, THEN answer `status` (default 500, optional
 *                 `body`) or, with `reset: true` / `status: 'reset'`, destroy the socket —
 *                 "the create happened but the answer was lost"
 *
 * `raw` (a string) answers that text as an HTML page instead of a JSON `body`. `skip: n` lets the
 * first n matching requests through untouched (e.g. fail only the second import request).
 *
 * `match.server` is 'api' (default) or 'oauth'. `match.pathPrefix` is compared with the request
 * path both with and without the API's `/v3` base path, so '/contacts' and '/v3/contacts' match.
 */

/**
 * @typedef {{ server?: 'api' | 'oauth', method?: string, pathPrefix?: string }} FaultMatch
 * @typedef {{
 *   kind: 'status' | 'reset' | 'delay' | 'afterHandle', match?: FaultMatch, times?: number,
 *   status?: number | 'reset', body?: unknown, raw?: string, ms?: number, until?: Promise<unknown>, reset?: boolean, skip?: number
 * }} FaultSpec
 * @typedef {FaultSpec & { remaining: number, hits: number, skipped: number }} Fault
 */

const KINDS = new Set(['status', 'reset', 'delay', 'afterHandle']);

class FaultQueue {
	constructor() {
		/** @type {Fault[]} */
		this.items = [];
	}

	/**
	 * @param {FaultSpec} spec
	 * @returns {Fault}
	 */
	push(spec) {
		if (!spec || !KINDS.has(spec.kind)) throw new Error(`unknown fault kind ${spec && spec.kind}`);
		if (spec.kind === 'status' && typeof spec.status !== 'number') throw new Error("fault kind 'status' needs a numeric status");
		if (spec.kind === 'delay' && typeof spec.ms !== 'number' && !(spec.until instanceof Promise)) throw new Error("fault kind 'delay' needs ms or until");
		const fault = { ...spec, remaining: spec.times ?? 1, hits: 0, skipped: 0 };
		this.items.push(fault);
		return fault;
	}

	clear() {
		this.items.length = 0;
	}

	get length() {
		return this.items.length;
	}

	/**
	 * Take (consume one use of) the first fault matching this request, if any.
	 * @param {'api' | 'oauth'} server
	 * @param {string} method
	 * @param {string} path
	 * @param {string} basePath
	 * @returns {Fault | null}
	 */
	take(server, method, path, basePath = '/v3') {
		const idx = this.items.findIndex((f) => {
			if (!matches(f.match, server, method, path, basePath)) return false;
			if (f.skipped < (f.skip ?? 0)) {
				f.skipped += 1;
				return false;
			}
			return true;
		});
		if (idx < 0) return null;
		const fault = this.items[idx];
		fault.remaining -= 1;
		fault.hits += 1;
		if (fault.remaining <= 0) this.items.splice(idx, 1);
		return fault;
	}
}

/**
 * @param {FaultMatch | undefined} m
 * @param {string} server
 * @param {string} method
 * @param {string} path
 * @param {string} basePath
 */
function matches(m, server, method, path, basePath) {
	if ((m?.server ?? 'api') !== server) return false;
	if (m?.method && m.method.toUpperCase() !== method.toUpperCase()) return false;
	if (m?.pathPrefix) {
		const short = path.startsWith(basePath + '/') ? path.slice(basePath.length) : path;
		if (!path.startsWith(m.pathPrefix) && !short.startsWith(m.pathPrefix)) return false;
	}
	return true;
}

/**
 * Default body for an injected status (brief §3.1 shapes).
 * @param {number} status
 */
function defaultFaultBody(status) {
	if (status === 401) return { error_key: 'unauthorized', error_message: 'Unauthorized' };
	if (status === 429) return { error_key: 'throttled', error_message: 'Too Many Requests' };
	if (status === 503) return [{ error_key: 'service.unavailable', error_message: 'Our internal service is temporarily unavailable.' }];
	return [{ error_key: 'fake.injected_fault', error_message: `Injected fault: HTTP ${status}` }];
}

module.exports = { FaultQueue, defaultFaultBody };
