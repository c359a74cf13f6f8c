import type { INodeProperties } from 'n8n-workflow';

import type { Operation, Resource } from '../../shared/types';
import * as campaignIds from './campaignIds';
import * as contactIds from './contactIds';
import * as listIds from './listIds';

const operations: Record<string, Operation> = { campaignIds, contactIds, listIds };

const operationSelector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['migration'] } },
	default: 'contactIds',
	options: [
		{
			name: 'Map Campaign IDs',
			value: 'campaignIds',
			description: 'Find the v3 campaign and campaign activity of v2 campaign IDs (50 per request)',
			action: 'Translate v2 campaign identifiers to v3',
		},
		{
			name: 'Map Contact IDs',
			value: 'contactIds',
			description: 'Find the v3 contact IDs of v2 contact IDs (500 per request)',
			action: 'Translate v2 contact identifiers to v3',
		},
		{
			name: 'Map List IDs',
			value: 'listIds',
			description: 'Find the v3 list IDs of v2 list IDs (500 per request)',
			action: 'Translate v2 list identifiers to v3',
		},
	],
};

export const migration: Resource = {
	description: [operationSelector, ...Object.values(operations).flatMap((op) => op.description)],
	operations,
};
