/**
 * Bad input through n8n's engine. Every case runs two input items whose item 1 is bad (through an
 * expression, as a mapped value would be): the run fails with a message naming the
 * field, `context.itemIndex` is 1, and the bad item never reaches Constant Contact.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { contactOp, useContactFakes } from './helpers';

const cc = useContactFakes();

let list: string;
let color: string;

function seedAccount(): void {
	const s = cc.fakes.admin.seed({
		lists: [{ name: 'Newsletter' }],
		customFields: [{ label: 'Favorite Color', type: 'string' }],
	});
	list = s.lists[0].list_id;
	color = s.customFields[0].custom_field_id;
}

beforeEach(seedAccount);

const uuids = (n: number) => Array.from({ length: n }, (_, k) => `00000000-0000-4000-8000-${String(k).padStart(12, '0')}`);

interface Case {
	name: string;
	parameters: () => INodeParameters;
	/** The two input items: item 0 is fine, item 1 is the bad one. */
	items: () => [IDataObject, IDataObject];
	message: () => string;
	/** The item that fails (1 unless n8n cannot make only item 1 bad). */
	badItem?: 0 | 1;
}

const create = (additionalFields: INodeParameters): INodeParameters =>
	contactOp('create', { email: '={{ $json.email }}', createSource: 'Account', additionalFields });

const cases: Case[] = [
	{
		name: 'malformed e-mail',
		parameters: () => create({}),
		items: () => [{ email: 'good@example.com' }, { email: 'bad.example.com' }],
		message: () => 'Email "bad.example.com" is not a valid e-mail address',
	},
	{
		name: 'first name over 50 characters',
		parameters: () => create({ firstName: '={{ $json.name }}' }),
		items: () => [
			{ email: 'a@example.com', name: 'Ann' },
			{ email: 'b@example.com', name: 'N'.repeat(51) },
		],
		message: () => 'First Name is 51 characters long; Constant Contact accepts at most 50',
	},
	{
		name: 'birthday month 13',
		parameters: () => create({ birthdayMonth: '={{ $json.month }}', birthdayDay: 1 }),
		items: () => [
			{ email: 'a@example.com', month: 12 },
			{ email: 'b@example.com', month: 13 },
		],
		message: () => 'Additional Fields → Birthday Month is 13; it takes a whole number from 1 to 12',
	},
	{
		name: 'only one part of the birthday',
		parameters: () => create({ birthdayMonth: 5, birthdayDay: '={{ $json.day }}' }),
		items: () => [
			{ email: 'a@example.com', day: 17 },
			{ email: 'b@example.com', day: '' },
		],
		message: () => 'Birthday Day is missing',
	},
	{
		name: "anniversary '31.12.2020'",
		parameters: () => create({ anniversary: '={{ $json.anniversary }}' }),
		items: () => [
			{ email: 'a@example.com', anniversary: '2020-12-31' },
			{ email: 'b@example.com', anniversary: '31.12.2020' },
		],
		message: () => 'Anniversary "31.12.2020" is not a date Constant Contact accepts',
	},
	{
		name: '51 lists',
		parameters: () => create({ lists: '={{ $json.lists }}' }),
		items: () => [
			{ email: 'a@example.com', lists: [list] },
			{ email: 'b@example.com', lists: uuids(51) },
		],
		message: () => 'List Names or IDs has 51 lists; Constant Contact accepts at most 50',
	},
	{
		name: "phone kind 'fax' (from an expression)",
		parameters: () => create({ phoneNumbers: { phone: [{ kind: '={{ $json.kind }}', number: '+1 555 0100' }] } }),
		items: () => [
			{ email: 'a@example.com', kind: 'mobile' },
			{ email: 'b@example.com', kind: 'fax' },
		],
		message: () => 'Additional Fields → Phone Numbers → Kind is "fax", which is not one of: home, mobile, other, work',
	},
	{
		name: '4 phone numbers',
		// n8n offers no way to vary the number of entries of a fixed collection per item (the editor
		// allows no expression for the collection itself, and the engine drops one), so four entries
		// are four for every item: item 0 is the first bad item here.
		badItem: 0,
		parameters: () =>
			create({
				phoneNumbers: {
					phone: [
						{ kind: 'home', number: '+1 555 0001' },
						{ kind: 'work', number: '+1 555 0002' },
						{ kind: 'mobile', number: '+1 555 0003' },
						{ kind: 'other', number: '={{ $json.phone }}' },
					],
				},
			}),
		items: () => [
			{ email: 'a@example.com', phone: '+1 555 0004' },
			{ email: 'b@example.com', phone: '+1 555 0005' },
		],
		message: () => 'Phone Numbers has 4 entries; Constant Contact keeps at most 3',
	},
	{
		name: "address kind 'moon'",
		parameters: () => create({ streetAddresses: { address: [{ kind: '={{ $json.kind }}', street: '1 Main St', city: 'Austin' }] } }),
		items: () => [
			{ email: 'a@example.com', kind: 'home' },
			{ email: 'b@example.com', kind: 'moon' },
		],
		message: () => 'Additional Fields → Street Addresses → Kind is "moon", which is not one of: home, other, work',
	},
	{
		name: 'custom field value over 255 characters',
		parameters: () => create({ customFields: { field: [{ id: color, value: '={{ $json.value }}' }] } }),
		items: () => [
			{ email: 'a@example.com', value: 'fine' },
			{ email: 'b@example.com', value: 'v'.repeat(256) },
		],
		message: () => `Custom Fields → ${color} is 256 characters long; Constant Contact accepts at most 255`,
	},
	{
		name: 'upsert with no lists',
		parameters: () => contactOp('upsert', { email: '={{ $json.email }}', lists: '={{ $json.lists }}' }),
		items: () => [
			{ email: 'a@example.com', lists: [list] },
			{ email: 'b@example.com', lists: [] },
		],
		message: () => 'List Names or IDs needs at least one list',
	},
];

