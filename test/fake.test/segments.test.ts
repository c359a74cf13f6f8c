import { startFakes } from '../fake';
import { expectSpecViolations, apiClient, waitForActivity, type ApiClient, type Fakes } from './helpers';

/** Criteria in the spec's shape (def SegmentData example), serialized into a string. */
const criteria = (group: unknown[], type = 'and') => JSON.stringify({ version: '1.0.0', criteria: { type, group } });
const onLists = (...ids: string[]) => ({ source: 'list_membership', field: 'list_membership', op: 'contains-any', const_value: ids.join(',') });
const tagged = (...ids: string[]) => ({ source: 'tags', field: 'tag_id', op: 'contains-any', const_value: ids });
const TRACKING = { source: 'tracking', field: 'not_opened', op: 'contains-any', const_value: 'last-n-campaigns', param: '5' };

describe('fake API: segments', () => {
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

	it('POST /segments: 201 SegmentDetail with an integer ID; 409 on a duplicate name; 400 on criteria that are not JSON', async () => {
		const c = criteria([TRACKING]);
		const created = await api.post('/v3/segments', { name: 'Not openers', segment_criteria: c });
		expect(created.status).toBe(201);
		expect(created.body).toEqual({
			name: 'Not openers',
			segment_criteria: c,
			segment_id: expect.any(Number),
			created_at: expect.any(String),
			edited_at: created.body.created_at,
		});
		expect(Number.isInteger(created.body.segment_id)).toBe(true);

		const dup = await api.post('/v3/segments', { name: 'NOT OPENERS', segment_criteria: c });
		expect(dup.status).toBe(409);
		expect(dup.body).toEqual([{ error_key: 'segments.api.conflict', error_message: expect.stringContaining('already exists') }]);

		for (const bad of ['{"criteria":', 'not json', '[1,2]', criteria([], 'or'), '   ']) {
			const r = await api.post('/v3/segments', { name: `Bad ${bad}`, segment_criteria: bad });
			expect(r.status).toBe(400);
			expect(r.body[0].error_key).toBe('segments.api.validation.error');
		}
		expect(fakes.store.segments.size).toBe(1);
	});

	it('rejects criteria over 20,000 characters and a body without segment_criteria (spec SegmentData)', async () => {
		const long = JSON.stringify({ version: '1.0.0', criteria: { type: 'and', group: [] }, pad: 'x'.repeat(20_000) });
		const tooLong = await api.post('/v3/segments', { name: 'Long', segment_criteria: long });
		expect([tooLong.status, tooLong.body[0].error_message]).toEqual([400, expect.stringMatching(/segment_criteria.*20000/)]);
		const missing = await api.post('/v3/segments', { name: 'No criteria' });
		expect([missing.status, missing.body[0].error_message]).toEqual([400, expect.stringContaining('segment_criteria')]);
		// Both are spec violations too.
		expectSpecViolations(fakes, 2);
		// Exactly 20,000 characters is fine.
		const base = JSON.stringify({ version: '1.0.0', criteria: { type: 'and', group: [] }, pad: '' });
		const exact = JSON.stringify({ version: '1.0.0', criteria: { type: 'and', group: [] }, pad: 'x'.repeat(20_000 - base.length) });
		expect(exact).toHaveLength(20_000);
		expect((await api.post('/v3/segments', { name: 'Exact', segment_criteria: exact })).status).toBe(201);
	});

	it('GET /segments: sort_by date (default, most recently edited first) or name; cursor paging; limit 1–1000', async () => {
		const ids: number[] = [];
		for (const name of ['delta', 'Alpha', 'charlie', 'Bravo', 'echo']) {
			ids.push((await api.post('/v3/segments', { name, segment_criteria: criteria([]) })).body.segment_id);
		}
		const all = await api.get('/v3/segments');
		expect(all.status).toBe(200);
		expect(all.body.segments.map((s: any) => s.name)).toEqual(['echo', 'Bravo', 'charlie', 'Alpha', 'delta']);
		expect(all.body._links).toBeUndefined();
		// SegmentMaster: no criteria in the list.
		expect(all.body.segments[0]).toEqual({ name: 'echo', segment_id: ids[4], created_at: expect.any(String), edited_at: expect.any(String) });

		// Renaming makes a segment the most recently edited one.
		expect((await api.patch(`/v3/segments/${ids[0]}/name`, { name: 'delta 2' })).status).toBe(200);
		expect((await api.get('/v3/segments?sort_by=date')).body.segments[0].name).toBe('delta 2');

		const names: string[] = [];
		let path: string | undefined = '/v3/segments?sort_by=name&limit=2';
		let pages = 0;
		while (path) {
			const r = await api.get(path);
			expect(r.status).toBe(200);
			names.push(...r.body.segments.map((s: any) => s.name));
			path = r.body._links?.next?.href;
			if (path) expect(path).toMatch(/^\/v3\/segments\?cursor=[^&]+$/);
			pages++;
		}
		expect(pages).toBe(3);
		expect(names).toEqual(['Alpha', 'Bravo', 'charlie', 'delta 2', 'echo']);

		expect((await api.get('/v3/segments?limit=1000')).status).toBe(200);
		expect((await api.get('/v3/segments?limit=1001')).status).toBe(400);
		expect((await api.get('/v3/segments?limit=0')).status).toBe(400);
		const badSort = await api.get('/v3/segments?sort_by=size');
		expect(badSort.status).toBe(400);
		expect(badSort.body[0].error_key).toBe('segments.api.validation.error');
		expect((await api.get('/v3/segments?cursor=nonsense')).status).toBe(400);
	});

	it('GET/PUT/PATCH/DELETE /segments/{id}: PUT needs name and criteria, deleted segments leave the list but stay readable by ID', async () => {
		const a = (await api.post('/v3/segments', { name: 'A', segment_criteria: criteria([TRACKING]) })).body;
		const b = (await api.post('/v3/segments', { name: 'B', segment_criteria: criteria([]) })).body;

		const got = await api.get(`/v3/segments/${a.segment_id}`);
		expect(got.body).toEqual(a);
		expect((await api.get('/v3/segments/999')).status).toBe(404);

		const newCriteria = criteria([TRACKING, TRACKING]);
		const put = await api.put(`/v3/segments/${a.segment_id}`, { name: 'A2', segment_criteria: newCriteria });
		expect(put.status).toBe(200);
		expect(put.body).toMatchObject({ segment_id: a.segment_id, name: 'A2', segment_criteria: newCriteria, created_at: a.created_at });
		expect(put.body.edited_at > a.edited_at).toBe(true);
		expect((await api.put(`/v3/segments/${a.segment_id}`, { name: 'B', segment_criteria: newCriteria })).status).toBe(409);
		expect((await api.put(`/v3/segments/${a.segment_id}`, { name: 'A3', segment_criteria: '{oops' })).status).toBe(400);
		// name alone is not enough for PUT (spec: both required) — a spec violation.
		expect((await api.put(`/v3/segments/${a.segment_id}`, { name: 'A3' })).status).toBe(400);
		expectSpecViolations(fakes, 1);

		const renamed = await api.patch(`/v3/segments/${a.segment_id}/name`, { name: 'A4' });
		expect(renamed.status).toBe(200);
		expect(renamed.body).toMatchObject({ name: 'A4', segment_criteria: newCriteria });
		expect((await api.patch(`/v3/segments/${a.segment_id}/name`, { name: 'b' })).status).toBe(409);
		expect((await api.patch(`/v3/segments/${a.segment_id}/name`, { name: ' ' })).status).toBe(400);

		const del = await api.del(`/v3/segments/${b.segment_id}`);
		expect(del.status).toBe(204);
		expect(del.body).toBeUndefined();
		expect((await api.get('/v3/segments')).body.segments.map((s: any) => s.segment_id)).toEqual([a.segment_id]);
		const stillThere = await api.get(`/v3/segments/${b.segment_id}`);
		expect(stillThere.status).toBe(200);
		expect(stillThere.body.name).toBe('B');
		// A deleted segment cannot be changed or deleted again, and its name is free.
		expect((await api.del(`/v3/segments/${b.segment_id}`)).status).toBe(404);
		expect((await api.patch(`/v3/segments/${b.segment_id}/name`, { name: 'B2' })).status).toBe(404);
		expect((await api.post('/v3/segments', { name: 'B', segment_criteria: criteria([]) })).status).toBe(201);
		expect((await api.get(`/v3/contacts?segment_id=${b.segment_id}`)).status).toBe(404);

		const state = fakes.admin.state();
		expect(state.segments.map((s: any) => [s.name, !!s.deleted_at])).toEqual([
			['A4', false],
			['B', true],
			['B', false],
		]);
	});

	it('GET /contacts?segment_id= evaluates list_membership and tags criteria of API-created segments (202 first)', async () => {
		const s = fakes.admin.seed({
			lists: [{ name: 'L1' }, { name: 'L2' }],
			tags: [{ name: 'T1' }],
			contacts: [
				{ email: 'a@example.com', list_names: ['L1'] },
				{ email: 'b@example.com', list_names: ['L2'], tag_names: ['T1'] },
				{ email: 'c@example.com', list_names: ['L1', 'L2'] },
				{ email: 'd@example.com', list_names: ['L1'], deleted: true },
			],
		});
		const [l1, l2] = s.lists.map((l) => l.list_id);
		const t1 = s.tags[0].tag_id;
		const emails = (r: any) => r.body.contacts.map((c: any) => c.email_address.address);
		const members = async (segmentId: number) => {
			let r = await api.get(`/v3/contacts?segment_id=${segmentId}&limit=50`);
			if (r.status === 202) {
				expect(r.body).toEqual({ status: 'processing' });
				r = await api.get(`/v3/contacts?segment_id=${segmentId}&limit=50`);
			}
			expect(r.status).toBe(200);
			return emails(r);
		};

		const onL1 = (await api.post('/v3/segments', { name: 'On L1', segment_criteria: criteria([onLists(l1)]) })).body;
		expect(await members(onL1.segment_id)).toEqual(['a@example.com', 'c@example.com']);
		const both = (await api.post('/v3/segments', { name: 'L1 and L2', segment_criteria: criteria([onLists(l1), onLists(l2)]) })).body;
		expect(await members(both.segment_id)).toEqual(['c@example.com']);
		const either = (await api.post('/v3/segments', { name: 'L1 or tagged', segment_criteria: criteria([{ type: 'or', group: [onLists(l1), tagged(t1)] }]) })).body;
		expect(await members(either.segment_id)).toEqual(['a@example.com', 'b@example.com', 'c@example.com']);
		const notTagged = (await api.post('/v3/segments', { name: 'Not tagged', segment_criteria: criteria([{ ...tagged(t1), op: 'not-contains-any' }]) })).body;
		expect(await members(notTagged.segment_id)).toEqual(['a@example.com', 'c@example.com']);
		// Criteria the fake cannot evaluate (tracking) match nobody.
		const tracking = (await api.post('/v3/segments', { name: 'Tracking', segment_criteria: criteria([TRACKING]) })).body;
		expect(await members(tracking.segment_id)).toEqual([]);

		// New criteria: the segment is re-evaluated (202 again) and matches other contacts.
		await api.put(`/v3/segments/${tracking.segment_id}`, { name: 'Tracking', segment_criteria: criteria([onLists(l2)]) });
		expect((await api.get(`/v3/contacts?segment_id=${tracking.segment_id}`)).status).toBe(202);
		expect(await members(tracking.segment_id)).toEqual(['b@example.com', 'c@example.com']);

		// A segment as the source of a bulk activity.
		const a = await api.post('/v3/activities/add_list_memberships', { source: { segment_id: both.segment_id }, list_ids: [l2] });
		expect(a.status).toBe(201);
		expect(a.body.status.items_total_count).toBe(1);
		expect((await waitForActivity(api, a.body._links.self.href)).body.state).toBe('completed');
	});

	it('admin.seed({segments}) takes fixed members by contact_emails or criteria; state() lists them with their members', async () => {
		const s = fakes.admin.seed({
			lists: [{ name: 'VIP' }],
			contacts: [{ email: 'a@example.com', list_names: ['VIP'] }, { email: 'b@example.com' }, { email: 'c@example.com' }],
		});
		const vip = s.lists[0].list_id;
		const seeded = fakes.admin.seed({
			segments: [
				{ name: 'Fixed', contact_emails: ['b@example.com', 'c@example.com'] },
				{ name: 'By list', segment_criteria: criteria([onLists(vip)]) },
				{ name: 'Empty' },
			],
		});
		expect(seeded.segments.map((x: any) => [x.name, x.contact_ids.length])).toEqual([
			['Fixed', 2],
			['By list', 1],
			['Empty', 0],
		]);
		expect(seeded.segments[2].segment_criteria).toBe(criteria([]));
		const state = fakes.admin.state();
		expect(state.segments).toHaveLength(3);
		expect(state.segments[1]).toMatchObject({ name: 'By list', segment_id: seeded.segments[1].segment_id, contact_ids: [s.contacts[0].contact_id] });

		const detail = await api.get(`/v3/segments/${seeded.segments[0].segment_id}`);
		expect(detail.body).toMatchObject({ name: 'Fixed', segment_criteria: expect.any(String) });
		const listed = await api.get('/v3/segments?sort_by=name');
		expect(listed.body.segments.map((x: any) => x.name)).toEqual(['By list', 'Empty', 'Fixed']);
		await api.get(`/v3/contacts?segment_id=${seeded.segments[0].segment_id}`); // 202
		const fixed = await api.get(`/v3/contacts?segment_id=${seeded.segments[0].segment_id}`);
		expect(fixed.body.contacts.map((c: any) => c.email_address.address)).toEqual(['b@example.com', 'c@example.com']);

		// Over HTTP too.
		const res = await fetch(`${fakes.api.url}/__admin/seed`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ segments: [{ name: 'Via HTTP', contact_emails: ['a@example.com'] }] }),
		});
		expect(res.status).toBe(200);
		const stateRes = await fetch(`${fakes.api.url}/__admin/state`);
		const st = (await stateRes.json()) as any;
		expect(st.segments.map((x: any) => x.name)).toContain('Via HTTP');
	});
});
