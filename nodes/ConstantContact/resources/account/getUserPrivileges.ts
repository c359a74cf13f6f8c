import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { constantContactApiRequest } from '../../shared/transport';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Get User Privileges',
	value: 'getUserPrivileges',
	description: 'Get what the connected user may do',
	action: 'Get the privileges of the connected user',
};

const properties: INodeProperties[] = [
	{
		displayName:
			'The first thing to check after "refused access (HTTP 403)": what the connected Constant Contact user may do (e.g. contacts:write, campaign:send). It works with any valid connection, whatever the scopes.',
		name: 'privilegesNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['getUserPrivileges'] } },
	properties,
);

export async function prepare(): Promise<undefined> {
	return undefined;
}

/** One item per privilege. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const answer = (await constantContactApiRequest.call(this, {
		method: 'GET',
		path: '/account/user/privileges',
		itemIndex: i,
	})) as unknown;
	return Array.isArray(answer) ? (answer as IDataObject[]) : [];
}
