import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { primaryActivity, unscheduleActivity } from './common';
import { campaignLocator, readCampaignId } from '../../shared/campaigns';
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

export async function execute(this: IExecuteFunctions, i: number, campaignId: string): Promise<IDataObject> {
	const { activityId } = await primaryActivity(this, i, campaignId);
	await unscheduleActivity(this, i, campaignId, activityId);
	return { campaign_id: campaignId, campaign_activity_id: activityId, unscheduled: true };
}
