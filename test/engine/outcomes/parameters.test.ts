/**
 * Issue 12, findings 4, 5, 6, 9 and 10: parameters are read strictly before any request. Values
 * from expressions must fit the field (text, one of the options, a whole number in range);
 * `null` means "not set"; a bad item stops the node before anything is sent, reads included;
 * every message names the field and shows the value.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { createPoller, credentialsFor, runNode } from '../harness';
import { byId, contactOp, useContactFakes } from '../contact/helpers';
import { createParams } from '../campaign/helpers';

const cc = useContactFakes();

/** Rejected before any request, naming the field and the value; item 0 was not written either. */
async function expectRefused(parameters: INodeParameters, inputItems: IDataObject[], message: string, itemIndex = inputItems.length - 1) {
	const result = await cc.run(parameters, { inputItems });
	expect(result.status).toBe('error');
	expect(result.error?.message).toBe(message);
	expect(result.error?.context?.itemIndex).toBe(itemIndex);
	expect(cc.calls()).toEqual([]);
	return result;
}

describe('objects and lists from expressions are not written as text', () => {
	test.each([
		['an object', { name: { first: 'Ann' } }, 'Additional Fields → First Name is an object ({"first":"Ann"}); it takes text or a number'],
		['a list', { name: ['Ann', 'Bob'] }, 'Additional Fields → First Name is a list (["Ann","Bob"]); it takes text or a number'],
		['true', { name: true }, 'Additional Fields → First Name is true; it takes text or a number'],
	])('Contact → Create, First Name from %s', async (_kind, bad, message) => {
		await expectRefused(
			contactOp('create', { email: 'ok@example.com', createSource: 'Account', additionalFields: { firstName: '={{ $json.name }}' } }),
			[{ name: 'Fine' }, bad],
			message,
		);
	});

	test('List → Create, Name from an object', async () => {
		await expectRefused({ resource: 'list', operation: 'create', name: '={{ $json.name }}' }, [{ name: 'Fine' }, { name: { a: 1 } }], 'Name is an object ({"a":1}); it takes text or a number');
	});

	test('Tag → Create, Name from a list', async () => {
		await expectRefused({ resource: 'tag', operation: 'create', name: '={{ $json.name }}' }, [{ name: ['a', 'b'] }], 'Name is a list (["a","b"]); it takes text or a number', 0);
	});

	test('Segment → Create, Name from an object', async () => {
		await expectRefused(
			{ resource: 'segment', operation: 'create', name: '={{ $json.name }}', segmentCriteria: '{"version":"1.0.0","criteria":{"type":"and","group":[]}}' },
			[{ name: { a: 1 } }],
			'Name is an object ({"a":1}); it takes text or a number',
			0,
		);
	});

	test('Contact → Create, a custom field value from a list', async () => {
		const { customFields } = cc.fakes.admin.seed({ customFields: [{ label: 'Color', type: 'string' }] });
		await expectRefused(
			contactOp('create', {
				email: 'ok@example.com',
				createSource: 'Account',
				additionalFields: { customFields: { field: [{ id: customFields[0].custom_field_id, value: '={{ $json.v }}' }] } },
			}),
			[{ v: ['a', 'b'] }],
			'Additional Fields → Custom Fields → Value is a list (["a","b"]); it takes text or a number',
			0,
		);
	});
});

describe('list, tag and filter values that are objects are refused before any request, never read as the name "[object Object]"', () => {
	test.each([
		['Add Tags, a list of objects', 'addTags', 'tags', [{ name: 'VIP' }], 'Tag Names or IDs contains an object ({"name":"VIP"}); it takes names or IDs'],
		['Add to Lists, an object', 'addToLists', 'lists', { name: 'Newsletter' }, 'List Names or IDs is an object ({"name":"Newsletter"}); it takes names or IDs'],
		['Remove Tags, a list of lists', 'removeTags', 'tags', [['VIP']], 'Tag Names or IDs contains a list (["VIP"]); it takes names or IDs'],
	])('Contact → %s', async (_what, operation, field, value, message) => {
		const [contact] = cc.fakes.admin.seed({ contacts: [{ email: 'c@example.com' }] }).contacts;
		await expectRefused(contactOp(operation, { contact: byId(contact.contact_id), [field]: '={{ $json.value }}' }), [{ value }], message, 0);
	});

	test('Contact → Create or Update, lists from objects', async () => {
		await expectRefused(
			contactOp('upsert', { email: 'c@example.com', lists: '={{ $json.lists }}' }),
			[{ lists: ['Newsletter'] }, { lists: [{ id: 1 }] }],
			'List Names or IDs contains an object ({"id":1}); it takes names or IDs',
		);
	});

	test('the trigger’s list filter from an object: the poll fails before any request', async () => {
		const poller = createPoller(
			{ event: 'contactCreated', filters: { lists: '={{ { "name": "Newsletter" } }}' }, contactOptions: {}, options: {} },
			credentialsFor(cc.fakes),
		);
		const { error } = await poller.poll('manual');
		expect(error?.message).toBe('Filters → List Names or IDs is an object ({"name":"Newsletter"}); it takes names or IDs');
		expect(cc.calls()).toEqual([]);
	});
});

