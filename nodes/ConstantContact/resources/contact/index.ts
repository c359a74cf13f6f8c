import type { INodeProperties } from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/types';
import * as addTags from './addTags';
import * as addToLists from './addToLists';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as getActivity from './getActivity';
import * as getAll from './getAll';
import * as importContacts from './import';
import * as removeFromLists from './removeFromLists';
import * as removeTags from './removeTags';
import * as unsubscribe from './unsubscribe';
import * as update from './update';
import * as upsert from './upsert';

const operations: Record<string, Operation> = {
	addTags,
	addToLists,
	create,
	delete: del,
	get,
	getActivity,
	getAll,
	import: importContacts,
	removeFromLists,
	removeTags,
	unsubscribe,
	update,
	upsert,
};

const operationSelector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['contact'] } },
	default: 'upsert',
	options: [
		{
			name: 'Add Tags',
			value: 'addTags',
			description: 'Tag a contact',
			action: 'Add tags to a contact',
		},
		{
			name: 'Add to Lists',
			value: 'addToLists',
			description: 'Put a contact on one or more lists',
			action: 'Add a contact to lists',
		},
		{
			name: 'Create',
			value: 'create',
			description: 'Create a new contact; fails if the e-mail address exists',
			action: 'Create a contact',
		},
		{
			name: 'Create or Update',
			value: 'upsert',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
			action: 'Create or update a contact and give it explicit permission to receive email even if it had unsubscribed',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete a contact: it gets no e-mail and no longer counts, until it is added again',
			action: 'Delete a contact who then gets no email until added again',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a contact by ID or e-mail address',
			action: 'Get a contact',
		},
		{
			name: 'Get Activity',
			value: 'getActivity',
			description: "A contact's campaign activity (sends, opens, clicks, …) or its open and click rates",
			action: 'Get the campaign activity of a contact',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'Get many contacts, optionally filtered',
			action: 'Get many contacts',
		},
		{
			name: 'Import',
			value: 'import',
			description: 'Import all input items at once with Constant Contact\'s bulk import (up to 40,000 per request)',
			action: 'Import contacts in bulk and give new ones implicit permission to receive email',
		},
		{
			name: 'Remove From Lists',
			value: 'removeFromLists',
			description: 'Take a contact off one or more lists',
			action: 'Remove a contact from lists',
		},
		{
			name: 'Remove Tags',
			value: 'removeTags',
			description: 'Remove tags from a contact',
			action: 'Remove tags from a contact',
		},
		{
			name: 'Unsubscribe',
			value: 'unsubscribe',
			description: 'Stop all e-mail campaigns to a contact; only the contact can opt in again',
			action: 'Unsubscribe a contact from all email so that only the contact can opt in again',
		},
		{
			name: 'Update',
			value: 'update',
			description: 'Change some fields of a contact and keep the rest',
			action: 'Update a contact',
		},
	],
};

export const contact: Resource = {
	description: [operationSelector, ...Object.values(operations).flatMap((op) => op.description)],
	operations,
};
