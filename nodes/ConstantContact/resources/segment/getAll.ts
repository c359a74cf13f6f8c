import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collection } from '../../shared/parameters';
import { returnAllOrLimit } from '../../shared/descriptions';
import { getMany } from '../../shared/getMany';
import { checkOneOf } from '../../shared/validation';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Get Many',
	value: 'getAll',
	description: 'Get many segments',
	action: 'Get many segments',
};

const SORTS = ['date', 'name'] as const;

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Sort By',
				name: 'sortBy',
				type: 'options',
				default: 'date',
				options: [
					{ name: 'Last Updated (Newest First)', value: 'date' },
					{ name: 'Name (A to Z)', value: 'name' },
				],
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['segment'], operation: ['getAll'] } },
	properties,
);

export async function prepare(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const options = collection(this, 'options', i);
	return options.sortBy !== undefined && options.sortBy !== ''
		? { sort_by: checkOneOf(this, i, 'Sort By', options.sortBy, SORTS) }
		: {};
}

export async function execute(this: IExecuteFunctions, i: number, qs: IDataObject): Promise<IDataObject[]> {
	// Deleted segments are not listed. Constant Contact's default (and the pickers') page is 1,000.
	return await getMany(this, i, { path: '/segments', itemsKey: 'segments', pageSize: 1000, qs });
}
