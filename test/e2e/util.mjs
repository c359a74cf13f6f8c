// Small helpers of the e2e harness: scenario checks, a process wrapper, flatted parsing.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { isDeepStrictEqual, inspect } from 'node:util';

import { killTree } from '../../scripts/lib/n8n.mjs';

const show = (v) => inspect(v, { depth: 6, breakLength: 160, maxStringLength: 400 });

/** Thrown by Checks.must: stops the rest of a major's scenario. */
export class FatalCheck extends Error {}

/** Scenario checks: each prints ✔/✖ and is counted; `must` also stops the major on failure. */
export class Checks {
	constructor(prefix, { strict = false } = {}) {
		this.prefix = prefix;
		this.strict = strict;
		this.knownBugs = [];
		this.passed = 0;
		this.failed = 0;
		this.failures = [];
	}

	ok(name, condition, detail) {
		if (condition) {
			this.passed++;
			console.log(`${this.prefix} ✔ ${name}`);
		} else {
			this.failed++;
			this.failures.push(name);
			console.log(`${this.prefix} ✖ ${name}${detail === undefined ? '' : `\n${this.prefix}     ${typeof detail === 'string' ? detail : show(detail)}`}`);
		}
		return Boolean(condition);
	}

	eq(name, actual, expected) {
		return this.ok(name, isDeepStrictEqual(actual, expected), `expected ${show(expected)}\n${this.prefix}     actual   ${show(actual)}`);
	}

	/**
	 * A check that fails because of a known bug in the node (reported, not fixed here): a failure is
	 * listed as a known bug and not counted unless `strict`; a pass is counted and says the bug looks fixed.
	 */
	knownBug(name, condition, bug, detail) {
		if (condition || this.strict) {
			if (condition) console.log(`${this.prefix} ✔ ${name} (known node bug no longer shows: ${bug.split(':')[0]})`);
			return this.ok(name, condition, detail);
		}
		this.knownBugs.push(`${name} — ${bug}`);
		console.log(`${this.prefix} ⚠ known node bug: ${name}\n${this.prefix}     ${bug}${detail === undefined ? '' : `\n${this.prefix}     ${typeof detail === 'string' ? detail : show(detail)}`}`);
		return false;
	}

	must(name, condition, detail) {
		if (!this.ok(name, condition, detail)) throw new FatalCheck(`required check failed: ${name}`);
	}

	/** A failure that is not a comparison (e.g. an exception in a step). */
	fail(name, error) {
		this.ok(name, false, error?.stack ?? String(error));
	}
}

/**
 * Parse n8n's execution data (the `flatted` format: a JSON array whose first entry is the root
 * and whose strings inside objects are indexes into the array).
 */
export function unflatten(text) {
	const values = JSON.parse(text);
	const done = new Map();
	const revive = (index) => {
		const value = values[index];
		if (typeof value !== 'object' || value === null) return value;
		if (done.has(index)) return done.get(index);
		const out = Array.isArray(value) ? [] : {};
		done.set(index, out);
		for (const [key, v] of Object.entries(value)) out[key] = typeof v === 'string' ? revive(Number(v)) : v;
		return out;
	};
	return revive(0);
}

/**
 * Starts a long-running child process in its own process group; resolves with the first stdout
 * line (many tools print their address there), or, with `ready` (a RegExp), once a line of stdout
 * or stderr matches it. Output is kept for diagnostics (and echoed with `logPrefix`). `stop()`
 * sends SIGTERM and SIGKILL after `graceMs`. Returns { child, firstLine, output(), stop(), exited }.
 */
export async function startProcess(cmd, args, { cwd, env = process.env, timeoutMs = 30_000, name = cmd, ready, logPrefix, graceMs = 5000 } = {}) {
	const child = spawn(cmd, args, { cwd, env, detached: process.platform !== 'win32', stdio: ['ignore', 'pipe', 'pipe'] });
	const lines = [];
	const onExit = () => killTree(child, 'SIGKILL');
	process.on('exit', onExit);
	const exited = new Promise((resolve) => child.on('exit', (code, signal) => {
		process.off('exit', onExit);
		resolve({ code, signal });
	}));
	const firstLine = await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`${name} ${ready ? 'was not ready' : 'printed nothing'} within ${timeoutMs / 1000} s`)), timeoutMs);
		let first;
		const onLine = (line, stdout) => {
			lines.push(line);
			if (logPrefix !== undefined) console.log(`${logPrefix}${line}`);
			if (stdout && first === undefined) first = line;
			if (ready ? ready.test(line) : stdout && line === first) { clearTimeout(timer); resolve(first ?? line); }
		};
		createInterface({ input: child.stdout }).on('line', (line) => onLine(line, true));
		createInterface({ input: child.stderr }).on('line', (line) => onLine(line, false));
		child.on('error', (e) => { clearTimeout(timer); reject(e); });
		exited.then(({ code, signal }) => { clearTimeout(timer); reject(new Error(`${name} exited (${signal ?? `code ${code}`}):\n${lines.join('\n')}`)); });
	}).catch(async (error) => {
		killTree(child, 'SIGKILL');
		await exited;
		error.output = lines.join('\n');
		throw error;
	});
	let stopping;
	const stop = () => {
		stopping ??= (async () => {
			killTree(child, 'SIGTERM');
			const timer = setTimeout(() => killTree(child, 'SIGKILL'), graceMs);
			await exited;
			clearTimeout(timer);
		})();
		return stopping;
	};
	return { child, firstLine, output: () => lines.join('\n'), stop, exited };
}

/** fetch with a JSON body/answer; never throws on HTTP status. Returns { status, headers, body, text, ms }. */
export async function http(method, url, { body, headers = {}, redirect = 'manual', timeoutMs = 120_000 } = {}) {
	const t0 = Date.now();
	const init = { method, headers: { ...headers }, redirect, signal: AbortSignal.timeout(timeoutMs) };
	if (body !== undefined) {
		init.body = typeof body === 'string' ? body : JSON.stringify(body);
		init.headers['content-type'] ??= 'application/json';
	}
	const res = await fetch(url, init);
	const text = await res.text();
	let parsed;
	try {
		parsed = text ? JSON.parse(text) : undefined;
	} catch {
		parsed = undefined;
	}
	return { status: res.status, headers: res.headers, body: parsed, text, ms: Date.now() - t0 };
}
