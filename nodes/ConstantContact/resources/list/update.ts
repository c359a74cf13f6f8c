import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { collection } from '../../shared/parameters';
import { pickField } from '../../shared/descriptions';
import { apiPath, constantContactApiRequest } from '../../shared/transport';
import { invalid, readPick } from '../../shared/validation';
import { checkListName, descriptionField, favoriteField, nameTaken, notFound } from './common';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Update',
	value: 'update',
	description: 'Rename a list or change its favorite flag or description',
	action: 'Update a list',
};

const properties: INodeProperties[] = [
	pickField('list'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here change; the list keeps everything else',
		options: [
			{ ...descriptionField, description: 'Text describing the list; leave empty to remove it' },
			favoriteField,
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. Newsletter',
				description: 'New name, unique in the account; at most 255 characters',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['list'], operation: ['update'] } }, properties);

interface UpdateInput {
	listId: string;
	changes: { name?: string; favorite?: boolean; description?: string };
}

export async function prepare(this: IExecuteFunctions, i: number): Promise<UpdateInput> {
	const listId = readPick(this, i, 'list', 'list');
	const fields = collection(this, 'updateFields', i);
	const changes: UpdateInput['changes'] = {};
	if (fields.name !== undefined) changes.name = checkListName(this, i, fields.name);
	if (fields.favorite !== undefined) changes.favorite = fields.favorite === true;
	if (fields.description !== undefined) changes.description = String(fields.description ?? '');
	if (!Object.keys(changes).length) {
		throw invalid(this, i, 'Update Fields', 'is empty', 'Add the fields to change: Name, Favorite or Description.');
	}
	return { listId, changes };
}

export async function execute(this: IExecuteFunctions, i: number, { listId, changes }: UpdateInput): Promise<IDataObject> {
	// Constant Contact's PUT replaces the whole list (name, favorite, description): start from
	// what the list has now, so nothing the user did not touch changes.
	const current = await constantContactApiRequest.call(this, {
		method: 'GET',
		path: apiPath`/contact_lists/${listId}`,
		itemIndex: i,
		hints: { 404: notFound(listId) },
	});
	if (current.deleted_at) {
		throw new NodeOperationError(this.getNode(), `List ${listId} was deleted on ${String(current.deleted_at)}`, {
			itemIndex: i,
			description: 'A deleted list cannot be changed. Create a new list instead.',
		});
	}
	const body: IDataObject = {
		name: changes.name ?? current.name,
		favorite: changes.favorite ?? current.favorite === true,
	};
	const text = changes.description ?? current.description;
	if (text !== undefined && text !== null) body.description = text;
	return await constantContactApiRequest.call(this, {
		method: 'PUT',
		path: apiPath`/contact_lists/${listId}`,
		body,
		itemIndex: i,
		hints: { 404: notFound(listId), 409: nameTaken(String(body.name)) },
	});
}
