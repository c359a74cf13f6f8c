/**
 * One campaign, as the operations and the trigger pick and read it: the Campaign picker, its ID
 * checked, the campaign read by ID, and its primary_email activity.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { UUID_PATTERN, pickField } from './descriptions';
import type { CcContext } from './transport';
import { apiPath, constantContactApiRequest } from './transport';
import type { NodeContext } from './validation';
import { invalid } from './validation';

/** The Campaign picker: from a searchable list of the account's campaigns, or by ID. */
export const campaignLocator: INodeProperties = pickField('campaign');

export function readCampaignId(ctx: IExecuteFunctions, i: number): string {
	return checkCampaignId(ctx, i, ctx.getNodeParameter('campaign', i, '', { extractValue: true }));
}

/** A campaign ID as the Campaign field gives it (`itemIndex` undefined: the trigger's field). */
export function checkCampaignId(ctx: NodeContext, i: number | undefined, raw: unknown): string {
	const value = String(raw ?? '').trim();
	if (!new RegExp(UUID_PATTERN).test(value)) {
		throw invalid(
			ctx,
			i,
			'Campaign',
			value ? `"${value}" is not a Constant Contact campaign ID` : 'is empty',
			'Campaign IDs look like 1ec8a3a0-4e6b-11ec-8bd6-fa163e6a92d8; pick one from the list.',
		);
	}
	return value;
}

export const notFound = (campaignId: string) => `Campaign ${campaignId} does not exist in this Constant Contact account`;

export async function getCampaign(ctx: CcContext, i: number | undefined, campaignId: string): Promise<IDataObject> {
	return await constantContactApiRequest.call(ctx, {
		method: 'GET',
		path: apiPath`/emails/${campaignId}`,
		expect: { idKey: 'campaign_id' },
		itemIndex: i,
		hints: { 404: notFound(campaignId) },
	});
}

export function primaryActivityId(campaign: IDataObject): string | undefined {
	const activities = (campaign.campaign_activities as IDataObject[] | undefined) ?? [];
	const primary = activities.find((a) => a.role === 'primary_email');
	return primary ? String(primary.campaign_activity_id) : undefined;
}

/** The campaign with its primary_email activity ID surfaced as `campaign_activity_id`. */
export function withActivityId(campaign: IDataObject): IDataObject {
	const id = primaryActivityId(campaign);
	return id ? { ...campaign, campaign_activity_id: id } : campaign;
}
