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
	displayOptions: { show: { resource: ['customField'] } },
	default: 'getAll',
	options: [
		{ name: 'Create', value: 'create', description: 'Create a custom field', action: 'Create a custom field' },
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete a custom field and its values on every contact',
			action: 'Delete a custom field and its value on every contact with no way to undo it',
		},
		{ name: 'Get', value: 'get', description: 'Get a custom field', action: 'Get a custom field' },
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'Get many custom fields',
			action: 'Get many custom fields',
		},
		{
			name: 'Update',
			value: 'update',
			description: 'Change the label or the choices of a custom field',
			action: 'Update a custom field',
		},
	],
};

export const customField: Resource = {
	description: [operationSelector, ...Object.values(operations).flatMap((op) => op.description)],
	operations,
};
