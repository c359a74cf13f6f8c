import { startFakes } from '../fake';
import { expectSpecViolations, apiClient, waitForActivity, type ApiClient, type Fakes } from './helpers';

const UNKNOWN = '6f1c6a53-2b4f-4b7a-9a51-000000000000';
const uuids = (n: number) => Array.from({ length: n }, (_, i) => `6f1c6a53-2b4f-4b7a-9a51-${String(i).padStart(12, '0')}`);

describe('fake API: bulk delete activities and list membership counts', () => {
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

	it('POST /activities/list_delete: 201, lists deleted and memberships removed on completion, unknown IDs as activity_errors', async () => {
		const s = fakes.admin.seed({
			lists: [{ name: 'A' }, { name: 'B' }, { name: 'Keep' }],
			contacts: [{ email: 'x@example.com', list_names: ['A', 'B', 'Keep'] }, { email: 'y@example.com', list_names: ['B'] }],
		});
		const [a, b, keep] = s.lists.map((l) => l.list_id);
		const created = await api.post('/v3/activities/list_delete', { list_ids: [a, b, UNKNOWN] });
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ state: 'processing', activity_errors: [], status: { list_count: 3 }, _links: { self: { href: `/v3/activities/${created.body.activity_id}` } } });
		expect((await api.get('/v3/contact_lists')).body.lists).toHaveLength(3); // not yet

		const done = await waitForActivity(api, created.body._links.self.href);
		expect(done.body).toMatchObject({ state: 'completed', activity_errors: [`List ${UNKNOWN} was not found.`], status: { items_total_count: 3, items_completed_count: 2 } });
		expect((await api.get('/v3/contact_lists')).body.lists.map((l: any) => l.list_id)).toEqual([keep]);
		const deleted = await api.get('/v3/contact_lists?status=deleted');
		expect(deleted.body.lists.map((l: any) => l.name)).toEqual(['A', 'B']);
		expect(deleted.body.lists[0].deleted_at).toEqual(expect.any(String));
		const x = await api.get(`/v3/contacts/${s.contacts[0].contact_id}?include=list_memberships`);
		expect(x.body.list_memberships).toEqual([keep]);

		// Limits: 1–100 list IDs.
		expect((await api.post('/v3/activities/list_delete', { list_ids: [] })).status).toBe(400);
		expect((await api.post('/v3/activities/list_delete', { list_ids: uuids(101) })).status).toBe(400);
		expectSpecViolations(fakes, 1); // maxItems 100 in the spec
		expect((await api.post('/v3/activities/list_delete', { list_ids: uuids(100) })).status).toBe(201);
	});

	it('POST /activities/contacts_tags_delete: tags deleted, contacts untagged; ≤ 500 IDs', async () => {
		const s = fakes.admin.seed({
			tags: [{ name: 'T1' }, { name: 'T2' }, { name: 'T3' }],
			contacts: [{ email: 'x@example.com', tag_names: ['T1', 'T2', 'T3'] }],
		});
		const [t1, t2, t3] = s.tags.map((t) => t.tag_id);
		const created = await api.post('/v3/activities/contacts_tags_delete', { tag_ids: [t1, t2, UNKNOWN] });
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ activity_id: expect.any(String), state: 'processing', status: { items_total_count: 3, items_completed_count: 0 } });
		const done = await waitForActivity(api, created.body._links.self.href);
		expect(done.body).toMatchObject({ state: 'completed', activity_errors: [`Tag ${UNKNOWN} was not found.`], status: { items_completed_count: 2 } });
		expect((await api.get('/v3/contact_tags')).body.tags.map((t: any) => t.tag_id)).toEqual([t3]);
		expect((await api.get(`/v3/contacts/${s.contacts[0].contact_id}?include=taggings`)).body.taggings).toEqual([t3]);

		expect((await api.post('/v3/activities/contacts_tags_delete', { tag_ids: [] })).status).toBe(400);
		expect((await api.post('/v3/activities/contacts_tags_delete', { tag_ids: uuids(500) })).status).toBe(201);
		expect((await api.post('/v3/activities/contacts_tags_delete', { tag_ids: uuids(501) })).status).toBe(400);
		expectSpecViolations(fakes, 1);
	});

	it('POST /activities/custom_fields_delete: fields deleted and their values removed from contacts; ≤ 100 IDs', async () => {
		const s = fakes.admin.seed({
			customFields: [
				{ label: 'Shoe Size', type: 'string' },
				{ label: 'Color', type: 'string' },
			],
			contacts: [{ email: 'x@example.com', custom_fields: { 'Shoe Size': '42', Color: 'red' } }],
		});
		const [shoe, color] = s.customFields.map((f) => f.custom_field_id);
		const created = await api.post('/v3/activities/custom_fields_delete', { custom_field_ids: [shoe, UNKNOWN] });
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ state: 'processing', activity_errors: [] });
		const done = await waitForActivity(api, created.body._links.self.href);
		expect(done.body).toMatchObject({ state: 'completed', activity_errors: [`Custom field ${UNKNOWN} was not found.`] });
		expect((await api.get('/v3/contact_custom_fields')).body.custom_fields.map((f: any) => f.custom_field_id)).toEqual([color]);
		const x = await api.get(`/v3/contacts/${s.contacts[0].contact_id}?include=custom_fields`);
		expect(x.body.custom_fields).toEqual([{ custom_field_id: color, value: 'red' }]);

		expect((await api.post('/v3/activities/custom_fields_delete', { custom_field_ids: uuids(100) })).status).toBe(201);
		expect((await api.post('/v3/activities/custom_fields_delete', { custom_field_ids: uuids(101) })).status).toBe(400);
		expectSpecViolations(fakes, 1); // spec maxItems: 0, overridden to 100
	});

	it('POST /activities/contact_delete with list_ids deletes every member; contact_ids and list_ids are mutually exclusive', async () => {
		const s = fakes.admin.seed({
			lists: [{ name: 'Doomed' }, { name: 'Other' }],
			contacts: [
				{ email: 'a@example.com', list_names: ['Doomed'] },
				{ email: 'b@example.com', list_names: ['Doomed', 'Other'] },
				{ email: 'c@example.com', list_names: ['Other'] },
			],
		});
		const [doomed, other] = s.lists.map((l) => l.list_id);
		const both = await api.post('/v3/activities/contact_delete', { contact_ids: [s.contacts[2].contact_id], list_ids: [doomed] });
		expect(both.status).toBe(400);
		expect((await api.post('/v3/activities/contact_delete', {})).status).toBe(400);

		const created = await api.post('/v3/activities/contact_delete', { list_ids: [doomed] });
		expect(created.status).toBe(201);
		expect(created.body.status).toMatchObject({ items_total_count: 2, list_count: 1 });
		await waitForActivity(api, created.body._links.self.href);
		const left = await api.get('/v3/contacts');
		expect(left.body.contacts.map((c: any) => c.email_address.address)).toEqual(['c@example.com']);
		const deleted = await api.get('/v3/contacts?status=deleted');
		expect(deleted.body.contacts.map((c: any) => c.email_address.address)).toEqual(['a@example.com', 'b@example.com']);
		expect((await api.get(`/v3/contact_lists/${other}?include_membership_count=all`)).body.membership_count).toBe(1);
		// ≤ 50 list IDs (spec maxItems).
		expect((await api.post('/v3/activities/contact_delete', { list_ids: uuids(51) })).status).toBe(400);
		expectSpecViolations(fakes, 1);
	});

	it('GET /contact_lists and /contact_lists/{id}: include_membership_count all | active', async () => {
		const s = fakes.admin.seed({
			lists: [{ name: 'Mixed' }, { name: 'Empty' }],
			contacts: [
				{ email: 'ok@example.com', permission_to_send: 'explicit', list_names: ['Mixed'] },
				{ email: 'imp@example.com', permission_to_send: 'implicit', list_names: ['Mixed'] },
				{ email: 'unsub@example.com', permission_to_send: 'unsubscribed', list_names: ['Mixed'] },
				{ email: 'deleted@example.com', list_names: ['Mixed'], deleted: true },
			],
		});
		const [mixed, empty] = s.lists.map((l) => l.list_id);
		const all = await api.get('/v3/contact_lists?include_membership_count=all');
		expect(all.body.lists.map((l: any) => [l.name, l.membership_count])).toEqual([
			['Mixed', 3],
			['Empty', 0],
		]);
		const active = await api.get('/v3/contact_lists?include_membership_count=active');
		expect(active.body.lists.map((l: any) => l.membership_count)).toEqual([2, 0]);
		expect((await api.get('/v3/contact_lists')).body.lists[0].membership_count).toBeUndefined();
		expect((await api.get(`/v3/contact_lists/${mixed}?include_membership_count=all`)).body.membership_count).toBe(3);
		expect((await api.get(`/v3/contact_lists/${mixed}?include_membership_count=active`)).body.membership_count).toBe(2);
		expect((await api.get(`/v3/contact_lists/${empty}`)).body.membership_count).toBeUndefined();
		// Unknown value: spec enum → 400.
		expect((await api.get('/v3/contact_lists?include_membership_count=some')).status).toBe(400);
		expectSpecViolations(fakes, 1);
	});
});
