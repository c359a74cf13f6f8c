import { startFakes } from '../fake';
import { expectSpecViolations, adminHttp, apiClient, type ApiClient, type Fakes } from './helpers';

describe('fake API: account (brief §10)', () => {
	let fakes: Fakes;
	let api: ApiClient;

	beforeEach(async () => {
		fakes = await startFakes({ rateLimitPerSecond: 0 });
		api = apiClient(fakes);
	});
	afterEach(async () => {
		try {
			expect(api.responseErrors()).toEqual([]);
			expect(fakes.violations).toEqual([]);
		} finally {
			await fakes.stop();
		}
	});

	it('GET /account/summary: Customer; physical_address only with extra_fields; no company_logo (the account has none)', async () => {
		const plain = await api.get('/v3/account/summary');
		expect(plain.status).toBe(200);
		expect(plain.body).toEqual({
			contact_email: 'owner@example.com',
			contact_phone: expect.any(String),
			country_code: 'US',
			encoded_account_id: expect.any(String),
			first_name: expect.any(String),
			last_name: expect.any(String),
			organization_name: 'Example Org',
			organization_phone: expect.any(String),
			state_code: 'MA',
			time_zone_id: 'US/Eastern',
			website: expect.any(String),
		});
		const withAddress = await api.get('/v3/account/summary?extra_fields=physical_address,company_logo');
		expect(withAddress.body.physical_address).toEqual({ address_line1: '123 Main Street', city: 'Boston', state_code: 'MA', postal_code: '02108', country_code: 'US' });
		expect(withAddress.body.company_logo).toBeUndefined();
		// extra_fields is an enum (spec): anything else is a spec violation.
		expect((await api.get('/v3/account/summary?extra_fields=logo')).status).toBe(400);
		expectSpecViolations(fakes, 1);
	});

	it('GET /account/emails: two CONFIRMED and one UNCONFIRMED address; one filter per request (else 400)', async () => {
		const all = await api.get('/v3/account/emails');
		expect(all.status).toBe(200);
		expect(all.body.map((e: any) => [e.email_address, e.confirm_status])).toEqual([
			['owner@example.com', 'CONFIRMED'],
			['news@example.com', 'CONFIRMED'],
			['pending@example.com', 'UNCONFIRMED'],
		]);
		expect(all.body[0]).toEqual({
			email_address: 'owner@example.com',
			email_id: 1,
			confirm_status: 'CONFIRMED',
			confirm_time: expect.any(String),
			confirm_source_type: 'SITE_OWNER',
			roles: ['CONTACT', 'BILLING', 'REPLY_TO'],
			pending_roles: [],
		});
		expect(all.body[2]).toMatchObject({ roles: [], pending_roles: ['OTHER'] });
		expect(all.body[2].confirm_time).toBeUndefined();

		const addresses = async (q: string) => (await api.get(`/v3/account/emails?${q}`)).body.map((e: any) => e.email_address);
		expect(await addresses('confirm_status=CONFIRMED')).toEqual(['owner@example.com', 'news@example.com']);
		expect(await addresses('confirm_status=C')).toEqual(['owner@example.com', 'news@example.com']);
		expect(await addresses('confirm_status=U')).toEqual(['pending@example.com']);
		expect(await addresses('role_code=BILLING')).toEqual(['owner@example.com']);
		expect(await addresses('role_code=O')).toEqual(['news@example.com', 'pending@example.com']);
		expect(await addresses('email_address=NEWS@example.com')).toEqual(['news@example.com']);
		expect(await addresses('email_address=nobody@example.com')).toEqual([]);

		const two = await api.get('/v3/account/emails?confirm_status=CONFIRMED&role_code=CONTACT');
		expect(two.status).toBe(400);
		expect(two.body).toEqual([{ error_key: 'account.api.validation.error', error_message: expect.stringContaining('only one') }]);
	});

	it('POST /account/emails: 201 UNCONFIRMED; 409 when it exists (case-insensitive); 400 when it is not an address; the user confirms it (admin)', async () => {
		const created = await api.post('/v3/account/emails', { email_address: 'sales@example.com' });
		expect(created.status).toBe(201);
		expect(created.body).toEqual({ email_address: 'sales@example.com', email_id: 4, confirm_status: 'UNCONFIRMED' });
		const dup = await api.post('/v3/account/emails', { email_address: 'SALES@example.com' });
		expect(dup.status).toBe(409);
		expect(dup.body[0].error_key).toBe('account.api.conflict');
		expect((await api.post('/v3/account/emails', { email_address: 'not an address' })).status).toBe(400);
		expect((await api.post('/v3/account/emails', {})).status).toBe(400);

		expect((await api.get('/v3/account/emails?email_address=sales@example.com')).body[0].confirm_status).toBe('UNCONFIRMED');
		const confirmed = fakes.admin.confirmAccountEmail('sales@example.com');
		expect(confirmed).toMatchObject({ confirm_status: 'CONFIRMED', confirm_source_type: 'SITE_OWNER', roles: ['OTHER'], pending_roles: [] });
		expect((await api.get('/v3/account/emails?confirm_status=C')).body.map((e: any) => e.email_address)).toContain('sales@example.com');
		// Over HTTP too.
		expect((await adminHttp(fakes, 'POST', 'confirm-account-email', { email_address: 'pending@example.com' })).body.confirm_status).toBe('CONFIRMED');
		expect((await adminHttp(fakes, 'POST', 'confirm-account-email', { email_address: 'ghost@example.com' })).status).toBe(400);
		expect(fakes.admin.state().accountEmails.every((e: any) => e.confirm_status === 'CONFIRMED')).toBe(true);
	});

	it('GET /account/summary/physical_address: 200; 404 once removed (admin), back after set-physical-address', async () => {
		const r = await api.get('/v3/account/summary/physical_address');
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({ address_line1: '123 Main Street', city: 'Boston', country_code: 'US' });

		fakes.admin.removePhysicalAddress();
		const gone = await api.get('/v3/account/summary/physical_address');
		expect(gone.status).toBe(404);
		expect(gone.body[0].error_key).toBe('account.api.not_found');
		expect((await api.get('/v3/account/summary?extra_fields=physical_address')).body.physical_address).toBeUndefined();

		expect((await adminHttp(fakes, 'POST', 'set-physical-address', { address_line1: '1 Rue X', city: 'Paris', state_name: 'IDF', country_code: 'FR' })).status).toBe(204);
		expect((await api.get('/v3/account/summary/physical_address')).body).toEqual({ address_line1: '1 Rue X', city: 'Paris', state_name: 'IDF', country_code: 'FR' });
		expect((await adminHttp(fakes, 'POST', 'remove-physical-address')).status).toBe(204);
		expect(fakes.admin.state().account.physical_address).toBeNull();
		// reset() restores the default account.
		fakes.admin.reset();
		expect((await api.get('/v3/account/summary/physical_address')).body.city).toBe('Boston');
	});

	it('scopes: account_read for the GETs, account_update for POST /account/emails; privileges need none', async () => {
		const contactOnly = fakes.admin.issueTokens({ scope: 'contact_data' }).access_token;
		const readOnly = fakes.admin.issueTokens({ scope: 'account_read' }).access_token;
		for (const path of ['/v3/account/summary', '/v3/account/emails', '/v3/account/summary/physical_address']) {
			expect((await api.get(path, { token: contactOnly })).status).toBe(403);
			expect((await api.get(path, { token: readOnly })).status).toBe(200);
		}
		expect((await api.post('/v3/account/emails', { email_address: 'x@example.com' }, { token: readOnly })).status).toBe(403);
		const privileges = await api.get('/v3/account/user/privileges', { token: contactOnly });
		expect(privileges.status).toBe(200);
		expect(privileges.body.map((p: any) => p.privilege_name)).toEqual(expect.arrayContaining(['campaign:send', 'campaign:delete', 'ui:campaign:metrics', 'account:read']));
	});
});
