/**
 * Batch Items on the bulk contact operations: all items of an execution go into as few
 * Constant Contact jobs as possible (500 contacts each), and each item still gets its own
 * result, or its own error.
 */
import { UNKNOWN_ID, byId, contactOp, useContactFakes } from './helpers';

const cc = useContactFakes();

function seed(contacts: number) {
	const s = cc.fakes.admin.seed({ lists: [{ name: 'L0' }, { name: 'L1' }], tags: [{ name: 'T0' }] });
	const ids: string[] = cc.fakes.admin.bulkContacts(contacts, { prefix: 'batch' });
	return { ids, lists: s.lists.map((l: any) => l.list_id) as string[], tag: s.tags[0].tag_id as string };
}

const posts = () => cc.api().filter((e) => e.method === 'POST');

describe('Batch Items', () => {
	test('Add to Lists: 3 items, the same list → one job with the 3 contacts; one output per item', async () => {
		const { ids, lists } = seed(3);
		const result = await cc.run(
			contactOp('addToLists', { contact: byId('={{ $json.id }}'), lists: [lists[1]], options: { batch: true } }),
			{ inputItems: ids.map((id) => ({ id })) },
		);
		expect(result.error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		expect(posts()[0].body).toEqual({ source: { contact_ids: ids }, list_ids: [lists[1]] });
		expect(result.items.map((item) => [item.json.contact_id, item.json.state, item.json.batch_size, item.pairedItem])).toEqual(
			ids.map((id, n) => [id, 'completed', 3, { item: n }]),
		);
		for (const id of ids) expect(cc.stored(id)!.list_memberships).toEqual([lists[1]]);
	});

	test('items with different lists go into separate jobs', async () => {
		const { ids, lists } = seed(4);
		const result = await cc.run(
			contactOp('addToLists', {
				contact: byId('={{ $json.id }}'),
				lists: '={{ $json.list }}',
				options: { batch: true },
			}),
			{ inputItems: ids.map((id, n) => ({ id, list: lists[n % 2] })) },
		);
		expect(result.error).toBeUndefined();
		const bodies = posts().map((p) => p.body);
		expect(bodies).toEqual([
			{ source: { contact_ids: [ids[0], ids[2]] }, list_ids: [lists[0]] },
			{ source: { contact_ids: [ids[1], ids[3]] }, list_ids: [lists[1]] },
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
	});

	test('Delete: 600 items → 2 contact_delete jobs (500 + 100), every contact deleted', async () => {
		const { ids } = seed(600);
		const result = await cc.run(
			contactOp('delete', { contact: byId('={{ $json.id }}'), options: { batch: true } }),
			{ inputItems: ids.map((id) => ({ id })) },
		);
		expect(result.error).toBeUndefined();
		expect(posts().map((p) => [p.path, p.body.contact_ids.length])).toEqual([
			['/v3/activities/contact_delete', 500],
			['/v3/activities/contact_delete', 100],
		]);
		expect(result.items).toHaveLength(600);
		expect(result.items.every((item) => item.json.deleted === true)).toBe(true);
		expect(cc.stored(ids[599])!.deleted_at).toBeTruthy();
	});

	test('a contact the job cannot find fails only its own item (Continue On Fail); the others succeed', async () => {
		const { ids, tag } = seed(2);
		const inputs = [ids[0], UNKNOWN_ID, ids[1]];
		const result = await cc.run(
			contactOp('addTags', { contact: byId('={{ $json.id }}'), tags: [tag], options: { batch: true } }),
			{ inputItems: inputs.map((id) => ({ id })), continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		expect(result.items.map((item) => item.json.error ?? item.json.state)).toEqual([
			'completed',
			'Constant Contact could not complete the job (completed)',
			'completed',
		]);
		expect(result.items[1].json.description).toContain(UNKNOWN_ID);
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
	});

	test('without Continue On Fail the first failing item stops the node, naming its index', async () => {
		const { ids, tag } = seed(1);
		const result = await cc.run(
			contactOp('addTags', { contact: byId('={{ $json.id }}'), tags: [tag], options: { batch: true } }),
			{ inputItems: [{ id: ids[0] }, { id: UNKNOWN_ID }] },
		);
		expect(result.status).toBe('error');
		expect(result.error!.message).toBe('Constant Contact could not complete the job (completed)');
		expect((result.error as any).context.itemIndex).toBe(1);
	});

	test('a bad item is rejected before the job is sent', async () => {
		const { ids, lists } = seed(1);
		const result = await cc.run(
			contactOp('addToLists', { contact: byId('={{ $json.id }}'), lists: [lists[0]], options: { batch: true } }),
			{ inputItems: [{ id: ids[0] }, { id: 'not-an-id' }] },
		);
		expect(result.error!.message).toBe('Contact "not-an-id" is not a Constant Contact ID');
		expect(cc.api()).toEqual([]);
	});
});
