import type { INodeProperties } from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/types';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as getAll from './getAll';
import * as update from './update';

const operations: Record<string, Operation> = { create, delete: del, get, getAll, update };

const operationSelector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['segment'] } },
	default: 'getAll',
	options: [
		{ name: 'Create', value: 'create', description: 'Create a segment', action: 'Create a segment' },
		{ name: 'Delete', value: 'delete', description: 'Delete a segment', action: 'Delete a segment' },
		{
			name: 'Get',
			value: 'get',
			description: 'Get a segment with its criteria',
			action: 'Get a segment',
		},
		{ name: 'Get Many', value: 'getAll', description: 'Get many segments', action: 'Get many segments' },
		{
			name: 'Update',
			value: 'update',
			description: 'Rename a segment or change its criteria',
			action: 'Update a segment',
		},
	],
};

export const segment: Resource = {
	description: [operationSelector, ...Object.values(operations).flatMap((op) => op.description)],
	operations,
};
