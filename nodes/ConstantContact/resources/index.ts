import type { INodeProperties } from 'n8n-workflow';

import type { Resource } from '../shared/types';
import { account } from './account';
import { activity } from './activity';
import { campaign } from './campaign';
import { contact } from './contact';
import { customField } from './customField';
import { list } from './list';
import { migration } from './migration';
import { segment } from './segment';
import { tag } from './tag';

/** Every resource of the node, by the value of the Resource field. */
export const resources: Record<string, Resource> = { account, activity, campaign, contact, customField, list, migration, segment, tag };

export const resourceSelector: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	default: 'contact',
	options: [
		{ name: 'Account', value: 'account' },
		{ name: 'Activity (Bulk Job)', value: 'activity' },
		{ name: 'Campaign', value: 'campaign' },
		{ name: 'Contact', value: 'contact' },
		{ name: 'Custom Field', value: 'customField' },
		{ name: 'List', value: 'list' },
		{ name: 'Migration From V2', value: 'migration' },
		{ name: 'Segment', value: 'segment' },
		{ name: 'Tag', value: 'tag' },
	],
};
