/**
 * Contact → Create or Update through n8n's engine: `POST /contacts/sign_up_form`, one request per
 * item by default (the item is what was sent, with `contact_id`, `action` and `created`); with
 * Return Full Contact, one `GET /contacts/{id}` more, so the item is the contact as Constant
 * Contact has it after the write.
 */
import { contactOp, useContactFakes } from './helpers';

const cc = useContactFakes();

function seedLists(): { newsletter: string; events: string; color: string } {
	const s = cc.fakes.admin.seed({
		lists: [{ name: 'Newsletter' }, { name: 'Events' }],
		customFields: [{ label: 'Favorite Color', type: 'string' }],
	});
	return { newsletter: s.lists[0].list_id, events: s.lists[1].list_id, color: s.customFields[0].custom_field_id };
}

describe('upsert (Create or Update)', () => {
	test('creates (201 → created: true), then updates on the second run (200) and appends the list; one request per item, the item is what was sent with contact_id, action and created', async () => {
		const { newsletter, events } = seedLists();

		const first = await cc.run(
			contactOp('upsert', {
				email: 'signup@example.com',
				lists: [newsletter],
				additionalFields: { firstName: 'Sam', lastName: 'Signup' },
			}),
		);
		expect(first.error).toBeUndefined();
		expect(first.items).toHaveLength(1);
		expect(first.items[0].pairedItem).toEqual({ item: 0 });
		const contactId = first.items[0].json.contact_id as string;
		expect(contactId).toMatch(/^[0-9a-f-]{36}$/);
		expect(cc.api().map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual(['POST /v3/contacts/sign_up_form 201']);
		expect(cc.api()[0].body).toEqual({
			email_address: 'signup@example.com',
			list_memberships: [newsletter],
			first_name: 'Sam',
			last_name: 'Signup',
		});
		expect(first.items[0].json).toEqual({
			contact_id: contactId,
			email: 'signup@example.com',
			action: 'created',
			created: true,
			list_memberships: [newsletter],
			first_name: 'Sam',
			last_name: 'Signup',
		});

		const second = await cc.run(
			contactOp('upsert', {
				email: 'signup@example.com',
				lists: [events],
				additionalFields: { jobTitle: 'Chef' },
			}),
		);
		expect(second.error).toBeUndefined();
		expect(second.items[0].json).toEqual({
			contact_id: contactId,
			email: 'signup@example.com',
			action: 'updated',
			created: false,
			// What this item sent: the list it added, not the lists the contact is on.
			list_memberships: [events],
			job_title: 'Chef',
		});
		expect(cc.api().map((e) => e.status)).toEqual([201, 200]);

		// Lists are appended, fields not sent are kept, and there is still one contact.
		expect(cc.fakes.store.contacts.size).toBe(1);
		expect(cc.stored(contactId)).toMatchObject({
			first_name: 'Sam',
			last_name: 'Signup',
			job_title: 'Chef',
			list_memberships: [newsletter, events],
			email_address: expect.objectContaining({ permission_to_send: 'explicit' }),
		});
	});

	test('Return Full Contact on: the write, then one read of the contact; the item is the contact as stored, with action and created', async () => {
		const { newsletter } = seedLists();
		cc.fakes.admin.seed({ contacts: [{ email: 'full@example.com', job_title: 'Chef', list_names: ['Events'] }] });
		const result = await cc.run(
			contactOp('upsert', { email: 'full@example.com', lists: [newsletter], additionalFields: { firstName: 'Sam' }, options: { returnFullContact: true } }),
		);
		expect(result.error).toBeUndefined();
		const contactId = result.items[0].json.contact_id as string;
		expect(cc.calls()).toEqual(['POST /v3/contacts/sign_up_form', `GET /v3/contacts/${contactId}`]);
		expect(cc.api()[1].query).toEqual({ include: 'custom_fields,list_memberships,phone_numbers,street_addresses,taggings' });
		const stored = cc.stored(contactId)!;
		expect(result.items[0].json).toEqual({
			contact_id: contactId,
			email: 'full@example.com',
			action: 'updated',
			created: false,
			email_address: stored.email_address,
			first_name: 'Sam',
			job_title: 'Chef',
			create_source: stored.create_source,
			update_source: 'Contact',
			created_at: stored.created_at,
			updated_at: stored.updated_at,
			list_memberships: stored.list_memberships,
			taggings: [],
			custom_fields: [],
			phone_numbers: [],
			street_addresses: [],
		});
		expect((result.items[0].json.list_memberships as string[]).length).toBe(2);
		expect(Object.keys(result.items[0].json).slice(0, 4)).toEqual(['contact_id', 'email', 'action', 'created']);
	});

	test('Include chooses the sub-resources read back with the contact', async () => {
		const { newsletter, color } = seedLists();
		const result = await cc.run(
			contactOp('upsert', {
				email: 'parts@example.com',
				lists: [newsletter],
				additionalFields: { customFields: { field: [{ id: color, value: 'blue' }] } },
				options: { returnFullContact: true, include: ['custom_fields'] },
			}),
		);
		expect(result.error).toBeUndefined();
		const contactId = result.items[0].json.contact_id as string;
		expect(cc.calls()).toEqual(['GET /v3/contact_custom_fields', 'POST /v3/contacts/sign_up_form', `GET /v3/contacts/${contactId}`]);
		expect(cc.api()[2].query).toEqual({ include: 'custom_fields' });
		expect(result.items[0].json).toMatchObject({ action: 'created', custom_fields: [{ custom_field_id: color, value: 'blue' }] });
		expect(result.items[0].json).not.toHaveProperty('list_memberships');
	});

	test('sends the single phone_number string and street_address object of sign_up_form', async () => {
		const { newsletter, color } = seedLists();
		const result = await cc.run(
			contactOp('upsert', {
				email: 'shapes@example.com',
				lists: [newsletter],
				additionalFields: {
					phoneNumber: ' +1 555 0123 ',
					streetAddress: {
						address: { kind: 'work', street: '9 Side St', city: 'Boston', state: 'MA', postalCode: '02110', country: 'US' },
					},
					customFields: { field: [{ id: color, value: 'red' }] },
					birthdayMonth: 2,
					birthdayDay: 29,
					anniversary: '06/21/2019',
				},
			}),
		);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ action: 'created', created: true });
		expect(cc.api()[1].body).toEqual({
			email_address: 'shapes@example.com',
			list_memberships: [newsletter],
			phone_number: '+1 555 0123',
			street_address: { kind: 'work', street: '9 Side St', city: 'Boston', state: 'MA', postal_code: '02110', country: 'US' },
			custom_fields: [{ custom_field_id: color, value: 'red' }],
			birthday_month: 2,
			birthday_day: 29,
			anniversary: '06/21/2019',
		});
		const stored = cc.storedByEmail('shapes@example.com')!;
		expect((stored.phone_numbers as any[]).map((p) => p.phone_number)).toEqual(['+1 555 0123']);
		expect(stored.street_addresses).toEqual([
			expect.objectContaining({ kind: 'work', street: '9 Side St', city: 'Boston', postal_code: '02110' }),
		]);
		expect(stored.custom_fields).toEqual([{ custom_field_id: color, value: 'red' }]);
	});

	test('an e-mail address over 50 characters is rejected before any request', async () => {
		const { newsletter } = seedLists();
		const email = `${'a'.repeat(39)}@example.com`; // 51 characters: fine for Create (80), not here
		expect(email).toHaveLength(51);
		const result = await cc.run(contactOp('upsert', { email, lists: [newsletter] }));

		expect(result.status).toBe('error');
		expect(result.items).toEqual([]);
		expect(result.error!.message).toBe('Email is 51 characters long; Constant Contact accepts at most 50');
		expect((result.error as any).context.itemIndex).toBe(0);
		expect(cc.api()).toEqual([]);
	});

	test('a 50-character e-mail address is accepted', async () => {
		const { newsletter } = seedLists();
		const email = `${'b'.repeat(38)}@example.com`;
		expect(email).toHaveLength(50);
		const result = await cc.run(contactOp('upsert', { email, lists: [newsletter] }));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ email, created: true });
		expect(cc.stored(String(result.items[0].json.contact_id))!.email_address).toMatchObject({ address: email });
		expect(cc.calls()).toEqual(['POST /v3/contacts/sign_up_form']);
		expect(cc.api()[0].body).toEqual({ email_address: email, list_memberships: [newsletter] });
	});

	test('several items: each is created or updated and paired with its item', async () => {
		const { newsletter } = seedLists();
		cc.fakes.admin.seed({ contacts: [{ email: 'known@example.com', first_name: 'Known' }] });
		const result = await cc.run(
			contactOp('upsert', { email: '={{ $json.email }}', lists: [newsletter] }),
			{ inputItems: [{ email: 'known@example.com' }, { email: 'fresh@example.com' }] },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.pairedItem, i.json.email, i.json.action, i.json.created])).toEqual([
			[{ item: 0 }, 'known@example.com', 'updated', false],
			[{ item: 1 }, 'fresh@example.com', 'created', true],
		]);
		expect(cc.storedByEmail('known@example.com')).toMatchObject({ first_name: 'Known', list_memberships: [newsletter] });
	});
});
