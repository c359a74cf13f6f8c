import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collection } from '../../shared/parameters';
import { deleteInBackground } from '../../shared/activities';
import { pickField, waitForCompletionField } from '../../shared/descriptions';
import { readPick } from '../../shared/validation';
import { notFound } from './common';
import { apiPath } from '../../shared/transport';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Delete',
	value: 'delete',
	description: 'Take every contact off a list and delete it',
	action: 'Delete a list',
	toolNote: 'Every contact is taken off it, with no way to undo it.',
};

const properties: INodeProperties[] = [
	{
		displayName:
			'Constant Contact takes every contact off the list, then deletes it; the contacts themselves are kept. This runs as a background job.',
		name: 'listDeleteNotice',
		type: 'notice',
		default: '',
	},
	pickField('list'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [waitForCompletionField],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['list'], operation: ['delete'] } }, properties);

interface DeleteInput {
	listId: string;
	wait: boolean;
}

export async function prepare(this: IExecuteFunctions, i: number): Promise<DeleteInput> {
	const options = collection(this, 'options', i);
	return { listId: readPick(this, i, 'list', 'list'), wait: (options.waitForCompletion as boolean | undefined) ?? true };
}

export async function execute(this: IExecuteFunctions, i: number, { listId, wait }: DeleteInput): Promise<IDataObject> {
	return await deleteInBackground(
		this,
		i,
		{ path: apiPath`/contact_lists/${listId}`, idKey: 'list_id', id: listId, notFound: notFound(listId) },
		wait,
	);
}
