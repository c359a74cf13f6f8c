import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collection } from '../../shared/parameters';
import { includeCountField, pickField } from '../../shared/descriptions';
import { apiPath, constantContactApiRequest } from '../../shared/transport';
import { readPick } from '../../shared/validation';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Get',
	value: 'get',
	description: 'Get a tag',
	action: 'Get a tag',
};

const properties: INodeProperties[] = [
	pickField('tag'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [includeCountField('contacts tagged')],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['tag'], operation: ['get'] } }, properties);

interface GetInput {
	tagId: string;
	includeCount: boolean;
}

export async function prepare(this: IExecuteFunctions, i: number): Promise<GetInput> {
	const options = collection(this, 'options', i);
	return { tagId: readPick(this, i, 'tag', 'tag'), includeCount: options.includeCount === true };
}

export async function execute(this: IExecuteFunctions, i: number, { tagId, includeCount }: GetInput): Promise<IDataObject> {
	return await constantContactApiRequest.call(this, {
		method: 'GET',
		path: apiPath`/contact_tags/${tagId}`,
		expect: { idKey: 'tag_id' },
		qs: includeCount ? { include_count: true } : undefined,
		itemIndex: i,
		hints: { 404: `Tag ${tagId} does not exist in this Constant Contact account` },
	});
}
