/**
 * The Activity (Bulk Job) resource as the n8n editor shows it (the built node's description).
 */
import path from 'node:path';
import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { shownOnNodeFor } from '../descriptionHelpers';

const { ConstantContact } = require(path.resolve(__dirname, '../../../dist/nodes/ConstantContact/ConstantContact.node.js'));
const node: INodeType = new ConstantContact();
const properties: INodeProperties[] = node.description.properties;

const shownFor = shownOnNodeFor('activity');

describe('Activity resource description', () => {
	test('Get and Get Many, with actions', () => {
		const selector = properties.find(
			(p) => p.name === 'operation' && (p.displayOptions?.show?.resource as string[] | undefined)?.includes('activity'),
		)!;
		expect((selector.options as INodePropertyOptions[]).map((o) => [o.name, o.value, o.action])).toEqual([
			['Get', 'get', 'Get an activity'],
			['Get Many', 'getAll', 'Get many activities'],
		]);
	});

	test('Get takes an Activity ID; Get Many offers the five states Constant Contact filters by', () => {
		expect(properties.filter((p) => shownFor(p, 'get')).map((p) => [p.name, p.type, p.required])).toEqual([
			['activityId', 'string', true],
		]);
		const filters = properties.find((p) => p.name === 'filters' && shownFor(p, 'getAll'))!;
		const state = (filters.options as INodeProperties[]).find((o) => o.name === 'state')!;
		expect((state.options as INodePropertyOptions[]).map((o) => o.value)).toEqual([
			'cancelled',
			'completed',
			'failed',
			'processing',
			'timed_out',
		]);
	});
});
