import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchCampaigns } from './methods/listSearch';
import { getLists, getTags } from './methods/loadOptions';
import { CREDENTIAL_TYPE, guardError, guarded } from './shared/transport';
import { eventFields, eventSelector } from './trigger/events';
import { DEFAULT_MAX_ITEMS, pollEvents } from './trigger/poll';

export class ConstantContactTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Constant Contact Trigger',
		name: 'constantContactTrigger',
		icon: { light: 'file:constantContact.svg', dark: 'file:constantContact.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when contacts, lists or campaigns change in Constant Contact (polls)',
		defaults: { name: 'Constant Contact Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{
				displayName:
					'Constant Contact has no webhooks for these events, so this trigger asks at every poll: usually 1 request, 1 more per 500 records to read (List Created reads all lists). Every minute is 1,440 of the 10,000 requests a day your app may send; every 5 minutes is 288. The first activation starts from now: earlier events are not replayed.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			eventSelector,
			...eventFields,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Max Events per Poll',
						name: 'maxItems',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 50000 },
						default: DEFAULT_MAX_ITEMS,
						description:
							'The most events one poll hands on (oldest first); the rest follow with the next polls, none is lost',
					},
				],
			},
		],
	};

	methods = {
		loadOptions: { getLists: guarded(getLists), getTags: guarded(getTags) },
		listSearch: { searchCampaigns: guarded(searchCampaigns) },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		try {
			return await pollEvents.call(this);
		} catch (error) {
			throw await guardError(this, error);
		}
	}
}
