import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { collection } from '../../shared/parameters';
import { apiPath, constantContactApiRequest } from '../../shared/transport';
import { primaryActivity, unscheduleActivity } from './common';
import { campaignLocator, notFound, readCampaignId } from '../../shared/campaigns';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Delete',
	value: 'delete',
	description: 'Delete a campaign (it can be restored in Constant Contact)',
	action: 'Delete a campaign',
};

const properties: INodeProperties[] = [
	campaignLocator,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'If Scheduled',
				name: 'ifScheduled',
				type: 'options',
				default: 'refuse',
				description: 'Constant Contact cannot delete a scheduled campaign',
				options: [
					{ name: 'Refuse', value: 'refuse', description: 'Stop with an error; nothing is changed' },
					{ name: 'Unschedule First', value: 'unschedule', description: 'Cancel the scheduled send, then delete' },
				],
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['delete'] } }, properties);

interface DeleteInput {
	campaignId: string;
	unscheduleFirst: boolean;
}

export async function prepare(this: IExecuteFunctions, i: number): Promise<DeleteInput> {
	const options = collection(this, 'options', i);
	return { campaignId: readCampaignId(this, i), unscheduleFirst: options.ifScheduled === 'unschedule' };
}

export async function execute(this: IExecuteFunctions, i: number, { campaignId, unscheduleFirst }: DeleteInput): Promise<IDataObject> {
	const { campaign, activityId } = await primaryActivity(this, i, campaignId);
	const status = String(campaign.current_status ?? '').toLowerCase();
	let unscheduled = false;
	if (status === 'scheduled') {
		if (!unscheduleFirst) {
			throw new NodeOperationError(this.getNode(), `Campaign "${String(campaign.name)}" is scheduled and was not deleted`, {
				itemIndex: i,
				description: 'Constant Contact cannot delete a scheduled campaign. Unschedule it first, or set Options → If Scheduled to "Unschedule First".',
			});
		}
		await unscheduleActivity(this, i, campaignId, activityId);
		unscheduled = true;
	} else if (status === 'executing') {
		throw new NodeOperationError(this.getNode(), `Campaign "${String(campaign.name)}" is being sent right now and cannot be deleted`, {
			itemIndex: i,
			description: 'Wait until the send is done, then delete it.',
		});
	}
	await constantContactApiRequest.call(this, {
		method: 'DELETE',
		path: apiPath`/emails/${campaignId}`,
		itemIndex: i,
		hints: { 400: `Campaign ${campaignId} cannot be deleted in its current state`, 404: `${notFound(campaignId)} (or was already deleted)` },
	});
	return { campaign_id: campaignId, deleted: true, unscheduled };
}