describe.each(cases)('$name', (c) => {
	const bad = c.badItem ?? 1;
	test(`fails naming the field, with item index ${bad}; the bad item reaches no request`, async () => {
		const result = await cc.run(c.parameters(), { inputItems: c.items() });

		expect(result.status).toBe('error');
		expect(result.items).toEqual([]);
		const error = result.error as any;
		expect(error.message).toBe(c.message());
		// The item is n8n's to show ("Item Index"), not repeated in the message.
		expect(error.message).not.toMatch(/item \d/i);
		expect(error.context.itemIndex).toBe(bad);
		const sent = JSON.stringify(cc.api());
		expect(sent).not.toContain('b@example.com');
		if (bad === 0) {
			expect(cc.api()).toEqual([]);
		} else {
			// Item 0 alone is valid: in an empty account the same parameters with only item 0 succeed.
			cc.fakes.admin.reset();
			seedAccount();
			const itemZeroOnly = await cc.run(c.parameters(), { inputItems: [c.items()[0]] });
			expect(itemZeroOnly.error).toBeUndefined();
		}
	});
});

describe('with On Error → Continue', () => {
	test('the bad item becomes an error item with its message; the good one is created', async () => {
		const result = await cc.run(create({ firstName: '={{ $json.name }}' }), {
			continueOnFail: true,
			inputItems: [
				{ email: 'a@example.com', name: 'Ann' },
				{ email: 'b@example.com', name: 'N'.repeat(51) },
			],
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(result.items[0]).toMatchObject({ json: { first_name: 'Ann' }, pairedItem: { item: 0 } });
		expect(result.items[1]).toEqual({
			json: { error: 'First Name is 51 characters long; Constant Contact accepts at most 50' },
			pairedItem: { item: 1 },
		});
		expect(cc.calls()).toEqual(['POST /v3/contacts']);
		expect(cc.storedByEmail('b@example.com')).toBeUndefined();
	});
});

describe('the whole input is checked before anything is sent', () => {
	// The brief for these checks: with the bad value in item 1 of 2, the fake API receives no
	// request at all. The node checks each item just before sending it, so item 0 is already
	// written (a contact created) when item 1 fails; fixing item 1 and re-running then collides
	// with what item 0 created (Create answers 409 for it).
	test('no case sends any request (item 0 is not written when item 1 is bad)', async () => {
		const sent: Record<string, string[]> = {};
		for (const c of cases) {
			cc.fakes.admin.reset();
			seedAccount();
			const result = await cc.run(c.parameters(), { inputItems: c.items() });
			expect(result.error?.message).toBe(c.message());
			expect(cc.fakes.violations).toEqual([]);
			sent[c.name] = cc.calls();
		}
		expect(sent).toEqual(Object.fromEntries(cases.map((c) => [c.name, []])));
	});
});
