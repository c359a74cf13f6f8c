/**
 * Contact → Add to Lists / Remove From Lists / Add Tags / Remove Tags through n8n's engine: one
 * bulk activity per item (`POST /activities/...` with the one contact as source), polled with
 * `GET /activities/{id}` until it is done.
 */
import { UNKNOWN_ID, activities, byEmail, byId, contactOp, useContactFakes } from './helpers';

/** The fake reports "processing" for the first POLLS polls of an activity. */
const POLLS = 2;
const cc = useContactFakes({ activityCompletesAfterPolls: POLLS });

interface Account {
	contact: string;
	lists: string[];
	tags: string[];
}

/** 3 lists and 3 tags; the contact is on list 0 and list 1 and has tag 0 and tag 1. */
function seed(): Account {
	const s = cc.fakes.admin.seed({
		lists: [{ name: 'L0' }, { name: 'L1' }, { name: 'L2' }],
		tags: [{ name: 'T0' }, { name: 'T1' }, { name: 'T2' }],
		contacts: [{ email: 'member@example.com', first_name: 'Member', list_names: ['L0', 'L1'], tag_names: ['T0', 'T1'] }],
	});
	return {
		contact: s.contacts[0].contact_id,
		lists: s.lists.map((l: any) => l.list_id),
		tags: s.tags.map((t: any) => t.tag_id),
	};
}

interface Case {
	operation: string;
	field: 'lists' | 'tags';
	path: string;
	idsKey: 'list_ids' | 'tag_ids';
	/** Which of the seeded lists/tags to send. */
	pick: number[];
	/** The contact's lists/tags afterwards (indexes). */
	after: number[];
	stored: 'list_memberships' | 'taggings';
}

const cases: Case[] = [
	{ operation: 'addToLists', field: 'lists', path: '/v3/activities/add_list_memberships', idsKey: 'list_ids', pick: [2], after: [0, 1, 2], stored: 'list_memberships' },
	{ operation: 'removeFromLists', field: 'lists', path: '/v3/activities/remove_list_memberships', idsKey: 'list_ids', pick: [0], after: [1], stored: 'list_memberships' },
	{ operation: 'addTags', field: 'tags', path: '/v3/activities/contacts_taggings_add', idsKey: 'tag_ids', pick: [2, 0], after: [0, 1, 2], stored: 'taggings' },
	{ operation: 'removeTags', field: 'tags', path: '/v3/activities/contacts_taggings_remove', idsKey: 'tag_ids', pick: [0, 1], after: [], stored: 'taggings' },
];

const idsOf = (a: Account, c: Case, indexes: number[]) => indexes.map((n) => (c.field === 'lists' ? a.lists : a.tags)[n]);

