/**
 * Segment → Create, Get, Get Many, Update, Delete through n8n's engine against the fake API
 * (`/segments`). Segment IDs are integers; the criteria travel as a JSON document serialized into
 * a string (≤ 20,000 characters), which the node builds from an object or a JSON text.
 */
import type { INodeParameters } from 'n8n-workflow';

import { transport } from '../harness';
import { byId, contactOp, cursorOffset, useContactFakes, expectRejected as rejected } from '../contact/helpers';

const cc = useContactFakes();

const segmentOp = (operation: string, parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'segment',
	operation,
	...parameters,
});
const fromList = (value: string | number) => ({ __rl: true, mode: 'list', value: String(value) });

const criteriaFor = (listId: string) => ({
	version: '1.0.0',
	criteria: {
		type: 'and',
		group: [{ type: 'or', group: [{ source: 'list_membership', field: 'list_id', op: 'contains-any', const_value: listId }] }],
	},
});
const NOT_OPENED = '{"version":"1.0.0","criteria":{"type":"and","group":[{"source":"tracking","field":"not_opened","op":"contains-any","const_value":"last-n-campaigns","param":"5"}]}}';

/** Segments "Engaged" (fixed members) and "Lapsed" (tracking criteria), a list with two contacts. */
function seed(): { engaged: number; lapsed: number; list: string; members: string[] } {
	const s = cc.fakes.admin.seed({
		lists: [{ name: 'Customers' }],
		contacts: [
			{ email: 'ada@example.com', list_names: ['Customers'] },
			{ email: 'grace@example.com', list_names: ['Customers'] },
			{ email: 'other@example.com' },
		],
		segments: [
			{ name: 'Engaged', emails: ['ada@example.com'] },
			{ name: 'Lapsed', segment_criteria: NOT_OPENED },
		],
	});
	return {
		engaged: s.segments[0].segment_id,
		lapsed: s.segments[1].segment_id,
		list: s.lists[0].list_id,
		members: s.contacts.slice(0, 2).map((c: any) => c.contact_id),
	};
}

const stored = (id: number) => cc.fakes.store.segments.get(id);
const liveNames = () => [...cc.fakes.store.segments.values()].filter((s: any) => !s.deleted_at).map((s: any) => s.name).sort();

const expectRejected = (result: Awaited<ReturnType<typeof cc.run>>, message: string, itemIndex = 0) =>
	rejected(cc, result, message, { itemIndex });

