/**
 * Contact → Update through n8n's engine: GET the contact, merge, `PUT /contacts/{id}`.
 * Constant Contact's PUT replaces every top-level field (what is left out becomes empty), so the
 * body must carry every existing field; sub-resources are sent only when they change.
 */
import { byEmail, byId, contactOp, useContactFakes } from './helpers';

const cc = useContactFakes();

interface Full {
	id: string;
	lists: string[];
	tag: string;
	color: string;
	memberSince: string;
}

function seedFull(): Full {
	const s = cc.fakes.admin.seed({
		lists: [{ name: 'Newsletter' }, { name: 'Customers' }],
		tags: [{ name: 'VIP' }],
		customFields: [
			{ label: 'Favorite Color', type: 'string' },
			{ label: 'Member Since', type: 'date' },
		],
		contacts: [
			{
				email: 'ada@example.com',
				first_name: 'Ada',
				last_name: 'Lovelace',
				job_title: 'Analyst',
				company_name: 'Analytical Engines',
				birthday_month: 12,
				birthday_day: 10,
				anniversary: '2015-05-05',
				permission_to_send: 'explicit',
				list_names: ['Newsletter', 'Customers'],
				tag_names: ['VIP'],
				custom_fields: { 'Favorite Color': 'green', 'Member Since': '2020-01-01' },
				phone_numbers: [
					{ kind: 'home', phone_number: '+1 555 0001' },
					{ kind: 'work', phone_number: '+1 555 0002' },
				],
				street_addresses: [{ kind: 'home', street: '1 Main St', city: 'Austin', state: 'TX', postal_code: '78701', country: 'US' }],
				notes: [{ content: 'Met at the conference' }],
			},
			{ email: 'other@example.com', first_name: 'Other' },
		],
	});
	return {
		id: s.contacts[0].contact_id,
		lists: s.lists.map((l: any) => l.list_id),
		tag: s.tags[0].tag_id,
		color: s.customFields[0].custom_field_id,
		memberSince: s.customFields[1].custom_field_id,
	};
}

/** The top-level fields the seeded contact has, as a PUT must echo them. */
const EXISTING_TOP_LEVEL = {
	update_source: 'Account',
	first_name: 'Ada',
	last_name: 'Lovelace',
	job_title: 'Analyst',
	company_name: 'Analytical Engines',
	birthday_month: 12,
	birthday_day: 10,
	anniversary: '2015-05-05',
	email_address: { address: 'ada@example.com', permission_to_send: 'explicit' },
};

const phones = (contact: any) => contact.phone_numbers.map((p: any) => [p.kind, p.phone_number]);

