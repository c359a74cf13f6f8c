import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collection } from '../../shared/parameters';
import { constantContactApiRequest, createdSince, matchesSent } from '../../shared/transport';
import { findListByName } from '../../shared/names';
import { checkListName, descriptionField, favoriteField, nameTaken } from './common';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Create',
	value: 'create',
	description: 'Create a list',
	action: 'Create a list',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Newsletter',
		description: 'Unique in the account (regardless of upper or lower case); at most 255 characters',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [descriptionField, favoriteField],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['list'], operation: ['create'] } }, properties);


export async function prepare(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const body: IDataObject = { name: checkListName(this, i, this.getNodeParameter('name', i)) };
	const options = collection(this, 'options', i);
	if (typeof options.description === 'string' && options.description !== '') body.description = options.description;
	if (options.favorite !== undefined) body.favorite = options.favorite === true;
	return body;
}

export async function execute(this: IExecuteFunctions, i: number, body: IDataObject): Promise<IDataObject> {
	const name = String(body.name);
	return await constantContactApiRequest.call(this, {
		method: 'POST',
		path: '/contact_lists',
		body,
		itemIndex: i,
		hints: { 409: nameTaken(name) },
		expect: { idKey: 'list_id' },
		// If an attempt got no answer and the retry hits "already exists", the first attempt made
		// the list: return it instead of failing (an older list of that name is a real conflict).
		recoverConflict: async (firstAttemptAt) => {
			const found = await findListByName(this, i, name);
			return found && createdSince(found, firstAttemptAt) && matchesSent(found, body) ? found : undefined;
		},
	});
}
