import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { constantContactApiRequest } from '../../shared/transport';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Get Sender Addresses',
	value: 'getSenderAddresses',
	description: 'Get the e-mail addresses of the account, with their confirm status',
	action: 'Get the sender addresses of the account',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Confirm Status',
		name: 'confirmStatus',
		type: 'options',
		default: '',
		description:
			'Campaigns can only be sent from CONFIRMED addresses; Constant Contact mails a confirmation link to a new address',
		options: [
			{ name: 'Any', value: '' },
			{ name: 'Confirmed', value: 'CONFIRMED' },
			{ name: 'Unconfirmed', value: 'UNCONFIRMED' },
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['getSenderAddresses'] } },
	properties,
);

export async function prepare(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const status = this.getNodeParameter('confirmStatus', i, '') as string;
	return status ? { confirm_status: status } : {};
}

/** One item per e-mail address of the account, with its confirm status and roles. */
export async function execute(this: IExecuteFunctions, i: number, qs: IDataObject): Promise<IDataObject[]> {
	const answer = (await constantContactApiRequest.call(this, {
		method: 'GET',
		path: '/account/emails',
		qs,
		itemIndex: i,
	})) as unknown;
	return Array.isArray(answer) ? (answer as IDataObject[]) : [];
}