describe('option fields set by expression are checked against their options', () => {
	test('Contact → Create, Added By "Robot" in item 1: nothing is written, item 0 neither', async () => {
		await expectRefused(
			contactOp('create', { email: '={{ $json.email }}', createSource: '={{ $json.source }}' }),
			[{ email: 'a@example.com', source: 'Account' }, { email: 'b@example.com', source: 'Robot' }],
			'Added By is "Robot", which is not one of: Account, Contact',
		);
	});

	test('Contact → Create, Permission to Send "bogus"', async () => {
		const result = await expectRefused(
			contactOp('create', { email: 'a@example.com', createSource: 'Account', additionalFields: { permissionToSend: '={{ $json.p }}' } }),
			[{ p: 'bogus' }],
			'Additional Fields → Permission to Send is "bogus", which is not one of: explicit, implicit, not_set',
			0,
		);
		expect(result.error?.description).toMatch(/^The options are "explicit" \(/);
	});
});

describe('Get Many: Limit', () => {
	test.each([
		[-5, 'Limit is -5; it takes a whole number at least 1'],
		[0, 'Limit is 0; it takes a whole number at least 1'],
		['NaN', 'Limit is NaN; it takes a whole number'],
		[1.5, 'Limit is 1.5; it takes a whole number'],
		['ten', 'Limit is "ten"; it takes a whole number'],
	])('%p is refused before any request', async (limit, message) => {
		await expectRefused(contactOp('getAll', { returnAll: false, limit: '={{ $json.limit === "NaN" ? NaN : $json.limit }}' }), [{ limit }], message, 0);
	});
});

describe('null from an expression means "not set"', () => {
	test('Contact → Update: a Last Name expression giving null leaves the last name as it is', async () => {
		const { contacts } = cc.fakes.admin.seed({ contacts: [{ email: 'keep@example.com', first_name: 'Ann', last_name: 'Keep' }] });
		const id = contacts[0].contact_id;
		const result = await cc.run(contactOp('update', { contact: byId(id), updateFields: { firstName: 'Anna', lastName: '={{ $json.last }}' } }), {
			inputItems: [{ last: null }],
		});
		expect(result.error).toBeUndefined();
		expect(cc.stored(id)).toMatchObject({ first_name: 'Anna', last_name: 'Keep' });
	});
});

describe('a bad item stops the node before any request, reads included', () => {
	test('a custom field named (needs a read) in item 0 and a bad e-mail in item 1: not even the read is sent', async () => {
		cc.fakes.admin.seed({ customFields: [{ label: 'Color', type: 'string' }] });
		const result = await expectRefused(
			contactOp('create', {
				email: '={{ $json.email }}',
				createSource: 'Account',
				additionalFields: { customFields: { field: [{ id: 'Color', value: 'red' }] } },
			}),
			[{ email: 'ok@example.com' }, { email: 'not-an-address' }],
			'Email "not-an-address" is not a valid e-mail address',
		);
		expect(result.error?.description).toMatch(/name@example\.com/);
	});

	test('a named custom field that does not exist is found with one read, before any write', async () => {
		cc.fakes.admin.seed({ customFields: [{ label: 'Color', type: 'string' }] });
		const result = await cc.run(
			contactOp('create', { email: 'ok@example.com', createSource: 'Account', additionalFields: { customFields: { field: [{ id: 'Colour', value: 'red' }] } } }),
		);
		expect(result.error?.message).toBe('Custom Fields → Field Name or ID "Colour" is not a custom field of this Constant Contact account');
		expect(cc.calls()).toEqual(['GET /v3/contact_custom_fields']);
	});

	test('Campaign → Create: the sender check (a read) is not sent when a later item is bad', async () => {
		await expectRefused(createParams({ name: '={{ $json.name }}' }), [{ name: 'Fine' }, { name: { x: 1 } }], 'Name is an object ({"x":1}); it takes text or a number');
	});

	test('a value that is an object shows as JSON, never as "[object Object]" (a contact given by e-mail from an expression)', async () => {
		await expectRefused(
			contactOp('get', { contact: { __rl: true, mode: 'email', value: '={{ $json.who }}' } }),
			[{ who: { email: 'ann@example.com' } }],
			'Contact is an object ({"email":"ann@example.com"}); it takes text',
			0,
		);
	});

	test('a 10,000-digit v2 ID is refused', async () => {
		await expectRefused(
			{ resource: 'migration', operation: 'contactIds', v2Ids: '={{ $json.ids }}' },
			[{ ids: '9'.repeat(10_000) }],
			`V2 Contact IDs contains "${'9'.repeat(58)}…, which is not a v2 ID`,
			0,
		);
	});
});

describe('the token endpoint refusing the client', () => {
	test('invalid_client says the Client ID or Secret is wrong, not "Could not reach Constant Contact"', async () => {
		const credential = credentialsFor(cc.fakes, { clientSecret: 'not-the-secret' });
		cc.fakes.admin.expireAccessTokens();
		const { contacts } = cc.fakes.admin.seed({ contacts: [{ email: 'x@example.com' }] });
		const result = await runNode({ credential, parameters: contactOp('get', { contact: byId(contacts[0].contact_id) }) });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe("Constant Contact's sign-in server did not accept the credential's Client ID or Client Secret");
	});
});
