/**
 * Contact → Import through n8n's engine: all items of the run become rows of Constant Contact's
 * JSON import, split by lists, 40,000 rows and 4 MB; one output item per input item.
 */
import path from 'node:path';
import type { INodeParameters } from 'n8n-workflow';

import { contactOp, useContactFakes } from './helpers';

const cc = useContactFakes();

/** The node's import module from the build (the instance the node uses), to shrink its limits. */
const importModule = require(path.resolve(__dirname, '../../../dist/nodes/ConstantContact/resources/contact/import.js'));
const savedLimits = { ...importModule.IMPORT_LIMITS };
afterEach(() => Object.assign(importModule.IMPORT_LIMITS, savedLimits));

function seed() {
	const s = cc.fakes.admin.seed({
		lists: [{ name: 'Imported' }, { name: 'Other' }],
		customFields: [{ label: 'Favorite Color', type: 'string' }],
	});
	return { lists: s.lists.map((l: any) => l.list_id) as string[], colorId: s.customFields[0].custom_field_id as string };
}

const importParams = (lists: string | string[], extra: INodeParameters = {}) =>
	contactOp('import', { email: '={{ $json.email }}', lists, additionalFields: {}, ...extra });

const imports = () => cc.api().filter((e) => e.method === 'POST' && e.path === '/v3/activities/contacts_json_import');

