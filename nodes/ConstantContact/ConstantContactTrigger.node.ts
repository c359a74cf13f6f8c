import type { INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchCampaigns } from './methods/listSearch';
import { getLists, getTags } from './methods/loadOptions';
import { CREDENTIAL_TYPE, guardError, guarded } from './shared/transport';
import { eventFields, eventSelector } from './trigger/events';
import { DEFAULT_MAX_ITEMS, pollEvents } from './trigger/poll';

/** How often the trigger polls unless the user changes Poll Times: 96 requests a day. */
export const DEFAULT_POLL_MINUTES = 15;

const pollTimesDefault: INodeProperties = {
	displayName: 'Poll Times',
	name: 'pollTimes',
	type: 'hidden',
	default: { item: [{ mode: 'everyX', value: DEFAULT_POLL_MINUTES, unit: 'minutes' }] },
};

export class ConstantContactTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Constant Contact Trigger',
		name: 'constantContactTrigger',
		icon: { light: 'file:constantContact.svg', dark: 'file:constantContact.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		// n8n's nodes panel shows the node and this trigger as one app, "Constant Contact", and gives that
		// entry the trigger's description, also while the user picks an action
		// (generateMergedNodesAndActions in the editor: app.description = trigger.description).
		description:
			'Start a workflow when contacts, lists or e-mail campaigns change in Constant Contact, or manage them with its actions',
		defaults: { name: 'Constant Contact Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			// n8n puts its own "Poll Times" field in front of every polling node's properties, with
			// "every minute" as its default (n8n-core's nodes-loader: commonPollingParameters). This
			// hidden field of the same name comes after it, so its default is the one n8n fills in
			// (NodeHelpers.getNodeParameters lets the later property of a name win); users still see
			// and change n8n's field, which shows this value.
			pollTimesDefault,
			{
				displayName: `Constant Contact has no webhooks for these events, so this trigger asks at every poll set in Poll Times: usually 1 request, 1 more per 500 records to read (List Created reads all lists), of the 10,000 requests a day your app may send. Every ${DEFAULT_POLL_MINUTES} minutes (a new trigger's setting) costs ${Math.round((24 * 60) / DEFAULT_POLL_MINUTES)} a day, every 5 minutes 288, every minute 1,440. The first activation starts from now: earlier events are not replayed.`,
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