describe('create', () => {
	test('criteria given as an object (from an expression) are sent as one JSON string', async () => {
		const s = seed();
		const criteria = criteriaFor(s.list);
		const result = await cc.run(segmentOp('create', { name: 'Customers segment', segmentCriteria: '={{ $json.criteria }}' }), {
			inputItems: [{ criteria }],
		});

		expect(result.error).toBeUndefined();
		const api = cc.api();
		expect(api.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual(['POST /v3/segments 201']);
		expect(api[0].body).toEqual({ name: 'Customers segment', segment_criteria: JSON.stringify(criteria) });
		expect(typeof api[0].body.segment_criteria).toBe('string');
		expect(result.items).toEqual([
			{
				json: {
					segment_id: expect.any(Number),
					name: 'Customers segment',
					segment_criteria: JSON.stringify(criteria),
					created_at: expect.any(String),
					edited_at: expect.any(String),
				},
				pairedItem: { item: 0 },
			},
		]);
		const id = result.items[0].json.segment_id as number;
		expect(Number.isInteger(id)).toBe(true);
		expect(stored(id)).toMatchObject({ name: 'Customers segment', segment_criteria: JSON.stringify(criteria) });
	});

	test('the default criteria (JSON text in the field) are sent compact, as a string', async () => {
		const result = await cc.run(segmentOp('create', { name: 'Did not open' }));
		expect(result.error).toBeUndefined();
		expect(cc.api()[0].body).toEqual({ name: 'Did not open', segment_criteria: NOT_OPENED });
	});

	test('criteria typed as JSON text with spaces and new lines', async () => {
		const text = '{\n  "version": "1.0.0",\n  "criteria": { "type": "and", "group": [] }\n}';
		const result = await cc.run(segmentOp('create', { name: 'Empty', segmentCriteria: text }));
		expect(result.error).toBeUndefined();
		expect(cc.api()[0].body.segment_criteria).toBe('{"version":"1.0.0","criteria":{"type":"and","group":[]}}');
	});

	test('the new segment works as a filter of Contact → Get Many', async () => {
		const s = seed();
		const created = await cc.run(segmentOp('create', { name: 'On Customers', segmentCriteria: JSON.stringify(criteriaFor(s.list)) }));
		const segmentId = created.items[0].json.segment_id;
		const contacts = await cc.run(contactOp('getAll', { returnAll: true, filters: { segmentId: String(segmentId) } }));
		expect(contacts.error).toBeUndefined();
		expect(contacts.items.map((i) => i.json.contact_id).sort()).toEqual([...s.members].sort());
	});

	test('an existing name fails with 409 and says so; nothing is created', async () => {
		seed();
		const result = await cc.run(segmentOp('create', { name: 'Engaged', segmentCriteria: NOT_OPENED }));
		expect(result.status).toBe('error');
		expect(result.error!.message).toBe('A segment named "Engaged" already exists');
		expect((result.error as any).httpCode).toBe('409');
		expect((result.error as any).description).toContain('HTTP 409 for POST /segments');
		expect(cc.api().map((e) => e.status)).toEqual([409]);
		expect(liveNames()).toEqual(['Engaged', 'Lapsed']);
	});

	/** Runs `parameters` with retries 5 ms apart and `fault` queued for the first POST. */
	async function runWithLostAnswer(parameters: INodeParameters, fault: Record<string, unknown>) {
		const saved = transport.transportSettings.backoffBaseMs;
		transport.transportSettings.backoffBaseMs = 5;
		cc.fakes.faults.push({ match: { method: 'POST', pathPrefix: '/segments' }, ...fault });
		try {
			return await cc.run(parameters);
		} finally {
			transport.transportSettings.backoffBaseMs = saved;
		}
	}

	test('when the answer to the create is lost and the retry hits 409, the segment the first attempt made is returned', async () => {
		seed();
		const result = await runWithLostAnswer(segmentOp('create', { name: 'Lost', segmentCriteria: NOT_OPENED }), { kind: 'afterHandle', status: 500 });

		expect(result.error).toBeUndefined();
		const api = cc.api();
		expect(api.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
			'POST /v3/segments 500',
			'POST /v3/segments 409',
			'GET /v3/segments 200',
			`GET /v3/segments/${result.items[0].json.segment_id} 200`,
		]);
		expect(api[2].query).toEqual({ sort_by: 'name', limit: '1000' });
		expect(liveNames()).toEqual(['Engaged', 'Lapsed', 'Lost']);
		expect(result.items).toEqual([
			{ json: expect.objectContaining({ name: 'Lost', segment_criteria: NOT_OPENED }), pairedItem: { item: 0 } },
		]);
	});

	test('after a failed attempt, a new segment of that name with other criteria is a real conflict (409)', async () => {
		seed();
		const result = await runWithLostAnswer(segmentOp('create', { name: 'Engaged', segmentCriteria: NOT_OPENED }), { kind: 'status', status: 503 });

		expect(result.error!.message).toBe('A segment named "Engaged" already exists');
		expect(cc.calls().slice(0, 3)).toEqual(['POST /v3/segments', 'POST /v3/segments', 'GET /v3/segments']);
		expect(liveNames()).toEqual(['Engaged', 'Lapsed']);
	});

	const long = { version: '1.0.0', criteria: { type: 'and', group: [{ source: 'contact', field: 'x', op: 'eq', param: 'p'.repeat(20_000) }] } };
	const longLength = JSON.stringify(long).length;
	test.each([
		['criteria that are not JSON', { name: 'B', criteria: '{"version": 1.0.0' }, /^Segment Criteria is not valid JSON \(.+\)$/],
		['criteria that are a JSON array', { name: 'B', criteria: '[1, 2]' }, 'Segment Criteria must be a JSON object, not an array'],
		['criteria that are a JSON string', { name: 'B', criteria: '"and"' }, 'Segment Criteria must be a JSON object, not a string'],
		['criteria that are null', { name: 'B', criteria: 'null' }, 'Segment Criteria must be a JSON object, not null'],
		['an array from an expression', { name: 'B', criteria: [{ type: 'and' }] }, 'Segment Criteria must be a JSON object, not an array'],
		['empty criteria', { name: 'B', criteria: '  ' }, 'Segment Criteria is empty'],
		['criteria over 20,000 characters', { name: 'B', criteria: long }, `Segment Criteria is ${longLength} characters long as JSON; Constant Contact accepts at most 20000`],
		['a top-level "or" group', { name: 'B', criteria: { criteria: { type: 'or', group: [] } } }, 'Segment Criteria has a top-level group of type "or"; Constant Contact requires "and"'],
		['an empty name', { name: ' ', criteria: NOT_OPENED }, 'Name is empty'],
	])('%s in item 1 are rejected before any request (item 0 is not created either)', async (_case, bad, message) => {
		const result = await cc.run(segmentOp('create', { name: '={{ $json.name }}', segmentCriteria: '={{ $json.criteria }}' }), {
			inputItems: [{ name: 'A', criteria: NOT_OPENED }, bad],
		});
		expect(result.status).toBe('error');
		if (typeof message === 'string') expect(result.error!.message).toBe(message);
		else expect(result.error!.message).toMatch(message);
		expect((result.error as any).context.itemIndex).toBe(1);
		expect(cc.api()).toEqual([]);
		expect(liveNames()).toEqual([]);
	});

	test('with On Error → Continue: the bad item becomes an error item, the good one is created', async () => {
		const result = await cc.run(segmentOp('create', { name: '={{ $json.name }}', segmentCriteria: '={{ $json.criteria }}' }), {
			continueOnFail: true,
			inputItems: [
				{ name: 'Good', criteria: NOT_OPENED },
				{ name: 'Bad', criteria: '[]' },
			],
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0]).toMatchObject({ json: { name: 'Good' }, pairedItem: { item: 0 } });
		expect(result.items[1]).toEqual({
			json: {
				error: 'Segment Criteria must be a JSON object, not an array',
				description: expect.stringContaining('Constant Contact expects an object'),
			},
			pairedItem: { item: 1 },
		});
		expect(cc.calls()).toEqual(['POST /v3/segments']);
		expect(liveNames()).toEqual(['Good']);
	});

	test('exactly 20,000 characters are accepted', async () => {
		const base = { version: '1.0.0', criteria: { type: 'and', group: [{ source: 'contact', field: 'x', op: 'eq', param: '' }] } };
		const param = 'p'.repeat(20_000 - JSON.stringify(base).length);
		const criteria = { ...base, criteria: { ...base.criteria, group: [{ ...base.criteria.group[0], param }] } };
		expect(JSON.stringify(criteria)).toHaveLength(20_000);
		const result = await cc.run(segmentOp('create', { name: 'Big', segmentCriteria: '={{ $json.criteria }}' }), { inputItems: [{ criteria }] });
		expect(result.error).toBeUndefined();
		expect(cc.api()[0].body.segment_criteria).toHaveLength(20_000);
	});
});

