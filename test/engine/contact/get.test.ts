/**
 * Contact → Get through n8n's engine: `GET /contacts/{id}` or, by e-mail, one `GET /contacts?email=`.
 */
import { UNKNOWN_ID, byEmail, byId, contactOp, useContactFakes } from './helpers';

const cc = useContactFakes();

const ALL_INCLUDE = 'custom_fields,list_memberships,phone_numbers,street_addresses,taggings';

function seedAda() {
	const s = cc.fakes.admin.seed({
		lists: [{ name: 'Newsletter' }],
		tags: [{ name: 'VIP' }],
		customFields: [{ label: 'Favorite Color', type: 'string' }],
		contacts: [
			{
				email: 'ada@example.com',
				first_name: 'Ada',
				last_name: 'Lovelace',
				permission_to_send: 'explicit',
				list_names: ['Newsletter'],
				tag_names: ['VIP'],
				custom_fields: { 'Favorite Color': 'green' },
				phone_numbers: [{ phone_number: '+1 555 0100', kind: 'home' }],
				street_addresses: [{ kind: 'work', street: '1 Main St', city: 'Austin' }],
			},
		],
	});
	return {
		id: s.contacts[0].contact_id as string,
		list: s.lists[0].list_id as string,
		tag: s.tags[0].tag_id as string,
		color: s.customFields[0].custom_field_id as string,
	};
}