describe.each(cases)('$operation', (c) => {
	test('posts the activity for the contact, waits until it is completed and reports it', async () => {
		const a = seed();
		const ids = idsOf(a, c, c.pick);
		const result = await cc.run(contactOp(c.operation, { contact: byId(a.contact), [c.field]: ids }));

		expect(result.error).toBeUndefined();
		const api = cc.api();
		const activityId = cc.fakes.admin.state().activities[0].activity_id;
		expect(api.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
			`POST ${c.path} 201`,
			// "processing" POLLS times, then "completed"
			...Array(POLLS + 1).fill(`GET /v3/activities/${activityId} 200`),
		]);
		expect(api[0].body).toEqual({ source: { contact_ids: [a.contact] }, [c.idsKey]: ids });

		expect(result.items).toEqual([
			{
				json: { contact_id: a.contact, [c.idsKey]: ids, activity_id: activityId, state: 'completed' },
				pairedItem: { item: 0 },
			},
		]);
		expect(cc.stored(a.contact)![c.stored]).toEqual(idsOf(a, c, c.after));
	});

	test('with Wait for Completion off it returns at once with state "processing"', async () => {
		const a = seed();
		const before = cc.stored(a.contact)![c.stored];
		const ids = idsOf(a, c, c.pick);
		const result = await cc.run(
			contactOp(c.operation, { contact: byId(a.contact), [c.field]: ids, options: { waitForCompletion: false } }),
		);

		expect(result.error).toBeUndefined();
		expect(cc.calls()).toEqual([`POST ${c.path}`]);
		expect(result.items).toEqual([
			{
				json: { contact_id: a.contact, [c.idsKey]: ids, activity_id: expect.stringMatching(/^[0-9a-f-]{36}$/), state: 'processing' },
				pairedItem: { item: 0 },
			},
		]);
		// Queued, not applied yet.
		expect(cc.stored(a.contact)![c.stored]).toEqual(before);
		expect(cc.fakes.admin.state().activities[0].state).toBe('processing');
	});

	test('more than 50 IDs fail before any request', async () => {
		const a = seed();
		const many = Array.from({ length: 51 }, (_, n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`);
		const result = await cc.run(contactOp(c.operation, { contact: byId(a.contact), [c.field]: many }));

		expect(result.status).toBe('error');
		expect(result.items).toEqual([]);
		const what = c.field;
		const label = c.field === 'lists' ? 'List Names or IDs' : 'Tag Names or IDs';
		expect(result.error!.message).toBe(`${label} has 51 ${what}; Constant Contact accepts at most 50`);
		expect((result.error as any).context.itemIndex).toBe(0);
		expect(cc.api()).toEqual([]);
	});

	test('a name that is not one of the account fails after one read of the names, before any write', async () => {
		const a = seed();
		const result = await cc.run(contactOp(c.operation, { contact: byId(a.contact), [c.field]: [a.lists[0], 'No such name'] }));

		expect(result.status).toBe('error');
		const kind = c.field === 'lists' ? 'list' : 'tag';
		const label = c.field === 'lists' ? 'List Names or IDs' : 'Tag Names or IDs';
		expect(result.error!.message).toBe(`${label} contains "No such name", which is not the name of a ${kind} in this Constant Contact account`);
		expect(cc.calls()).toEqual([kind === 'list' ? 'GET /v3/contact_lists' : 'GET /v3/contact_tags']);
	});

	test('a picked ID that is no longer in the account (deleted, or the credential reconnected to another): Constant Contact’s refusal and how to pick it again', async () => {
		const a = seed();
		const kind = c.field === 'lists' ? 'list' : 'tag';
		const result = await cc.run(contactOp(c.operation, { contact: byId(a.contact), [c.field]: [UNKNOWN_ID] }));

		expect(result.status).toBe('error');
		expect(result.error!.message).toBe(`Constant Contact rejected the request as invalid: ${kind} ${UNKNOWN_ID} does not exist.`);
		expect(result.error!.description).toMatch(
			new RegExp(`^The ${kind} ${UNKNOWN_ID} is not in this Constant Contact account: it was deleted, or the credential now connects to another account \\(after it was connected again\\)\\. Pick it again from the dropdown, or give its name; ${kind === 'list' ? 'List' : 'Tag'} → Get Many lists them all\\. HTTP 400 for POST `),
		);
		expect(cc.calls()).toEqual([`POST ${c.path}`]);
	});

	test('an activity that ends with an error for the contact (unknown contact) fails with its error text', async () => {
		const a = seed();
		const result = await cc.run(contactOp(c.operation, { contact: byId(UNKNOWN_ID), [c.field]: idsOf(a, c, c.pick) }));

		expect(result.status).toBe('error');
		expect(result.items).toEqual([]);
		const error = result.error as any;
		const activityId = cc.fakes.admin.state().activities[0].activity_id;
		expect(error.message).toBe('Constant Contact could not complete the job (completed)');
		expect(error.description).toBe(`Activity ${activityId}: Contact ${UNKNOWN_ID} was not found.`);
		expect(error.context.itemIndex).toBe(0);
		expect(cc.calls()).toEqual([`POST ${c.path}`, ...Array(POLLS + 1).fill(`GET /v3/activities/${activityId}`)]);
	});
});

describe('membership details', () => {
	test('adding a 51st list to a contact on 50 lists: the activity’s error reaches the user', async () => {
		const s = cc.fakes.admin.seed({
			lists: Array.from({ length: 51 }, (_, n) => ({ name: `List ${String(n).padStart(2, '0')}` })),
			contacts: [{ email: 'full@example.com', list_names: Array.from({ length: 50 }, (_, n) => `List ${String(n).padStart(2, '0')}`) }],
		});
		const contact = s.contacts[0].contact_id;
		const extra = s.lists[50].list_id;
		const result = await cc.run(contactOp('addToLists', { contact: byId(contact), lists: [extra] }));

		expect(result.status).toBe('error');
		const error = result.error as any;
		expect(error.message).toBe('Constant Contact could not complete the job (completed)');
		expect(error.description).toContain(`Contact ${contact} cannot be a member of more than 50 lists.`);
		expect(cc.stored(contact)!.list_memberships).toHaveLength(50);
		expect(cc.stored(contact)!.list_memberships).not.toContain(extra);
	});

	test('by e-mail: the contact is looked up first, then the activity is posted with its ID', async () => {
		const a = seed();
		const result = await cc.run(contactOp('addTags', { contact: byEmail('member@example.com'), tags: [a.tags[2]] }));

		expect(result.error).toBeUndefined();
		const api = cc.api();
		expect(api[0]).toMatchObject({ method: 'GET', path: '/v3/contacts', query: { email: 'member@example.com', status: 'all', limit: '1' } });
		expect(api[1]).toMatchObject({
			method: 'POST',
			path: '/v3/activities/contacts_taggings_add',
			body: { source: { contact_ids: [a.contact] }, tag_ids: [a.tags[2]] },
		});
		expect(result.items[0].json).toMatchObject({ contact_id: a.contact, state: 'completed' });
		expect(cc.stored(a.contact)!.taggings).toEqual(a.tags);
	});

	test('the node polls with growing waits starting at activitySettings.firstPollMs', async () => {
		const a = seed();
		const saved = activities.activitySettings.firstPollMs;
		activities.activitySettings.firstPollMs = 40;
		try {
			const result = await cc.run(contactOp('addToLists', { contact: byId(a.contact), lists: [a.lists[2]] }));
			expect(result.error).toBeUndefined();
		} finally {
			activities.activitySettings.firstPollMs = saved;
		}
		const at = cc.api().map((e) => e.at);
		const gaps = at.slice(1).map((t, n) => t - at[n]);
		// 40 ms, 80 ms, 160 ms apart (the harness's test clock: exact)
		expect(gaps).toEqual([40, 80, 160]);
	});

	test('gives up waiting after activitySettings.maxWaitMs and says the job goes on', async () => {
		const a = seed();
		const saved = activities.activitySettings.maxWaitMs;
		activities.activitySettings.maxWaitMs = 1;
		let result;
		try {
			result = await cc.run(contactOp('addToLists', { contact: byId(a.contact), lists: [a.lists[2]] }));
		} finally {
			activities.activitySettings.maxWaitMs = saved;
		}
		expect(result.status).toBe('error');
		const activityId = cc.fakes.admin.state().activities[0].activity_id;
		expect(result.error!.message).toBe('Constant Contact has not finished the job yet');
		expect(result.error!.description).toContain(`Activity ${activityId} is still "processing"`);
		expect(result.error!.description).toContain('Wait for Completion');
		// One poll after the first wait, then it stops asking.
		expect(cc.calls()).toEqual(['POST /v3/activities/add_list_memberships', `GET /v3/activities/${activityId}`]);
	});
});
