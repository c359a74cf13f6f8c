import { loadSpecValidator } from '../fake/specValidator';
import { startFakes } from '../fake';
import { apiClient, type Fakes } from './helpers';

// Subject of these tests is the spec check itself: without the spec they are skipped. jest's
// global setup prints why, once, and its reporter counts them (test/jest/).
const validator = loadSpecValidator();
const describeWithSpec = validator ? describe : describe.skip;

const UUID_A = '0b0e0e0e-1111-4111-8111-111111111111';
const UUID_B = '0b0e0e0e-2222-4222-8222-222222222222';

describeWithSpec('specValidator.validateRequest', () => {
	const v = validator!;

	it('accepts a correct create', () => {
		const r = v.validateRequest({
			method: 'POST',
			path: '/v3/contacts',
			body: {
				email_address: { address: 'ann@example.com', permission_to_send: 'implicit' },
				first_name: 'Ann',
				create_source: 'Account',
				list_memberships: [UUID_A],
				taggings: [UUID_B],
				phone_numbers: [{ phone_number: '555-0100', kind: 'work' }],
				street_addresses: [{ kind: 'home', city: 'Boston' }],
				custom_fields: [{ custom_field_id: UUID_A, value: 'x' }],
			},
		});
		expect(r).toEqual({ operationId: 'createContact', errors: [] });
	});

	it('rejects an unknown query parameter but allows cursor', () => {
		const bad = v.validateRequest({ method: 'GET', path: '/v3/contacts', query: { limit: '10', page: '2' } });
		expect(bad.operationId).toBe('getContacts');
		expect(bad.errors).toEqual([expect.stringContaining('"page" is not declared')]);
		expect(v.validateRequest({ method: 'GET', path: '/v3/contacts', query: { cursor: 'abc' } }).errors).toEqual([]);
	});

	it('rejects a body with an undeclared property (also nested)', () => {
		const r = v.validateRequest({
			method: 'POST',
			path: '/v3/contacts',
			body: { email_address: { address: 'a@example.com', opt_in_source: 'Account' }, create_source: 'Account', nickname: 'A' },
		});
		expect(r.errors).toEqual(
			expect.arrayContaining([expect.stringContaining('undeclared property "nickname"'), expect.stringContaining('undeclared property "opt_in_source"')]),
		);
	});

	it('rejects a too-long first_name', () => {
		const r = v.validateRequest({ method: 'POST', path: '/v3/contacts', body: { first_name: 'x'.repeat(51), create_source: 'Account' } });
		expect(r.errors).toEqual(['body/first_name must NOT have more than 50 characters']);
	});

	it('rejects a bad enum value in the include CSV', () => {
		const r = v.validateRequest({ method: 'GET', path: '/v3/contacts/abc', query: { include: 'list_memberships,sms_channel' } });
		expect(r.operationId).toBe('getContact');
		expect(r.errors).toEqual([expect.stringContaining('"sms_channel" is not one of')]);
	});

	it('checks integer ranges, booleans, date-times, CSV counts and required body fields', () => {
		const q = (query: Record<string, string>, path = '/v3/contacts') => v.validateRequest({ method: 'GET', path, query }).errors;
		expect(q({ limit: '501' })).toEqual([expect.stringContaining('<= 500')]);
		expect(q({ limit: '0' })).toEqual([expect.stringContaining('>= 1')]);
		expect(q({ limit: 'ten' })).toEqual([expect.stringContaining('integer')]);
		expect(q({ include_count: 'yes' })).toEqual([expect.stringContaining('true or false')]);
		expect(q({ updated_after: '2024-01-01' })).toEqual([expect.stringContaining('date-time')]);
		expect(q({ updated_after: '2024-01-01T00:00:00Z' })).toEqual([]);
		expect(q({ status: 'all,unsubscribed' })).toEqual([]);
		expect(q({ lists: Array(26).fill(UUID_A).join(',') })).toEqual([expect.stringContaining('at most 25')]);
		expect(q({ tags: 'Customers' })).toEqual([expect.stringContaining('not a UUID')]);
		// GET /contact_tags declares its limit bound as maxLength: treated as maximum.
		expect(q({ limit: '501' }, '/v3/contact_tags')).toEqual([expect.stringContaining('<= 500')]);
		expect(q({ limit: '1000' }, '/v3/contact_lists')).toEqual([]);
		const put = v.validateRequest({ method: 'PUT', path: '/v3/contacts/abc', body: { first_name: 'A' } });
		expect(put.errors).toEqual(['body is missing required property "update_source"']);
	});

	it('honours collectionFormat multi: an array parameter is repeated, one item each; a comma list is one (bad) item', () => {
		const bounces = (bounce_code: string | string[]) =>
			v.validateRequest({ method: 'GET', path: `/v3/reports/email_reports/${UUID_A}/tracking/bounces`, query: { bounce_code } }).errors;
		expect(bounces('B')).toEqual([]);
		expect(bounces(['B', 'D'])).toEqual([]);
		expect(bounces('B,D')).toEqual([expect.stringContaining('value "B,D" is not one of B, D, F, S, V, X, Z')]);
		expect(bounces(['B', 'Q'])).toEqual([expect.stringContaining('value "Q" is not one of')]);
		// An array without collectionFormat (csv, the Swagger 2 default) or a string takes a comma list, once.
		const details = (query: Record<string, string | string[]>) =>
			v.validateRequest({ method: 'GET', path: `/v3/reports/contact_reports/${UUID_A}/activity_details`, query }).errors;
		expect(details({ tracking_activities_list: 'em_sends,em_opens' })).toEqual([]);
		expect(details({ tracking_activities_list: 'em_sends,em_likes' })).toEqual([expect.stringContaining('value "em_likes" is not one of')]);
		expect(details({ tracking_activities_list: ['em_sends', 'em_opens'] })).toEqual([expect.stringContaining('must not be repeated')]);
		// tracking_activity_type is overridden to multi (its x-example repeats it).
		expect(details({ tracking_activity_type: ['em_sends', 'em_opens'] })).toEqual([]);
		const contacts = (query: Record<string, string | string[]>) => v.validateRequest({ method: 'GET', path: '/v3/contacts', query }).errors;
		expect(contacts({ status: ['all', 'unsubscribed'] })).toEqual([expect.stringContaining('"status" must not be repeated')]);
	});

	it('rejects unknown operations and bodies on body-less operations', () => {
		expect(v.validateRequest({ method: 'GET', path: '/v3/contacts/abc/lists' })).toEqual({
			operationId: null,
			errors: [expect.stringContaining('no such operation')],
		});
		expect(v.validateRequest({ method: 'PATCH', path: '/v3/contacts/abc', body: {} }).operationId).toBeNull();
		expect(v.validateRequest({ method: 'GET', path: '/v3/contacts', body: {} }).errors).toEqual([expect.stringContaining('takes no request body')]);
	});

	it('matches literal path segments before templates', () => {
		expect(v.validateRequest({ method: 'GET', path: '/v3/contacts/counts' }).operationId).toBe('countContact');
		expect(v.validateRequest({ method: 'POST', path: '/v3/contacts/sign_up_form', body: { list_memberships: [UUID_A], email_address: 'a@example.com' } })).toEqual({
			operationId: 'createOrUpdateContact',
			errors: [],
		});
	});

	it('applies the overrides for documented spec defects', () => {
		// maxItems: 0 arrays get their documented limits.
		const remove = (body: unknown) => v.validateRequest({ method: 'POST', path: '/v3/activities/remove_list_memberships', body }).errors;
		expect(remove({ source: { contact_ids: [UUID_A, UUID_B] }, list_ids: [UUID_A] })).toEqual([]);
		expect(remove({ source: { contact_ids: Array(501).fill(UUID_A) }, list_ids: [UUID_A] })).toEqual([expect.stringContaining('more than 500 items')]);
		expect(remove({ source: { list_ids: [UUID_A] }, list_ids: Array(51).fill(UUID_B) })).toEqual([expect.stringContaining('more than 50 items')]);
		const add = v.validateRequest({ method: 'POST', path: '/v3/activities/add_list_memberships', body: { source: { tag_ids: [UUID_A] }, list_ids: [UUID_B] } });
		expect(add.errors).toEqual([]);
		const cfDelete = v.validateRequest({ method: 'POST', path: '/v3/activities/custom_fields_delete', body: { custom_field_ids: [UUID_A] } });
		expect(cfDelete.errors).toEqual([]);
		// JSON import: cf:<name> keys and the literal "home country" property are accepted.
		const imp = v.validateRequest({
			method: 'POST',
			path: '/v3/activities/contacts_json_import',
			body: { import_data: [{ email: 'a@example.com', 'cf:shoe_size': '42', 'home country': 'US' }], list_ids: [UUID_A] },
		});
		expect(imp.errors).toEqual([]);
		// list_memberships items are readOnly in the spec but writable.
		const put = v.validateRequest({ method: 'PUT', path: '/v3/contacts/x', body: { update_source: 'Account', first_name: 'A', list_memberships: [UUID_A] } });
		expect(put.errors).toEqual([]);
		// ...but must be UUIDs.
		const names = v.validateRequest({ method: 'PUT', path: '/v3/contacts/x', body: { update_source: 'Account', list_memberships: ['Newsletter'] } });
		expect(names.errors).toEqual([expect.stringContaining('format "uuid"')]);
	});
});

