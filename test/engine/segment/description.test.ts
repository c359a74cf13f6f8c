/**
 * The Segment resource as the n8n editor shows it (the built node's description): the operation
 * selector, the picker wired to `searchSegments` (whole-number IDs), and the fields per operation.
 */
import path from 'node:path';
import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { shownOnNodeFor } from '../descriptionHelpers';

const { ConstantContact } = require(path.resolve(__dirname, '../../../dist/nodes/ConstantContact/ConstantContact.node.js'));
const node: INodeType = new ConstantContact();
const properties: INodeProperties[] = node.description.properties;

const shownFor = shownOnNodeFor('segment');
const fieldsOf = (operation: string) => properties.filter((p) => shownFor(p, operation)).map((p) => p.name);

describe('Segment resource description', () => {
	test('the operations are listed alphabetically with actions', () => {
		const selector = properties.find(
			(p) => p.name === 'operation' && (p.displayOptions?.show?.resource as string[] | undefined)?.includes('segment'),
		)!;
		expect((selector.options as INodePropertyOptions[]).map((o) => [o.name, o.value, o.action])).toEqual([
			['Create', 'create', 'Create a segment'],
			['Delete', 'delete', 'Delete a segment'],
			['Get', 'get', 'Get a segment'],
			['Get Many', 'getAll', 'Get many segments'],
			['Update', 'update', 'Update a segment'],
		]);
		expect(selector.default).toBe('getAll');
	});

	test.each(['delete', 'get', 'update'])('%s picks the segment from a searchable list (searchSegments) or by whole-number ID', (operation) => {
		const picker = properties.find((p) => p.name === 'segment' && shownFor(p, operation))!;
		expect(picker.type).toBe('resourceLocator');
		expect(picker.modes!.map((m) => m.name)).toEqual(['list', 'id']);
		expect(picker.modes![0].typeOptions!.searchListMethod).toBe('searchSegments');
		expect(typeof node.methods!.listSearch!.searchSegments).toBe('function');
		expect((picker.modes![1].validation![0] as any).properties.regex).toBe('^[0-9]+$');
	});

	test('the fields of each operation; the criteria field is JSON', () => {
		expect(fieldsOf('create')).toEqual(['name', 'segmentCriteria']);
		expect(fieldsOf('get')).toEqual(['segment']);
		expect(fieldsOf('getAll')).toEqual(['returnAll', 'limit', 'options']);
		expect(fieldsOf('update')).toEqual(['segment', 'updateFields']);
		expect(fieldsOf('delete')).toEqual(['segmentDeleteNotice', 'segment']);
		const criteria = properties.find((p) => p.name === 'segmentCriteria' && shownFor(p, 'create'))!;
		expect(criteria.type).toBe('json');
		expect(() => JSON.parse(String(criteria.default))).not.toThrow();
	});
});