describe('update', () => {
	test('the PUT carries every existing top-level field plus the change, and no unchanged sub-resource', async () => {
		const s = seedFull();
		const before = cc.stored(s.id)!;

		const result = await cc.run(contactOp('update', { contact: byId(s.id), updateFields: { lastName: 'Byron' } }));

		expect(result.error).toBeUndefined();
		const api = cc.api();
		expect(api.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
			`GET /v3/contacts/${s.id} 200`,
			`PUT /v3/contacts/${s.id} 200`,
		]);
		expect(api[0].query).toEqual({}); // nothing to merge: no sub-resources needed
		expect(api[1].body).toEqual({ ...EXISTING_TOP_LEVEL, last_name: 'Byron' });

		expect(result.items).toHaveLength(1);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[0].json).toMatchObject({ contact_id: s.id, first_name: 'Ada', last_name: 'Byron', job_title: 'Analyst' });

		// Everything else the contact had is still there.
		const after = cc.stored(s.id)!;
		for (const key of ['first_name', 'job_title', 'company_name', 'birthday_month', 'birthday_day', 'anniversary', 'create_source']) {
			expect(after[key]).toEqual(before[key]);
		}
		for (const key of ['list_memberships', 'taggings', 'custom_fields', 'phone_numbers', 'street_addresses', 'notes']) {
			expect(after[key]).toEqual(before[key]);
		}
		expect(after.email_address).toMatchObject({ address: 'ada@example.com', permission_to_send: 'explicit' });
		expect(after.update_source).toBe('Account');
	});

	test('after the update a Get shows the untouched fields intact', async () => {
		const s = seedFull();
		const update = await cc.run(
			contactOp('update', { contact: byId(s.id), updateFields: { jobTitle: 'Countess', companyName: 'Babbage & Co' } }),
		);
		expect(update.error).toBeUndefined();

		const get = await cc.run(contactOp('get', { contact: byId(s.id) }));
		expect(get.error).toBeUndefined();
		expect(get.items[0].json).toMatchObject({
			contact_id: s.id,
			email_address: expect.objectContaining({ address: 'ada@example.com', permission_to_send: 'explicit' }),
			first_name: 'Ada',
			last_name: 'Lovelace',
			job_title: 'Countess',
			company_name: 'Babbage & Co',
			birthday_month: 12,
			birthday_day: 10,
			anniversary: '2015-05-05',
			list_memberships: s.lists,
			taggings: [s.tag],
			custom_fields: [
				{ custom_field_id: s.color, value: 'green' },
				{ custom_field_id: s.memberSince, value: '2020-01-01' },
			],
			street_addresses: [expect.objectContaining({ kind: 'home', street: '1 Main St', city: 'Austin' })],
		});
		expect(phones(get.items[0].json)).toEqual([
			['home', '+1 555 0001'],
			['work', '+1 555 0002'],
		]);
	});

	test('phone numbers are merged by kind: the home and work phones survive when a mobile is set', async () => {
		const s = seedFull();
		const result = await cc.run(
			contactOp('update', {
				contact: byId(s.id),
				updateFields: { phoneNumbers: { phone: [{ kind: 'mobile', number: '+1 555 0003' }] } },
			}),
		);

		expect(result.error).toBeUndefined();
		const [get, put] = cc.api();
		expect(get.query).toEqual({ include: 'phone_numbers' });
		expect(put.body).toEqual({
			...EXISTING_TOP_LEVEL,
			phone_numbers: [
				{ kind: 'home', phone_number: '+1 555 0001' },
				{ kind: 'work', phone_number: '+1 555 0002' },
				{ kind: 'mobile', phone_number: '+1 555 0003' },
			],
		});
		expect(phones(cc.stored(s.id))).toEqual([
			['home', '+1 555 0001'],
			['work', '+1 555 0002'],
			['mobile', '+1 555 0003'],
		]);
	});

	test('a phone number of an existing kind replaces that one only', async () => {
		const s = seedFull();
		const result = await cc.run(
			contactOp('update', {
				contact: byId(s.id),
				updateFields: { phoneNumbers: { phone: [{ kind: 'home', number: '+1 555 9999' }] } },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(cc.api()[1].body.phone_numbers).toEqual([
			{ kind: 'home', phone_number: '+1 555 9999' },
			{ kind: 'work', phone_number: '+1 555 0002' },
		]);
		expect(phones(cc.stored(s.id))).toEqual([
			['home', '+1 555 9999'],
			['work', '+1 555 0002'],
		]);
	});

	test('a street address is merged by kind: the home address survives when a work address is set', async () => {
		const s = seedFull();
		const result = await cc.run(
			contactOp('update', {
				contact: byId(s.id),
				updateFields: { streetAddresses: { address: [{ kind: 'work', street: '2 Office Rd', city: 'Dallas' }] } },
			}),
		);
		expect(result.error).toBeUndefined();
		const [get, put] = cc.api();
		expect(get.query).toEqual({ include: 'street_addresses' });
		expect(put.body.street_addresses).toEqual([
			{ kind: 'home', street: '1 Main St', city: 'Austin', state: 'TX', postal_code: '78701', country: 'US' },
			{ kind: 'work', street: '2 Office Rd', city: 'Dallas' },
		]);
		expect((cc.stored(s.id)!.street_addresses as any[]).map((a) => [a.kind, a.city])).toEqual([
			['home', 'Austin'],
			['work', 'Dallas'],
		]);
	});

	test('custom fields are merged by ID: the changed one gets its new value, the other keeps its own', async () => {
		const s = seedFull();
		const result = await cc.run(
			contactOp('update', {
				contact: byId(s.id),
				updateFields: { customFields: { field: [{ id: s.color, value: 'blue' }] } },
			}),
		);
		expect(result.error).toBeUndefined();
		const [fields, get, put] = cc.api();
		expect(fields.path).toBe('/v3/contact_custom_fields');
		expect(get.query).toEqual({ include: 'custom_fields' });
		expect(put.body).toEqual({
			...EXISTING_TOP_LEVEL,
			custom_fields: [
				{ custom_field_id: s.color, value: 'blue' },
				{ custom_field_id: s.memberSince, value: '2020-01-01' },
			],
		});
		expect(cc.stored(s.id)!.custom_fields).toEqual([
			{ custom_field_id: s.color, value: 'blue' },
			{ custom_field_id: s.memberSince, value: '2020-01-01' },
		]);
	});

	test('custom fields merged by ID keep the choices of an untouched select field', async () => {
		// A multi-select custom field holds its value in `choice_ids` (spec def ContactCustomField),
		// not in `value`. Changing another custom field must send it back unchanged.
		const fields = cc.fakes.admin.seed({
			customFields: [
				{ label: 'Interests', type: 'multi_select', choices: [{ choice_label: 'Books' }, { choice_label: 'Music' }] },
				{ label: 'Favorite Color', type: 'string' },
			],
		}).customFields;
		const [interests, color] = fields.map((f: any) => f.custom_field_id);
		const id = cc.fakes.admin.seed({
			contacts: [
				{
					email: 'reader@example.com',
					first_name: 'Reader',
					custom_fields: [
						{ custom_field_id: interests, choice_ids: ['1', '2'] },
						{ custom_field_id: color, value: 'green' },
					],
				},
			],
		}).contacts[0].contact_id;

		const result = await cc.run(
			contactOp('update', { contact: byId(id), updateFields: { customFields: { field: [{ id: color, value: 'blue' }] } } }),
		);

		expect(result.error).toBeUndefined();
		expect(cc.api()[2].body.custom_fields).toEqual([
			{ custom_field_id: interests, choice_ids: ['1', '2'] },
			{ custom_field_id: color, value: 'blue' },
		]);
		expect(cc.stored(id)!.custom_fields).toEqual([
			{ custom_field_id: interests, choice_ids: ['1', '2'] },
			{ custom_field_id: color, value: 'blue' },
		]);
	});

	test('by e-mail: one search (no second read), then the PUT', async () => {
		const s = seedFull();
		const result = await cc.run(
			contactOp('update', {
				contact: byEmail('ada@example.com'),
				updateFields: { firstName: 'Augusta', phoneNumbers: { phone: [{ kind: 'other', number: '+1 555 0004' }] } },
			}),
		);
		expect(result.error).toBeUndefined();
		const api = cc.api();
		expect(api.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /v3/contacts', `PUT /v3/contacts/${s.id}`]);
		expect(api[0].query).toEqual({ email: 'ada@example.com', status: 'all', limit: '1', include: 'phone_numbers' });
		expect(api[1].body).toEqual({
			...EXISTING_TOP_LEVEL,
			first_name: 'Augusta',
			phone_numbers: [
				{ kind: 'home', phone_number: '+1 555 0001' },
				{ kind: 'work', phone_number: '+1 555 0002' },
				{ kind: 'other', phone_number: '+1 555 0004' },
			],
		});
		expect(result.items[0].json).toMatchObject({ contact_id: s.id, first_name: 'Augusta', last_name: 'Lovelace' });
	});

	test('a new e-mail address is sent with the current permission', async () => {
		const s = seedFull();
		const result = await cc.run(contactOp('update', { contact: byId(s.id), updateFields: { email: 'ada.new@example.com' } }));
		expect(result.error).toBeUndefined();
		expect(cc.api()[1].body).toEqual({
			...EXISTING_TOP_LEVEL,
			email_address: { address: 'ada.new@example.com', permission_to_send: 'explicit' },
		});
		expect(cc.stored(s.id)!.email_address).toMatchObject({ address: 'ada.new@example.com' });
		expect(cc.storedByEmail('ada@example.com')).toBeUndefined();
	});

	test('empty Update Fields fails before any request', async () => {
		const s = seedFull();
		const result = await cc.run(contactOp('update', { contact: byId(s.id), updateFields: {} }));
		expect(result.status).toBe('error');
		expect(result.items).toEqual([]);
		expect(result.error!.message).toBe('Update Fields is empty');
		expect((result.error as any).context.itemIndex).toBe(0);
		expect(cc.api()).toEqual([]);
	});

	test('a new e-mail address that another contact uses fails with the 409 message; nothing changes', async () => {
		const s = seedFull();
		const before = cc.stored(s.id);
		const result = await cc.run(
			contactOp('update', { contact: byId(s.id), updateFields: { email: 'other@example.com', lastName: 'Changed' } }),
		);

		expect(result.status).toBe('error');
		const error = result.error as any;
		expect(error.message).toBe('Another contact already uses this e-mail address');
		expect(error.httpCode).toBe('409');
		expect(error.context.itemIndex).toBe(0);
		expect(cc.api().map((e) => `${e.method} ${e.status}`)).toEqual(['GET 200', 'PUT 409']);
		expect(cc.stored(s.id)).toEqual(before);
	});

	test('a fourth phone number fails after reading the contact and before the PUT', async () => {
		const s = seedFull();
		const result = await cc.run(
			contactOp('update', {
				contact: byId(s.id),
				updateFields: {
					phoneNumbers: {
						phone: [
							{ kind: 'mobile', number: '+1 555 0003' },
							{ kind: 'other', number: '+1 555 0004' },
						],
					},
				},
			}),
		);
		expect(result.status).toBe('error');
		expect(result.error!.message).toBe('Phone Numbers would give the contact more than 3 numbers');
		expect(cc.calls()).toEqual([`GET /v3/contacts/${s.id}`]);
	});

	test('a new address of a kind replaces the old one entirely: no parts of the old address linger', async () => {
		const s = seedFull();
		const result = await cc.run(
			contactOp('update', {
				contact: byId(s.id),
				updateFields: { streetAddresses: { address: [{ kind: 'home', street: '9 New Rd', city: 'Boston' }] } },
			}),
		);
		expect(result.error).toBeUndefined();
		const put = cc.api().find((e) => e.method === 'PUT')!;
		expect(put.body.street_addresses).toEqual([{ kind: 'home', street: '9 New Rd', city: 'Boston' }]);
		const stored = cc.stored(s.id)!.street_addresses as any[];
		expect(stored).toHaveLength(1);
		expect(stored[0]).toMatchObject({ kind: 'home', street: '9 New Rd', city: 'Boston' });
		expect(stored[0].state ?? null).toBeNull();
		expect(stored[0].postal_code ?? null).toBeNull();
	});

	test('only the birthday month: the day on record completes it', async () => {
		const s = seedFull();
		const result = await cc.run(contactOp('update', { contact: byId(s.id), updateFields: { birthdayMonth: 3 } }));
		expect(result.error).toBeUndefined();
		const put = cc.api().find((e) => e.method === 'PUT')!;
		expect(put.body).toMatchObject({ birthday_month: 3, birthday_day: 10 });
		expect(cc.stored(s.id)).toMatchObject({ birthday_month: 3, birthday_day: 10 });
	});

	test('only the birthday month for a contact without a birthday: fails before the PUT, naming the missing day', async () => {
		const s = seedFull();
		const other = cc.storedByEmail('other@example.com')!;
		const result = await cc.run(
			contactOp('update', { contact: byId(String(other.contact_id)), updateFields: { birthdayMonth: 3 } }),
		);
		expect(result.error!.message).toBe('Birthday Day is missing');
		expect(cc.calls()).toEqual([`GET /v3/contacts/${String(other.contact_id)}`]);
		expect(s.id).toBeTruthy();
	});

	test('a birthday month out of range alone fails before any request', async () => {
		const s = seedFull();
		const result = await cc.run(contactOp('update', { contact: byId(s.id), updateFields: { birthdayMonth: 13 } }));
		expect(result.error!.message).toBe('Update Fields → Birthday Month is 13; it takes a whole number from 1 to 12');
		expect(cc.calls()).toEqual([]);
	});

	test('a deleted contact is not revived by an update: error, and no PUT', async () => {
		const s = seedFull();
		const del = await cc.run(contactOp('delete', { contact: byId(s.id) }));
		expect(del.error).toBeUndefined();
		const result = await cc.run(contactOp('update', { contact: byEmail('ada@example.com'), updateFields: { firstName: 'Zed' } }));
		expect(result.status).toBe('error');
		expect(result.error!.message).toMatch(new RegExp(`^Contact ${s.id} was deleted on \\d{4}-\\d{2}-\\d{2}`));
		expect((result.error as any).description).toMatch(/Create or Update/);
		expect(cc.api().some((e) => e.method === 'PUT')).toBe(false);
		expect(cc.stored(s.id)!.deleted_at).toBeTruthy();
	});

	test('a permission Constant Contact manages (pending confirmation) is not echoed back', async () => {
		const s = cc.fakes.admin.seed({
			contacts: [{ email: 'pending@example.com', first_name: 'Pat', permission_to_send: 'pending_confirmation' }],
		});
		const id = s.contacts[0].contact_id;
		const result = await cc.run(contactOp('update', { contact: byId(id), updateFields: { lastName: 'Doe' } }));
		expect(result.error).toBeUndefined();
		const put = cc.api().find((e) => e.method === 'PUT')!;
		expect(put.body.email_address).toEqual({ address: 'pending@example.com' });
	});
});
