import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiPath, constantContactApiRequest } from '../../shared/transport';
import { primaryActivity } from './common';
import { campaignLocator, readCampaignId } from '../../shared/campaigns';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Get Send History',
	value: 'getSendHistory',
	description: 'Every send of a campaign: when, to how many, and whether it completed',
	action: 'Get the send history of a campaign',
};

const properties: INodeProperties[] = [campaignLocator];

export const description = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['getSendHistory'] } }, properties);

export async function prepare(this: IExecuteFunctions, i: number): Promise<string> {
	return readCampaignId(this, i);
}

/** One item per send (none when the campaign was never sent). */
export async function execute(this: IExecuteFunctions, i: number, campaignId: string): Promise<IDataObject[]> {
	const { activityId } = await primaryActivity(this, i, campaignId);
	const answer = (await constantContactApiRequest.call(this, {
		method: 'GET',
		path: apiPath`/emails/activities/${activityId}/send_history`,
		itemIndex: i,
		hints: { 404: `The e-mail of campaign ${campaignId} cannot be found; the campaign was probably deleted` },
	})) as unknown;
	return (Array.isArray(answer) ? (answer as IDataObject[]) : []).map((send) => ({ campaign_id: campaignId, campaign_activity_id: activityId, ...send }));
}