describe('get', () => {
	test('by ID from the list: the segment with its criteria string', async () => {
		const s = seed();
		const result = await cc.run(segmentOp('get', { segment: fromList(s.lapsed) }));

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{
				json: { segment_id: s.lapsed, name: 'Lapsed', segment_criteria: NOT_OPENED, created_at: expect.any(String), edited_at: expect.any(String) },
				pairedItem: { item: 0 },
			},
		]);
		expect(cc.api().map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([`GET /v3/segments/${s.lapsed} 200`]);
	});

	test('a deleted segment is still readable by ID', async () => {
		const s = seed();
		await cc.run(segmentOp('delete', { segment: byId(String(s.engaged)) }));
		const result = await cc.run(segmentOp('get', { segment: byId(String(s.engaged)) }));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ segment_id: s.engaged, name: 'Engaged' });
	});

	test('an unknown ID fails with 404 and a plain message', async () => {
		const result = await cc.run(segmentOp('get', { segment: byId('999') }));
		expect(result.status).toBe('error');
		expect(result.error!.message).toBe('Segment 999 does not exist in this Constant Contact account');
		expect((result.error as any).httpCode).toBe('404');
	});

	test('an ID from an expression that is not a whole number is rejected before any request', async () => {
		const result = await cc.run(segmentOp('get', { segment: byId('={{ $json.id }}') }), { inputItems: [{ id: '14a' }] });
		expectRejected(result, 'Segment "14a" is not a Constant Contact segment ID');
		expect((result.error as any).description).toBe('Segment IDs are whole numbers, e.g. 14. Pick one from the list, or find its ID with Segment → Get Many.');
	});

	test('a numeric ID from an expression (a number, not a string) works', async () => {
		const s = seed();
		const result = await cc.run(segmentOp('get', { segment: byId('={{ $json.id }}') }), { inputItems: [{ id: s.engaged }] });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.segment_id).toBe(s.engaged);
	});

	test('a typed ID that is not a whole number: n8n refuses to run the node', async () => {
		await expect(cc.run(segmentOp('get', { segment: byId('Engaged') }))).rejects.toThrow('Segment IDs are whole numbers');
		expect(cc.api()).toEqual([]);
	});
});

