import { startFakes } from '../fake';
import { apiClient, type ApiClient, type Fakes } from './helpers';

describe('fake API: contacts', () => {
	let fakes: Fakes;
	let api: ApiClient;

	beforeEach(async () => {
		fakes = await startFakes({ rateLimitPerSecond: 0 });
		api = apiClient(fakes);
	});
	afterEach(async () => {
		// Every response the fake gave in the test matches the spec.
		expect(api.responseErrors()).toEqual([]);
		expect(fakes.violations).toEqual([]);
		await fakes.stop();
	});

	it('answers 401 with the single-object body for a missing or unknown token', async () => {
		for (const token of [null, 'nope']) {
			const r = await api.get('/v3/contacts', { token });
			expect(r.status).toBe(401);
			expect(r.body).toEqual({ error_key: 'unauthorized', error_message: 'Unauthorized' });
		}
		expect(fakes.admin.dailyCount()).toBe(0);
	});

	it('creates a contact with defaults and returns only the sub-resources it was given', async () => {
		const { lists } = fakes.admin.seed({ lists: [{ name: 'Newsletter' }] });
		const r = await api.post('/v3/contacts', {
			email_address: { address: 'ann@example.com' },
			first_name: 'Ann',
			create_source: 'Contact',
			list_memberships: [lists[0].list_id],
		});
		expect(r.status).toBe(201);
		expect(r.body).toMatchObject({
			contact_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			email_address: { address: 'ann@example.com', permission_to_send: 'implicit', opt_in_source: 'Contact' },
			first_name: 'Ann',
			create_source: 'Contact',
			list_memberships: [lists[0].list_id],
		});
		expect(r.body).not.toHaveProperty('taggings');
		// Sub-resources are not returned unless included.
		const plain = await api.get(`/v3/contacts/${r.body.contact_id}`);
		expect(plain.body).not.toHaveProperty('list_memberships');
		const inc = await api.get(`/v3/contacts/${r.body.contact_id}?include=list_memberships,phone_numbers`);
		expect(inc.body.list_memberships).toEqual([lists[0].list_id]);
		expect(inc.body.phone_numbers).toEqual([]);
	});

	it('requires create_source and an identifier on create', async () => {
		expect((await api.post('/v3/contacts', { first_name: 'A' })).status).toBe(400);
		const r = await api.post('/v3/contacts', { job_title: 'CTO', create_source: 'Account' });
		expect(r.status).toBe(400);
		expect(r.body[0].error_key).toBe('contacts.api.validation.error');
	});

	it('refuses a value of a typed custom field that its type does not take (create, sign_up_form, PUT), and takes one that it does', async () => {
		const { lists, customFields } = fakes.admin.seed({
			lists: [{ name: 'Newsletter' }],
			customFields: [
				{ label: 'Member Since', type: 'date' },
				{ label: 'Visits', type: 'number' },
				{ label: 'VIP', type: 'boolean' },
				{ label: 'Last Seen', type: 'datetime' },
			],
		});
		const [since, visits, vip, seen] = customFields.map((f: any) => f.custom_field_id);
		const create = (custom_fields: unknown[]) => api.post('/v3/contacts', { email_address: { address: 'typed@example.com' }, create_source: 'Account', custom_fields });
		for (const [id, value] of [
			[since, 'next tuesday'],
			[since, '2026-02-30'],
			[visits, 'twelve'],
			[visits, '-3'],
			[vip, 'yes'],
			[seen, '2026-03-01'],
		]) {
			const r = await create([{ custom_field_id: id, value }]);
			expect([r.status, r.body[0].error_key]).toEqual([400, 'contacts.api.validation.error']);
		}
		expect((await create([{ custom_field_id: since, value: 'next tuesday' }])).body[0].error_message).toBe('custom_fields: "next tuesday" is not a valid date value for custom field "Member Since".');
		const signUp = await api.post('/v3/contacts/sign_up_form', { email_address: 'typed@example.com', list_memberships: [lists[0].list_id], custom_fields: [{ custom_field_id: since, value: 'soon' }] });
		expect(signUp.status).toBe(400);
		expect(fakes.store.contacts.size).toBe(0);

		const ok = await create([
			{ custom_field_id: since, value: '06/21/2019' },
			{ custom_field_id: visits, value: '12' },
			{ custom_field_id: vip, value: 'true' },
			{ custom_field_id: seen, value: '2026-03-01T09:30:00Z' },
		]);
		expect(ok.status).toBe(201);
		const put = await api.put(`/v3/contacts/${ok.body.contact_id}`, { email_address: { address: 'typed@example.com' }, update_source: 'Account', custom_fields: [{ custom_field_id: since, value: 'yesterday' }] });
		expect(put.status).toBe(400);
	});

	it('answers 404 contacts.api.not_found for a malformed or unknown ID', async () => {
		const bad = await api.get('/v3/contacts/not-a-uuid');
		expect(bad.status).toBe(404);
		expect(bad.body).toEqual([{ error_key: 'contacts.api.not_found', error_message: 'contact_id is in an invalid format.' }]);
		const unknown = await api.get('/v3/contacts/6f1c6a53-2b4f-4b7a-9a51-000000000000');
		expect(unknown.status).toBe(404);
	});

	it('PUT nulls omitted top-level fields but keeps omitted sub-resources', async () => {
		const { contacts, lists, tags } = fakes.admin.seed({
			lists: [{ name: 'L1' }],
			tags: [{ name: 'T1' }],
			contacts: [
				{
					email: 'bob@example.com',
					first_name: 'Bob',
					last_name: 'Builder',
					job_title: 'Builder',
					birthday_month: 3,
					birthday_day: 4,
					list_names: ['L1'],
					tag_names: ['T1'],
					phone_numbers: [{ phone_number: '555-0100', kind: 'work' }],
				},
			],
		});
		const id = contacts[0].contact_id;
		const r = await api.put(`/v3/contacts/${id}`, {
			email_address: { address: 'bob@example.com' },
			first_name: 'Robert',
			update_source: 'Account',
		});
		expect(r.status).toBe(200);
		expect(r.body.first_name).toBe('Robert');
		for (const gone of ['last_name', 'job_title', 'birthday_month', 'birthday_day']) expect(r.body).not.toHaveProperty(gone);
		const after = await api.get(`/v3/contacts/${id}?include=list_memberships,taggings,phone_numbers`);
		expect(after.body.list_memberships).toEqual([lists[0].list_id]);
		expect(after.body.taggings).toEqual([tags[0].tag_id]);
		expect(after.body.phone_numbers).toEqual([expect.objectContaining({ phone_number: '555-0100', kind: 'work', phone_number_id: expect.any(String) })]);
		expect(after.body.update_source).toBe('Account');
		expect(after.body.email_address.permission_to_send).toBe('implicit');
		// A given sub-resource replaces the set.
		const r2 = await api.put(`/v3/contacts/${id}`, { email_address: { address: 'bob@example.com' }, update_source: 'Account', list_memberships: [] });
		expect(r2.body.list_memberships).toEqual([]);
		// update_source is required (the spec says so: spec violation).
		const noSource = await fetch(`${fakes.api.baseUrl}/contacts/${id}`, {
			method: 'PUT',
			headers: { Authorization: 'Bearer test-access-token', 'Content-Type': 'application/json' },
			body: JSON.stringify({ first_name: 'X' }),
		});
		expect(noSource.status).toBe(400);
		fakes.violations.length = 0;
	});

	it('PUT to unsubscribed records the opt-out so status=unsubscribed and optout_after find it', async () => {
		const { contacts } = fakes.admin.seed({ contacts: [{ email: 'u@example.com', first_name: 'U', permission_to_send: 'explicit' }, { email: 'v@example.com' }] });
		const mark = new Date(Date.now() - 1000).toISOString();
		const r = await api.put(`/v3/contacts/${contacts[0].contact_id}`, {
			email_address: { address: 'u@example.com', permission_to_send: 'unsubscribed', opt_out_reason: 'asked' },
			first_name: 'U',
			update_source: 'Account',
		});
		expect(r.body.email_address).toMatchObject({ permission_to_send: 'unsubscribed', opt_out_source: 'Account', opt_out_reason: 'asked', opt_out_date: expect.any(String) });
		const unsub = await api.get(`/v3/contacts?status=unsubscribed&optout_after=${encodeURIComponent(mark)}`);
		expect(unsub.body.contacts.map((c: any) => c.email_address.address)).toEqual(['u@example.com']);
		const later = await api.get(`/v3/contacts?optout_after=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
		expect(later.body.contacts).toEqual([]);
	});

	it('409 on a duplicate e-mail, also when the existing contact is deleted; PUT revives', async () => {
		const first = await api.post('/v3/contacts', { email_address: { address: 'dup@example.com' }, create_source: 'Account' });
		expect(first.status).toBe(201);
		const dup = await api.post('/v3/contacts', { email_address: { address: 'DUP@example.com' }, create_source: 'Account' });
		expect(dup.status).toBe(409);
		expect(dup.body).toEqual([{ error_key: 'contacts.api.conflict', error_message: 'Validation failed: EmailAddress is not unique' }]);

		const id = first.body.contact_id;
		expect((await api.del(`/v3/contacts/${id}`)).status).toBe(204);
		const deleted = await api.get(`/v3/contacts/${id}`);
		expect(deleted.status).toBe(200);
		expect(deleted.body.deleted_at).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		// Default listing and e-mail search hide deleted contacts; status=all shows them.
		expect((await api.get('/v3/contacts?email=dup%40example.com')).body.contacts).toEqual([]);
		expect((await api.get('/v3/contacts?email=dup%40example.com&status=all')).body.contacts).toHaveLength(1);
		expect((await api.get('/v3/contacts?status=deleted')).body.contacts).toHaveLength(1);

		const again = await api.post('/v3/contacts', { email_address: { address: 'dup@example.com' }, create_source: 'Account' });
		expect(again.status).toBe(409);

		// PUT with another contact's e-mail → 409.
		const other = await api.post('/v3/contacts', { email_address: { address: 'other@example.com' }, create_source: 'Account' });
		const clash = await api.put(`/v3/contacts/${other.body.contact_id}`, { email_address: { address: 'dup@example.com' }, update_source: 'Account' });
		expect(clash.status).toBe(409);

		// Reviving needs update_source Account.
		expect((await api.put(`/v3/contacts/${id}`, { email_address: { address: 'dup@example.com' }, update_source: 'Contact' })).status).toBe(400);
		const revived = await api.put(`/v3/contacts/${id}`, { email_address: { address: 'dup@example.com' }, update_source: 'Account' });
		expect(revived.status).toBe(200);
		expect(revived.body).not.toHaveProperty('deleted_at');
		expect((await api.get('/v3/contacts?email=dup%40example.com')).body.contacts).toHaveLength(1);
	});

	it('sign_up_form creates (201), then updates (200), appends lists, sets explicit and revives', async () => {
		const { lists } = fakes.admin.seed({ lists: [{ name: 'A' }, { name: 'B' }] });
		const [a, b] = lists.map((l) => l.list_id);
		const created = await api.post('/v3/contacts/sign_up_form', { email_address: 'sue@example.com', first_name: 'Sue', list_memberships: [a] });
		expect(created.status).toBe(201);
		expect(created.body).toEqual({ contact_id: expect.any(String), action: 'created' });
		const id = created.body.contact_id;

		// Unsubscribe and delete it, then sign up again.
		const unsub = await api.put(`/v3/contacts/${id}`, { email_address: { address: 'sue@example.com', permission_to_send: 'unsubscribed' }, first_name: 'Sue', update_source: 'Account' });
		expect(unsub.body.email_address.permission_to_send).toBe('unsubscribed');
		await api.del(`/v3/contacts/${id}`);

		const updated = await api.post('/v3/contacts/sign_up_form', { email_address: 'sue@example.com', last_name: 'Storm', list_memberships: [b] });
		expect(updated.status).toBe(200);
		expect(updated.body).toEqual({ contact_id: id, action: 'updated' });
		const c = await api.get(`/v3/contacts/${id}?include=list_memberships`);
		expect(c.body).toMatchObject({ first_name: 'Sue', last_name: 'Storm', email_address: { permission_to_send: 'explicit', opt_in_source: 'Contact' } });
		expect(c.body).not.toHaveProperty('deleted_at');
		expect(c.body.list_memberships.sort()).toEqual([a, b].sort());

		// list_memberships is required (spec: minItems 1).
		const none = await api.post('/v3/contacts/sign_up_form', { email_address: 'x@example.com', list_memberships: [] });
		expect(none.status).toBe(400);
		fakes.violations.length = 0;
	});

	it('cursor pagination over 1,200 contacts at limit 500: exactly 3 pages, every contact once', async () => {
		const ids = fakes.admin.bulkContacts(1200);
		const seen: string[] = [];
		let path: string | undefined = '/v3/contacts?limit=500&include_count=true';
		let pages = 0;
		while (path) {
			const r = await api.get(path);
			expect(r.status).toBe(200);
			expect(r.body.contacts_count).toBe(1200);
			pages++;
			seen.push(...r.body.contacts.map((c: any) => c.contact_id));
			path = r.body._links?.next?.href;
			if (path) expect(path).toMatch(/^\/v3\/contacts\?cursor=[^&]+$/);
		}
		expect(pages).toBe(3);
		expect(seen).toHaveLength(1200);
		expect(new Set(seen).size).toBe(1200);
		expect(seen).toEqual(ids); // stable creation order
		expect((await api.get('/v3/contacts?cursor=garbage')).status).toBe(400);
	});

	it('filters by lists, tags, e-mail, created/updated ranges and answers segments 202 first', async () => {
		const seeded = fakes.admin.seed({
			lists: [{ name: 'L1' }, { name: 'L2' }],
			tags: [{ name: 'T1' }],
			contacts: [
				{ email: 'a@example.com', list_names: ['L1'], created_at: '2024-01-01T00:00:00.000Z' },
				{ email: 'b@example.com', list_names: ['L2'], tag_names: ['T1'], created_at: '2024-02-01T00:00:00.000Z' },
				{ email: 'c@example.com', created_at: '2024-03-01T00:00:00.000Z' },
			],
			segments: [{ name: 'S', emails: ['a@example.com', 'c@example.com'] }],
		});
		const [l1, l2] = seeded.lists.map((l) => l.list_id);
		const emails = (r: any) => r.body.contacts.map((c: any) => c.email_address.address);
		expect(emails(await api.get(`/v3/contacts?lists=${l1},${l2}`))).toEqual(['a@example.com', 'b@example.com']);
		expect(emails(await api.get(`/v3/contacts?tags=${seeded.tags[0].tag_id}`))).toEqual(['b@example.com']);
		expect(emails(await api.get('/v3/contacts?email=B%40EXAMPLE.com'))).toEqual(['b@example.com']);
		expect(emails(await api.get('/v3/contacts?created_after=2024-01-15T00:00:00Z&created_before=2024-02-15T00:00:00Z'))).toEqual(['b@example.com']);
		expect(emails(await api.get('/v3/contacts?updated_after=2024-02-01T00:00:00.000Z'))).toEqual(['b@example.com', 'c@example.com']);

		const segId = seeded.segments[0].segment_id;
		const processing = await api.get(`/v3/contacts?segment_id=${segId}&limit=10`);
		expect(processing.status).toBe(202);
		expect(processing.body).toEqual({ status: 'processing' });
		const ready = await api.get(`/v3/contacts?segment_id=${segId}&limit=10`);
		expect(ready.status).toBe(200);
		expect(emails(ready)).toEqual(['a@example.com', 'c@example.com']);
		const combined = await api.get(`/v3/contacts?segment_id=${segId}&status=all`);
		expect(combined.status).toBe(400);
		expect(combined.body[0].error_key).toBe('contacts.api.validation.error');
	});

	it('rejects a non-JSON Content-Type with 415 and malformed JSON with 400', async () => {
		const res = await fetch(`${fakes.api.baseUrl}/contacts`, {
			method: 'POST',
			headers: { Authorization: 'Bearer test-access-token', 'Content-Type': 'text/plain' },
			body: '{}',
		});
		expect(res.status).toBe(415);
		const res2 = await fetch(`${fakes.api.baseUrl}/contacts`, {
			method: 'POST',
			headers: { Authorization: 'Bearer test-access-token', 'Content-Type': 'application/json' },
			body: '{"a":',
		});
		expect(res2.status).toBe(400);
		expect(((await res2.json()) as any)[0].error_key).toBe('json.malformed');
	});

	it('logs requests with a masked token', async () => {
		await api.get('/v3/contacts?limit=1');
		expect(fakes.log).toEqual([
			expect.objectContaining({ server: 'api', method: 'GET', path: '/v3/contacts', query: { limit: '1' }, status: 200, authorization: 'Bearer test-a…', at: expect.any(Number) }),
		]);
	});
});
