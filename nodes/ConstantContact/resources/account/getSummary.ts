import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collection } from '../../shared/parameters';
import { constantContactApiRequest } from '../../shared/transport';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Get Summary',
	value: 'getSummary',
	description: 'Get the organisation, contact details and time zone of the account',
	action: 'Get the account summary',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include',
				name: 'extraFields',
				type: 'multiOptions',
				default: [],
				description: 'Parts of the account that Constant Contact returns only when asked for',
				options: [
					{ name: 'Company Logo', value: 'company_logo' },
					{ name: 'Physical Address', value: 'physical_address' },
				],
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['getSummary'] } },
	properties,
);

export async function prepare(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const options = collection(this, 'options', i);
	const extra = (options.extraFields as string[] | undefined) ?? [];
	return extra.length ? { extra_fields: extra.join(',') } : {};
}

export async function execute(this: IExecuteFunctions, i: number, qs: IDataObject): Promise<IDataObject> {
	return await constantContactApiRequest.call(this, { method: 'GET', path: '/account/summary', qs, itemIndex: i });
}
