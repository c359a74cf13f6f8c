import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readIdList } from '../../shared/names';
import { listsField, pickField } from '../../shared/descriptions';
import { invalid } from '../../shared/validation';
import { CAMPAIGN_LIMITS, mergeActivity, primaryActivity } from './common';
import { campaignLocator, readCampaignId } from '../../shared/campaigns';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Set Recipients',
	value: 'setRecipients',
	description: 'Send a campaign to contact lists or to one segment',
	action: 'Set the recipients of a campaign',
};

const properties: INodeProperties[] = [
	campaignLocator,
	{
		displayName: 'Send To',
		name: 'sendTo',
		type: 'options',
		default: 'lists',
		description: 'A campaign goes to contact lists or to one segment, never both',
		options: [
			{ name: 'Lists', value: 'lists', description: 'Members of up to 50 contact lists' },
			{ name: 'Segment', value: 'segment', description: 'The contacts of one segment' },
		],
	},
	{ ...listsField, required: true, displayOptions: { show: { sendTo: ['lists'] } }, hint: 'At most 50 lists' },
	{ ...pickField('segment'), displayOptions: { show: { sendTo: ['segment'] } } },
];

export const description = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['setRecipients'] } }, properties);

interface RecipientsInput {
	campaignId: string;
	recipients: IDataObject;
}

export async function prepare(this: IExecuteFunctions, i: number): Promise<RecipientsInput> {
	const campaignId = readCampaignId(this, i);
	const sendTo = this.getNodeParameter('sendTo', i, 'lists') as string;
	const lists = sendTo === 'lists' ? this.getNodeParameter('lists', i, []) : [];
	const segment =
		sendTo === 'segment' ? String(this.getNodeParameter('segment', i, '', { extractValue: true }) ?? '').trim() : '';
	if (sendTo === 'segment') {
		if (!/^[0-9]+$/.test(segment)) {
			throw invalid(this, i, 'Segment', segment ? `"${segment}" is not a Constant Contact segment ID` : 'is empty', 'Segment IDs are whole numbers; pick one from the list.');
		}
		return { campaignId, recipients: { segment_ids: [Number(segment)] } };
	}
	if (sendTo !== 'lists') throw invalid(this, i, 'Send To', `"${sendTo}" is not one of: lists, segment`);
	const ids = await readIdList(this, i, listsField.displayName, lists, { max: CAMPAIGN_LIMITS.lists, min: 1, kind: 'list' });
	return { campaignId, recipients: { contact_list_ids: ids } };
}

export async function execute(this: IExecuteFunctions, i: number, { campaignId, recipients }: RecipientsInput): Promise<IDataObject> {
	const { activityId } = await primaryActivity(this, i, campaignId);
	const activity = await mergeActivity(this, i, campaignId, activityId, recipients);
	return { campaign_id: campaignId, ...activity };
}
