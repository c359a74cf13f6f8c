/**
 * List → Delete through n8n's engine: Constant Contact answers 202 with an activity and deletes
 * the list in the background; the node polls `GET /activities/{id}` until it is done, unless
 * Wait for Completion is off.
 */
import { UNKNOWN_ID, useContactFakes } from '../contact/helpers';
import { ANY_ID, ANY_TIME, callsWithStatus, listById, listFromPicker, listOp, storedList } from './helpers';

/** The fake reports "processing" for the first POLLS polls of an activity. */
const POLLS = 2;
const cc = useContactFakes({ activityCompletesAfterPolls: POLLS });

function seed() {
	const s = cc.fakes.admin.seed({
		lists: [{ name: 'Old promo' }, { name: 'Keep' }],
		contacts: [{ email: 'ada@example.com', list_names: ['Old promo', 'Keep'] }],
	});
	return { promo: s.lists[0].list_id as string, keep: s.lists[1].list_id as string, ada: s.contacts[0].contact_id as string };
}

describe('delete', () => {
	test('waits through the processing polls, then reports the list deleted', async () => {
		const { promo, keep, ada } = seed();
		const result = await cc.run(listOp('delete', { list: listFromPicker(promo, 'Old promo') }));

		expect(result.error).toBeUndefined();
		const [activity] = cc.fakes.admin.state().activities;
		expect(callsWithStatus(cc)).toEqual([
			`DELETE /v3/contact_lists/${promo} 202`,
			// "processing" POLLS times, then "completed"
			...Array(POLLS + 1).fill(`GET /v3/activities/${activity.activity_id} 200`),
		]);
		expect(cc.api()[0].body).toBeUndefined();
		expect(result.items).toEqual([
			{
				json: { deleted: true, list_id: promo, activity_id: activity.activity_id, state: 'completed' },
				pairedItem: { item: 0 },
			},
		]);
		expect(activity).toMatchObject({ kind: 'list_delete', state: 'completed' });
		expect(storedList(cc, promo)).toMatchObject({ deleted_at: ANY_TIME, membership_count: 0 });
		expect(storedList(cc, keep)!.deleted_at).toBeUndefined();
		// The contact stays, only off the deleted list.
		expect(cc.stored(ada)!.list_memberships).toEqual([keep]);
	});

	test('with Wait for Completion off it returns at once with state "processing"', async () => {
		const { promo, ada } = seed();
		const result = await cc.run(listOp('delete', { list: listById(promo), options: { waitForCompletion: false } }));

		expect(result.error).toBeUndefined();
		expect(callsWithStatus(cc)).toEqual([`DELETE /v3/contact_lists/${promo} 202`]);
		expect(result.items).toEqual([
			{
				json: { deleted: false, list_id: promo, activity_id: ANY_ID, state: 'processing' },
				pairedItem: { item: 0 },
			},
		]);
		// Queued, not applied yet.
		expect(cc.fakes.admin.state().activities[0]).toMatchObject({
			activity_id: result.items[0].json.activity_id,
			state: 'processing',
		});
		expect(storedList(cc, promo)!.deleted_at).toBeUndefined();
		expect(cc.stored(ada)!.list_memberships).toHaveLength(2);
	});

	test('two items delete two lists, each waited for', async () => {
		const { promo, keep } = seed();
		const result = await cc.run(listOp('delete', { list: listById('={{ $json.id }}') }), {
			inputItems: [{ id: promo }, { id: keep }],
		});

		expect(result.error).toBeUndefined();
		const [a, b] = cc.fakes.admin.state().activities.map((x: any) => x.activity_id);
		expect(cc.calls()).toEqual([
			`DELETE /v3/contact_lists/${promo}`,
			...Array(POLLS + 1).fill(`GET /v3/activities/${a}`),
			`DELETE /v3/contact_lists/${keep}`,
			...Array(POLLS + 1).fill(`GET /v3/activities/${b}`),
		]);
		expect(result.items.map((i) => [i.json.list_id, i.json.deleted, i.pairedItem])).toEqual([
			[promo, true, { item: 0 }],
			[keep, true, { item: 1 }],
		]);
		expect(cc.fakes.admin.state().lists.every((l: any) => l.deleted_at)).toBe(true);
	});

	test('an unknown list fails with a plain 404 message', async () => {
		seed();
		const result = await cc.run(listOp('delete', { list: listById(UNKNOWN_ID) }));

		expect(result.status).toBe('error');
		expect(result.items).toEqual([]);
		const error = result.error as any;
		expect(error.message).toBe(`List ${UNKNOWN_ID} does not exist in this Constant Contact account`);
		expect(error.httpCode).toBe('404');
		expect(callsWithStatus(cc)).toEqual([`DELETE /v3/contact_lists/${UNKNOWN_ID} 404`]);
		expect(cc.fakes.admin.state().activities).toEqual([]);
	});
});