describeWithSpec('specValidator.validateResponse', () => {
	const v = validator!;

	it('checks declared schemas leniently and the error shapes', () => {
		expect(v.validateResponse('getContacts', 200, { contacts: [], extra: true })).toEqual([]);
		expect(v.validateResponse('getContacts', 200, { contacts: [{ contact_id: 'nope' }] })).toEqual([expect.stringContaining('uuid')]);
		expect(v.validateResponse('getContacts', 401, { error_key: 'unauthorized', error_message: 'Unauthorized' })).toEqual([]);
		expect(v.validateResponse('getContacts', 401, [{ error_key: 'unauthorized', error_message: 'Unauthorized' }])).not.toEqual([]);
		expect(v.validateResponse('getContact', 404, [{ error_key: 'contacts.api.not_found', error_message: 'x' }])).toEqual([]);
		expect(v.validateResponse('getContact', 404, { error_key: 'contacts.api.not_found' })).not.toEqual([]);
		expect(v.validateResponse('deleteContact', 204, undefined)).toEqual([]);
		expect(v.validateResponse('deleteContact', 204, {})).not.toEqual([]);
		expect(v.validateResponse('createContact', 200, {})).toEqual([expect.stringContaining('not declared')]);
		expect(v.validateResponse('noSuchOperation', 200, {})).toEqual([expect.stringContaining('unknown operationId')]);
	});
});

