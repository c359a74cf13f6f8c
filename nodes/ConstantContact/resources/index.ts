import type { INodeProperties } from 'n8n-workflow';

import type { Resource } from '../shared/types';
import { activity } from './activity';
import { contact } from './contact';
import { customField } from './customField';
import { list } from './list';
import { segment } from './segment';
import { tag } from './tag';

/** Every resource of the node, by the value of the Resource field. */
export const resources: Record<string, Resource> = { activity, contact, customField, list, segment, tag };

export const resourceSelector: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	default: 'contact',
	options: [
		{ name: 'Activity (Bulk Job)', value: 'activity' },
		{ name: 'Contact', value: 'contact' },
		{ name: 'Custom Field', value: 'customField' },
		{ name: 'List', value: 'list' },
		{ name: 'Segment', value: 'segment' },
		{ name: 'Tag', value: 'tag' },
	],
};
