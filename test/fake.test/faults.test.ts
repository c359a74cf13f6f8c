import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { startFakes } from '../fake';
import { apiClient, type ApiClient, type Fakes } from './helpers';

describe('fault injection', () => {
	let fakes: Fakes;
	let api: ApiClient;

	beforeEach(async () => {
		fakes = await startFakes({ rateLimitPerSecond: 0 });
		api = apiClient(fakes);
	});
	afterEach(async () => {
		expect(api.responseErrors()).toEqual([]);
		await fakes.stop();
	});

	const create = () => api.post('/v3/contacts', { email_address: { address: 'lost@example.com' }, create_source: 'Account' });

	it('afterHandle: the create happens, the answer is a 500, and a retried create gets 409 (no duplicate)', async () => {
		fakes.faults.push({ kind: 'afterHandle', status: 500, match: { method: 'POST', pathPrefix: '/contacts' } });
		const lost = await create();
		expect(lost.status).toBe(500);
		expect(fakes.store.contacts.size).toBe(1);
		const retry = await create();
		expect(retry.status).toBe(409);
		expect(fakes.store.contacts.size).toBe(1);
		expect(fakes.log.map((e) => [e.status, e.fault])).toEqual([
			[500, 'afterHandle'],
			[409, undefined],
		]);
	});

	it('afterHandle with reset: the effect happens and the connection is reset', async () => {
		fakes.faults.push({ kind: 'afterHandle', reset: true });
		await expect(create()).rejects.toThrow();
		expect(fakes.store.contacts.size).toBe(1);
	});

	it('reset: the socket is destroyed without an answer and nothing happens', async () => {
		fakes.faults.push({ kind: 'reset', match: { pathPrefix: '/v3/contacts' } });
		await expect(create()).rejects.toThrow();
		expect(fakes.store.contacts.size).toBe(0);
		expect((await create()).status).toBe(201);
	});

	it('status: answers the given status/body instead of handling, `times` times, only for matching requests', async () => {
		fakes.faults.push({ kind: 'status', status: 503, times: 2, match: { method: 'GET' } });
		expect((await create()).status).toBe(201); // POST does not match
		const r1 = await api.get('/v3/contacts');
		expect(r1.status).toBe(503);
		expect(r1.body).toEqual([{ error_key: 'service.unavailable', error_message: expect.any(String) }]);
		expect((await api.get('/v3/contacts')).status).toBe(503);
		expect((await api.get('/v3/contacts')).status).toBe(200);
		fakes.faults.push({ kind: 'status', status: 429 });
		expect((await api.get('/v3/contacts')).body).toEqual({ error_key: 'throttled', error_message: 'Too Many Requests' });
		fakes.faults.push({ kind: 'status', status: 500, body: [{ error_key: 'custom', error_message: 'boom' }] });
		expect((await api.get('/v3/contacts')).body[0].error_key).toBe('custom');
	});

	it('delay: waits, then handles normally (client timeouts)', async () => {
		fakes.faults.push({ kind: 'delay', ms: 3000 });
		const gaveUp = await fetch(`${fakes.api.baseUrl}/contacts`, { headers: { Authorization: 'Bearer test-access-token' }, signal: AbortSignal.timeout(100) }).catch((e: Error) => e);
		// The client gave up while the fake was still holding the answer back (not answered yet).
		expect((gaveUp as Error).name).toBe('TimeoutError');
		expect(fakes.log.map((e) => [e.status, e.fault])).toEqual([[null, 'delay']]);
		fakes.faults.push({ kind: 'delay', ms: 150 });
		expect((await api.get('/v3/contacts')).status).toBe(200);
		expect(fakes.log.map((e) => [e.status, e.fault])).toEqual([
			[null, 'delay'],
			[200, 'delay'],
		]);
	});

	it('faults on the OAuth server match with server: "oauth"', async () => {
		fakes.faults.push({ kind: 'status', status: 503, match: { server: 'oauth', pathPrefix: '/oauth2/default/v1/token' } });
		const res = await fetch(fakes.oauth.tokenUrl, { method: 'POST' });
		expect(res.status).toBe(503);
		fakes.faults.clear();
		expect(fakes.faults.length).toBe(0);
	});
});

describe('admin over HTTP', () => {
	let fakes: Fakes;
	beforeEach(async () => {
		fakes = await startFakes({ rateLimitPerSecond: 0 });
	});
	afterEach(async () => {
		await fakes.stop();
	});

	const admin = async (method: string, p: string, body?: unknown) => {
		const res = await fetch(`${fakes.api.url}/__admin/${p}`, {
			method,
			headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		return { status: res.status, body: text ? JSON.parse(text) : undefined };
	};

	it('seeds, reports state and log, injects faults, expires tokens and resets', async () => {
		const seeded = await admin('POST', 'seed', { lists: [{ name: 'L' }], contacts: [{ email: 'a@example.com', list_names: ['L'] }] });
		expect(seeded.status).toBe(200);
		expect(seeded.body.contacts[0].list_memberships).toEqual([seeded.body.lists[0].list_id]);
		expect((await admin('POST', 'seed', { demo: true })).body.contacts).toHaveLength(5);
		const state = await admin('GET', 'state');
		expect(state.body.contacts).toHaveLength(6);

		const tokens = await admin('POST', 'issue-tokens', { scope: 'contact_data offline_access' });
		const auth = { Authorization: `Bearer ${tokens.body.access_token}` };
		expect((await fetch(`${fakes.api.baseUrl}/contacts`, { headers: auth })).status).toBe(200);
		await admin('POST', 'expire-tokens');
		expect((await fetch(`${fakes.api.baseUrl}/contacts`, { headers: auth })).status).toBe(401);

		await admin('POST', 'faults', { kind: 'status', status: 502 });
		expect((await fetch(`${fakes.api.baseUrl}/contacts`)).status).toBe(502);
		const log = await admin('GET', 'log');
		expect(log.body.map((e: any) => e.status)).toEqual([200, 401, 502]);

		expect((await admin('POST', 'reset')).status).toBe(204);
		expect((await admin('GET', 'state')).body.contacts).toEqual([]);
		expect((await admin('GET', 'log')).body).toEqual([]);
		expect((await admin('GET', 'nope')).status).toBe(404);
	});
});

describe('cli', () => {
	it('prints one JSON line with the URLs and stops on SIGTERM', async () => {
		const child = spawn(process.execPath, [path.join(__dirname, '../fake/cli.js'), '--seed', 'demo'], { stdio: ['ignore', 'pipe', 'pipe'] });
		try {
			const line = await new Promise<string>((resolve, reject) => {
				let buf = '';
				child.stdout.on('data', (d) => {
					buf += d;
					if (buf.includes('\n')) resolve(buf.split('\n')[0]);
				});
				child.on('exit', (code) => reject(new Error(`cli exited ${code}`)));
			});
			const urls = JSON.parse(line);
			expect(urls.api.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v3$/);
			expect(urls.oauth.tokenUrl).toMatch(/\/oauth2\/default\/v1\/token$/);
			const res = await fetch(`${urls.api.baseUrl}/contact_lists`, { headers: { Authorization: 'Bearer test-access-token' } });
			expect(((await res.json()) as any).lists).toHaveLength(3);
		} finally {
			if (child.exitCode === null && child.signalCode === null) {
				const exited = new Promise((resolve) => child.once('exit', resolve));
				child.kill('SIGTERM');
				await exited;
			}
		}
	});
});
