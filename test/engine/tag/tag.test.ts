/**
 * Tag → Create, Get, Get Many, Update, Delete through n8n's engine against the fake API
 * (`/contact_tags`). Delete is a background job: with Wait for Completion the node polls
 * `GET /activities/{id}` until it is done; without, it returns the queued job.
 */
import type { INodeParameters } from 'n8n-workflow';

import { UNKNOWN_ID, byId, cursorOffset, useContactFakes, expectRejected as rejected } from '../contact/helpers';

/** The fake reports "processing" for the first POLLS polls of an activity. */
const POLLS = 2;
const cc = useContactFakes({ activityCompletesAfterPolls: POLLS });

const tagOp = (operation: string, parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'tag',
	operation,
	...parameters,
});
const fromList = (value: string) => ({ __rl: true, mode: 'list', value });

/** Tags VIP (2 contacts) and Lead (1 contact), a contact with both and one with VIP only. */
function seed(): { vip: string; lead: string; both: string; vipOnly: string } {
	const s = cc.fakes.admin.seed({
		tags: [{ name: 'VIP' }, { name: 'Lead' }],
		contacts: [
			{ email: 'both@example.com', tag_names: ['VIP', 'Lead'] },
			{ email: 'vip@example.com', tag_names: ['VIP'] },
		],
	});
	return { vip: s.tags[0].tag_id, lead: s.tags[1].tag_id, both: s.contacts[0].contact_id, vipOnly: s.contacts[1].contact_id };
}

const storedTags = () => [...cc.fakes.store.tags.values()].map((t: any) => t.name).sort();

/** The run failed before any request with `message`, naming the item (context.itemIndex). */
const expectRejected = (result: Awaited<ReturnType<typeof cc.run>>, message: string, itemIndex = 0) =>
	rejected(cc, result, message, { itemIndex });

describe('create', () => {
	test('posts name and tag source; each item gets its tag, paired with it', async () => {
		const result = await cc.run(tagOp('create', { name: '={{ $json.name }}', options: { tagSource: 'n8n' } }), {
			inputItems: [{ name: 'Webinar 2026' }, { name: '  Trade show  ' }],
		});

		expect(result.error).toBeUndefined();
		const api = cc.api();
		expect(api.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual(['POST /v3/contact_tags 201', 'POST /v3/contact_tags 201']);
		expect(api.map((e) => e.body)).toEqual([
			{ name: 'Webinar 2026', tag_source: 'n8n' },
			{ name: 'Trade show', tag_source: 'n8n' },
		]);
		expect(result.items).toEqual([
			{
				json: { tag_id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'Webinar 2026', tag_source: 'n8n', created_at: expect.any(String), updated_at: expect.any(String) },
				pairedItem: { item: 0 },
			},
			{ json: expect.objectContaining({ name: 'Trade show' }), pairedItem: { item: 1 } },
		]);
		expect(storedTags()).toEqual(['Trade show', 'Webinar 2026']);
	});

	test('without a tag source only the name is sent', async () => {
		const result = await cc.run(tagOp('create', { name: 'Plain' }));
		expect(result.error).toBeUndefined();
		expect(cc.api()[0].body).toEqual({ name: 'Plain' });
	});

	test('an existing name fails with 409 and says so; nothing else is created', async () => {
		seed();
		const result = await cc.run(tagOp('create', { name: 'VIP' }));
		expect(result.status).toBe('error');
		expect(result.error!.message).toBe('A tag named "VIP" already exists');
		expect((result.error as any).httpCode).toBe('409');
		expect((result.error as any).description).toContain('HTTP 409 for POST /contact_tags');
		expect(cc.api().map((e) => e.status)).toEqual([409]);
		expect(storedTags()).toEqual(['Lead', 'VIP']);
	});

	test.each([
		['a name with <', 'a <b> tag', 'Name "a <b> tag" contains < or >, which Constant Contact does not allow in tag names'],
		['a name with >', 'x > y', 'Name "x > y" contains < or >, which Constant Contact does not allow in tag names'],
		['an empty name', '   ', 'Name is empty'],
		['a name over 255 characters', 'n'.repeat(256), 'Name is 256 characters long; Constant Contact accepts at most 255'],
	])('%s in item 1 is rejected before any request (item 0 is not created either)', async (_case, bad, message) => {
		const result = await cc.run(tagOp('create', { name: '={{ $json.name }}' }), {
			inputItems: [{ name: 'Fine' }, { name: bad }],
		});
		expectRejected(result, message, 1);
		expect(storedTags()).toEqual([]);
	});
});

describe('get', () => {
	test('by ID from the list, with Include Count: the tag and how many contacts have it', async () => {
		const s = seed();
		const result = await cc.run(tagOp('get', { tag: fromList(s.vip), options: { includeCount: true } }));

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{
				json: { tag_id: s.vip, name: 'VIP', tag_source: 'Contact', contacts_count: 2, created_at: expect.any(String), updated_at: expect.any(String) },
				pairedItem: { item: 0 },
			},
		]);
		const api = cc.api();
		expect(api.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([`GET /v3/contact_tags/${s.vip} 200`]);
		expect(api[0].query).toEqual({ include_count: 'true' });
	});

	test('without Include Count: no query and no count', async () => {
		const s = seed();
		const result = await cc.run(tagOp('get', { tag: byId(s.lead) }));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ tag_id: s.lead, name: 'Lead' });
		expect(result.items[0].json).not.toHaveProperty('contacts_count');
		expect(cc.api()[0].query).toEqual({});
	});

	test('an unknown ID fails with 404 and a plain message', async () => {
		seed();
		const result = await cc.run(tagOp('get', { tag: byId(UNKNOWN_ID) }));
		expect(result.status).toBe('error');
		expect(result.error!.message).toBe(`Tag ${UNKNOWN_ID} does not exist in this Constant Contact account`);
		expect((result.error as any).httpCode).toBe('404');
		expect(cc.api().map((e) => e.status)).toEqual([404]);
	});

	test('a typed ID that is not a UUID: n8n refuses to run the node (the field\'s own check)', async () => {
		await expect(cc.run(tagOp('get', { tag: byId('VIP') }))).rejects.toThrow('Not a Constant Contact tag ID');
		expect(cc.api()).toEqual([]);
	});

	test('an ID from an expression that is not a UUID is rejected before any request', async () => {
		const result = await cc.run(tagOp('get', { tag: byId('={{ $json.id }}') }), { inputItems: [{ id: 'VIP' }] });
		expectRejected(result, 'Tag "VIP" is not a Constant Contact tag ID');
		expect((result.error as any).description).toContain('Not a Constant Contact tag ID');
	});

	test('an expression that gives an empty ID is rejected before any request', async () => {
		const result = await cc.run(tagOp('get', { tag: fromList('={{ $json.id }}') }), { inputItems: [{ id: '' }] });
		expectRejected(result, 'Tag is empty');
	});
});

