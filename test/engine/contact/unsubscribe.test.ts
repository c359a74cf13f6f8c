/**
 * Contact → Unsubscribe through n8n's engine: GET the contact, PUT it back with
 * `permission_to_send: "unsubscribed"` (and the reason), every other field kept.
 */
import { byEmail, byId, contactOp, useContactFakes } from './helpers';

const cc = useContactFakes();

function seed(): string {
	const s = cc.fakes.admin.seed({
		lists: [{ name: 'Newsletter' }],
		tags: [{ name: 'VIP' }],
		customFields: [{ label: 'Favorite Color', type: 'string' }],
		contacts: [
			{
				email: 'leaving@example.com',
				first_name: 'Lea',
				last_name: 'Ving',
				job_title: 'Editor',
				company_name: 'Daily News',
				birthday_month: 7,
				birthday_day: 14,
				anniversary: '2018-07-14',
				permission_to_send: 'explicit',
				list_names: ['Newsletter'],
				tag_names: ['VIP'],
				custom_fields: { 'Favorite Color': 'red' },
				phone_numbers: [{ kind: 'mobile', phone_number: '+1 555 0100' }],
				street_addresses: [{ kind: 'home', street: '5 Elm St', city: 'Portland' }],
			},
		],
	});
	return s.contacts[0].contact_id;
}

const KEPT = ['first_name', 'last_name', 'job_title', 'company_name', 'birthday_month', 'birthday_day', 'anniversary', 'create_source', 'list_memberships', 'taggings', 'custom_fields', 'phone_numbers', 'street_addresses', 'notes'];

describe('unsubscribe', () => {
	test('permission_to_send becomes "unsubscribed" with the reason; every other field is kept', async () => {
		const id = seed();
		const before = cc.stored(id)!;
		const result = await cc.run(
			contactOp('unsubscribe', { contact: byId(id), options: { reason: 'Asked by phone to stop e-mails' } }),
		);

		expect(result.error).toBeUndefined();
		const api = cc.api();
		expect(api.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
			`GET /v3/contacts/${id} 200`,
			`PUT /v3/contacts/${id} 200`,
		]);
		expect(api[1].body).toEqual({
			update_source: 'Account',
			first_name: 'Lea',
			last_name: 'Ving',
			job_title: 'Editor',
			company_name: 'Daily News',
			birthday_month: 7,
			birthday_day: 14,
			anniversary: '2018-07-14',
			email_address: {
				address: 'leaving@example.com',
				permission_to_send: 'unsubscribed',
				opt_out_reason: 'Asked by phone to stop e-mails',
			},
		});

		expect(result.items).toHaveLength(1);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[0].json).toMatchObject({
			contact_id: id,
			email_address: expect.objectContaining({ address: 'leaving@example.com', permission_to_send: 'unsubscribed' }),
			first_name: 'Lea',
		});

		const after = cc.stored(id)!;
		expect(after.email_address).toMatchObject({
			address: 'leaving@example.com',
			permission_to_send: 'unsubscribed',
			opt_out_reason: 'Asked by phone to stop e-mails',
			opt_out_source: 'Account',
			opt_out_date: expect.any(String),
		});
		for (const key of KEPT) expect(after[key]).toEqual(before[key]);
	});

	test('by e-mail without a reason: found with one search, no opt_out_reason sent', async () => {
		const id = seed();
		const result = await cc.run(contactOp('unsubscribe', { contact: byEmail('leaving@example.com') }));

		expect(result.error).toBeUndefined();
		const api = cc.api();
		expect(api.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /v3/contacts', `PUT /v3/contacts/${id}`]);
		expect(api[0].query).toEqual({ email: 'leaving@example.com', status: 'all', limit: '1' });
		expect(api[1].body.email_address).toEqual({ address: 'leaving@example.com', permission_to_send: 'unsubscribed' });
		expect(api[1].body).toMatchObject({ first_name: 'Lea', birthday_month: 7, anniversary: '2018-07-14' });
		expect(cc.stored(id)!.email_address).toMatchObject({ permission_to_send: 'unsubscribed' });
		expect(cc.stored(id)!.first_name).toBe('Lea');
	});

	test('a reason over 255 characters fails before any request', async () => {
		const id = seed();
		const result = await cc.run(contactOp('unsubscribe', { contact: byId(id), options: { reason: 'x'.repeat(256) } }));
		expect(result.status).toBe('error');
		expect(result.error!.message).toBe('Reason is 256 characters long; Constant Contact accepts at most 255');
		expect(cc.api()).toEqual([]);
		expect(cc.stored(id)!.email_address).toMatchObject({ permission_to_send: 'explicit' });
	});
});