describe('getAll (Get Many)', () => {
	function seedMany(n: number): number[] {
		const ids: number[] = [];
		for (let k = 0; k < n; k++) {
			ids.push(cc.fakes.store.insertSegment({ name: `Segment ${String(k + 1).padStart(4, '0')}` }).segment_id);
			cc.fakes.admin.advanceTime(1000);
		}
		return ids;
	}

	test('Sort By name: sort_by=name and the segments A to Z', async () => {
		cc.fakes.admin.seed({ segments: [{ name: 'beta' }, { name: 'Alpha' }, { name: 'Gamma' }] });
		const result = await cc.run(segmentOp('getAll', { returnAll: true, options: { sortBy: 'name' } }));

		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.name)).toEqual(['Alpha', 'beta', 'Gamma']);
		expect(result.items[0]).toEqual({
			json: { segment_id: expect.any(Number), name: 'Alpha', created_at: expect.any(String), edited_at: expect.any(String) },
			pairedItem: { item: 0 },
		});
		expect(cc.api().map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual(['GET /v3/segments 200']);
		expect(cc.api()[0].query).toEqual({ limit: '1000', sort_by: 'name' });
	});

	test('by default (most recently changed first) no sort_by is sent; Limit 2 asks for 2', async () => {
		const ids = seedMany(5);
		const result = await cc.run(segmentOp('getAll', { limit: 2 }));
		expect(result.items.map((i) => i.json.segment_id)).toEqual([ids[4], ids[3]]);
		expect(cc.api().map((e) => e.query)).toEqual([{ limit: '2' }]);
	});

	test('Sort By date sends sort_by=date', async () => {
		seedMany(2);
		await cc.run(segmentOp('getAll', { limit: 5, options: { sortBy: 'date' } }));
		expect(cc.api()[0].query).toEqual({ limit: '5', sort_by: 'date' });
	});

	test('Return All over 1,200 segments: pages of 1,000 and the cursor link', async () => {
		const ids = seedMany(1200);
		const result = await cc.run(segmentOp('getAll', { returnAll: true, options: { sortBy: 'name' } }));

		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.segment_id)).toEqual(ids);
		const api = cc.api();
		expect(api.map((e) => e.query)).toEqual([{ limit: '1000', sort_by: 'name' }, { cursor: expect.any(String) }]);
		expect(cursorOffset(api[1].query.cursor)).toBe(1000);
	});

	test('deleted segments are not listed', async () => {
		const s = seed();
		await cc.run(segmentOp('delete', { segment: byId(String(s.lapsed)) }));
		const result = await cc.run(segmentOp('getAll', { returnAll: true }));
		expect(result.items.map((i) => i.json.name)).toEqual(['Engaged']);
	});
});

