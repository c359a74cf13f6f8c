import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collection } from '../../shared/parameters';
import { pickField } from '../../shared/descriptions';
import { apiPath, constantContactApiRequest } from '../../shared/transport';
import { readPick } from '../../shared/validation';
import { membershipCountField, membershipCountQuery, notFound } from './common';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Get',
	value: 'get',
	description: 'Get a list',
	action: 'Get a list',
};

const properties: INodeProperties[] = [
	pickField('list'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [membershipCountField],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['list'], operation: ['get'] } }, properties);

interface GetInput {
	listId: string;
	qs: IDataObject;
}

export async function prepare(this: IExecuteFunctions, i: number): Promise<GetInput> {
	const options = collection(this, 'options', i);
	return { listId: readPick(this, i, 'list', 'list'), qs: membershipCountQuery(options) };
}

export async function execute(this: IExecuteFunctions, i: number, { listId, qs }: GetInput): Promise<IDataObject> {
	return await constantContactApiRequest.call(this, {
		method: 'GET',
		path: apiPath`/contact_lists/${listId}`,
		expect: { idKey: 'list_id' },
		qs,
		itemIndex: i,
		hints: { 404: notFound(listId) },
	});
}
