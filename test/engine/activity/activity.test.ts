/**
 * Activity (Bulk Job) → Get and Get Many through n8n's engine against the fake API
 * (`/activities`): the state of Constant Contact's background jobs and the rows they could not do.
 */
import type { INodeParameters } from 'n8n-workflow';

import { UNKNOWN_ID, cursorOffset, useContactFakes, expectRejected as rejected } from '../contact/helpers';

const cc = useContactFakes();

const activityOp = (operation: string, parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'activity',
	operation,
	...parameters,
});

/** A job adding a tag to a contact and to one that does not exist; still processing. */
function seedJob(): { activityId: string; contact: string } {
	const s = cc.fakes.admin.seed({ tags: [{ name: 'VIP' }], contacts: [{ email: 'ada@example.com' }] });
	const contact = s.contacts[0].contact_id;
	const job = cc.fakes.store.insertActivity('contacts_taggings_add', { contactIds: [contact, UNKNOWN_ID], tagIds: [s.tags[0].tag_id] });
	return { activityId: job.activity_id, contact };
}

const expectRejected = (result: Awaited<ReturnType<typeof cc.run>>, message: string, itemIndex = 0) =>
	rejected(cc, result, message, { itemIndex });

describe('get', () => {
	test('a job still running: its state and progress, as Constant Contact reports it', async () => {
		const { activityId } = seedJob();
		const result = await cc.run(activityOp('get', { activityId }));

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{
				json: expect.objectContaining({
					activity_id: activityId,
					state: 'processing',
					percent_done: 50,
					activity_errors: [],
					status: { items_total_count: 2, items_completed_count: 0 },
					_links: { self: { href: `/v3/activities/${activityId}` } },
				}),
				pairedItem: { item: 0 },
			},
		]);
		expect(cc.api().map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([`GET /v3/activities/${activityId} 200`]);
		expect(cc.api()[0].query).toEqual({});
	});

	test('a finished job with row errors is returned as data (the run does not fail): the errors are in activity_errors', async () => {
		const { activityId, contact } = seedJob();
		cc.fakes.admin.completeActivities();
		const result = await cc.run(activityOp('get', { activityId: `  ${activityId.toUpperCase()}  ` }));

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({
			activity_id: activityId,
			state: 'completed',
			percent_done: 100,
			activity_errors: [`Contact ${UNKNOWN_ID} was not found.`],
			status: { items_total_count: 2, items_completed_count: 1 },
		});
		expect(cc.stored(contact)!.taggings).toHaveLength(1);
	});

	test('several items read several jobs, paired with their items', async () => {
		const a = seedJob().activityId;
		const b = cc.fakes.store.insertActivity('contact_delete', { contactIds: [UNKNOWN_ID] }).activity_id;
		const result = await cc.run(activityOp('get', { activityId: '={{ $json.id }}' }), { inputItems: [{ id: b }, { id: a }] });
		expect(result.items.map((i) => [i.json.activity_id, i.pairedItem])).toEqual([
			[b, { item: 0 }],
			[a, { item: 1 }],
		]);
	});

	test('an empty literal ID: n8n refuses to run the node (required field)', async () => {
		await expect(cc.run(activityOp('get', { activityId: '' }))).rejects.toThrow('Parameter "Activity ID" is required.');
		expect(cc.api()).toEqual([]);
	});

	test('an unknown ID fails with 404 and says jobs are kept for 10 days', async () => {
		const result = await cc.run(activityOp('get', { activityId: UNKNOWN_ID }));
		expect(result.status).toBe('error');
		expect(result.error!.message).toBe(
			`Activity ${UNKNOWN_ID} does not exist in this Constant Contact account (jobs are kept for 10 days)`,
		);
		expect((result.error as any).httpCode).toBe('404');
		expect(cc.api().map((e) => e.status)).toEqual([404]);
	});

	test('an ID that is not a UUID (item 1) is rejected before any request', async () => {
		const { activityId } = seedJob();
		const result = await cc.run(activityOp('get', { activityId: '={{ $json.id }}' }), {
			inputItems: [{ id: activityId }, { id: 'job-17' }],
		});
		expectRejected(result, 'Activity ID "job-17" is not a Constant Contact ID', 1);
		expect((result.error as any).description).toContain('1ec8a3a0-4e6b-11ec-8bd6-fa163e6a92d8');
	});

	test('an expression giving an empty ID is rejected before any request', async () => {
		const result = await cc.run(activityOp('get', { activityId: '={{ $json.id }}' }), { inputItems: [{ id: '' }] });
		expectRejected(result, 'Activity ID is empty');
	});
});

describe('getAll (Get Many)', () => {
	/** n jobs, one second apart; every third one completed. Returns their IDs newest first. */
	function seedJobs(n: number): string[] {
		const ids: string[] = [];
		for (let k = 0; k < n; k++) {
			const job = cc.fakes.store.insertActivity('contact_delete', { contactIds: [] });
			if (k % 3 === 0) cc.fakes.store.completeActivity(job);
			ids.push(job.activity_id);
			cc.fakes.admin.advanceTime(1000);
		}
		return ids.reverse();
	}

	test('Return All over 600 jobs: newest first, 2 requests (limit 500, then the cursor link)', async () => {
		const ids = seedJobs(600);
		const result = await cc.run(activityOp('getAll', { returnAll: true }));

		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.activity_id)).toEqual(ids);
		expect(result.items.every((i) => (i.pairedItem as any).item === 0)).toBe(true);
		const api = cc.api();
		expect(api.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual(['GET /v3/activities 200', 'GET /v3/activities 200']);
		expect(api[0].query).toEqual({ limit: '500' });
		expect(api[1].query).toEqual({ cursor: expect.any(String) });
		expect(cursorOffset(api[1].query.cursor)).toBe(500);
	});

	test('Limit 5 with State "Completed": only completed jobs, one request with state=completed', async () => {
		const ids = seedJobs(30);
		const result = await cc.run(activityOp('getAll', { limit: 5, filters: { state: 'completed' } }));

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(5);
		expect(result.items.every((i) => i.json.state === 'completed')).toBe(true);
		// Jobs 0, 3, 6, … (oldest first) are completed: newest first that is 27, 24, 21, 18, 15.
		expect(result.items.map((i) => i.json.activity_id)).toEqual([27, 24, 21, 18, 15].map((k) => ids[29 - k]));
		expect(cc.api().map((e) => e.query)).toEqual([{ limit: '5', state: 'completed' }]);
	});

	test('the default: 50 jobs, no state filter', async () => {
		seedJobs(60);
		const result = await cc.run(activityOp('getAll', {}));
		expect(result.items).toHaveLength(50);
		expect(cc.api().map((e) => e.query)).toEqual([{ limit: '50' }]);
	});

	test('no jobs: no items and no error', async () => {
		const result = await cc.run(activityOp('getAll', { returnAll: true, filters: { state: 'failed' } }));
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
		expect(cc.api().map((e) => e.query)).toEqual([{ limit: '500', state: 'failed' }]);
	});

	test('a state that Constant Contact does not know (from an expression) is rejected before any request', async () => {
		const result = await cc.run(activityOp('getAll', { filters: { state: '={{ $json.state }}' } }), {
			inputItems: [{ state: 'done' }],
		});
		expectRejected(result, 'Filters → State is "done", which is not one of: cancelled, completed, failed, processing, timed_out');
	});
});