describe('update', () => {
	test('only a new name: one PATCH of the name, the criteria stay', async () => {
		const s = seed();
		const result = await cc.run(segmentOp('update', { segment: byId(String(s.lapsed)), updateFields: { name: 'Lapsed readers' } }));

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{ json: expect.objectContaining({ segment_id: s.lapsed, name: 'Lapsed readers', segment_criteria: NOT_OPENED }), pairedItem: { item: 0 } },
		]);
		const api = cc.api();
		expect(api.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([`PATCH /v3/segments/${s.lapsed}/name 200`]);
		expect(api[0].body).toEqual({ name: 'Lapsed readers' });
		expect(stored(s.lapsed)).toMatchObject({ name: 'Lapsed readers', segment_criteria: NOT_OPENED });
	});

	test('a rename answered 503 is sent again (setting a name is safe to repeat)', async () => {
		const s = seed();
		const saved = transport.transportSettings.backoffBaseMs;
		transport.transportSettings.backoffBaseMs = 5;
		cc.fakes.faults.push({ match: { method: 'PATCH', pathPrefix: '/segments' }, kind: 'afterHandle', status: 503 });
		try {
			const result = await cc.run(segmentOp('update', { segment: byId(String(s.lapsed)), updateFields: { name: 'Renamed' } }));
			expect(result.error).toBeUndefined();
			expect(result.items[0].json).toMatchObject({ segment_id: s.lapsed, name: 'Renamed' });
		} finally {
			transport.transportSettings.backoffBaseMs = saved;
		}
		expect(cc.api().map((e) => e.status)).toEqual([503, 200]);
		expect(liveNames()).toEqual(['Engaged', 'Renamed']);
	});

	test('only new criteria: reads the segment for its name, then PUTs both', async () => {
		const s = seed();
		const criteria = criteriaFor(s.list);
		const result = await cc.run(segmentOp('update', { segment: fromList(s.engaged), updateFields: { segmentCriteria: '={{ $json.c }}' } }), {
			inputItems: [{ c: criteria }],
		});

		expect(result.error).toBeUndefined();
		const api = cc.api();
		expect(api.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
			`GET /v3/segments/${s.engaged} 200`,
			`PUT /v3/segments/${s.engaged} 200`,
		]);
		expect(api[1].body).toEqual({ name: 'Engaged', segment_criteria: JSON.stringify(criteria) });
		expect(result.items[0].json).toMatchObject({ segment_id: s.engaged, name: 'Engaged', segment_criteria: JSON.stringify(criteria) });
		expect(stored(s.engaged).segment_criteria).toBe(JSON.stringify(criteria));
		// The members now follow the new criteria: the two contacts on the list.
		const members = cc.fakes.store.segmentContacts(stored(s.engaged)).map((c: any) => c.contact_id);
		expect(members.sort()).toEqual([...s.members].sort());
	});

	test('a new name and new criteria: one PUT, no read', async () => {
		const s = seed();
		const result = await cc.run(
			segmentOp('update', { segment: byId(String(s.engaged)), updateFields: { name: 'Re-engage', segmentCriteria: NOT_OPENED } }),
		);
		expect(result.error).toBeUndefined();
		expect(cc.calls()).toEqual([`PUT /v3/segments/${s.engaged}`]);
		expect(cc.api()[0].body).toEqual({ name: 'Re-engage', segment_criteria: NOT_OPENED });
		expect(liveNames()).toEqual(['Lapsed', 'Re-engage']);
	});

	test('the name of another segment fails with 409 and says so', async () => {
		const s = seed();
		const result = await cc.run(segmentOp('update', { segment: byId(String(s.engaged)), updateFields: { name: 'Lapsed' } }));
		expect(result.status).toBe('error');
		expect(result.error!.message).toBe('A segment named "Lapsed" already exists');
		expect((result.error as any).httpCode).toBe('409');
		expect(liveNames()).toEqual(['Engaged', 'Lapsed']);
	});

	test('the name of another segment with new criteria (PUT) also fails with 409', async () => {
		const s = seed();
		const result = await cc.run(
			segmentOp('update', { segment: byId(String(s.engaged)), updateFields: { name: 'lapsed', segmentCriteria: NOT_OPENED } }),
		);
		expect(result.error!.message).toBe('A segment named "lapsed" already exists');
		expect(stored(s.engaged).name).toBe('Engaged');
	});

	test('an unknown ID fails with 404', async () => {
		const result = await cc.run(segmentOp('update', { segment: byId('999'), updateFields: { segmentCriteria: NOT_OPENED } }));
		expect(result.error!.message).toBe('Segment 999 does not exist in this Constant Contact account');
		expect(cc.calls()).toEqual(['GET /v3/segments/999']);
	});

	test('a deleted segment cannot be renamed (404)', async () => {
		const s = seed();
		await cc.run(segmentOp('delete', { segment: byId(String(s.lapsed)) }));
		const result = await cc.run(segmentOp('update', { segment: byId(String(s.lapsed)), updateFields: { name: 'Back' } }));
		expect(result.error!.message).toBe(`Segment ${s.lapsed} does not exist in this Constant Contact account`);
		expect((result.error as any).httpCode).toBe('404');
	});

	test.each([
		['criteria that are not JSON', { criteria: '{' }, /^Segment Criteria is not valid JSON/],
		['criteria that are an array', { criteria: '[]' }, /^Segment Criteria must be a JSON object, not an array$/],
	])('%s in item 1 are rejected before any request', async (_case, bad, message) => {
		const s = seed();
		const result = await cc.run(
			segmentOp('update', { segment: byId(String(s.engaged)), updateFields: { name: '={{ $json.name }}', segmentCriteria: '={{ $json.criteria }}' } }),
			{ inputItems: [{ name: 'Fine', criteria: NOT_OPENED }, { name: 'Fine 2', ...bad }] },
		);
		expect(result.status).toBe('error');
		expect(result.error!.message).toMatch(message);
		expect((result.error as any).context.itemIndex).toBe(1);
		expect(cc.api()).toEqual([]);
		expect(stored(s.engaged).name).toBe('Engaged');
	});

	test('an empty new name from an expression means "not set": only the criteria change', async () => {
		const s = seed();
		const result = await cc.run(
			segmentOp('update', { segment: byId(String(s.engaged)), updateFields: { name: '={{ $json.name }}', segmentCriteria: '={{ $json.criteria }}' } }),
			{ inputItems: [{ name: '  ', criteria: NOT_OPENED }] },
		);
		expect(result.error).toBeUndefined();
		expect(stored(s.engaged).name).toBe('Engaged');
		expect(cc.calls()).toEqual([`GET /v3/segments/${s.engaged}`, `PUT /v3/segments/${s.engaged}`]);
	});

	test('an empty new name typed by hand is rejected before any request', async () => {
		const s = seed();
		const result = await cc.run(segmentOp('update', { segment: byId(String(s.engaged)), updateFields: { name: '  ' } }));
		expectRejected(result, 'New Name is empty');
	});

	test('no field to update is rejected before any request', async () => {
		const s = seed();
		const result = await cc.run(segmentOp('update', { segment: byId(String(s.engaged)), updateFields: {} }));
		expectRejected(result, 'Update Fields is empty');
	});
});

