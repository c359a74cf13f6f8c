import type { INodeProperties } from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/types';
import * as addContacts from './addContacts';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as getAll from './getAll';
import * as getContacts from './getContacts';
import * as removeContacts from './removeContacts';
import * as update from './update';

const operations: Record<string, Operation> = {
	addContacts,
	create,
	delete: del,
	get,
	getAll,
	getContacts,
	removeContacts,
	update,
};

const operationSelector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['list'] } },
	default: 'getAll',
	options: [
		{
			name: 'Add Contacts',
			value: 'addContacts',
			description: 'Put up to 500 contacts on a list',
			action: 'Add contacts to a list',
		},
		{ name: 'Create', value: 'create', description: 'Create a list', action: 'Create a list' },
		{
			name: 'Delete',
			value: 'delete',
			description: 'Take every contact off a list and delete it',
			action: 'Delete a list and take every contact off it with no way to undo it',
		},
		{ name: 'Get', value: 'get', description: 'Get a list', action: 'Get a list' },
		{
			name: 'Get Contacts',
			value: 'getContacts',
			description: 'Get the contacts on a list',
			action: 'Get contacts of a list',
		},
		{ name: 'Get Many', value: 'getAll', description: 'Get many lists', action: 'Get many lists' },
		{
			name: 'Remove Contacts',
			value: 'removeContacts',
			description: 'Take up to 500 contacts off a list',
			action: 'Remove contacts from a list',
		},
		{
			name: 'Update',
			value: 'update',
			description: 'Rename a list or change its favorite flag or description',
			action: 'Update a list',
		},
	],
};

export const list: Resource = {
	description: [operationSelector, ...Object.values(operations).flatMap((op) => op.description)],
	operations,
};
