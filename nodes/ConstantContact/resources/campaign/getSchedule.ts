import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiPath, constantContactApiRequest } from '../../shared/transport';
import { primaryActivity } from './common';
import { campaignLocator, readCampaignId } from '../../shared/campaigns';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Get Schedule',
	value: 'getSchedule',
	description: 'Whether and when a campaign is scheduled',
	action: 'Get the schedule of a campaign',
};

const properties: INodeProperties[] = [campaignLocator];

export const description = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['getSchedule'] } }, properties);

export async function prepare(this: IExecuteFunctions, i: number): Promise<string> {
	return readCampaignId(this, i);
}

/** One item: whether the campaign is scheduled, and when. */
export async function execute(this: IExecuteFunctions, i: number, campaignId: string): Promise<IDataObject> {
	const { campaign, activityId } = await primaryActivity(this, i, campaignId);
	const answer = (await constantContactApiRequest.call(this, {
		method: 'GET',
		path: apiPath`/emails/activities/${activityId}/schedules`,
		itemIndex: i,
		hints: { 404: `The e-mail of campaign ${campaignId} cannot be found; the campaign was probably deleted` },
	})) as unknown;
	const schedule = Array.isArray(answer) ? (answer as IDataObject[])[0] : undefined;
	return {
		campaign_id: campaignId,
		campaign_activity_id: activityId,
		current_status: campaign.current_status,
		scheduled: Boolean(schedule),
		scheduled_date: schedule?.scheduled_date ?? null,
	};
}