describeWithSpec('spec check inside the fake API', () => {
	let fakes: Fakes;
	beforeEach(async () => {
		fakes = await startFakes({ rateLimitPerSecond: 0 });
	});
	afterEach(async () => {
		await fakes.stop();
	});

	it('answers a violating request 400 fake.spec_violation and records it without touching data', async () => {
		const api = apiClient(fakes);
		const r = await api.post('/v3/contacts', { email_address: { address: 'a@example.com' }, create_source: 'Account', favourite_food: 'pie' });
		expect(r.status).toBe(400);
		expect(r.body).toEqual([{ error_key: 'fake.spec_violation', error_message: expect.stringContaining('favourite_food') }]);
		expect(fakes.violations).toEqual([{ method: 'POST', path: '/v3/contacts', errors: [expect.stringContaining('favourite_food')] }]);
		expect(fakes.store.contacts.size).toBe(0);
		const q = await api.get('/v3/contacts?include=sms_channel');
		expect(q.status).toBe(400);
		expect(fakes.violations).toHaveLength(2);
		const unknown = await api.get('/v3/contacts/00000000-0000-4000-8000-000000000000/history');
		expect(unknown.status).toBe(400);
		expect(api.responseErrors()).toEqual([]);
	});
});

// Not about the spec: the fake knows the operations it leaves out, with the spec or without it.
describe('fake API: operations it does not implement', () => {
	it('answers them 501 fake.not_implemented', async () => {
		const fakes = await startFakes({ rateLimitPerSecond: 0 });
		try {
			const r = await apiClient(fakes).get('/v3/contacts/counts');
			expect(r.status).toBe(501);
			expect(r.body[0].error_key).toBe('fake.not_implemented');
		} finally {
			await fakes.stop();
		}
	});
});
