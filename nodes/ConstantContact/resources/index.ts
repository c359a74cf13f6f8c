import type { INodeProperties } from 'n8n-workflow';

import type { Resource } from '../shared/types';
import { contact } from './contact';
import { list } from './list';
import { tag } from './tag';

/** Every resource of the node, by the value of the Resource field. */
export const resources: Record<string, Resource> = { contact, list, tag };

export const resourceSelector: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	default: 'contact',
	options: [
		{ name: 'Contact', value: 'contact' },
		{ name: 'List', value: 'list' },
		{ name: 'Tag', value: 'tag' },
	],
};