describe('getAll (Get Many)', () => {
	function seedMany(n: number): string[] {
		const s = cc.fakes.admin.seed({ tags: Array.from({ length: n }, (_, k) => ({ name: `Tag ${String(k + 1).padStart(3, '0')}` })) });
		return s.tags.map((t: any) => t.tag_id);
	}

	test('Return All over 600 tags: 600 items in 2 requests (limit 500, then the cursor link)', async () => {
		const ids = seedMany(600);
		const result = await cc.run(tagOp('getAll', { returnAll: true }));

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(600);
		expect(result.items.map((i) => i.json.tag_id)).toEqual(ids);
		expect(result.items.every((i) => (i.pairedItem as any).item === 0)).toBe(true);
		const api = cc.api();
		expect(api.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual(['GET /v3/contact_tags 200', 'GET /v3/contact_tags 200']);
		expect(api[0].query).toEqual({ limit: '500' });
		expect(api[1].query).toEqual({ cursor: expect.any(String) });
		expect(cursorOffset(api[1].query.cursor)).toBe(500);
	});

	test('Limit 10 asks for 10 in one request; Include Count adds the counts', async () => {
		seed();
		const ids = seedMany(20);
		const result = await cc.run(tagOp('getAll', { limit: 10, options: { includeCount: true } }));

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(10);
		expect(result.items[0].json).toMatchObject({ name: 'VIP', contacts_count: 2 });
		expect(result.items[1].json).toMatchObject({ name: 'Lead', contacts_count: 1 });
		expect(result.items.slice(2).map((i) => i.json.tag_id)).toEqual(ids.slice(0, 8));
		expect(cc.api().map((e) => e.query)).toEqual([{ limit: '10', include_count: 'true' }]);
	});

	test('an empty account gives no items and no error', async () => {
		const result = await cc.run(tagOp('getAll', { returnAll: true }));
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
		expect(cc.calls()).toEqual(['GET /v3/contact_tags']);
	});
});

describe('update', () => {
	test('renames the tag (PUT with only the name); its contacts keep it', async () => {
		const s = seed();
		const result = await cc.run(tagOp('update', { tag: byId(s.vip), name: 'Very Important' }));

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{ json: expect.objectContaining({ tag_id: s.vip, name: 'Very Important' }), pairedItem: { item: 0 } },
		]);
		const api = cc.api();
		expect(api.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([`PUT /v3/contact_tags/${s.vip} 200`]);
		expect(api[0].body).toEqual({ name: 'Very Important' });
		expect(storedTags()).toEqual(['Lead', 'Very Important']);
		expect(cc.stored(s.vipOnly)!.taggings).toEqual([s.vip]);
	});

	test('the name of another tag fails with 409 and says so', async () => {
		const s = seed();
		const result = await cc.run(tagOp('update', { tag: byId(s.vip), name: 'Lead' }));
		expect(result.status).toBe('error');
		expect(result.error!.message).toBe('A tag named "Lead" already exists');
		expect((result.error as any).httpCode).toBe('409');
		expect(storedTags()).toEqual(['Lead', 'VIP']);
	});

	test('an unknown ID fails with 404', async () => {
		const result = await cc.run(tagOp('update', { tag: byId(UNKNOWN_ID), name: 'X' }));
		expect(result.error!.message).toBe(`Tag ${UNKNOWN_ID} does not exist in this Constant Contact account`);
		expect((result.error as any).httpCode).toBe('404');
	});

	test('a new name with < is rejected before any request', async () => {
		const s = seed();
		const result = await cc.run(tagOp('update', { tag: byId(s.vip), name: '<b>VIP</b>' }));
		expectRejected(result, 'Name "<b>VIP</b>" contains < or >, which Constant Contact does not allow in tag names');
		expect(storedTags()).toEqual(['Lead', 'VIP']);
	});
});