describe('delete', () => {
	test('deletes the segment (204): { deleted: true, segment_id } with the integer ID', async () => {
		const s = seed();
		const result = await cc.run(segmentOp('delete', { segment: fromList(s.engaged) }));

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: { deleted: true, segment_id: s.engaged }, pairedItem: { item: 0 } }]);
		expect(cc.api().map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([`DELETE /v3/segments/${s.engaged} 204`]);
		expect(cc.api()[0].body).toBeUndefined();
		expect(stored(s.engaged).deleted_at).toEqual(expect.any(String));
		expect(liveNames()).toEqual(['Lapsed']);
	});

	test('several items delete several segments, paired with their items', async () => {
		const s = seed();
		const result = await cc.run(segmentOp('delete', { segment: byId('={{ $json.id }}') }), {
			inputItems: [{ id: s.lapsed }, { id: String(s.engaged) }],
		});
		expect(result.items).toEqual([
			{ json: { deleted: true, segment_id: s.lapsed }, pairedItem: { item: 0 } },
			{ json: { deleted: true, segment_id: s.engaged }, pairedItem: { item: 1 } },
		]);
		expect(liveNames()).toEqual([]);
	});

	test('an unknown ID fails with 404 and nothing is deleted', async () => {
		seed();
		const result = await cc.run(segmentOp('delete', { segment: byId('999') }));
		expect(result.error!.message).toBe('Segment 999 does not exist in this Constant Contact account');
		expect((result.error as any).httpCode).toBe('404');
		expect(liveNames()).toEqual(['Engaged', 'Lapsed']);
	});

	test('a bad ID in item 1 is rejected before item 0 is deleted', async () => {
		const s = seed();
		const result = await cc.run(segmentOp('delete', { segment: byId('={{ $json.id }}') }), {
			inputItems: [{ id: s.engaged }, { id: 'Lapsed' }],
		});
		expectRejected(result, 'Segment "Lapsed" is not a Constant Contact segment ID', 1);
		expect(liveNames()).toEqual(['Engaged', 'Lapsed']);
	});
});
