/**
 * The Custom Field resource as the n8n editor shows it (the built node's description): the
 * operation selector, the picker wired to `searchCustomFields`, and the fields per operation.
 */
import path from 'node:path';
import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { shownOnNodeFor } from '../descriptionHelpers';

const { ConstantContact } = require(path.resolve(__dirname, '../../../dist/nodes/ConstantContact/ConstantContact.node.js'));
const node: INodeType = new ConstantContact();
const properties: INodeProperties[] = node.description.properties;

const shownFor = shownOnNodeFor('customField');
const fieldsOf = (operation: string) => properties.filter((p) => shownFor(p, operation)).map((p) => p.name);

describe('Custom Field resource description', () => {
	test('the operations are listed alphabetically with actions', () => {
		const selector = properties.find(
			(p) => p.name === 'operation' && (p.displayOptions?.show?.resource as string[] | undefined)?.includes('customField'),
		)!;
		expect((selector.options as INodePropertyOptions[]).map((o) => [o.name, o.value, o.action])).toEqual([
			['Create', 'create', 'Create a custom field'],
			['Delete', 'delete', 'Delete a custom field'],
			['Get', 'get', 'Get a custom field'],
			['Get Many', 'getAll', 'Get many custom fields'],
			['Update', 'update', 'Update a custom field'],
		]);
		expect(selector.default).toBe('getAll');
	});

	test.each(['delete', 'get', 'update'])('%s picks the field from a searchable list (searchCustomFields) or by ID', (operation) => {
		const picker = properties.find((p) => p.name === 'customField' && shownFor(p, operation))!;
		expect(picker.type).toBe('resourceLocator');
		expect(picker.required).toBe(true);
		expect(picker.modes!.map((m) => m.name)).toEqual(['list', 'id']);
		const method = picker.modes![0].typeOptions!.searchListMethod!;
		expect(method).toBe('searchCustomFields');
		expect(typeof node.methods!.listSearch![method]).toBe('function');
	});

	test('the fields of each operation', () => {
		expect(fieldsOf('create')).toEqual(['label', 'type', 'choices']);
		expect(fieldsOf('get')).toEqual(['customField']);
		expect(fieldsOf('getAll')).toEqual(['returnAll', 'limit']);
		expect(fieldsOf('update')).toEqual(['customFieldUpdateNotice', 'customField', 'updateFields']);
		expect(fieldsOf('delete')).toEqual(['customFieldDeleteNotice', 'customField']);
	});

	test('Create offers the nine types; Choices only for the select types', () => {
		const type = properties.find((p) => p.name === 'type' && shownFor(p, 'create'))!;
		expect((type.options as INodePropertyOptions[]).map((o) => o.value).sort()).toEqual(
			['boolean', 'currency', 'date', 'datetime', 'multi_select', 'number', 'single_select', 'string', 'text_area'],
		);
		const choices = properties.find((p) => p.name === 'choices' && shownFor(p, 'create'))!;
		expect(choices.displayOptions!.show!.type).toEqual(['single_select', 'multi_select']);
	});
});
