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

/** Poll GET /activities/{id} until it leaves `processing`. */
export async function waitForActivity(api: ApiClient, href: string, maxPolls = 10): Promise<ApiResult> {
	let r = await api.get(href);
	for (let i = 0; i < maxPolls && r.body?.state === 'processing'; i++) r = await api.get(href);
	return r;
}

/** Minimal format-5 body with the tracking image (brief §8.2). */
export const HTML = '<html><body>[[trackingImage]]<p>Hello <a href="https://www.example.com/">there</a></p></body></html>';

/** POST /emails body with one format-5 activity from the fake account's confirmed address. */
export function campaignBody(name: string, activity: Record<string, unknown> = {}) {
	return {
		name,
		email_campaign_activities: [
			{
				format_type: 5,
				from_name: 'Example Org',
				from_email: 'owner@example.com',
				reply_to_email: 'owner@example.com',
				subject: `Subject of ${name}`,
				html_content: HTML,
				...activity,
			},
		],
	};
}

/** Create a campaign through the API; returns its IDs. */
export async function createCampaign(api: ApiClient, name: string, activity: Record<string, unknown> = {}) {
	const r = await api.post('/v3/emails', campaignBody(name, activity));
	if (r.status !== 200) throw new Error(`POST /emails answered ${r.status}: ${JSON.stringify(r.body)}`);
	const primary = r.body.campaign_activities.find((a: any) => a.role === 'primary_email').campaign_activity_id as string;
	const permalink = r.body.campaign_activities.find((a: any) => a.role === 'permalink').campaign_activity_id as string;
	return { campaignId: r.body.campaign_id as string, primary, permalink, body: r.body };
}

/** GET the activity (all sub-resources), set recipients, PUT it back (the client's GET-modify-PUT). */
export async function setRecipients(api: ApiClient, activityId: string, recipients: { contact_list_ids?: string[]; segment_ids?: number[] }) {
	const cur = await api.get(`/v3/emails/activities/${activityId}?include=physical_address_in_footer,permalink_url,html_content,document_properties`);
	const r = await api.put(`/v3/emails/activities/${activityId}`, { ...cur.body, contact_list_ids: [], segment_ids: [], ...recipients });
	if (r.status !== 200) throw new Error(`PUT answered ${r.status}: ${JSON.stringify(r.body)}`);
	return r.body;
}

/** Call an /__admin/* endpoint of the fake API over HTTP. */
export async function adminHttp(fakes: Fakes, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
	const res = await fetch(`${fakes.api.url}/__admin/${path}`, {
		method,
		headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/**
 * The requests just made were refused (the test checked their 400s). The fake refuses them itself;
 * when the official spec is available its check runs first, refuses them as `fake.spec_violation`
 * and records `count` violations, so they are expected (and cleared) only then.
 */
export function expectSpecViolations(fakes: Fakes, count: number): void {
	expect(fakes.violations).toHaveLength(fakes.validator ? count : 0);
	fakes.violations.length = 0;
}
