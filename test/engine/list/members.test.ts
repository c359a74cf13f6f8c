/**
 * List → Get Contacts / Add Contacts / Remove Contacts through n8n's engine: members are read
 * with `GET /contacts?lists=<id>`; adding and removing are one bulk job per item
 * (`POST /activities/add_list_memberships` / `remove_list_memberships` with `source.contact_ids`).
 */
import { UNKNOWN_ID, cursorOffset, useContactFakes } from '../contact/helpers';
import { ANY_ID, ANY_TIME, callsWithStatus, listById, listFromPicker, listOp, storedList } from './helpers';

const POLLS = 2;
const cc = useContactFakes({ activityCompletesAfterPolls: POLLS });

/** Members on "Members"; Edsger on "Other" only. */
function seed() {
	const s = cc.fakes.admin.seed({
		lists: [{ name: 'Members' }, { name: 'Other' }],
		contacts: [
			{ email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace', company_name: 'AE', permission_to_send: 'explicit', list_names: ['Members'] },
			{ email: 'grace@example.com', first_name: 'Grace', list_names: ['Members', 'Other'] },
			{ email: 'edsger@example.com', first_name: 'Edsger', list_names: ['Other'] },
		],
	});
	const [ada, grace, edsger] = s.contacts.map((c: any) => c.contact_id as string);
	return { members: s.lists[0].list_id as string, other: s.lists[1].list_id as string, ada, grace, edsger };
}

describe('getContacts', () => {
	test('returns the members of the list, simplified', async () => {
		const a = seed();
		const result = await cc.run(listOp('getContacts', { list: listFromPicker(a.members, 'Members'), returnAll: true }));

		expect(result.error).toBeUndefined();
		expect(callsWithStatus(cc)).toEqual(['GET /v3/contacts 200']);
		expect(cc.api()[0].query).toEqual({ lists: a.members, limit: '500' });
		expect(result.items).toEqual([
			{
				json: {
					contact_id: a.ada,
					email: 'ada@example.com',
					permission_to_send: 'explicit',
					first_name: 'Ada',
					last_name: 'Lovelace',
					company_name: 'AE',
					created_at: ANY_TIME,
					updated_at: ANY_TIME,
				},
				pairedItem: { item: 0 },
			},
			{ json: expect.objectContaining({ contact_id: a.grace, email: 'grace@example.com', first_name: 'Grace' }), pairedItem: { item: 0 } },
		]);
		expect(Object.keys(result.items[1].json)).not.toContain('email_address');
	});

	test('Simplify off with Include gives the raw contacts with the parts asked for; Limit is sent', async () => {
		const a = seed();
		const result = await cc.run(
			listOp('getContacts', {
				list: listById(a.members),
				returnAll: false,
				limit: 1,
				options: { include: ['list_memberships'] },
				simplify: false,
			}),
		);

		expect(result.error).toBeUndefined();
		expect(cc.api()[0].query).toEqual({ lists: a.members, include: 'list_memberships', limit: '1' });
		expect(result.items).toEqual([
			{
				json: expect.objectContaining({
					contact_id: a.ada,
					email_address: expect.objectContaining({ address: 'ada@example.com' }),
					list_memberships: [a.members],
				}),
				pairedItem: { item: 0 },
			},
		]);
	});

	test('Return All follows the pages of 500', async () => {
		cc.fakes.admin.bulkContacts(530, { listNames: ['Big'] });
		cc.fakes.admin.bulkContacts(3, { prefix: 'outside' });
		const big = cc.fakes.admin.state().lists.find((l: any) => l.name === 'Big').list_id;
		const result = await cc.run(listOp('getContacts', { list: listById(big), returnAll: true }));

		expect(result.error).toBeUndefined();
		const api = cc.api();
		expect(callsWithStatus(cc)).toEqual(['GET /v3/contacts 200', 'GET /v3/contacts 200']);
		expect(api[0].query).toEqual({ lists: big, limit: '500' });
		expect(cursorOffset(api[1].query.cursor)).toBe(500);
		expect(result.items).toHaveLength(530);
		expect(result.items.every((i) => String(i.json.email).startsWith('bulk'))).toBe(true);
	});

	test('an empty list gives no items', async () => {
		const a = seed();
		await cc.run(listOp('removeContacts', { list: listById(a.other), contactIds: `${a.grace},${a.edsger}` }));
		cc.fakes.log.length = 0;
		const result = await cc.run(listOp('getContacts', { list: listById(a.other), returnAll: true }));
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
		expect(cc.calls()).toEqual(['GET /v3/contacts']);
	});
});

describe('addContacts', () => {
	test('comma-separated IDs: one job for the list, waited for; the contacts are on the list afterwards', async () => {
		const a = seed();
		const result = await cc.run(
			listOp('addContacts', { list: listFromPicker(a.other, 'Other'), contactIds: ` ${a.ada}, ${a.grace} ,${a.ada}` }),
		);

		expect(result.error).toBeUndefined();
		const [activity] = cc.fakes.admin.state().activities;
		expect(callsWithStatus(cc)).toEqual([
			'POST /v3/activities/add_list_memberships 201',
			...Array(POLLS + 1).fill(`GET /v3/activities/${activity.activity_id} 200`),
		]);
		// Duplicates are sent once.
		expect(cc.api()[0].body).toEqual({ source: { contact_ids: [a.ada, a.grace] }, list_ids: [a.other] });
		expect(result.items).toEqual([
			{
				json: { list_id: a.other, contact_ids: [a.ada, a.grace], activity_id: activity.activity_id, state: 'completed' },
				pairedItem: { item: 0 },
			},
		]);
		expect(cc.stored(a.ada)!.list_memberships).toEqual([a.members, a.other]);
		expect(cc.stored(a.grace)!.list_memberships).toEqual([a.members, a.other]);
		expect(storedList(cc, a.other)!.membership_count).toBe(3);
	});

	test('IDs as an array from an expression, one job per item', async () => {
		const a = seed();
		const result = await cc.run(
			listOp('addContacts', { list: listById(a.members), contactIds: '={{ $json.ids }}', options: { waitForCompletion: false } }),
			{ inputItems: [{ ids: [a.edsger] }, { ids: [a.ada, a.grace] }] },
		);

		expect(result.error).toBeUndefined();
		expect(cc.calls()).toEqual(['POST /v3/activities/add_list_memberships', 'POST /v3/activities/add_list_memberships']);
		expect(cc.api().map((e) => e.body)).toEqual([
			{ source: { contact_ids: [a.edsger] }, list_ids: [a.members] },
			{ source: { contact_ids: [a.ada, a.grace] }, list_ids: [a.members] },
		]);
		expect(result.items).toEqual([
			{ json: { list_id: a.members, contact_ids: [a.edsger], activity_id: ANY_ID, state: 'processing' }, pairedItem: { item: 0 } },
			{ json: { list_id: a.members, contact_ids: [a.ada, a.grace], activity_id: ANY_ID, state: 'processing' }, pairedItem: { item: 1 } },
		]);
		// Queued only: Edsger is not on the list yet.
		expect(cc.stored(a.edsger)!.list_memberships).toEqual([a.other]);
		cc.fakes.admin.completeActivities();
		expect(cc.stored(a.edsger)!.list_memberships).toEqual([a.other, a.members]);
	});

	test('500 contact IDs in one item are one job', async () => {
		const ids: string[] = cc.fakes.admin.bulkContacts(500);
		const { members } = seed();
		const result = await cc.run(listOp('addContacts', { list: listById(members), contactIds: ids.join(',') }));

		expect(result.error).toBeUndefined();
		expect(cc.api()[0].body.source.contact_ids).toHaveLength(500);
		expect(result.items[0].json.state).toBe('completed');
		expect(storedList(cc, members)!.membership_count).toBe(502);
	});

	test('an unknown contact: the job’s error reaches the user', async () => {
		const a = seed();
		const result = await cc.run(listOp('addContacts', { list: listById(a.other), contactIds: [a.ada, UNKNOWN_ID] }));

		expect(result.status).toBe('error');
		expect(result.items).toEqual([]);
		const error = result.error as any;
		const [activity] = cc.fakes.admin.state().activities;
		expect(error.message).toBe('Constant Contact could not complete the job (completed)');
		expect(error.description).toBe(`Activity ${activity.activity_id}: Contact ${UNKNOWN_ID} was not found.`);
		expect(error.context.itemIndex).toBe(0);
		// The known contact was added all the same (Constant Contact completes the other rows).
		expect(cc.stored(a.ada)!.list_memberships).toEqual([a.members, a.other]);
	});

	test('an unknown list: Constant Contact refuses the job', async () => {
		const a = seed();
		const result = await cc.run(listOp('addContacts', { list: listById(UNKNOWN_ID), contactIds: a.ada }));

		expect(result.status).toBe('error');
		const error = result.error as any;
		expect(error.httpCode).toBe('400');
		expect(error.message).toContain(`list ${UNKNOWN_ID} does not exist`);
		expect(callsWithStatus(cc)).toEqual(['POST /v3/activities/add_list_memberships 400']);
	});
});

describe('removeContacts', () => {
	test('takes the contacts off the list and keeps their other lists', async () => {
		const a = seed();
		const result = await cc.run(listOp('removeContacts', { list: listById(a.members), contactIds: [a.ada, a.grace] }));

		expect(result.error).toBeUndefined();
		const [activity] = cc.fakes.admin.state().activities;
		expect(callsWithStatus(cc)).toEqual([
			'POST /v3/activities/remove_list_memberships 201',
			...Array(POLLS + 1).fill(`GET /v3/activities/${activity.activity_id} 200`),
		]);
		expect(cc.api()[0].body).toEqual({ source: { contact_ids: [a.ada, a.grace] }, list_ids: [a.members] });
		expect(result.items).toEqual([
			{
				json: { list_id: a.members, contact_ids: [a.ada, a.grace], activity_id: activity.activity_id, state: 'completed' },
				pairedItem: { item: 0 },
			},
		]);
		expect(cc.stored(a.ada)!.list_memberships).toEqual([]);
		expect(cc.stored(a.grace)!.list_memberships).toEqual([a.other]);
		expect(storedList(cc, a.members)!.membership_count).toBe(0);
	});

	test('with Wait for Completion off it returns at once with state "processing"', async () => {
		const a = seed();
		const result = await cc.run(
			listOp('removeContacts', { list: listById(a.members), contactIds: a.ada, options: { waitForCompletion: false } }),
		);

		expect(result.error).toBeUndefined();
		expect(cc.calls()).toEqual(['POST /v3/activities/remove_list_memberships']);
		expect(result.items).toEqual([
			{ json: { list_id: a.members, contact_ids: [a.ada], activity_id: ANY_ID, state: 'processing' }, pairedItem: { item: 0 } },
		]);
		expect(cc.stored(a.ada)!.list_memberships).toEqual([a.members]);
	});
});
