import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { pickField } from '../../shared/descriptions';
import { apiPath, constantContactApiRequest } from '../../shared/transport';
import { readPick } from '../../shared/validation';
import { checkTagName } from './common';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Update',
	value: 'update',
	description: 'Rename a tag',
	action: 'Update a tag',
};

const properties: INodeProperties[] = [
	pickField('tag'),
	{
		displayName: 'New Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		description: 'The only thing of a tag that can change; its contacts keep it',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['tag'], operation: ['update'] } }, properties);

interface UpdateInput {
	tagId: string;
	name: string;
}

export async function prepare(this: IExecuteFunctions, i: number): Promise<UpdateInput> {
	return { tagId: readPick(this, i, 'tag', 'tag'), name: checkTagName(this, i, this.getNodeParameter('name', i)) };
}

export async function execute(this: IExecuteFunctions, i: number, { tagId, name }: UpdateInput): Promise<IDataObject> {
	return await constantContactApiRequest.call(this, {
		method: 'PUT',
		path: apiPath`/contact_tags/${tagId}`,
		body: { name },
		itemIndex: i,
		hints: {
			404: `Tag ${tagId} does not exist in this Constant Contact account`,
			409: `A tag named "${name}" already exists`,
		},
	});
}
