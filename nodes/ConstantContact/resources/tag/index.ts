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
	displayOptions: { show: { resource: ['tag'] } },
	default: 'getAll',
	options: [
		{ name: 'Create', value: 'create', description: 'Create a tag', action: 'Create a tag' },
		{
			name: 'Delete',
			value: 'delete',
			description: 'Remove a tag from every contact and delete it',
			action: 'Delete a tag and remove it from every contact with no way to undo it',
		},
		{ name: 'Get', value: 'get', description: 'Get a tag', action: 'Get a tag' },
		{ name: 'Get Many', value: 'getAll', description: 'Get many tags', action: 'Get many tags' },
		{ name: 'Update', value: 'update', description: 'Rename a tag', action: 'Update a tag' },
	],
};

export const tag: Resource = {
	description: [operationSelector, ...Object.values(operations).flatMap((op) => op.description)],
	operations,
};
