/**
 * Bad input is rejected while the items are prepared: the error names the item and the field,
 * and nothing is sent to Constant Contact (not even for the valid items before it).
 *
 * Values come from expressions ({{ $json.v }}) here: a literal empty required field or a literal
 * list ID that breaks the picker's pattern is already refused by n8n itself before the node runs
 * (last test), so the node's own checks matter for what expressions produce.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useContactFakes } from '../contact/helpers';
import { fakeContactIds, listById, listOp } from './helpers';

const cc = useContactFakes();

const LIST = '1ec8a3a0-4e6b-11ec-8bd6-fa163e6a92d8';
const CONTACT = '2fd9b4b1-5f7c-11ec-9ce7-fa163e6a92d8';
const V = '={{ $json.v }}';

interface Case {
	title: string;
	parameters: INodeParameters;
	/** The item's `v` (used by `={{ $json.v }}`). */
	v?: IDataObject[string];
	message: string;
	description?: string;
}

const cases: Case[] = [
	{ title: 'create: empty name', parameters: listOp('create', { name: V }), v: '', message: 'Name is empty' },
	{ title: 'create: blank name', parameters: listOp('create', { name: '   ' }), message: 'Name is empty' },
	{
		title: 'create: name of 256 characters',
		parameters: listOp('create', { name: V }),
		v: 'x'.repeat(256),
		message: 'Name is 256 characters long; Constant Contact accepts at most 255',
	},
	{
		title: 'update: name of 300 characters',
		parameters: listOp('update', { list: listById(LIST), updateFields: { name: 'y'.repeat(300) } }),
		message: 'Name is 300 characters long; Constant Contact accepts at most 255',
	},
	{
		title: 'update: no field to change',
		parameters: listOp('update', { list: listById(LIST), updateFields: {} }),
		message: 'Update Fields is empty',
		description: 'Add the fields to change: Name, Favorite or Description.',
	},
	{
		title: 'getAll: empty Name filter',
		parameters: listOp('getAll', { returnAll: true, options: { name: ' ' } }),
		message: 'Name is empty',
	},
	...['get', 'update', 'delete', 'getContacts', 'addContacts', 'removeContacts'].map(
		(operation): Case => ({
			title: `${operation}: a list name instead of an ID`,
			parameters: listOp(operation, {
				list: listById(V),
				updateFields: { name: 'New' },
				returnAll: true,
				contactIds: CONTACT,
			}),
			v: 'Newsletter',
			message: 'List "Newsletter" is not a Constant Contact list ID',
			description: 'Not a Constant Contact list ID, e.g. 1ec8a3a0-4e6b-11ec-8bd6-fa163e6a92d8. Pick one from the list, or find its ID with List → Get Many.',
		}),
	),
	{
		title: 'get: no list picked',
		parameters: listOp('get', { list: { __rl: true, mode: 'list', value: V } }),
		v: '',
		message: 'List is empty',
	},
	...['addContacts', 'removeContacts'].flatMap((operation): Case[] => [
		{
			title: `${operation}: no contact IDs`,
			parameters: listOp(operation, { list: listById(LIST), contactIds: ' , ' }),
			message: 'Contact IDs is empty',
		},
		{
			title: `${operation}: an e-mail address among the contact IDs`,
			parameters: listOp(operation, { list: listById(LIST), contactIds: `${CONTACT}, ada@example.com` }),
			message: 'Contact IDs contains "ada@example.com", which is not a Constant Contact contact ID',
		},
		{
			title: `${operation}: 501 contact IDs`,
			parameters: listOp(operation, { list: listById(LIST), contactIds: fakeContactIds(501) }),
			message: 'Contact IDs has 501 contact IDs; Constant Contact accepts at most 500',
		},
	]),
];

describe('validation', () => {
	test.each(cases)('$title', async ({ parameters, v, message, description }) => {
		const result = await cc.run(parameters, { inputItems: [{ v }] });

		expect(result.status).toBe('error');
		expect(result.items).toEqual([]);
		const error = result.error as any;
		expect(error.message).toBe(message);
		if (description) expect(error.description).toBe(description);
		expect(error.context.itemIndex).toBe(0);
		expect(cc.api()).toEqual([]);
	});

	test('one bad item stops the node before the valid items are written', async () => {
		const result = await cc.run(listOp('create', { name: '={{ $json.name }}' }), {
			inputItems: [{ name: 'Fine' }, { name: 'z'.repeat(256) }],
		});

		expect(result.status).toBe('error');
		expect(result.error!.message).toBe('Name is 256 characters long; Constant Contact accepts at most 255');
		expect((result.error as any).context.itemIndex).toBe(1);
		expect(cc.api()).toEqual([]);
		expect(cc.fakes.admin.state().lists).toEqual([]);
	});

	test('with Continue On Fail the bad item becomes an error item and the others run', async () => {
		const result = await cc.run(
			listOp('addContacts', { list: listById(LIST), contactIds: '={{ $json.ids }}', options: { waitForCompletion: false } }),
			{ inputItems: [{ ids: fakeContactIds(501) }, { ids: 'not-an-id' }], continueOnFail: true },
		);

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{
				json: { error: 'Contact IDs has 501 contact IDs; Constant Contact accepts at most 500' },
				pairedItem: { item: 0 },
			},
			{
				json: {
					error: 'Contact IDs contains "not-an-id", which is not a Constant Contact contact ID',
					description: expect.stringContaining('e-mail addresses are not accepted here'),
				},
				pairedItem: { item: 1 },
			},
		]);
		expect(cc.api()).toEqual([]);
	});

	test('with Continue On Fail a valid item still runs next to a bad one', async () => {
		const s = cc.fakes.admin.seed({ lists: [{ name: 'Target' }] });
		const target = s.lists[0].list_id;
		const result = await cc.run(listOp('get', { list: listById('={{ $json.id }}') }), {
			inputItems: [{ id: 'Target' }, { id: target }],
			continueOnFail: true,
		});

		expect(result.items).toEqual([
			{
				json: {
					error: 'List "Target" is not a Constant Contact list ID',
					description: expect.stringContaining('Pick one from the list'),
				},
				pairedItem: { item: 0 },
			},
			{ json: expect.objectContaining({ list_id: target, name: 'Target' }), pairedItem: { item: 1 } },
		]);
		expect(cc.calls()).toEqual([`GET /v3/contact_lists/${target}`]);
	});

	test('n8n itself refuses a literal list ID that is not a UUID before the node runs', async () => {
		await expect(cc.run(listOp('get', { list: listById('Newsletter') }))).rejects.toThrow(
			/has issues:[\s\S]*Not a Constant Contact list ID/,
		);
		expect(cc.api()).toEqual([]);
	});
});
