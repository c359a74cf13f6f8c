import { startFakes } from '../fake';
import { importRowsWithinBytes } from '../fake/constantContactServer';
import { expectSpecViolations, apiClient, waitForActivity, type ApiClient, type Fakes } from './helpers';

const IMPORT = '/v3/activities/contacts_json_import';

describe('fake API: POST /activities/contacts_json_import', () => {
	let fakes: Fakes;
	let api: ApiClient;
	let listId: string;

	beforeEach(async () => {
		fakes = await startFakes({ rateLimitPerSecond: 0 });
		api = apiClient(fakes);
		listId = fakes.admin.seed({ lists: [{ name: 'Imported' }] }).lists[0].list_id;
	});
	afterEach(async () => {
		expect(api.responseErrors()).toEqual([]);
		expect(fakes.violations).toEqual([]);
		await fakes.stop();
	});

	it('imports 10,000 rows sent in one request: 201 processing, then 10,000 new implicit contacts on the list', async () => {
		const rows = Array.from({ length: 10_000 }, (_, i) => ({ email: `person-${String(i).padStart(5, '0')}@example.com`, first_name: 'Person', last_name: `No ${i}` }));
		const created = await api.post(IMPORT, { import_data: rows, list_ids: [listId] });
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({
			activity_id: expect.any(String),
			state: 'processing',
			percent_done: 0,
			activity_errors: [],
			status: { items_total_count: 10_000, person_count: 10_000, items_completed_count: 0, list_count: 1 },
			_links: { self: { href: `/v3/activities/${created.body.activity_id}` } },
		});
		expect(fakes.store.contacts.size).toBe(0); // applied on completion only

		// First poll: still processing. Then apply it directly. (How long that takes is measured by
		// `npm run bench`, benchmark 1, not asserted here: a timed test fails on a busy machine.)
		expect((await api.get(created.body._links.self.href)).body.state).toBe('processing');
		fakes.admin.completeActivities();
		const done = await api.get(created.body._links.self.href);
		expect(done.body).toMatchObject({
			state: 'completed',
			percent_done: 100,
			activity_errors: [],
			status: { items_total_count: 10_000, items_completed_count: 10_000, person_count: 10_000, error_count: 0, correctable_count: 0, cannot_add_to_list_count: 0, list_count: 1 },
		});

		const count = await api.get('/v3/contacts?limit=1&include_count=true');
		expect(count.body.contacts_count).toBe(10_000);
		const onList = await api.get(`/v3/contact_lists/${listId}?include_membership_count=active`);
		expect(onList.body.membership_count).toBe(10_000);
		const one = await api.get('/v3/contacts?email=person-09999%40example.com&include=list_memberships');
		expect(one.body.contacts).toEqual([
			expect.objectContaining({
				first_name: 'Person',
				last_name: 'No 9999',
				create_source: 'Account',
				list_memberships: [listId],
				email_address: expect.objectContaining({ address: 'person-09999@example.com', permission_to_send: 'implicit', opt_in_source: 'Account' }),
			}),
		]);
	});

	it('a body over 4,000,000 bytes is accepted but the rows past the limit are dropped silently', async () => {
		// ~600-byte rows: 7,500 of them make a body of about 4.5 MB.
		const pad = (s: string, n: number) => s.padEnd(n, '.');
		const rows = Array.from({ length: 7_500 }, (_, i) => ({
			email: `tail-${String(i).padStart(5, '0')}@example.com`,
			first_name: 'Tail',
			street: pad(`${i} Long Street`, 255),
			street2: pad('Building', 255),
			city: 'Springfield',
		}));
		const body = { list_ids: [listId], import_data: rows };
		const json = JSON.stringify(body);
		expect(Buffer.byteLength(json)).toBeGreaterThan(4_500_000);
		// Every row has the same length; row k (0-based) ends at prefix + (k + 1) * rowLength + k.
		const prefix = JSON.stringify({ list_ids: [listId], import_data: [] }).length - 2;
		const rowLength = JSON.stringify(rows[0]).length;
		const kept = Math.floor((4_000_000 - prefix + 1) / (rowLength + 1));
		expect(kept).toBe(6_546);

		const created = await api.post(IMPORT, body);
		expect(created.status).toBe(201);
		expect(created.body.status).toMatchObject({ items_total_count: kept, person_count: kept });
		const done = await waitForActivity(api, created.body._links.self.href);
		expect(done.body.status).toMatchObject({ items_total_count: kept, items_completed_count: kept, error_count: 0 });
		expect(done.body.activity_errors).toEqual([]);
		expect(fakes.store.contacts.size).toBe(kept);
		expect((await api.get(`/v3/contacts?email=tail-0${kept - 1}%40example.com`)).body.contacts).toHaveLength(1);
		expect((await api.get(`/v3/contacts?email=tail-0${kept}%40example.com`)).body.contacts).toHaveLength(0);
		expect(7_500 - kept).toBe(954); // lost by a client that does not chunk
	});

	it('counts the byte limit in UTF-8 (multi-byte names, escaped quotes and brackets inside strings)', () => {
		const rows = Array.from({ length: 60 }, (_, i) => ({ email: `u${i}@example.com`, first_name: i % 2 ? 'Jürgen 😀' : 'a "quoted" [x] {y}', last_name: 'Ñ'.repeat(i) }));
		const json = JSON.stringify({ list_ids: ['x'], import_data: rows, sms_permission_to_send: 'not_set' });
		const bytes = Buffer.from(json, 'utf8');
		for (const limit of [10, 100, 1000, 2000, 3333, bytes.length - 40, bytes.length]) {
			// Reference: the largest k whose row k-1 ends (its closing brace) within `limit` bytes.
			let expected = 0;
			for (let k = 1; k <= rows.length; k++) {
				const upTo = JSON.stringify({ list_ids: ['x'], import_data: rows.slice(0, k) }).slice(0, -2); // drop "]}"
				if (Buffer.byteLength(upTo) <= limit) expected = k;
			}
			expect(importRowsWithinBytes(json, limit)).toBe(expected);
		}
		expect(importRowsWithinBytes(json, bytes.length)).toBe(60);
	});

	it('more than 40,000 rows → 400 and nothing is queued; bad list_ids or empty import_data → 400', async () => {
		const rows = Array.from({ length: 40_001 }, (_, i) => ({ email: `m${i}@example.com` }));
		const tooMany = await api.post(IMPORT, { import_data: rows, list_ids: [listId] });
		expect(tooMany.status).toBe(400);
		expect(tooMany.body).toEqual([{ error_key: 'activities.api.validation.error', error_message: expect.stringContaining('40000') }]);
		expect(fakes.store.activities.size).toBe(0);

		const unknownList = await api.post(IMPORT, { import_data: [{ email: 'x@example.com' }], list_ids: ['6f1c6a53-2b4f-4b7a-9a51-000000000000'] });
		expect(unknownList.status).toBe(400);
		expect((await api.post(IMPORT, { import_data: [], list_ids: [listId] })).status).toBe(400);
		// list_ids is required with 1–50 entries (spec) — a spec violation.
		expect((await api.post(IMPORT, { import_data: [{ email: 'x@example.com' }], list_ids: [] })).status).toBe(400);
		expectSpecViolations(fakes, 1);
		expect(fakes.store.activities.size).toBe(0);
	});

	it('bad rows become activity_errors (correctable vs. not) while the good rows are imported', async () => {
		fakes.admin.seed({ customFields: [{ label: 'Shoe Size', type: 'string' }] });
		const created = await api.post(IMPORT, {
			list_ids: [listId],
			import_data: [
				{ email: 'good@example.com', first_name: 'Good', 'cf:Shoe_Size': '42' },
				{ first_name: 'No', last_name: 'Email' },
				{ email: 'not-an-email', first_name: 'Bad' },
				{ email: 'cf@example.com', 'cf:Hat_Size': '7' },
				{ email: 'bday@example.com', birthday_month: 13, birthday_day: 1 },
				{ email: 'anniv@example.com', anniversary: '31.12.2020' },
				{ email: 'half@example.com', birthday_month: 5 },
				{ email: 'good2@example.com', birthday_month: 5, birthday_day: 17, anniversary: '2020-06-01' },
			],
		});
		expect(created.status).toBe(201);
		const done = await waitForActivity(api, created.body._links.self.href);
		expect(done.body.state).toBe('completed');
		expect(done.body.status).toEqual({
			items_total_count: 8,
			items_completed_count: 2,
			person_count: 8,
			error_count: 1, // the unknown custom field
			correctable_count: 5, // no e-mail, invalid e-mail, birthday ×2, anniversary
			cannot_add_to_list_count: 0,
			list_count: 1,
		});
		expect(done.body.activity_errors).toEqual([
			expect.stringMatching(/^Row 2 \(no e-mail\): .*no e-mail address/),
			expect.stringMatching(/^Row 3 \(not-an-email\): .*not a valid e-mail/),
			expect.stringMatching(/^Row 4 \(cf@example.com\): Unknown custom field\(s\): cf:Hat_Size/),
			expect.stringMatching(/^Row 5 \(bday@example.com\): birthday/),
			expect.stringMatching(/^Row 6 \(anniv@example.com\): anniversary/),
			expect.stringMatching(/^Row 7 \(half@example.com\): birthday_month and birthday_day/),
		]);
		const listed = await api.get('/v3/activities?state=completed');
		expect(listed.body.activities).toEqual([expect.objectContaining({ activity_id: created.body.activity_id, status: done.body.status })]);
		const all = await api.get('/v3/contacts?include=custom_fields,list_memberships');
		expect(all.body.contacts.map((c: any) => c.email_address.address)).toEqual(['good@example.com', 'good2@example.com']);
		expect(all.body.contacts[0].custom_fields).toEqual([{ custom_field_id: fakes.store.customFieldByLabel('Shoe Size')!.custom_field_id, value: '42' }]);
		expect(all.body.contacts[1]).toMatchObject({ birthday_month: 5, birthday_day: 17, anniversary: '2020-06-01', list_memberships: [listId] });
	});

	it('existing contacts: only supplied fields change, permission stays; unsubscribed ones are not added to lists; deleted ones revive', async () => {
		const s = fakes.admin.seed({
			lists: [{ name: 'Old' }],
			contacts: [
				{ email: 'kept@example.com', first_name: 'Kept', last_name: 'Name', job_title: 'CEO', permission_to_send: 'explicit', list_names: ['Old'], phone_numbers: [{ phone_number: '111', kind: 'home' }] },
				{ email: 'gone@example.com', first_name: 'Gone', permission_to_send: 'unsubscribed' },
				{ email: 'deleted@example.com', first_name: 'Deleted', permission_to_send: 'implicit', deleted: true },
			],
		});
		const oldList = s.lists[0].list_id;
		const created = await api.post(IMPORT, {
			list_ids: [listId],
			import_data: [
				{ email: 'KEPT@example.com', first_name: 'New', home_phone: '222', mobile_phone: '333', work_city: 'Austin', work_state: 'TX', 'home country': 'US', home_city: 'Boston' },
				{ email: 'gone@example.com', company_name: 'Acme' },
				{ email: 'deleted@example.com', last_name: 'Back' },
				{ email: 'fresh@example.com', phone: '444', street: '1 Main St', street2: 'Suite 2', zip: '78701', country: 'US' },
			],
		});
		const done = await waitForActivity(api, created.body._links.self.href);
		expect(done.body.status).toMatchObject({ items_completed_count: 4, error_count: 0, correctable_count: 0, cannot_add_to_list_count: 1 });

		const get = async (email: string) =>
			(await api.get(`/v3/contacts?email=${encodeURIComponent(email)}&status=all&include=list_memberships,phone_numbers,street_addresses`)).body.contacts[0];
		const kept = await get('kept@example.com');
		expect(kept).toMatchObject({ first_name: 'New', last_name: 'Name', job_title: 'CEO', update_source: 'Account' });
		expect(kept.email_address).toMatchObject({ address: 'kept@example.com', permission_to_send: 'explicit' });
		expect(kept.list_memberships.sort()).toEqual([oldList, listId].sort());
		expect(kept.phone_numbers.map((p: any) => [p.kind, p.phone_number])).toEqual([
			['home', '222'],
			['mobile', '333'],
		]);
		expect(kept.street_addresses.map((a: any) => [a.kind, a.city, a.state, a.country])).toEqual([
			['home', 'Boston', undefined, 'US'],
			['work', 'Austin', 'TX', undefined],
		]);

		const gone = await get('gone@example.com');
		expect(gone).toMatchObject({ first_name: 'Gone', company_name: 'Acme', list_memberships: [] });
		expect(gone.email_address.permission_to_send).toBe('unsubscribed');

		const revived = await get('deleted@example.com');
		expect(revived.deleted_at).toBeUndefined();
		expect(revived).toMatchObject({ first_name: 'Deleted', last_name: 'Back', list_memberships: [listId] });

		const fresh = await get('fresh@example.com');
		expect(fresh.email_address).toMatchObject({ permission_to_send: 'implicit', opt_in_source: 'Account' });
		expect(fresh.create_source).toBe('Account');
		expect(fresh.phone_numbers).toEqual([expect.objectContaining({ kind: 'other', phone_number: '444' })]);
		expect(fresh.street_addresses).toEqual([expect.objectContaining({ kind: 'other', street: '1 Main St, Suite 2', postal_code: '78701', country: 'US' })]);

		const counts = await api.get(`/v3/contact_lists/${listId}?include_membership_count=all`);
		expect(counts.body.membership_count).toBe(3); // kept, revived, fresh — not the unsubscribed one
	});

	it('rejects more than 25 cf: keys in a row and a row whose lists would exceed 50', async () => {
		const labels = Array.from({ length: 26 }, (_, i) => ({ label: `F${i}`, type: 'string' }));
		const lists = Array.from({ length: 50 }, (_, i) => ({ name: `Full ${i}` }));
		fakes.admin.seed({ customFields: labels, lists, contacts: [{ email: 'full@example.com', list_names: lists.map((l) => l.name) }] });
		const row: Record<string, string> = { email: 'many@example.com' };
		for (const l of labels) row[`cf:${l.label}`] = 'x';
		const created = await api.post(IMPORT, { list_ids: [listId], import_data: [row, { email: 'full@example.com' }, { email: 'ok@example.com', 'cf:F1': 'y' }] });
		const done = await waitForActivity(api, created.body._links.self.href);
		expect(done.body.status).toMatchObject({ items_completed_count: 1, error_count: 2, correctable_count: 0 });
		expect(done.body.activity_errors).toEqual([expect.stringContaining('at most 25 custom fields'), expect.stringContaining('more than 50 lists')]);
	});
});