describe('get', () => {
	test('by ID, with the default Include, shows the sub-resources', async () => {
		const s = seedAda();
		const result = await cc.run(contactOp('get', { contact: byId(s.id) }));

		expect(result.error).toBeUndefined();
		expect(cc.api().map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([`GET /v3/contacts/${s.id} 200`]);
		expect(cc.api()[0].query).toEqual({ include: ALL_INCLUDE });
		expect(result.items).toHaveLength(1);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		const json = result.items[0].json;
		expect(json).toMatchObject({
			contact_id: s.id,
			email_address: expect.objectContaining({ address: 'ada@example.com', permission_to_send: 'explicit' }),
			first_name: 'Ada',
			last_name: 'Lovelace',
			list_memberships: [s.list],
			taggings: [s.tag],
			custom_fields: [{ custom_field_id: s.color, value: 'green' }],
			phone_numbers: [expect.objectContaining({ kind: 'home', phone_number: '+1 555 0100' })],
			street_addresses: [expect.objectContaining({ kind: 'work', street: '1 Main St', city: 'Austin' })],
		});
		expect(json).not.toHaveProperty('notes');
	});

	test('Include narrowed to one part asks only for that part', async () => {
		const s = seedAda();
		const result = await cc.run(contactOp('get', { contact: byId(s.id), options: { include: ['taggings'] } }));
		expect(result.error).toBeUndefined();
		expect(cc.api()[0].query).toEqual({ include: 'taggings' });
		expect(result.items[0].json.taggings).toEqual([s.tag]);
		expect(result.items[0].json).not.toHaveProperty('list_memberships');
	});

	test('by e-mail finds the contact with one request', async () => {
		const s = seedAda();
		const result = await cc.run(contactOp('get', { contact: byEmail('ADA@example.com') }));

		expect(result.error).toBeUndefined();
		const api = cc.api();
		expect(api.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual(['GET /v3/contacts 200']);
		expect(api[0].query).toEqual({ email: 'ADA@example.com', status: 'all', limit: '1', include: ALL_INCLUDE });
		expect(result.items).toHaveLength(1);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[0].json).toMatchObject({
			contact_id: s.id,
			first_name: 'Ada',
			list_memberships: [s.list],
			phone_numbers: [expect.objectContaining({ phone_number: '+1 555 0100' })],
		});
	});

	test('an e-mail with "+" and "&" is sent encoded and finds its contact', async () => {
		const s = cc.fakes.admin.seed({
			contacts: [
				{ email: 'first+tag@example.com', first_name: 'Plus' },
				{ email: 'first tag@example.com', first_name: 'Space' },
				{ email: 'sales&co@example.com', first_name: 'Amp' },
			],
		});
		const plus = await cc.run(contactOp('get', { contact: byEmail('first+tag@example.com') }));
		expect(plus.error).toBeUndefined();
		expect(plus.items[0].json).toMatchObject({ contact_id: s.contacts[0].contact_id, first_name: 'Plus' });
		const amp = await cc.run(contactOp('get', { contact: byEmail('sales&co@example.com') }));
		expect(amp.error).toBeUndefined();
		expect(amp.items[0].json).toMatchObject({ contact_id: s.contacts[2].contact_id, first_name: 'Amp' });
		expect(cc.api().map((e) => e.query.email)).toEqual(['first+tag@example.com', 'sales&co@example.com']);
	});

	test('an unknown ID fails with 404 and a plain message', async () => {
		seedAda();
		const result = await cc.run(contactOp('get', { contact: byId(UNKNOWN_ID) }));

		expect(result.status).toBe('error');
		expect(result.items).toEqual([]);
		const error = result.error as any;
		expect(error.message).toBe(`Contact ${UNKNOWN_ID} does not exist in this Constant Contact account`);
		expect(error.httpCode).toBe('404');
		expect(error.context.itemIndex).toBe(0);
		expect(error.description).toContain(`HTTP 404 for GET /contacts/${UNKNOWN_ID}`);
		expect(cc.api().map((e) => e.status)).toEqual([404]);
	});

	test('an unknown e-mail fails with "no contact with e-mail … exists"', async () => {
		seedAda();
		const result = await cc.run(contactOp('get', { contact: byEmail('nobody@example.com') }));

		expect(result.status).toBe('error');
		const error = result.error as any;
		expect(error.message).toBe('No contact with e-mail nobody@example.com exists');
		expect(error.context.itemIndex).toBe(0);
		expect(cc.calls()).toEqual(['GET /v3/contacts']);
	});

	test('a deleted contact is found by e-mail (with deleted_at)', async () => {
		const s = cc.fakes.admin.seed({ contacts: [{ email: 'deleted@example.com', first_name: 'Del', deleted: true }] });
		const result = await cc.run(contactOp('get', { contact: byEmail('deleted@example.com') }));

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			contact_id: s.contacts[0].contact_id,
			first_name: 'Del',
			deleted_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
		});
		expect(cc.api()[0].query).toMatchObject({ status: 'all' });
	});

	test('a typed ID that is not a UUID: n8n refuses to start the workflow (the locator’s validation)', async () => {
		await expect(cc.run(contactOp('get', { contact: byId('ada@example.com') }))).rejects.toThrow(
			/node has issues[\s\S]*Not a Constant Contact contact ID/,
		);
		expect(cc.api()).toEqual([]);
	});

	test('a mapped ID that is not a UUID fails in the node before any request', async () => {
		const result = await cc.run(contactOp('get', { contact: byId('={{ $json.id }}') }), {
			inputItems: [{ id: 'ada@example.com' }],
		});
		expect(result.status).toBe('error');
		expect(result.error!.message).toBe('Contact "ada@example.com" is not a Constant Contact ID');
		expect(cc.api()).toEqual([]);
	});

	test('several items: one output per item, in order', async () => {
		const a = seedAda();
		const b = cc.fakes.admin.seed({ contacts: [{ email: 'bob@example.com', first_name: 'Bob' }] }).contacts[0];
		const result = await cc.run(contactOp('get', { contact: byEmail('={{ $json.email }}') }), {
			inputItems: [{ email: 'bob@example.com' }, { email: 'ada@example.com' }],
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.pairedItem, i.json.contact_id])).toEqual([
			[{ item: 0 }, b.contact_id],
			[{ item: 1 }, a.id],
		]);
	});
});
