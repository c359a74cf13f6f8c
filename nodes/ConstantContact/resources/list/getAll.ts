import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collection } from '../../shared/parameters';
import { returnAllOrLimit } from '../../shared/descriptions';
import { getMany } from '../../shared/getMany';
import { checkListName, membershipCountField, membershipCountQuery } from './common';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Get Many',
	value: 'getAll',
	description: 'Get many lists',
	action: 'Get many lists',
};

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			membershipCountField,
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. Newsletter',
				description: 'Only the list with exactly this name (upper and lower case must match)',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'active',
				description: 'Without a status, Constant Contact returns the lists that are not deleted',
				options: [
					{ name: 'Active', value: 'active', description: 'Lists that are not deleted' },
					{ name: 'All (Including Deleted)', value: 'all' },
					{ name: 'Deleted', value: 'deleted' },
				],
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['list'], operation: ['getAll'] } }, properties);

export async function prepare(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const options = collection(this, 'options', i);
	const qs = membershipCountQuery(options);
	if (options.name !== undefined) qs.name = checkListName(this, i, options.name);
	if (options.status === 'all' || options.status === 'active' || options.status === 'deleted') qs.status = options.status;
	return qs;
}

export async function execute(this: IExecuteFunctions, i: number, qs: IDataObject): Promise<IDataObject[]> {
	// The spec's description says 1–500 (its schema says 1000): ask for 500.
	return await getMany(this, i, { path: '/contact_lists', itemsKey: 'lists', pageSize: 500, qs });
}
