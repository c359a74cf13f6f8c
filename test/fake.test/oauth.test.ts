import { startFakes } from '../fake';
import { apiClient, type Fakes } from './helpers';

const REDIRECT = 'https://n8n.example.com/rest/oauth2-credential/callback';
const SCOPE = 'account_read contact_data offline_access';
const basic = (id = 'test-client-id', secret = 'test-client-secret') => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function authorize(fakes: Fakes, params: Record<string, string>) {
	const url = new URL(fakes.oauth.authorizeUrl);
	for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
	return fetch(url, { redirect: 'manual' });
}

async function getCode(fakes: Fakes, scope = SCOPE): Promise<string> {
	const res = await authorize(fakes, { client_id: 'test-client-id', redirect_uri: REDIRECT, response_type: 'code', scope, state: 'xyz' });
	expect(res.status).toBe(302);
	const location = new URL(res.headers.get('location')!);
	expect(location.origin + location.pathname).toBe(REDIRECT);
	expect(location.searchParams.get('state')).toBe('xyz');
	return location.searchParams.get('code')!;
}

async function token(fakes: Fakes, params: Record<string, string>, auth: string | null = basic()): Promise<{ status: number; body: any }> {
	const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
	if (auth) headers.Authorization = auth;
	const res = await fetch(fakes.oauth.tokenUrl, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
	return { status: res.status, body: await res.json() };
}

describe('fake OAuth server', () => {
	let fakes: Fakes | undefined;
	afterEach(async () => {
		await fakes?.stop();
		fakes = undefined;
	});

	it('runs the authorization code flow; the code is single use; the access token works on the API', async () => {
		fakes = await startFakes({ rateLimitPerSecond: 0, tokenRateLimitPerSecond: 0, redirectUris: [REDIRECT] });
		const code = await getCode(fakes);
		const t = await token(fakes, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
		expect(t.status).toBe(200);
		expect(t.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 86400, scope: SCOPE, refresh_token: expect.any(String) });
		const api = apiClient(fakes);
		expect((await api.get('/v3/contact_lists', { token: t.body.access_token })).status).toBe(200);
		expect(api.responseErrors()).toEqual([]);

		const reuse = await token(fakes, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
		expect(reuse).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: expect.any(String) } });
		expect(fakes.tokens.requestedScopes).toEqual([SCOPE]);
	});

	it('checks the authorize parameters and the redirect_uri of the exchange', async () => {
		fakes = await startFakes({ tokenRateLimitPerSecond: 0, redirectUris: [REDIRECT] });
		const ok = { client_id: 'test-client-id', redirect_uri: REDIRECT, response_type: 'code', scope: SCOPE, state: 's' };
		for (const bad of [
			{ ...ok, client_id: 'other' },
			{ ...ok, redirect_uri: 'https://evil.example.com/cb' },
			{ ...ok, response_type: 'token' },
			{ ...ok, state: '' },
			{ ...ok, scope: 'contact_data+offline_access' }, // a literally encoded plus (%2B)
			{ ...ok, scope: 'contact_data everything' },
		]) {
			const res = await authorize(fakes, bad);
			expect(res.status).toBe(400);
			expect(res.headers.get('content-type')).toMatch(/text\/html/);
		}
		const code = await getCode(fakes);
		const mismatch = await token(fakes, { grant_type: 'authorization_code', code, redirect_uri: 'https://n8n.example.com/other' });
		expect(mismatch.status).toBe(400);
		expect(mismatch.body.error).toBe('invalid_grant');
	});

	it('requires HTTP Basic client authentication and accepts parameters in the query string', async () => {
		fakes = await startFakes({ tokenRateLimitPerSecond: 0 });
		const code = await getCode(fakes);
		const noAuth = await token(fakes, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: 'test-client-id', client_secret: 'test-client-secret' }, null);
		expect(noAuth.status).toBe(401);
		expect(noAuth.body).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
		expect((await token(fakes, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT }, basic('test-client-id', 'wrong'))).status).toBe(401);
		// CC support's style: parameters in the query string of the POST, empty body.
		const url = new URL(fakes.oauth.tokenUrl);
		url.search = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }).toString();
		const res = await fetch(url, { method: 'POST', headers: { Authorization: basic() } });
		expect(res.status).toBe(200);
		expect(((await res.json()) as any).access_token).toEqual(expect.any(String));
		const unsupported = await token(fakes, { grant_type: 'client_credentials' });
		expect(unsupported).toEqual({ status: 400, body: { error: 'unsupported_grant_type', error_description: expect.any(String) } });
		// The log masks secrets.
		const entry = fakes.log.find((e) => e.server === 'oauth' && e.path.endsWith('/token'))!;
		expect(entry.authorization).toBeNull();
		expect((entry.body as any).client_secret).toBe('test-c…');
	});

	it('issues no refresh token without offline_access', async () => {
		fakes = await startFakes({ tokenRateLimitPerSecond: 0 });
		const code = await getCode(fakes, 'contact_data');
		const t = await token(fakes, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
		expect(t.status).toBe(200);
		expect(t.body).not.toHaveProperty('refresh_token');
	});

	it('rotating refresh tokens: each refresh returns a new one and the old one is invalid_grant', async () => {
		fakes = await startFakes({ tokenRateLimitPerSecond: 0 });
		const code = await getCode(fakes);
		const first = (await token(fakes, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT })).body;
		const second = await token(fakes, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
		expect(second.status).toBe(200);
		expect(second.body.refresh_token).not.toBe(first.refresh_token);
		expect(second.body.access_token).not.toBe(first.access_token);
		const old = await token(fakes, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
		expect(old).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'The refresh token is invalid or expired.' } });
		const third = await token(fakes, { grant_type: 'refresh_token', refresh_token: second.body.refresh_token });
		expect(third.status).toBe(200);
		expect(fakes.admin.refreshTokensUsed().map((u) => u.accepted)).toEqual([true, false, true]);
	});

	it('long-lived refresh tokens: the same refresh token is returned and stays usable', async () => {
		fakes = await startFakes({ tokenRateLimitPerSecond: 0, refreshTokenType: 'longLived' });
		const issued = fakes.admin.issueTokens({ scope: SCOPE });
		for (let i = 0; i < 3; i++) {
			const r = await token(fakes, { grant_type: 'refresh_token', refresh_token: issued.refresh_token! });
			expect(r.status).toBe(200);
			expect(r.body.refresh_token).toBe(issued.refresh_token);
		}
		fakes.admin.expireRefreshTokens();
		expect((await token(fakes, { grant_type: 'refresh_token', refresh_token: issued.refresh_token! })).body.error).toBe('invalid_grant');
	});

	it('limits the token endpoint to 1 request per second', async () => {
		fakes = await startFakes({ tokenRateLimitPerSecond: 1 });
		const issued = fakes.admin.issueTokens({ scope: SCOPE });
		const [a, b] = await Promise.all([
			token(fakes, { grant_type: 'refresh_token', refresh_token: issued.refresh_token! }),
			token(fakes, { grant_type: 'refresh_token', refresh_token: issued.refresh_token! }),
		]);
		expect([a.status, b.status].sort()).toEqual([200, 429]);
		expect((a.status === 429 ? a : b).body).toEqual({ error: 'rate_limited', error_description: expect.any(String) });
	});
});
