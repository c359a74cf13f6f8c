import type { INodeProperties } from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/types';
import * as get from './get';
import * as getAll from './getAll';

const operations: Record<string, Operation> = { get, getAll };

const operationSelector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['activity'] } },
	default: 'getAll',
	options: [
		{
			name: 'Get',
			value: 'get',
			description: 'Get the state of a bulk job and the rows it could not do',
			action: 'Get an activity',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'Get the bulk jobs of the last 10 days',
			action: 'Get many activities',
		},
	],
};

export const activity: Resource = {
	description: [operationSelector, ...Object.values(operations).flatMap((op) => op.description)],
	operations,
};
