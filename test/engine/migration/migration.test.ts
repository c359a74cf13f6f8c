/**
 * Migration From V2: v2 IDs → v3 IDs through the cross-reference endpoints, all items' IDs in as
 * few requests as each endpoint allows, one output item per ID paired with its input item.
 */
import { useContactFakes } from '../contact/helpers';

const cc = useContactFakes();
const migrationOp = (operation: string) => ({ resource: 'migration', operation, v2Ids: '={{ $json.ids }}' });
const xrefCalls = () => cc.api().filter((e) => e.path.includes('xrefs'));

test('contact IDs: two items, one request; one output item per ID, unknown IDs marked not found', async () => {
	const s = cc.fakes.admin.seed({
		contacts: [
			{ email: 'a@example.com', sequence_id: '1001' },
			{ email: 'b@example.com', sequence_id: '1002' },
		],
	});
	const [a, b] = s.contacts.map((c: any) => c.contact_id);
	const result = await cc.run(migrationOp('contactIds'), {
		inputItems: [{ ids: '1001, 1002' }, { ids: ['999999'] }],
	});

	expect(result.error).toBeUndefined();
	expect(xrefCalls()).toHaveLength(1);
	expect(xrefCalls()[0].query).toEqual({ sequence_ids: '1001,1002,999999' });
	expect(result.items.map((i) => [i.json, i.pairedItem])).toEqual([
		[{ v2_id: '1001', found: true, contact_id: a }, { item: 0 }],
		[{ v2_id: '1002', found: true, contact_id: b }, { item: 0 }],
		[{ v2_id: '999999', found: false, contact_id: null }, { item: 1 }],
	]);
});

test('list IDs', async () => {
	const s = cc.fakes.admin.seed({ lists: [{ name: 'Old newsletter', sequence_id: '7' }] });
	const result = await cc.run(migrationOp('listIds'), { inputItems: [{ ids: '7' }] });
	expect(result.items.map((i) => i.json)).toEqual([{ v2_id: '7', found: true, list_id: s.lists[0].list_id }]);
});

test('campaign IDs: 60 IDs → 2 requests of at most 50; campaign and activity IDs', async () => {
	const s = cc.fakes.admin.seed({ campaigns: [{ name: 'Spring sale', v2_email_campaign_id: '1100567546598' }] });
	const ids = ['1100567546598', ...Array.from({ length: 59 }, (_, n) => String(2200000000000 + n))];
	const result = await cc.run(migrationOp('campaignIds'), { inputItems: [{ ids }] });
	expect(result.error).toBeUndefined();
	expect(xrefCalls().map((c) => String(c.query.v2_email_campaign_ids).split(',').length)).toEqual([50, 10]);
	expect(result.items).toHaveLength(60);
	expect(result.items[0].json).toEqual({
		v2_id: '1100567546598',
		found: true,
		campaign_id: s.campaigns[0].campaign_id,
		campaign_activity_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
	});
	expect(result.items[1].json).toMatchObject({ found: false, campaign_id: null });
});

test('a v2 ID that is not a number stops the node before any request, naming item and field', async () => {
	const result = await cc.run(migrationOp('contactIds'), { inputItems: [{ ids: '1001' }, { ids: '12ab' }] });
	expect(result.error!.message).toBe('V2 Contact IDs contains "12ab", which is not a v2 ID');
	expect(cc.api()).toEqual([]);
});
