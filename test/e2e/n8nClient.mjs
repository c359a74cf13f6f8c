// n8n's internal REST API over plain HTTP, as the editor uses it: owner set-up, credentials, the
// OAuth2 consent, workflows, executions, webhooks. The session cookie is bound to a browser id.
import { sleep } from '../../scripts/lib/n8n.mjs';
import { http, unflatten } from './util.mjs';

const BROWSER_ID = 'n8n-nodes-constant-contact-e2e-browser';

export class N8nClient {
	constructor(url) {
		this.url = url;
		this.cookie = '';
	}

	headers() {
		return { 'browser-id': BROWSER_ID, ...(this.cookie ? { cookie: this.cookie } : {}) };
	}

	/** REST call; returns the `data` of the answer; throws on an unexpected status. */
	async rest(method, path, body, { ok = [200] } = {}) {
		const res = await http(method, `${this.url}/rest${path}`, { body, headers: this.headers() });
		const cookies = res.headers.getSetCookie?.() ?? [];
		const auth = cookies.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
		if (auth) this.cookie = auth;
		if (!ok.includes(res.status)) throw new Error(`${method} /rest${path} → ${res.status} ${res.text.slice(0, 500)}`);
		return res.body && 'data' in res.body ? res.body.data : res.body;
	}

	async setupOwner() {
		return this.rest('POST', '/owner/setup', {
			email: 'owner@example.com', firstName: 'E2E', lastName: 'Owner', password: 'Passw0rd!Passw0rd',
		});
	}

	async createCredential(name, type, data) {
		return this.rest('POST', '/credentials', { name, type, data });
	}

	async getCredential(id) {
		return this.rest('GET', `/credentials/${id}?includeData=true`);
	}

	/**
	 * The authorization-code consent as a browser does it: n8n's auth URL → the authorization
	 * server's authorize endpoint (302 back) → n8n's callback with the session cookie.
	 */
	async consent(credentialId) {
		const authorizeUrl = await this.rest('GET', `/oauth2-credential/auth?id=${encodeURIComponent(credentialId)}`);
		const authorize = await http('GET', authorizeUrl);
		const callbackUrl = authorize.headers.get('location');
		const callback = callbackUrl ? await http('GET', callbackUrl, { headers: this.headers() }) : undefined;
		return { authorizeUrl: new URL(authorizeUrl), authorize, callbackUrl: callbackUrl ? new URL(callbackUrl) : undefined, callback };
	}

	/** Creates and activates a workflow; returns its id. */
	async deployWorkflow(workflow) {
		const created = await this.rest('POST', '/workflows', { ...workflow, active: false });
		await this.rest('POST', `/workflows/${created.id}/activate`, { versionId: created.versionId });
		return created.id;
	}

	/**
	 * POST to a production webhook. n8n may answer 404 for a moment right after activation
	 * (2.x: ~250 ms), so 404 is retried for up to `waitMs`.
	 */
	async webhook(path, body, { waitMs = 30_000 } = {}) {
		const t0 = Date.now();
		for (;;) {
			const res = await http('POST', `${this.url}/webhook/${path}`, { body: body ?? {} });
			if (res.status !== 404 || Date.now() - t0 > waitMs) return res;
			await sleep(200);
		}
	}

	/** Executions of a workflow, newest first: [{ id, status, … }]. */
	async executions(workflowId) {
		const data = await this.rest('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=50`);
		return data.results ?? data;
	}

	/** One execution with its run data parsed (`data.resultData.error`, `runData`). */
	async execution(id) {
		const execution = await this.rest('GET', `/executions/${id}`);
		if (typeof execution.data === 'string') execution.data = unflatten(execution.data);
		return execution;
	}
}
