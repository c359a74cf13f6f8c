import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { constantContactApiRequest } from '../../shared/transport';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Get Physical Address',
	value: 'getPhysicalAddress',
	description: 'Get the postal address Constant Contact puts in campaign footers',
	action: 'Get the physical address of the account',
};

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['getPhysicalAddress'] } },
	properties,
);

export async function prepare(): Promise<undefined> {
	return undefined;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	return await constantContactApiRequest.call(this, {
		method: 'GET',
		path: '/account/summary/physical_address',
		itemIndex: i,
		hints: {
			404: 'The account has no physical address yet. Constant Contact needs one before any campaign can be sent: add it under My Settings in Constant Contact',
		},
	});
}
