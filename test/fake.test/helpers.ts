/**
 * Shared helpers for the tests of the fakes: an HTTP client that remembers every API response so
 * a test can assert that all of them match the spec (validateResponse).
 */
import { startFakes } from '../fake';

export type Fakes = Awaited<ReturnType<typeof startFakes>>;

export const TOKEN = 'test-access-token';

export interface ApiResult {
	status: number;
	body: any;
	headers: Headers;
}

export interface CallOptions {
	body?: unknown;
	token?: string | null;
	headers?: Record<string, string>;
}

export interface Recorded {
	method: string;
	path: string;
	status: number;
	body: any;
}

/** Client for the fake API that records the responses it got. */
export function apiClient(fakes: Fakes) {
	const recorded: Recorded[] = [];

	/** `path` is relative to the API origin and includes /v3 (like `_links.next.href`). */
	async function call(method: string, path: string, opts: CallOptions = {}): Promise<ApiResult> {
		const headers: Record<string, string> = { ...(opts.headers ?? {}) };
		const token = opts.token === undefined ? TOKEN : opts.token;
		if (token) headers.Authorization = `Bearer ${token}`;
		let payload: string | undefined;
		if (opts.body !== undefined) {
			payload = JSON.stringify(opts.body);
			headers['Content-Type'] = headers['Content-Type'] ?? 'application/json';
		}
		const res = await fetch(fakes.api.url + path, { method, headers, body: payload });
		const text = await res.text();
		let body: any;
		if (text !== '') {
			try {
				body = JSON.parse(text);
			} catch {
				body = text;
			}
		}
		recorded.push({ method, path, status: res.status, body });
		return { status: res.status, body, headers: res.headers };
	}

	/** Every recorded response checked against the spec; [] when all match (or no spec). */
	function responseErrors(): string[] {
		const v = fakes.validator;
		if (!v) return [];
		const out: string[] = [];
		for (const r of recorded) {
			const found = v.findOperation(r.method, r.path);
			if (!found) continue; // requests to paths outside the spec are answered 400 by design
			const errs = v.validateResponse(found.route.operationId, r.status, r.body);
			for (const e of errs) out.push(`${r.method} ${r.path} → ${r.status}: ${e}`);
		}
		return out;
	}

	return {
		call,
		get: (path: string, opts?: CallOptions) => call('GET', path, opts),
		post: (path: string, body?: unknown, opts?: CallOptions) => call('POST', path, { ...opts, body }),
		put: (path: string, body?: unknown, opts?: CallOptions) => call('PUT', path, { ...opts, body }),
		patch: (path: string, body?: unknown, opts?: CallOptions) => call('PATCH', path, { ...opts, body }),
		del: (path: string, opts?: CallOptions) => call('DELETE', path, opts),
		recorded,
		responseErrors,
	};
}

export type ApiClient = ReturnType<typeof apiClient>;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Poll GET /activities/{id} until it leaves `processing`. */
export async function waitForActivity(api: ApiClient, href: string, maxPolls = 10): Promise<ApiResult> {
	let r = await api.get(href);
	for (let i = 0; i < maxPolls && r.body?.state === 'processing'; i++) r = await api.get(href);
	return r;
}
