import type { INodeProperties } from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/types';
import * as getPhysicalAddress from './getPhysicalAddress';
import * as getSenderAddresses from './getSenderAddresses';
import * as getSummary from './getSummary';
import * as getUserPrivileges from './getUserPrivileges';

const operations: Record<string, Operation> = { getPhysicalAddress, getSenderAddresses, getSummary, getUserPrivileges };

const operationSelector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['account'] } },
	default: 'getSummary',
	options: [
		{
			name: 'Get Physical Address',
			value: 'getPhysicalAddress',
			description: 'Get the postal address Constant Contact puts in campaign footers',
			action: 'Get the physical address of the account',
		},
		{
			name: 'Get Sender Addresses',
			value: 'getSenderAddresses',
			description: 'Get the e-mail addresses of the account, with their confirm status',
			action: 'Get the sender addresses of the account',
		},
		{
			name: 'Get Summary',
			value: 'getSummary',
			description: 'Get the organisation, contact details and time zone of the account',
			action: 'Get the account summary',
		},
		{
			name: 'Get User Privileges',
			value: 'getUserPrivileges',
			description: 'Get what the connected user may do',
			action: 'Get the privileges of the connected user',
		},
	],
};

export const account: Resource = {
	description: [operationSelector, ...Object.values(operations).flatMap((op) => op.description)],
	operations,
};
