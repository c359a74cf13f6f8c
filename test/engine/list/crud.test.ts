/**
 * List → Create / Get / Get Many / Update through n8n's engine against the fake Constant Contact:
 * the items a user sees, the requests the fake received and what the fake stores afterwards.
 */
import { transport } from '../harness';
import { UNKNOWN_ID, cursorOffset, useContactFakes } from '../contact/helpers';
import { ANY_ID, ANY_TIME, callsWithStatus, listById, listFromPicker, listOp, storedList } from './helpers';

const cc = useContactFakes();

/** Newsletter (favorite, with a description) and Events; Ada (explicit) and Kat (unsubscribed) on Newsletter. */
function seed() {
	const s = cc.fakes.admin.seed({
		lists: [{ name: 'Newsletter', description: 'Monthly newsletter', favorite: true }, { name: 'Events' }],
		contacts: [
			{ email: 'ada@example.com', permission_to_send: 'explicit', list_names: ['Newsletter'] },
			{ email: 'kat@example.com', permission_to_send: 'unsubscribed', list_names: ['Newsletter', 'Events'] },
		],
	});
	return { newsletter: s.lists[0].list_id as string, events: s.lists[1].list_id as string };
}

describe('create', () => {
	test('creates a list with description and favorite and returns it', async () => {
		const result = await cc.run(
			listOp('create', { name: '  Webinar 2026 ', options: { description: 'Sign-ups', favorite: true } }),
		);

		expect(result.error).toBeUndefined();
		const api = cc.api();
		expect(callsWithStatus(cc)).toEqual(['POST /v3/contact_lists 201']);
		expect(api[0].query).toEqual({});
		expect(api[0].body).toEqual({ name: 'Webinar 2026', description: 'Sign-ups', favorite: true });

		const [stored] = cc.fakes.admin.state().lists;
		expect(result.items).toEqual([
			{
				json: {
					list_id: stored.list_id,
					name: 'Webinar 2026',
					favorite: true,
					description: 'Sign-ups',
					created_at: ANY_TIME,
					updated_at: ANY_TIME,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(stored).toMatchObject({ name: 'Webinar 2026', favorite: true, description: 'Sign-ups', membership_count: 0 });
	});

	test('one list per item; only the name is sent when no option is set', async () => {
		const result = await cc.run(listOp('create', { name: '={{ $json.list }}' }), {
			inputItems: [{ list: 'Alpha' }, { list: 'Beta' }],
		});

		expect(result.error).toBeUndefined();
		const api = cc.api();
		expect(callsWithStatus(cc)).toEqual(['POST /v3/contact_lists 201', 'POST /v3/contact_lists 201']);
		expect(api.map((e) => e.body)).toEqual([{ name: 'Alpha' }, { name: 'Beta' }]);
		expect(result.items.map((i) => [i.json.name, i.json.favorite, i.pairedItem])).toEqual([
			['Alpha', false, { item: 0 }],
			['Beta', false, { item: 1 }],
		]);
		expect(cc.fakes.admin.state().lists.map((l: any) => l.name)).toEqual(['Alpha', 'Beta']);
	});

	test('a name already taken (in any case) fails with 409 and a plain message; nothing is created', async () => {
		seed();
		const result = await cc.run(listOp('create', { name: 'newsletter' }));

		expect(result.status).toBe('error');
		expect(result.items).toEqual([]);
		const error = result.error as any;
		expect(error.message).toBe(
			'A list named "newsletter" already exists (names are unique regardless of upper or lower case)',
		);
		expect(error.httpCode).toBe('409');
		expect(error.context.itemIndex).toBe(0);
		expect(error.description).toContain('HTTP 409 for POST /contact_lists');
		expect(error.description).toContain('contact_lists.api.conflict');
		// A conflict is not retried.
		expect(callsWithStatus(cc)).toEqual(['POST /v3/contact_lists 409']);
		expect(cc.fakes.admin.state().lists.map((l: any) => l.name)).toEqual(['Newsletter', 'Events']);
	});

	test('when the answer to the create is lost and the retry hits 409, the list the first attempt made is returned', async () => {
		const saved = transport.transportSettings.backoffBaseMs;
		transport.transportSettings.backoffBaseMs = 5;
		cc.fakes.faults.push({ match: { method: 'POST', pathPrefix: '/contact_lists' }, kind: 'afterHandle', status: 500 });
		let result;
		try {
			result = await cc.run(listOp('create', { name: 'Lost answer' }));
		} finally {
			transport.transportSettings.backoffBaseMs = saved;
		}

		expect(result.error).toBeUndefined();
		const api = cc.api();
		expect(callsWithStatus(cc)).toEqual([
			'POST /v3/contact_lists 500',
			'POST /v3/contact_lists 409',
			'GET /v3/contact_lists 200',
		]);
		expect(api[1].body).toEqual({ name: 'Lost answer' });
		expect(api[2].query).toEqual({ name: 'Lost answer', limit: '1' });
		const lists = cc.fakes.admin.state().lists;
		expect(lists).toHaveLength(1);
		expect(result.items).toEqual([
			{ json: expect.objectContaining({ list_id: lists[0].list_id, name: 'Lost answer' }), pairedItem: { item: 0 } },
		]);
	});

	test('a lost answer followed by 409 for an OLDER list of that name stays a conflict', async () => {
		const { newsletter } = seed();
		cc.fakes.store.lists.get(newsletter).created_at = '2020-01-01T00:00:00.000Z';
		const saved = transport.transportSettings.backoffBaseMs;
		transport.transportSettings.backoffBaseMs = 5;
		// The first attempt fails without reaching the data; the retry meets the existing list.
		cc.fakes.faults.push({ match: { method: 'POST', pathPrefix: '/contact_lists' }, kind: 'status', status: 502 });
		let result;
		try {
			result = await cc.run(listOp('create', { name: 'Newsletter' }));
		} finally {
			transport.transportSettings.backoffBaseMs = saved;
		}

		expect(result.status).toBe('error');
		expect(result.error!.message).toMatch(/^A list named "Newsletter" already exists/);
		expect(callsWithStatus(cc)).toEqual([
			'POST /v3/contact_lists 502',
			'POST /v3/contact_lists 409',
			'GET /v3/contact_lists 200',
		]);
		expect(cc.fakes.admin.state().lists).toHaveLength(2);
	});
});

describe('get', () => {
	test('gets a list by ID, without a membership count unless asked', async () => {
		const { newsletter } = seed();
		const result = await cc.run(listOp('get', { list: listById(newsletter) }));

		expect(result.error).toBeUndefined();
		expect(callsWithStatus(cc)).toEqual([`GET /v3/contact_lists/${newsletter} 200`]);
		expect(cc.api()[0].query).toEqual({});
		expect(result.items).toEqual([
			{
				json: {
					list_id: newsletter,
					name: 'Newsletter',
					favorite: true,
					description: 'Monthly newsletter',
					created_at: ANY_TIME,
					updated_at: ANY_TIME,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test.each([
		['all', 2],
		['active', 1],
	])('Include Membership Count "%s" asks for it and returns membership_count %i', async (mode, count) => {
		const { newsletter } = seed();
		const result = await cc.run(
			listOp('get', { list: listFromPicker(newsletter, 'Newsletter'), options: { includeMembershipCount: mode } }),
		);

		expect(result.error).toBeUndefined();
		expect(cc.api()[0].query).toEqual({ include_membership_count: mode });
		expect(result.items[0].json).toMatchObject({ list_id: newsletter, membership_count: count });
	});

	test('an unknown list fails with a plain 404 message', async () => {
		seed();
		const result = await cc.run(listOp('get', { list: listById(UNKNOWN_ID) }));

		expect(result.status).toBe('error');
		const error = result.error as any;
		expect(error.message).toBe(`List ${UNKNOWN_ID} does not exist in this Constant Contact account`);
		expect(error.httpCode).toBe('404');
		expect(error.context.itemIndex).toBe(0);
		expect(callsWithStatus(cc)).toEqual([`GET /v3/contact_lists/${UNKNOWN_ID} 404`]);
	});
});

describe('getAll', () => {
	test('Limit asks for just that many', async () => {
		seed();
		cc.fakes.admin.seed({ lists: [{ name: 'Third' }] });
		const result = await cc.run(listOp('getAll', { returnAll: false, limit: 2 }));

		expect(result.error).toBeUndefined();
		expect(callsWithStatus(cc)).toEqual(['GET /v3/contact_lists 200']);
		expect(cc.api()[0].query).toEqual({ limit: '2' });
		expect(result.items.map((i) => [i.json.name, i.pairedItem])).toEqual([
			['Newsletter', { item: 0 }],
			['Events', { item: 0 }],
		]);
	});

	test('Return All reads pages of 500 until the last one', async () => {
		cc.fakes.admin.seed({ lists: Array.from({ length: 620 }, (_, n) => ({ name: `List ${String(n).padStart(3, '0')}` })) });
		const result = await cc.run(listOp('getAll', { returnAll: true }));

		expect(result.error).toBeUndefined();
		const api = cc.api();
		expect(callsWithStatus(cc)).toEqual(['GET /v3/contact_lists 200', 'GET /v3/contact_lists 200']);
		expect(api[0].query).toEqual({ limit: '500' });
		expect(api[1].query).toEqual({ cursor: expect.any(String) });
		expect(cursorOffset(api[1].query.cursor)).toBe(500);
		expect(result.items).toHaveLength(620);
		expect(result.items[619]).toEqual({
			json: expect.objectContaining({ name: 'List 619', list_id: ANY_ID }),
			pairedItem: { item: 0 },
		});
	});

	test('options: membership count, exact name and status go into the query', async () => {
		seed();
		const result = await cc.run(
			listOp('getAll', {
				returnAll: true,
				options: { includeMembershipCount: 'active', name: 'Events', status: 'all' },
			}),
		);

		expect(result.error).toBeUndefined();
		expect(cc.api()[0].query).toEqual({ include_membership_count: 'active', name: 'Events', status: 'all', limit: '500' });
		expect(result.items).toEqual([
			{ json: expect.objectContaining({ name: 'Events', membership_count: 0 }), pairedItem: { item: 0 } },
		]);
	});

	test('status "deleted" returns only deleted lists', async () => {
		const { events } = seed();
		const deleted = await cc.run(listOp('delete', { list: listById(events) }));
		expect(deleted.error).toBeUndefined();
		cc.fakes.log.length = 0;

		const result = await cc.run(listOp('getAll', { returnAll: true, options: { status: 'deleted' } }));

		expect(result.error).toBeUndefined();
		expect(cc.api()[0].query).toEqual({ status: 'deleted', limit: '500' });
		expect(result.items.map((i) => [i.json.list_id, i.json.deleted_at])).toEqual([[events, ANY_TIME]]);
	});

	test('an empty account gives no items', async () => {
		const result = await cc.run(listOp('getAll', { returnAll: true }));
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
		expect(cc.calls()).toEqual(['GET /v3/contact_lists']);
	});
});

describe('update', () => {
	test('a new name keeps favorite and description (read first, then the whole list is written)', async () => {
		const { newsletter } = seed();
		const result = await cc.run(listOp('update', { list: listById(newsletter), updateFields: { name: 'Weekly News' } }));

		expect(result.error).toBeUndefined();
		const api = cc.api();
		expect(callsWithStatus(cc)).toEqual([
			`GET /v3/contact_lists/${newsletter} 200`,
			`PUT /v3/contact_lists/${newsletter} 200`,
		]);
		expect(api[1].body).toEqual({ name: 'Weekly News', favorite: true, description: 'Monthly newsletter' });
		expect(result.items).toEqual([
			{
				json: {
					list_id: newsletter,
					name: 'Weekly News',
					favorite: true,
					description: 'Monthly newsletter',
					created_at: ANY_TIME,
					updated_at: ANY_TIME,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(storedList(cc, newsletter)).toMatchObject({
			name: 'Weekly News',
			favorite: true,
			description: 'Monthly newsletter',
			membership_count: 2,
		});
	});

	test('favorite off and an empty description: the name stays', async () => {
		const { newsletter } = seed();
		const result = await cc.run(
			listOp('update', { list: listById(newsletter), updateFields: { favorite: false, description: '' } }),
		);

		expect(result.error).toBeUndefined();
		expect(cc.api()[1].body).toEqual({ name: 'Newsletter', favorite: false, description: '' });
		expect(storedList(cc, newsletter)).toMatchObject({ name: 'Newsletter', favorite: false, description: '' });
	});

	test('a list without a description gets none sent; only favorite changes', async () => {
		const { events } = seed();
		const result = await cc.run(listOp('update', { list: listById(events), updateFields: { favorite: true } }));

		expect(result.error).toBeUndefined();
		expect(cc.api()[1].body).toEqual({ name: 'Events', favorite: true });
		expect(result.items[0].json).toEqual({
			list_id: events,
			name: 'Events',
			favorite: true,
			created_at: ANY_TIME,
			updated_at: ANY_TIME,
		});
	});

	test('renaming to a name another list has fails with the 409 message; the list is unchanged', async () => {
		const { newsletter, events } = seed();
		const result = await cc.run(listOp('update', { list: listById(events), updateFields: { name: 'NEWSLETTER' } }));

		expect(result.status).toBe('error');
		const error = result.error as any;
		expect(error.message).toBe(
			'A list named "NEWSLETTER" already exists (names are unique regardless of upper or lower case)',
		);
		expect(error.httpCode).toBe('409');
		expect(callsWithStatus(cc)).toEqual([`GET /v3/contact_lists/${events} 200`, `PUT /v3/contact_lists/${events} 409`]);
		expect(storedList(cc, events)).toMatchObject({ name: 'Events' });
		expect(storedList(cc, newsletter)).toMatchObject({ name: 'Newsletter' });
	});

	test('a deleted list is not written to', async () => {
		const { events } = seed();
		await cc.run(listOp('delete', { list: listById(events) }));
		cc.fakes.log.length = 0;

		const result = await cc.run(listOp('update', { list: listById(events), updateFields: { name: 'Revived' } }));

		expect(result.status).toBe('error');
		expect(result.error!.message).toMatch(new RegExp(`^List ${events} was deleted on `));
		expect(result.error!.description).toBe('A deleted list cannot be changed. Create a new list instead.');
		expect(cc.calls()).toEqual([`GET /v3/contact_lists/${events}`]);
		expect(storedList(cc, events)).toMatchObject({ name: 'Events', deleted_at: ANY_TIME });
	});

	test('an unknown list fails with the 404 message before any write', async () => {
		const result = await cc.run(listOp('update', { list: listById(UNKNOWN_ID), updateFields: { name: 'X' } }));
		expect(result.status).toBe('error');
		expect(result.error!.message).toBe(`List ${UNKNOWN_ID} does not exist in this Constant Contact account`);
		expect(cc.calls()).toEqual([`GET /v3/contact_lists/${UNKNOWN_ID}`]);
	});
});
