/**
 * The List resource as the n8n editor shows it (the built node's description): the operation
 * selector, and the list picker wired to the node's `searchLists` method.
 *
 * The picker's search itself (`methods.listSearch.searchLists`) is not run here: the engine
 * harness runs `methods.loadOptions` only.
 */
import path from 'node:path';
import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { shownOnNodeFor } from '../descriptionHelpers';

const { ConstantContact } = require(path.resolve(__dirname, '../../../dist/nodes/ConstantContact/ConstantContact.node.js'));
const node: INodeType = new ConstantContact();
const properties: INodeProperties[] = node.description.properties;

const shownFor = shownOnNodeFor('list');

describe('List resource description', () => {
	test('the resource is offered and its operations are listed alphabetically with actions', () => {
		const resource = properties.find((p) => p.name === 'resource')!;
		expect((resource.options as INodePropertyOptions[]).map((o) => o.value)).toContain('list');

		const selector = properties.find(
			(p) => p.name === 'operation' && (p.displayOptions?.show?.resource as string[] | undefined)?.includes('list'),
		)!;
		const options = selector.options as INodePropertyOptions[];
		expect(options.map((o) => [o.name, o.value, o.action])).toEqual([
			['Add Contacts', 'addContacts', 'Add contacts to a list'],
			['Create', 'create', 'Create a list'],
			['Delete', 'delete', 'Delete a list'],
			['Get', 'get', 'Get a list'],
			['Get Contacts', 'getContacts', 'Get contacts of a list'],
			['Get Many', 'getAll', 'Get many lists'],
			['Remove Contacts', 'removeContacts', 'Remove contacts from a list'],
			['Update', 'update', 'Update a list'],
		]);
		expect(selector.default).toBe('getAll');
	});

	test.each(['addContacts', 'delete', 'get', 'getContacts', 'removeContacts', 'update'])(
		'%s picks the list from a searchable list (searchLists) or by ID',
		(operation) => {
			const picker = properties.find((p) => p.name === 'list' && shownFor(p, operation))!;
			expect(picker.type).toBe('resourceLocator');
			expect(picker.required).toBe(true);
			expect(picker.modes!.map((m) => m.name)).toEqual(['list', 'id']);
			const method = picker.modes![0].typeOptions!.searchListMethod!;
			expect(method).toBe('searchLists');
			expect(typeof node.methods!.listSearch![method]).toBe('function');
		},
	);

	test('Create and Get Many need no list', () => {
		expect(properties.filter((p) => p.name === 'list' && (shownFor(p, 'create') || shownFor(p, 'getAll')))).toEqual([]);
	});
});
