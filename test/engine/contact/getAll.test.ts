/**
 * Contact → Get Many through n8n's engine: `GET /contacts` with limits, cursor paging, filters,
 * the workflow's timezone, Simplify and segments (202 "processing").
 */
import { transport } from '../harness';
import { contactOp, cursorOffset, useContactFakes } from './helpers';

const cc = useContactFakes();

const SIMPLE_KEYS = ['contact_id', 'created_at', 'email', 'first_name', 'last_name', 'permission_to_send', 'updated_at'];

describe('getAll (Get Many)', () => {
	test('Limit 3 returns exactly 3 items and sends limit=3', async () => {
		cc.fakes.admin.bulkContacts(10, { prefix: 'few' });
		const result = await cc.run(contactOp('getAll', { returnAll: false, limit: 3 }));

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		expect(result.items.map((i) => i.json.email)).toEqual([
			'few-00001@example.com',
			'few-00002@example.com',
			'few-00003@example.com',
		]);
		const api = cc.api();
		expect(api.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /v3/contacts']);
		expect(api[0].query).toEqual({ limit: '3' });
	});

	test('the default Limit is 50 (no Return All)', async () => {
		cc.fakes.admin.bulkContacts(60, { prefix: 'dflt' });
		const result = await cc.run(contactOp('getAll', {}));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(50);
		expect(cc.api().map((e) => e.query)).toEqual([{ limit: '50' }]);
	});

	test('Return All over 1,200 contacts: 1,200 items in 3 requests of 500, next pages only by the cursor link', async () => {
		const ids: string[] = cc.fakes.admin.bulkContacts(1200, { prefix: 'bulk' });
		const result = await cc.run(contactOp('getAll', { returnAll: true }));

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1200);
		expect(result.items.map((i) => i.json.contact_id)).toEqual(ids);
		expect(result.items.every((i) => (i.pairedItem as any).item === 0)).toBe(true);
		expect(result.items[1199].json).toMatchObject({ email: 'bulk-01200@example.com', last_name: 'Contact 1200' });

		const api = cc.api();
		expect(api.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
			'GET /v3/contacts 200',
			'GET /v3/contacts 200',
			'GET /v3/contacts 200',
		]);
		expect(api[0].query).toEqual({ limit: '500' });
		// Follow-up pages carry only the cursor from `_links.next.href` (no limit or filters rebuilt).
		expect(api[1].query).toEqual({ cursor: expect.any(String) });
		expect(api[2].query).toEqual({ cursor: expect.any(String) });
		expect([cursorOffset(api[1].query.cursor), cursorOffset(api[2].query.cursor)]).toEqual([500, 1000]);
	});

	test('a Limit above one page (700) takes two pages and stops at 700', async () => {
		const ids: string[] = cc.fakes.admin.bulkContacts(1200, { prefix: 'lim' });
		const result = await cc.run(contactOp('getAll', { limit: 700 }));
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.contact_id)).toEqual(ids.slice(0, 700));
		const api = cc.api();
		expect(api.map((e) => e.query)).toEqual([{ limit: '500' }, { cursor: expect.any(String) }]);
		expect(cursorOffset(api[1].query.cursor)).toBe(500);
	});

	test('filters are mapped to the query: status CSV, lists CSV, tags CSV, dates as UTC ISO, include', async () => {
		const s = cc.fakes.admin.seed({
			lists: [{ name: 'L1' }, { name: 'L2' }, { name: 'L3' }],
			tags: [{ name: 'T1' }, { name: 'T2' }],
			contacts: [
				{ email: 'hit@example.com', first_name: 'Hit', permission_to_send: 'explicit', list_names: ['L2'], tag_names: ['T1'], created_at: '2024-03-10T10:00:00.000Z' },
				{ email: 'unsub@example.com', first_name: 'Unsub', permission_to_send: 'unsubscribed', list_names: ['L1'], tag_names: ['T2'], created_at: '2024-03-11T10:00:00.000Z' },
				{ email: 'nolist@example.com', permission_to_send: 'explicit', tag_names: ['T1'], created_at: '2024-03-12T10:00:00.000Z' },
				{ email: 'old@example.com', permission_to_send: 'explicit', list_names: ['L1'], tag_names: ['T1'], created_at: '2023-12-31T10:00:00.000Z' },
				{ email: 'notset@example.com', permission_to_send: 'not_set', list_names: ['L1'], tag_names: ['T1'], created_at: '2024-03-13T10:00:00.000Z' },
			],
		});
		const [l1, l2] = s.lists.map((l: any) => l.list_id);
		const [t1, t2] = s.tags.map((t: any) => t.tag_id);

		const result = await cc.run(
			contactOp('getAll', {
				returnAll: true,
				filters: {
					status: ['active', 'unsubscribed'],
					lists: [l1, l2],
					tags: [t1, t2],
					createdAfter: '2024-01-01T00:00:00',
					createdBefore: '2024-04-01T00:00:00Z',
					updatedAfter: '2024-01-01T00:00:00+02:00',
					updatedBefore: '2030-01-01T00:00:00.000Z',
				},
				options: { include: ['list_memberships', 'taggings'] },
			}),
		);

		expect(result.error).toBeUndefined();
		const api = cc.api();
		expect(api).toHaveLength(1);
		expect(api[0].query).toEqual({
			status: 'active,unsubscribed',
			lists: `${l1},${l2}`,
			tags: `${t1},${t2}`,
			created_after: '2024-01-01T00:00:00.000Z',
			created_before: '2024-04-01T00:00:00.000Z',
			updated_after: '2023-12-31T22:00:00.000Z',
			updated_before: '2030-01-01T00:00:00.000Z',
			include: 'list_memberships,taggings',
			limit: '500',
		});
		// The fake applied them: on a list, tagged, created in 2024, active or unsubscribed.
		expect(result.items.map((i) => i.json.email)).toEqual(['hit@example.com', 'unsub@example.com']);
		// Simplified items keep the sub-resources that were asked for.
		expect(result.items[0].json).toEqual({
			contact_id: expect.any(String),
			email: 'hit@example.com',
			permission_to_send: 'explicit',
			first_name: 'Hit',
			created_at: '2024-03-10T10:00:00.000Z',
			updated_at: expect.any(String),
			list_memberships: [l2],
			taggings: [t1],
		});
	});

	test('the e-mail filter sends the address and finds that one contact', async () => {
		cc.fakes.admin.seed({ contacts: [{ email: 'x@example.com' }, { email: 'y@example.com', first_name: 'Y' }] });
		const result = await cc.run(contactOp('getAll', { returnAll: true, filters: { email: 'y@example.com' } }));
		expect(result.error).toBeUndefined();
		expect(cc.api()[0].query).toEqual({ email: 'y@example.com', limit: '500' });
		expect(result.items.map((i) => i.json.first_name)).toEqual(['Y']);
	});

	test('dates without an offset are read in the workflow timezone (America/New_York) and sent as UTC', async () => {
		cc.fakes.admin.seed({
			contacts: [
				{ email: 'early@example.com', created_at: '2024-05-01T11:30:00.000Z' }, // 07:30 in New York
				{ email: 'late@example.com', created_at: '2024-05-01T12:30:00.000Z' }, // 08:30 in New York
			],
		});
		const parameters = contactOp('getAll', {
			returnAll: true,
			filters: { createdAfter: '2024-05-01T08:00:00', updatedBefore: '2030-01-15T00:00:00' },
		});

		const ny = await cc.run(parameters, { timezone: 'America/New_York' });
		expect(ny.error).toBeUndefined();
		expect(cc.api()[0].query).toMatchObject({
			created_after: '2024-05-01T12:00:00.000Z', // EDT, UTC−4
			updated_before: '2030-01-15T05:00:00.000Z', // EST, UTC−5
		});
		expect(ny.items.map((i) => i.json.email)).toEqual(['late@example.com']);

		// The same parameters in a UTC workflow are not shifted.
		const utc = await cc.run(parameters, { timezone: 'UTC' });
		expect(cc.api()[1].query).toMatchObject({ created_after: '2024-05-01T08:00:00.000Z' });
		expect(utc.items.map((i) => i.json.email)).toEqual(['early@example.com', 'late@example.com']);
	});

	test('Simplify on gives the flat view; off gives Constant Contact’s contact as is', async () => {
		cc.fakes.admin.seed({
			contacts: [
				{ email: 'full@example.com', first_name: 'Full', last_name: 'Shape', company_name: 'ACME', job_title: 'Boss', permission_to_send: 'explicit', birthday_month: 3, birthday_day: 4 },
			],
		});

		const simple = await cc.run(contactOp('getAll', { returnAll: true }));
		expect(simple.error).toBeUndefined();
		expect(Object.keys(simple.items[0].json).sort()).toEqual([...SIMPLE_KEYS, 'company_name'].sort());
		expect(simple.items[0].json).toMatchObject({ email: 'full@example.com', permission_to_send: 'explicit', company_name: 'ACME' });

		const raw = await cc.run(contactOp('getAll', { returnAll: true, simplify: false }));
		expect(raw.error).toBeUndefined();
		expect(raw.items[0].json).toEqual({
			contact_id: simple.items[0].json.contact_id,
			email_address: expect.objectContaining({ address: 'full@example.com', permission_to_send: 'explicit' }),
			first_name: 'Full',
			last_name: 'Shape',
			job_title: 'Boss',
			company_name: 'ACME',
			birthday_month: 3,
			birthday_day: 4,
			create_source: 'Account',
			update_source: 'Account',
			created_at: expect.any(String),
			updated_at: expect.any(String),
		});
		expect(raw.items[0].pairedItem).toEqual({ item: 0 });
		// Simplify changes only the output: both runs sent the same query.
		expect(cc.api().map((e) => e.query)).toEqual([{ limit: '500' }, { limit: '500' }]);
	});

	test('a segment together with another filter fails before any request', async () => {
		cc.fakes.admin.seed({ contacts: [{ email: 'a@example.com' }], segments: [{ name: 'Seg', emails: ['a@example.com'] }] });
		const result = await cc.run(
			contactOp('getAll', { returnAll: true, filters: { segmentId: '1', status: ['active'] } }),
		);
		expect(result.status).toBe('error');
		expect(result.items).toEqual([]);
		expect(result.error!.message).toBe('Segment ID cannot be combined with other filters or included parts');
		expect(result.error!.description).toContain('Remove: status');
		expect((result.error as any).context.itemIndex).toBe(0);
		expect(cc.api()).toEqual([]);
	});

	test('a segment alone: the fake first answers 202 "processing", then the node gets the members', async () => {
		const s = cc.fakes.admin.seed({
			contacts: [{ email: 'in1@example.com' }, { email: 'out@example.com' }, { email: 'in2@example.com' }],
			segments: [{ name: 'Engaged', emails: ['in1@example.com', 'in2@example.com'] }],
		});
		const segmentId = String(s.segments[0].segment_id);
		const result = await cc.run(contactOp('getAll', { returnAll: true, filters: { segmentId } }));

		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.email)).toEqual(['in1@example.com', 'in2@example.com']);
		const api = cc.api();
		expect(api.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual(['GET /v3/contacts 202', 'GET /v3/contacts 200']);
		expect(api.map((e) => e.query)).toEqual([
			{ segment_id: segmentId, limit: '500' },
			{ segment_id: segmentId, limit: '500' },
		]);
	});

	test('more than 25 lists in the filter fails before any request', async () => {
		const lists = Array.from({ length: 26 }, (_, n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`);
		const result = await cc.run(contactOp('getAll', { returnAll: true, filters: { lists } }));
		expect(result.status).toBe('error');
		expect(result.error!.message).toBe('Filters → List Names or IDs has 26 lists; Constant Contact accepts at most 25');
		expect(cc.api()).toEqual([]);
	});

	test('a segment still "processing" after the allowed polls fails with a plain message', async () => {
		cc.fakes.admin.seed({ contacts: [{ email: 'a@example.com' }], segments: [{ name: 'Slow', emails: ['a@example.com'] }] });
		const saved = transport.transportSettings.maxProcessingPolls;
		transport.transportSettings.maxProcessingPolls = 1;
		let result;
		try {
			result = await cc.run(contactOp('getAll', { returnAll: true, filters: { segmentId: '1' } }));
		} finally {
			transport.transportSettings.maxProcessingPolls = saved;
		}
		expect(result.status).toBe('error');
		expect(result.error!.message).toBe('Constant Contact is still preparing the result');
		expect(result.error!.description).toContain('answered "processing" 1 times');
		expect((result.error as any).context.itemIndex).toBe(0);
		expect(cc.api().map((e) => e.status)).toEqual([202]);
	});
});
