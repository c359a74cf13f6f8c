/**
 * The Tag resource as the n8n editor shows it (the built node's description): the operation
 * selector and the picker wired to `searchTags`.
 */
import path from 'node:path';
import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { shownOnNodeFor } from '../descriptionHelpers';

const { ConstantContact } = require(path.resolve(__dirname, '../../../dist/nodes/ConstantContact/ConstantContact.node.js'));
const node: INodeType = new ConstantContact();
const properties: INodeProperties[] = node.description.properties;

const shownFor = shownOnNodeFor('tag');

describe('Tag resource description', () => {
	test('the operations are listed alphabetically with actions', () => {
		const selector = properties.find(
			(p) => p.name === 'operation' && (p.displayOptions?.show?.resource as string[] | undefined)?.includes('tag'),
		)!;
		expect((selector.options as INodePropertyOptions[]).map((o) => [o.name, o.value, o.action])).toEqual([
			['Create', 'create', 'Create a tag'],
			['Delete', 'delete', 'Delete a tag'],
			['Get', 'get', 'Get a tag'],
			['Get Many', 'getAll', 'Get many tags'],
			['Update', 'update', 'Update a tag'],
		]);
	});

	test.each(['delete', 'get', 'update'])('%s picks the tag from a searchable list (searchTags) or by ID', (operation) => {
		const picker = properties.find((p) => p.name === 'tag' && shownFor(p, operation))!;
		expect(picker.type).toBe('resourceLocator');
		expect(picker.modes!.map((m) => m.name)).toEqual(['list', 'id']);
		expect(picker.modes![0].typeOptions!.searchListMethod).toBe('searchTags');
		expect(typeof node.methods!.listSearch!.searchTags).toBe('function');
	});

	test('Delete offers Wait for Completion (on by default)', () => {
		const options = properties.find((p) => p.name === 'options' && shownFor(p, 'delete'))!;
		const wait = (options.options as INodeProperties[]).find((o) => o.name === 'waitForCompletion')!;
		expect(wait.default).toBe(true);
	});
});
