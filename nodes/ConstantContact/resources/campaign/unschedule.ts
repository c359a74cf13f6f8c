import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiPath, constantContactApiRequest } from '../../shared/transport';
import { campaignLocator, primaryActivity, readCampaignId } from './common';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Unschedule',
	value: 'unschedule',
	description: 'Cancel a scheduled send',
	action: 'Unschedule a campaign',
};

const properties: INodeProperties[] = [campaignLocator];

export const description = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['unschedule'] } }, properties);

export async function prepare(this: IExecuteFunctions, i: number): Promise<string> {
	return readCampaignId(this, i);
}

export async function unscheduleActivity(ctx: IExecuteFunctions, i: number, campaignId: string, activityId: string): Promise<void> {
	await constantContactApiRequest.call(ctx, {
		method: 'DELETE',
		path: apiPath`/emails/activities/${activityId}/schedules`,
		itemIndex: i,
		hints: {
			400: `Campaign ${campaignId} is not scheduled (or is already being sent), so there is nothing to unschedule`,
			404: `The e-mail of campaign ${campaignId} cannot be found; the campaign was probably deleted`,
		},
	});
}

export async function execute(this: IExecuteFunctions, i: number, campaignId: string): Promise<IDataObject> {
	const { activityId } = await primaryActivity(this, i, campaignId);
	await unscheduleActivity(this, i, campaignId, activityId);
	return { campaign_id: campaignId, campaign_activity_id: activityId, unscheduled: true };
}
