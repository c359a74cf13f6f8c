import { startFakes } from '../fake';
import { apiClient, waitForActivity, type ApiClient, type Fakes } from './helpers';

describe('fake API: bulk activities, lists, tags, custom fields', () => {
	let fakes: Fakes;
	let api: ApiClient;

	beforeEach(async () => {
		fakes = await startFakes({ rateLimitPerSecond: 0 });
		api = apiClient(fakes);
	});
	afterEach(async () => {
		expect(api.responseErrors()).toEqual([]);
		expect(fakes.violations).toEqual([]);
		await fakes.stop();
	});

	it('add_list_memberships: 201 processing, then completed on the second GET with unknown IDs as activity_errors', async () => {
		const s = fakes.admin.seed({ lists: [{ name: 'Target' }], contacts: [{ email: 'a@example.com' }, { email: 'b@example.com' }] });
		const listId = s.lists[0].list_id;
		const unknown = '6f1c6a53-2b4f-4b7a-9a51-000000000000';
		const created = await api.post('/v3/activities/add_list_memberships', {
			source: { contact_ids: [...s.contacts.map((c) => c.contact_id), unknown] },
			list_ids: [listId],
		});
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({
			activity_id: expect.any(String),
			state: 'processing',
			percent_done: 0,
			activity_errors: [],
			status: { items_total_count: 3, items_completed_count: 0, list_count: 1 },
			_links: { self: { href: `/v3/activities/${created.body.activity_id}` } },
		});
		// Nothing applied yet.
		expect(fakes.store.contacts.get(s.contacts[0].contact_id)!.list_memberships).toEqual([]);

		const first = await api.get(created.body._links.self.href);
		expect(first.body.state).toBe('processing');
		const done = await api.get(created.body._links.self.href);
		expect(done.body).toMatchObject({
			state: 'completed',
			percent_done: 100,
			completed_at: expect.any(String),
			activity_errors: [expect.stringContaining(unknown)],
			status: { items_total_count: 3, items_completed_count: 2 },
		});
		const members = await api.get(`/v3/contacts?lists=${listId}`);
		expect(members.body.contacts).toHaveLength(2);

		const list = await api.get('/v3/activities?state=completed');
		expect(list.body.activities.map((a: any) => a.activity_id)).toEqual([created.body.activity_id]);
	});

	it('remove_list_memberships, taggings add/remove and contact_delete apply on completion', async () => {
		const s = fakes.admin.seed({
			lists: [{ name: 'L' }],
			tags: [{ name: 'T' }],
			contacts: [
				{ email: 'a@example.com', list_names: ['L'] },
				{ email: 'b@example.com', list_names: ['L'] },
			],
		});
		const [listId, tagId] = [s.lists[0].list_id, s.tags[0].tag_id];
		const ids = s.contacts.map((c) => c.contact_id);

		const tag = await api.post('/v3/activities/contacts_taggings_add', { source: { list_ids: [listId] }, tag_ids: [tagId] });
		expect(tag.status).toBe(201);
		expect((await waitForActivity(api, tag.body._links.self.href)).body.state).toBe('completed');
		expect((await api.get(`/v3/contacts?tags=${tagId}`)).body.contacts).toHaveLength(2);

		const untag = await api.post('/v3/activities/contacts_taggings_remove', { source: { contact_ids: [ids[0]] }, tag_ids: [tagId] });
		await waitForActivity(api, untag.body._links.self.href);
		expect((await api.get(`/v3/contacts?tags=${tagId}`)).body.contacts).toHaveLength(1);

		const remove = await api.post('/v3/activities/remove_list_memberships', { source: { contact_ids: [ids[1]] }, list_ids: [listId] });
		await waitForActivity(api, remove.body._links.self.href);
		expect((await api.get(`/v3/contacts?lists=${listId}`)).body.contacts.map((c: any) => c.contact_id)).toEqual([ids[0]]);

		const del = await api.post('/v3/activities/contact_delete', { contact_ids: [ids[0]] });
		expect(del.status).toBe(201);
		await waitForActivity(api, del.body._links.self.href);
		const gone = await api.get(`/v3/contacts/${ids[0]}`);
		expect(gone.body.deleted_at).toMatch(/^\d{4}-\d{2}-\d{2}$/);

		// Validation: exactly one source.
		const bad = await api.post('/v3/activities/add_list_memberships', { source: { contact_ids: [ids[0]], list_ids: [listId] }, list_ids: [listId] });
		expect(bad.status).toBe(400);
	});

	it('a contact can be on at most 50 lists: exceeding becomes an activity error', async () => {
		const lists = Array.from({ length: 51 }, (_, i) => ({ name: `List ${i}` }));
		const s = fakes.admin.seed({
			lists,
			contacts: [{ email: 'full@example.com', list_names: lists.slice(0, 50).map((l) => l.name) }, { email: 'ok@example.com' }],
		});
		const last = s.lists[50].list_id;
		const a = await api.post('/v3/activities/add_list_memberships', { source: { contact_ids: s.contacts.map((c) => c.contact_id) }, list_ids: [last] });
		const done = await waitForActivity(api, a.body._links.self.href);
		expect(done.body.activity_errors).toEqual([expect.stringContaining('50 lists')]);
		expect(done.body.status.items_completed_count).toBe(1);
	});

	it('activityCompletesAfterPolls: 0 completes on the first GET', async () => {
		await fakes.stop();
		fakes = await startFakes({ rateLimitPerSecond: 0, activityCompletesAfterPolls: 0 });
		api = apiClient(fakes);
		const s = fakes.admin.seed({ tags: [{ name: 'T' }], contacts: [{ email: 'a@example.com' }] });
		const a = await api.post('/v3/activities/contacts_taggings_add', { source: { contact_ids: [s.contacts[0].contact_id] }, tag_ids: [s.tags[0].tag_id] });
		expect((await api.get(a.body._links.self.href)).body.state).toBe('completed');
	});

	it('lists: create (201, 409 on duplicate name), get, membership counts and cursor paging', async () => {
		const created = await api.post('/v3/contact_lists', { name: 'Monthly', description: 'News', favorite: true });
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ list_id: expect.any(String), name: 'Monthly', favorite: true, description: 'News' });
		const dup = await api.post('/v3/contact_lists', { name: 'monthly' });
		expect(dup.status).toBe(409);
		fakes.admin.seed({ lists: [{ name: 'B' }, { name: 'C' }], contacts: [{ email: 'a@example.com', list_names: ['B'] }] });
		const one = await api.get(`/v3/contact_lists/${created.body.list_id}?include_membership_count=all`);
		expect(one.body.membership_count).toBe(0);
		const byName = await api.get('/v3/contact_lists?name=B&include_membership_count=active');
		expect(byName.body.lists).toEqual([expect.objectContaining({ name: 'B', membership_count: 1 })]);
		const p1 = await api.get('/v3/contact_lists?limit=2&include_count=true');
		expect(p1.body.lists_count).toBe(3);
		expect(p1.body.lists).toHaveLength(2);
		const p2 = await api.get(p1.body._links.next.href);
		expect(p2.body.lists.map((l: any) => l.name)).toEqual(['C']);
		expect(p2.body._links).toBeUndefined();
		expect((await api.get('/v3/contact_lists/6f1c6a53-2b4f-4b7a-9a51-000000000000')).status).toBe(404);
		// Deleting is asynchronous (202 + Location).
		const del = await api.del(`/v3/contact_lists/${created.body.list_id}`);
		expect(del.status).toBe(202);
		expect(del.headers.get('location')).toBe(del.body._links.self.href);
	});

	it('tags and custom fields: create, get, page with cursor', async () => {
		for (const name of ['t1', 't2', 't3']) expect((await api.post('/v3/contact_tags', { name })).status).toBe(201);
		expect((await api.post('/v3/contact_tags', { name: 'T1' })).status).toBe(409);
		const t1 = await api.get('/v3/contact_tags?limit=2&include_count=true');
		expect(t1.body.tags).toHaveLength(2);
		expect(t1.body.tags[0].contacts_count).toBe(0);
		const t2 = await api.get(t1.body._links.next.href);
		expect(t2.body.tags.map((t: any) => t.name)).toEqual(['t3']);
		expect((await api.get(`/v3/contact_tags/${t2.body.tags[0].tag_id}`)).body.name).toBe('t3');

		const cf = await api.post('/v3/contact_custom_fields', { label: 'Shoe Size', type: 'number' });
		expect(cf.status).toBe(201);
		expect(cf.body).toMatchObject({ label: 'Shoe Size', name: 'Shoe_Size', type: 'number', custom_field_id: expect.any(String) });
		expect((await api.post('/v3/contact_custom_fields', { label: 'Bad', type: 'color' })).status).toBe(400);
		await api.post('/v3/contact_custom_fields', { label: 'Second', type: 'string' });
		const f1 = await api.get('/v3/contact_custom_fields?limit=1');
		const f2 = await api.get(f1.body._links.next.href);
		expect([...f1.body.custom_fields, ...f2.body.custom_fields].map((f: any) => f.label)).toEqual(['Shoe Size', 'Second']);
		expect((await api.get(`/v3/contact_custom_fields/${cf.body.custom_field_id}`)).body.name).toBe('Shoe_Size');
	});

	it('seedDemo seeds 3 lists, 3 tags, 2 custom fields and 5 contacts', async () => {
		const demo = fakes.admin.seedDemo();
		expect([demo.lists.length, demo.tags.length, demo.customFields.length, demo.contacts.length]).toEqual([3, 3, 2, 5]);
		const all = await api.get('/v3/contacts?include=custom_fields,list_memberships,taggings,phone_numbers,street_addresses,notes');
		expect(all.body.contacts).toHaveLength(5);
	});
});
