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
	description: 'Get the bulk jobs of the last 10 days',
	action: 'Get many activities',
};

const STATES = ['cancelled', 'completed', 'failed', 'processing', 'timed_out'] as const;

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'State',
				name: 'state',
				type: 'options',
				default: 'processing',
				description: 'Only jobs in this state',
				options: [
					{ name: 'Cancelled', value: 'cancelled' },
					{ name: 'Completed', value: 'completed' },
					{ name: 'Failed', value: 'failed' },
					{ name: 'Processing', value: 'processing' },
					{ name: 'Timed Out', value: 'timed_out' },
				],
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['activity'], operation: ['getAll'] } },
	properties,
);

export async function prepare(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const filters = collection(this, 'filters', i);
	return filters.state !== undefined && filters.state !== ''
		? { state: checkOneOf(this, i, 'State', filters.state, STATES) }
		: {};
}

export async function execute(this: IExecuteFunctions, i: number, qs: IDataObject): Promise<IDataObject[]> {
	return await getMany(this, i, { path: '/activities', itemsKey: 'activities', pageSize: 500, qs });
}
