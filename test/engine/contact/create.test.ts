/**
 * Contact → Create through n8n's engine against the fake API: `POST /contacts`.
 */
import { transport } from '../harness';
import { UNKNOWN_ID, byId, contactOp, useContactFakes } from './helpers';

const cc = useContactFakes();

interface Seeded {
	listA: string;
	listB: string;
	tag: string;
	color: string;
	memberSince: string;
}

function seed(): Seeded {
	const s = cc.fakes.admin.seed({
		lists: [{ name: 'Newsletter' }, { name: 'Customers' }],
		tags: [{ name: 'VIP' }],
		customFields: [
			{ label: 'Favorite Color', type: 'string' },
			{ label: 'Member Since', type: 'date' },
		],
	});
	return {
		listA: s.lists[0].list_id,
		listB: s.lists[1].list_id,
		tag: s.tags[0].tag_id,
		color: s.customFields[0].custom_field_id,
		memberSince: s.customFields[1].custom_field_id,
	};
}

describe('create', () => {
	test('maps every field into the POST body the way Constant Contact expects it', async () => {
		const s = seed();
		const result = await cc.run(
			contactOp('create', {
				email: 'ada@example.com',
				createSource: 'Contact',
				additionalFields: {
					firstName: 'Ada',
					lastName: 'Lovelace',
					jobTitle: 'Analyst',
					companyName: 'Analytical Engines',
					birthdayMonth: 12,
					birthdayDay: 10,
					anniversary: '2019-06-21',
					permissionToSend: 'explicit',
					phoneNumbers: {
						phone: [
							{ kind: 'mobile', number: '+1 555 0100' },
							{ kind: 'work', number: '+1 555 0199' },
						],
					},
					streetAddresses: {
						address: [
							{ kind: 'home', street: '1 Main St', city: 'Austin', state: 'TX', postalCode: '78701', country: 'US' },
						],
					},
					customFields: { field: [{ id: s.color, value: 'green' }] },
					lists: [s.listA, s.listB],
					tags: [s.tag],
				},
			}),
		);

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');

		const api = cc.api();
		// The account's custom fields are read once for the run: the value is checked for its field's type.
		expect(api.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual(['GET /v3/contact_custom_fields 200', 'POST /v3/contacts 201']);
		expect(api[1].query).toEqual({});
		expect(api[1].body).toEqual({
			email_address: { address: 'ada@example.com', permission_to_send: 'explicit' },
			create_source: 'Contact',
			first_name: 'Ada',
			last_name: 'Lovelace',
			job_title: 'Analyst',
			company_name: 'Analytical Engines',
			birthday_month: 12,
			birthday_day: 10,
			anniversary: '2019-06-21',
			phone_numbers: [
				{ kind: 'mobile', phone_number: '+1 555 0100' },
				{ kind: 'work', phone_number: '+1 555 0199' },
			],
			street_addresses: [
				{ kind: 'home', street: '1 Main St', city: 'Austin', state: 'TX', postal_code: '78701', country: 'US' },
			],
			list_memberships: [s.listA, s.listB],
			taggings: [s.tag],
			custom_fields: [{ custom_field_id: s.color, value: 'green' }],
		});

		// What the user sees: the created contact, paired with the one input item.
		expect(result.items).toHaveLength(1);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		const json = result.items[0].json;
		expect(json).toMatchObject({
			contact_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			email_address: expect.objectContaining({ address: 'ada@example.com', permission_to_send: 'explicit' }),
			first_name: 'Ada',
			create_source: 'Contact',
			list_memberships: [s.listA, s.listB],
			taggings: [s.tag],
		});

		// What the account now holds.
		const stored = cc.stored(json.contact_id as string)!;
		expect(stored).toMatchObject({
			email_address: expect.objectContaining({ address: 'ada@example.com', permission_to_send: 'explicit' }),
			first_name: 'Ada',
			last_name: 'Lovelace',
			job_title: 'Analyst',
			company_name: 'Analytical Engines',
			birthday_month: 12,
			birthday_day: 10,
			anniversary: '2019-06-21',
			create_source: 'Contact',
			list_memberships: [s.listA, s.listB],
			taggings: [s.tag],
			custom_fields: [{ custom_field_id: s.color, value: 'green' }],
		});
		expect((stored.phone_numbers as any[]).map((p) => [p.kind, p.phone_number])).toEqual([
			['mobile', '+1 555 0100'],
			['work', '+1 555 0199'],
		]);
		expect(stored.street_addresses).toEqual([
			expect.objectContaining({ kind: 'home', street: '1 Main St', city: 'Austin', state: 'TX', postal_code: '78701', country: 'US' }),
		]);
	});

	test('a custom field given by its name resolves to its ID, with one custom-field read per execution', async () => {
		const s = seed();
		const parameters = contactOp('create', {
			email: '={{ $json.email }}',
			createSource: 'Account',
			additionalFields: {
				customFields: {
					field: [
						// A name typed (or mapped) instead of picked from the dropdown.
						{ id: 'Favorite Color', value: '={{ $json.color }}' },
						{ id: '={{ $json.second }}', value: '2024-01-31' },
					],
				},
			},
		});
		const inputItems = [
			{ email: 'one@example.com', color: 'red', second: 'Member Since' },
			{ email: 'two@example.com', color: 'blue', second: 'member since' },
			{ email: 'three@example.com', color: 'teal', second: 'Member_Since' },
		];

		const result = await cc.run(parameters, { inputItems });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items.map((i) => (i.json.email_address as any).address)).toEqual([
			'one@example.com',
			'two@example.com',
			'three@example.com',
		]);

		// One read of the account's custom fields for all three items, at the endpoint's page size.
		const api = cc.api();
		expect(api.map((e) => `${e.method} ${e.path}`)).toEqual([
			'GET /v3/contact_custom_fields',
			'POST /v3/contacts',
			'POST /v3/contacts',
			'POST /v3/contacts',
		]);
		expect(api[0].query).toEqual({ limit: '100' });
		expect(api.slice(1).map((e) => e.body.custom_fields)).toEqual([
			[
				{ custom_field_id: s.color, value: 'red' },
				{ custom_field_id: s.memberSince, value: '2024-01-31' },
			],
			[
				{ custom_field_id: s.color, value: 'blue' },
				{ custom_field_id: s.memberSince, value: '2024-01-31' },
			],
			[
				{ custom_field_id: s.color, value: 'teal' },
				{ custom_field_id: s.memberSince, value: '2024-01-31' },
			],
		]);
		expect(cc.storedByEmail('two@example.com')!.custom_fields).toEqual([
			{ custom_field_id: s.color, value: 'blue' },
			{ custom_field_id: s.memberSince, value: '2024-01-31' },
		]);

		// The next execution reads them again (the account may have changed in between): once.
		const again = await cc.run(parameters, {
			inputItems: [
				{ email: 'four@example.com', color: 'gold', second: 'Member Since' },
				{ email: 'five@example.com', color: 'gray', second: 'Member Since' },
			],
		});
		expect(again.error).toBeUndefined();
		expect(cc.calls().filter((c) => c === 'GET /v3/contact_custom_fields')).toHaveLength(2);
		expect(cc.calls()).toHaveLength(4 + 3);
	});

	test('custom fields given by ID: one read of the account’s custom fields per run, for their types', async () => {
		const s = seed();
		const result = await cc.run(
			contactOp('create', {
				email: 'byid@example.com',
				createSource: 'Account',
				additionalFields: { customFields: { field: [{ id: s.memberSince, value: '2020-02-02' }] } },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(cc.calls()).toEqual(['GET /v3/contact_custom_fields', 'POST /v3/contacts']);
		expect(cc.api()[1].body.custom_fields).toEqual([{ custom_field_id: s.memberSince, value: '2020-02-02' }]);
	});

	test('an unknown custom field name fails before the contact is created', async () => {
		seed();
		const result = await cc.run(
			contactOp('create', {
				email: 'nofield@example.com',
				createSource: 'Account',
				additionalFields: { customFields: { field: [{ id: 'Shoe Size', value: '42' }] } },
			}),
		);
		expect(result.status).toBe('error');
		expect(result.error!.message).toBe(
			'Custom Fields → Field Name or ID "Shoe Size" is not a custom field of this Constant Contact account',
		);
		expect(result.error!.description).toContain('Favorite Color');
		expect(cc.calls()).toEqual(['GET /v3/contact_custom_fields']);
		expect(cc.storedByEmail('nofield@example.com')).toBeUndefined();
	});

	test('an existing e-mail address fails with 409 and tells the user to use Create or Update / Update', async () => {
		cc.fakes.admin.seed({ contacts: [{ email: 'taken@example.com', first_name: 'First' }] });
		const result = await cc.run(
			contactOp('create', {
				email: 'taken@example.com',
				createSource: 'Account',
				additionalFields: { firstName: 'Second' },
			}),
		);

		expect(result.status).toBe('error');
		expect(result.items).toEqual([]);
		const error = result.error as any;
		expect(error.message).toContain('taken@example.com');
		expect(error.message).toMatch(/already exists/);
		expect(error.message).toContain('"Create or Update"');
		expect(error.message).toContain('"Update"');
		expect(error.httpCode).toBe('409');
		expect(error.context.itemIndex).toBe(0);
		expect(error.description).toContain('HTTP 409 for POST /contacts');

		// One attempt (a conflict is not retried), and the existing contact is untouched.
		expect(cc.api().map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual(['POST /v3/contacts 409']);
		expect(cc.storedByEmail('taken@example.com')).toMatchObject({ first_name: 'First' });
		expect(cc.fakes.store.contacts.size).toBe(1);
	});

	test('an e-mail address of a deleted contact also fails with the 409 message', async () => {
		cc.fakes.admin.seed({ contacts: [{ email: 'gone@example.com', first_name: 'Gone', deleted: true }] });
		const result = await cc.run(contactOp('create', { email: 'gone@example.com', createSource: 'Account' }));
		expect(result.status).toBe('error');
		expect(result.error!.message).toContain('gone@example.com');
		expect(result.error!.message).toContain('deleted contacts count too');
		expect(cc.api().map((e) => e.status)).toEqual([409]);
	});

	test('empty lists, tags, phone numbers, addresses and custom fields are not sent', async () => {
		const result = await cc.run(
			contactOp('create', {
				email: 'plain@example.com',
				createSource: 'Account',
				additionalFields: {
					firstName: 'Plain',
					lists: [],
					tags: [],
					phoneNumbers: { phone: [] },
					streetAddresses: {},
					customFields: { field: [] },
				},
			}),
		);
		expect(result.error).toBeUndefined();
		expect(cc.api()[0].body).toEqual({
			email_address: { address: 'plain@example.com' },
			create_source: 'Account',
			first_name: 'Plain',
		});
		expect(result.items[0].json).toMatchObject({
			email_address: expect.objectContaining({ address: 'plain@example.com', permission_to_send: 'implicit' }),
			first_name: 'Plain',
		});
	});

	test('several items create several contacts, each output paired with its item', async () => {
		const result = await cc.run(
			contactOp('create', {
				email: '={{ $json.email }}',
				createSource: 'Account',
				additionalFields: { firstName: '={{ $json.name }}' },
			}),
			{
				inputItems: [
					{ email: 'first@example.com', name: 'First' },
					{ email: 'second@example.com', name: 'Second' },
				],
			},
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.pairedItem, i.json.first_name])).toEqual([
			[{ item: 0 }, 'First'],
			[{ item: 1 }, 'Second'],
		]);
		expect(cc.api().map((e) => e.body.email_address.address)).toEqual(['first@example.com', 'second@example.com']);
		expect(cc.fakes.store.contacts.size).toBe(2);
	});

	test('lists and tags mapped as a comma-separated string are sent as ID arrays', async () => {
		const s = seed();
		const result = await cc.run(
			contactOp('create', {
				email: 'csv@example.com',
				createSource: 'Account',
				additionalFields: { lists: '={{ $json.lists }}', tags: '={{ $json.tags }}' },
			}),
			{ inputItems: [{ lists: `${s.listA}, ${s.listB},${s.listA}`, tags: s.tag }] },
		);
		expect(result.error).toBeUndefined();
		expect(cc.api()[0].body).toMatchObject({ list_memberships: [s.listA, s.listB], taggings: [s.tag] });
		expect(cc.storedByEmail('csv@example.com')!.list_memberships).toEqual([s.listA, s.listB]);
	});

	test('when the answer to the create is lost and the retry hits 409, the contact the first attempt made is returned', async () => {
		const s = seed();
		const saved = transport.transportSettings.backoffBaseMs;
		transport.transportSettings.backoffBaseMs = 5;
		// The contact is created, but the client gets a 500 instead of the 201.
		cc.fakes.faults.push({ match: { method: 'POST', pathPrefix: '/contacts' }, kind: 'afterHandle', status: 500 });
		let result;
		try {
			result = await cc.run(
				contactOp('create', {
					email: 'lost@example.com',
					createSource: 'Account',
					additionalFields: { firstName: 'Lost', lists: [s.listA] },
				}),
			);
		} finally {
			transport.transportSettings.backoffBaseMs = saved;
		}

		expect(result.error).toBeUndefined();
		const api = cc.api();
		expect(api.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
			'POST /v3/contacts 500',
			'POST /v3/contacts 409',
			'GET /v3/contacts 200',
		]);
		expect(api[2].query).toEqual({
			email: 'lost@example.com',
			status: 'all',
			limit: '1',
			include: 'custom_fields,list_memberships,phone_numbers,street_addresses,taggings',
		});
		expect(cc.fakes.store.contacts.size).toBe(1);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			contact_id: cc.storedByEmail('lost@example.com')!.contact_id,
			first_name: 'Lost',
			list_memberships: [s.listA],
		});
	});
});