describe('import', () => {
	test('rows carry every mapped field; one request; new contacts get implicit permission', async () => {
		const { lists, colorId } = seed();
		const result = await cc.run(
			importParams([lists[0]], {
				additionalFields: {
					firstName: '={{ $json.first }}',
					jobTitle: 'Engineer',
					birthdayMonth: 4,
					birthdayDay: 2,
					anniversary: '2020-01-31',
					phoneNumbers: { phone: [{ kind: 'mobile', number: '+1 555 0100' }] },
					streetAddresses: {
						address: [
							{ kind: 'home', street: '1 Main St', city: 'Austin', state: 'TX', postalCode: '78701', country: 'US' },
							{ kind: 'work', street: '2 Office Rd', city: 'Dallas' },
						],
					},
					customFields: { field: [{ id: colorId, value: 'green' }] },
				},
			}),
			{ inputItems: [{ email: 'a@example.com', first: 'Ann' }, { email: 'b@example.com', first: 'Bob' }] },
		);

		expect(result.error).toBeUndefined();
		expect(imports()).toHaveLength(1);
		const row = (first: string, email: string) => ({
			email,
			first_name: first,
			job_title: 'Engineer',
			birthday_month: 4,
			birthday_day: 2,
			anniversary: '2020-01-31',
			mobile_phone: '+1 555 0100',
			street: '1 Main St',
			city: 'Austin',
			state: 'TX',
			zip: '78701',
			country: 'US',
			work_street: '2 Office Rd',
			work_city: 'Dallas',
			'cf:Favorite_Color': 'green',
		});
		expect(imports()[0].body).toEqual({
			import_data: [row('Ann', 'a@example.com'), row('Bob', 'b@example.com')],
			list_ids: [lists[0]],
		});
		expect(result.items.map((i) => [i.json.email, i.json.status, i.pairedItem])).toEqual([
			['a@example.com', 'imported', { item: 0 }],
			['b@example.com', 'imported', { item: 1 }],
		]);
		const stored = cc.storedByEmail('a@example.com')!;
		expect((stored.email_address as any).permission_to_send).toBe('implicit');
		expect(stored.list_memberships).toEqual([lists[0]]);
	});

	test('a bad row is reported on its own item and the good rows are still imported', async () => {
		const { lists } = seed();
		const result = await cc.run(importParams([lists[0]]), {
			inputItems: [{ email: 'good1@example.com' }, { email: 'not-an-email' }, { email: 'good2@example.com' }],
		});
		expect(result.error).toBeUndefined();
		expect(imports()[0].body.import_data.map((r: any) => r.email)).toEqual(['good1@example.com', 'good2@example.com']);
		expect(result.items.map((i) => i.json.status)).toEqual(['imported', 'rejected', 'imported']);
		expect(result.items[1].json.error).toBe('Email "not-an-email" is not a valid e-mail address');
		expect(cc.storedByEmail('good2@example.com')).toBeDefined();
	});

	test('items with different lists go into separate requests', async () => {
		const { lists } = seed();
		const result = await cc.run(importParams('={{ $json.list }}'), {
			inputItems: [
				{ email: 'x1@example.com', list: lists[0] },
				{ email: 'y1@example.com', list: lists[1] },
				{ email: 'x2@example.com', list: lists[0] },
			],
		});
		expect(result.error).toBeUndefined();
		expect(imports().map((p) => [p.body.list_ids, p.body.import_data.map((r: any) => r.email)])).toEqual([
			[[lists[0]], ['x1@example.com', 'x2@example.com']],
			[[lists[1]], ['y1@example.com']],
		]);
	});

	test('requests are cut at the row limit and at the byte limit, and no row is lost', async () => {
		const { lists } = seed();
		const inputItems = Array.from({ length: 7 }, (_, n) => ({ email: `cut${n}@example.com` }));

		importModule.IMPORT_LIMITS.rows = 3;
		let result = await cc.run(importParams([lists[0]]), { inputItems });
		expect(result.error).toBeUndefined();
		expect(imports().map((p) => p.body.import_data.length)).toEqual([3, 3, 1]);

		cc.fakes.admin.reset();
		seed();
		const fresh = cc.fakes.store.lists ? [...cc.fakes.store.lists.values()][0].list_id : lists[0];
		importModule.IMPORT_LIMITS.rows = savedLimits.rows;
		importModule.IMPORT_LIMITS.bytes = 150; // a row here is about 30 bytes
		result = await cc.run(importParams([fresh]), { inputItems });
		expect(result.error).toBeUndefined();
		for (const request of imports()) expect(Buffer.byteLength(JSON.stringify(request.body))).toBeLessThanOrEqual(150);
		expect(imports().flatMap((p) => p.body.import_data.map((r: any) => r.email))).toEqual(inputItems.map((i) => i.email));
		expect(result.items.every((i) => i.json.status === 'imported')).toBe(true);
	});

	test('10,000 items: one request, 10,000 contacts', async () => {
		const { lists } = seed();
		const inputItems = Array.from({ length: 10_000 }, (_, n) => ({ email: `bulk${n}@example.com` }));
		const result = await cc.run(importParams([lists[0]]), { inputItems });
		expect(result.error).toBeUndefined();
		expect(imports()).toHaveLength(1);
		expect(result.items).toHaveLength(10_000);
		expect(result.items.filter((i) => i.json.status === 'imported')).toHaveLength(10_000);
		expect(cc.fakes.store.contacts.size).toBe(10_000);
	});

	test('without waiting, the items say "queued" with the job ID', async () => {
		const { lists } = seed();
		const result = await cc.run(importParams([lists[0]], { options: { waitForCompletion: false } }), {
			inputItems: [{ email: 'q@example.com' }],
		});
		expect(result.items[0].json).toMatchObject({ email: 'q@example.com', status: 'queued', state: 'processing' });
		expect(result.items[0].json.activity_id).toMatch(/^[0-9a-f-]{36}$/);
	});

	test('an unknown list name stops the node after one read of the lists, before any import', async () => {
		seed();
		const result = await cc.run(importParams('={{ $json.list }}'), { inputItems: [{ email: 'a@example.com', list: 'No such list' }] });
		expect(result.error!.message).toBe('List Names or IDs contains "No such list", which is not the name of a list in this Constant Contact account');
		expect(cc.calls()).toEqual(['GET /v3/contact_lists']);
	});

	test("a row error is reported on that row only, not on an address that merely contains it", async () => {
		const names = Array.from({ length: 51 }, (_, n) => ({ name: `L${n}` }));
		const s = cc.fakes.admin.seed({
			lists: names,
			contacts: [{ email: 'joann@example.com', list_names: names.slice(0, 50).map((l) => l.name) }],
		});
		const extra = s.lists[50].list_id;
		const result = await cc.run(importParams([extra]), {
			inputItems: [{ email: 'ann@example.com' }, { email: 'joann@example.com' }],
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.status)).toEqual(['imported', 'failed']);
		expect(result.items[1].json.error).toMatch(/joann@example\.com/);
		expect(cc.storedByEmail('ann@example.com')!.list_memberships).toEqual([extra]);
	});
});
