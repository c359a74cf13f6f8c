import { startFakes } from '../fake';
import { apiClient, type Fakes } from './helpers';

describe('fake API: gateway limits and token expiry', () => {
	let fakes: Fakes | undefined;
	afterEach(async () => {
		await fakes?.stop();
		fakes = undefined;
	});

	it('allows 4 requests per second: 5 quick requests → exactly one 429 throttled, and after 1 s it passes again', async () => {
		// Arrival time is this test's to set: five at one instant, then one a second later.
		let now = 0;
		fakes = await startFakes({ rateLimitPerSecond: 4, arrivalClock: { now: () => now } });
		const api = apiClient(fakes);
		const results = await Promise.all(Array.from({ length: 5 }, () => api.get('/v3/contact_lists')));
		const throttled = results.filter((r) => r.status === 429);
		expect(results.filter((r) => r.status === 200)).toHaveLength(4);
		expect(throttled).toHaveLength(1);
		expect(throttled[0].body).toEqual({ error_key: 'throttled', error_message: 'Too Many Requests' });
		// No Retry-After header (brief §2).
		expect(throttled[0].headers.get('retry-after')).toBeNull();
		now += 1000;
		const again = await api.get('/v3/contact_lists');
		expect(again.status).toBe(200);
		expect(api.responseErrors()).toEqual([]);
	});

	it('answers quota_exceeded after dailyCap requests until resetDailyCount()', async () => {
		fakes = await startFakes({ rateLimitPerSecond: 0, dailyCap: 3 });
		const api = apiClient(fakes);
		for (let i = 0; i < 3; i++) expect((await api.get('/v3/contact_tags')).status).toBe(200);
		const over = await api.post('/v3/contact_tags', { name: 'Blocked' });
		expect(over.status).toBe(429);
		expect(over.body).toEqual({ error_key: 'quota_exceeded', error_message: 'Limit Exceeded' });
		expect(fakes.store.tags.size).toBe(0); // rejected requests do not touch data
		// Unauthenticated requests never reach the counter.
		expect((await api.get('/v3/contact_tags', { token: 'bad' })).status).toBe(401);
		expect(fakes.admin.dailyCount()).toBe(4);
		fakes.admin.resetDailyCount();
		expect((await api.get('/v3/contact_tags')).status).toBe(200);
		expect(api.responseErrors()).toEqual([]);
	});

	it('expireAccessTokens() makes issued tokens answer 401; static tokens stay valid; tokens expire with time', async () => {
		fakes = await startFakes({ rateLimitPerSecond: 0, accessTokenTtlSeconds: 60 });
		const api = apiClient(fakes);
		const issued = fakes.admin.issueTokens();
		expect((await api.get('/v3/contact_lists', { token: issued.access_token })).status).toBe(200);
		fakes.admin.expireAccessTokens();
		const r = await api.get('/v3/contact_lists', { token: issued.access_token });
		expect(r.status).toBe(401);
		expect(r.body).toEqual({ error_key: 'unauthorized', error_message: 'Unauthorized' });
		expect((await api.get('/v3/contact_lists')).status).toBe(200);

		const second = fakes.admin.issueTokens();
		fakes.admin.advanceTime(61_000);
		expect((await api.get('/v3/contact_lists', { token: second.access_token })).status).toBe(401);
		expect(api.responseErrors()).toEqual([]);
	});

	it('answers 403 when the token lacks the contact_data scope (brief §1.5)', async () => {
		fakes = await startFakes({ rateLimitPerSecond: 0 });
		const api = apiClient(fakes);
		const t = fakes.admin.issueTokens({ scope: 'account_read offline_access' });
		const r = await api.get('/v3/contacts', { token: t.access_token });
		expect(r.status).toBe(403);
		expect((await api.get('/v3/account/user/privileges', { token: t.access_token })).status).toBe(200);
		expect(api.responseErrors()).toEqual([]);
	});
});