describe('delete', () => {
	test('with Wait for Completion (default): polls the job until done; the tag is gone and untagged from every contact', async () => {
		const s = seed();
		const result = await cc.run(tagOp('delete', { tag: byId(s.vip) }));

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{
				json: { deleted: true, tag_id: s.vip, activity_id: expect.stringMatching(/^[0-9a-f-]{36}$/), state: 'completed' },
				pairedItem: { item: 0 },
			},
		]);
		const activityId = result.items[0].json.activity_id;
		expect(cc.api().map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
			`DELETE /v3/contact_tags/${s.vip} 202`,
			...Array(POLLS + 1).fill(`GET /v3/activities/${activityId} 200`),
		]);
		expect(storedTags()).toEqual(['Lead']);
		expect(cc.stored(s.both)!.taggings).toEqual([s.lead]);
		expect(cc.stored(s.vipOnly)!.taggings).toEqual([]);
	});

	test('without Wait for Completion: one request, the queued job is returned and the tag still exists until it runs', async () => {
		const s = seed();
		const result = await cc.run(tagOp('delete', { tag: fromList(s.vip), options: { waitForCompletion: false } }));

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{
				json: { deleted: false, tag_id: s.vip, activity_id: expect.stringMatching(/^[0-9a-f-]{36}$/), state: 'processing' },
				pairedItem: { item: 0 },
			},
		]);
		expect(cc.calls()).toEqual([`DELETE /v3/contact_tags/${s.vip}`]);
		expect(storedTags()).toEqual(['Lead', 'VIP']);
		expect(cc.stored(s.vipOnly)!.taggings).toEqual([s.vip]);

		// The job is there to check later (Activity → Get).
		const [activity] = cc.fakes.admin.state().activities;
		expect(activity).toMatchObject({ kind: 'tag_delete', activity_id: result.items[0].json.activity_id });
	});

	test('several items delete several tags, paired with their items', async () => {
		const s = seed();
		const result = await cc.run(tagOp('delete', { tag: byId('={{ $json.id }}') }), {
			inputItems: [{ id: s.lead }, { id: s.vip }],
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.json.tag_id, i.json.deleted, i.pairedItem])).toEqual([
			[s.lead, true, { item: 0 }],
			[s.vip, true, { item: 1 }],
		]);
		expect(storedTags()).toEqual([]);
	});

	test('an unknown ID fails with 404 and nothing is deleted', async () => {
		seed();
		const result = await cc.run(tagOp('delete', { tag: byId(UNKNOWN_ID) }));
		expect(result.status).toBe('error');
		expect(result.error!.message).toBe(`Tag ${UNKNOWN_ID} does not exist in this Constant Contact account`);
		expect(cc.api().map((e) => e.status)).toEqual([404]);
		expect(storedTags()).toEqual(['Lead', 'VIP']);
	});

	test('a bad ID in item 1 is rejected before item 0 is deleted', async () => {
		const s = seed();
		const result = await cc.run(tagOp('delete', { tag: byId('={{ $json.id }}') }), {
			inputItems: [{ id: s.lead }, { id: 'not-a-tag' }],
		});
		expectRejected(result, 'Tag "not-a-tag" is not a Constant Contact tag ID', 1);
		expect(storedTags()).toEqual(['Lead', 'VIP']);
	});
});