describe('values of typed custom fields are checked before any write (Create, Update, Create or Update)', () => {
	function seedTyped() {
		const s = cc.fakes.admin.seed({
			lists: [{ name: 'Newsletter' }],
			customFields: [
				{ label: 'Member Since', type: 'date' },
				{ label: 'Visits', type: 'number', metadata: { decimal_places: 0 } },
				{ label: 'VIP', type: 'boolean' },
				{ label: 'Last Seen', type: 'datetime' },
			],
			contacts: [{ email: 'known@example.com' }],
		});
		const [since, visits, vip, seen] = s.customFields.map((f: any) => f.custom_field_id);
		return { list: s.lists[0].list_id, contact: s.contacts[0].contact_id, since, visits, vip, seen };
	}
	const customFields = (field: Array<{ id: string; value: string }>) => ({ customFields: { field } });
	const writes = (s: ReturnType<typeof seedTyped>, fields: Array<{ id: string; value: string }>) =>
		[
			['create', contactOp('create', { email: 'typed@example.com', createSource: 'Account', additionalFields: customFields(fields) })],
			['update', contactOp('update', { contact: byId(s.contact), updateFields: customFields(fields) })],
			['upsert', contactOp('upsert', { email: 'typed@example.com', lists: [s.list], additionalFields: customFields(fields) })],
		] as const;

	test.each([
		['a date field', 'next tuesday', 'since', 'Custom Fields → Member Since "next tuesday" is not a date Constant Contact accepts (the custom field holds dates)'],
		['a date field, a day that does not exist', '2026-02-30', 'since', 'Custom Fields → Member Since "2026-02-30" is not a real date (the custom field holds dates)'],
		['a number field', 'twelve', 'visits', 'Custom Fields → Visits "twelve" is not a number (the custom field holds numbers)'],
		['a number field without negatives', '-3', 'visits', 'Custom Fields → Visits "-3" is negative; the custom field does not allow negative numbers'],
		['a number field with 0 decimal places', '2.5', 'visits', 'Custom Fields → Visits "2.5" has 1 decimal places; the custom field allows 0'],
		['a yes/no field', 'yes', 'vip', 'Custom Fields → VIP "yes" is not true or false (the custom field is a yes/no field)'],
		['a date-and-time field', 'tomorrow 9am', 'seen', 'Custom Fields → Last Seen "tomorrow 9am" is not a date and time Constant Contact accepts (the custom field holds dates with times)'],
	] as const)('%s refuses %j after one read of the custom fields, with no write', async (_what, value, key, message) => {
		const s = seedTyped();
		for (const [operation, parameters] of writes(s, [{ id: s[key], value }])) {
			cc.fakes.log.length = 0;
			const result = await cc.run(parameters);
			expect([operation, result.error?.message]).toEqual([operation, message]);
			expect(cc.calls()).toEqual(['GET /v3/contact_custom_fields']);
		}
		expect(cc.storedByEmail('typed@example.com')).toBeUndefined();
	});

	test('values in the forms Constant Contact accepts are sent; a date from n8n’s date picker (ISO date-time) is sent as its date', async () => {
		const s = seedTyped();
		const result = await cc.run(
			contactOp('create', {
				email: 'typed@example.com',
				createSource: 'Account',
				additionalFields: customFields([
					{ id: s.since, value: '2026-03-01T00:00:00.000+01:00' },
					{ id: s.visits, value: '12' },
					{ id: s.vip, value: 'TRUE' },
					{ id: s.seen, value: '2026-03-01T09:30:00Z' },
				]),
			}),
		);
		expect(result.error).toBeUndefined();
		expect(cc.calls()).toEqual(['GET /v3/contact_custom_fields', 'POST /v3/contacts']);
		expect(cc.api()[1].body.custom_fields).toEqual([
			{ custom_field_id: s.since, value: '2026-03-01' },
			{ custom_field_id: s.visits, value: '12' },
			{ custom_field_id: s.vip, value: 'true' },
			{ custom_field_id: s.seen, value: '2026-03-01T09:30:00Z' },
		]);
	});

	test('a picked custom field ID that is not in the account (deleted, or another account after Reconnect) fails before the write, saying to pick it again', async () => {
		seedTyped();
		const result = await cc.run(contactOp('create', { email: 'typed@example.com', createSource: 'Account', additionalFields: customFields([{ id: UNKNOWN_ID, value: 'x' }]) }));
		expect(result.error?.message).toBe(
			`Custom Fields → Field Name or ID ${UNKNOWN_ID} is not a custom field of this Constant Contact account (deleted, or the credential now connects to another account)`,
		);
		expect(result.error?.description).toBe('Pick it again from the list. Known custom fields: Member Since, Visits, VIP, Last Seen.');
		expect(cc.calls()).toEqual(['GET /v3/contact_custom_fields']);
	});
});
