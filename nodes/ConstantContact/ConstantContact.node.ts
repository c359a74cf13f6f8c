import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchCampaigns, searchCustomFields, searchLists, searchSegments, searchTags } from './methods/listSearch';
import { getConfirmedEmails, getCustomFields, getLists, getTags } from './methods/loadOptions';
import { resourceSelector, resources } from './resources';
import { router } from './router';
import { CREDENTIAL_TYPE, guarded } from './shared/transport';

export class ConstantContact implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Constant Contact',
		name: 'constantContact',
		icon: { light: 'file:constantContact.svg', dark: 'file:constantContact.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage contacts, lists, tags, custom fields, segments and e-mail campaigns in Constant Contact',
		defaults: { name: 'Constant Contact' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [resourceSelector, ...Object.values(resources).flatMap((r) => r.description)],
	};

	methods = {
		loadOptions: {
			getConfirmedEmails: guarded(getConfirmedEmails),
			getCustomFields: guarded(getCustomFields),
			getLists: guarded(getLists),
			getTags: guarded(getTags),
		},
		listSearch: {
			searchCampaigns: guarded(searchCampaigns),
			searchCustomFields: guarded(searchCustomFields),
			searchLists: guarded(searchLists),
			searchSegments: guarded(searchSegments),
			searchTags: guarded(searchTags),
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
