import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collection } from '../../shared/parameters';
import { includeCountField, returnAllOrLimit } from '../../shared/descriptions';
import { getMany } from '../../shared/getMany';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Get Many',
	value: 'getAll',
	description: 'Get many tags',
	action: 'Get many tags',
};

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [includeCountField('contacts tagged')],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['tag'], operation: ['getAll'] } }, properties);

export async function prepare(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const options = collection(this, 'options', i);
	return options.includeCount === true ? { include_count: true } : {};
}

export async function execute(this: IExecuteFunctions, i: number, qs: IDataObject): Promise<IDataObject[]> {
	return await getMany(this, i, { path: '/contact_tags', itemsKey: 'tags', pageSize: 500, qs });
}
