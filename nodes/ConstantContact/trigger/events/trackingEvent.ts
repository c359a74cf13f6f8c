/**
 * The four e-mail events read one tracking report of one campaign (`GET /reports/email_reports/
 * {activity}/tracking/{report}`), which lists the newest rows first and has no date filter: a poll
 * reads pages back to the window's start and stops there. The Campaign field is shared by the
 * four and written once.
 */
import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { campaignLocator, checkCampaignId, getCampaign, primaryActivityId } from '../../shared/campaigns';
import { apiPath, constantContactRequestAllItems } from '../../shared/transport';
import { invalid } from '../../shared/validation';
import type { CursorRecord } from '../cursor';
import type { ReadRequest, TriggerEvent } from '../types';

export const TRACKING_EVENTS = ['emailOpened', 'emailClicked', 'emailBounced', 'emailOptedOut'];

export const trackingFields: INodeProperties[] = [
	{
		...campaignLocator,
		description: 'The campaign whose e-mail activity to watch',
		displayOptions: { show: { event: TRACKING_EVENTS } },
	},
];

const PAGE_SIZE = 500;

function campaignId(ctx: IPollFunctions): string {
	return checkCampaignId(ctx, undefined, ctx.getNodeParameter('campaign', '', { extractValue: true }));
}

const deleted = (ctx: IPollFunctions, id: string) =>
	invalid(ctx, undefined, 'Campaign', `${id} was deleted in Constant Contact`, 'Pick another campaign.');

/**
 * The campaign's primary_email activity, read once and kept with the cursor's data (a campaign's
 * activity ID never changes), so a poll costs no extra request. A manual run reads the cache but
 * never writes it (it leaves the static data alone). A deleted (Removed) campaign still lists its
 * activities, whose reports then answer 404: it is refused here with a clear message.
 */
async function activityOf(ctx: IPollFunctions, id: string): Promise<{ activityId: string; cached: boolean }> {
	const data = ctx.getWorkflowStaticData('node');
	const known = data.activity as IDataObject | undefined;
	if (known?.campaignId === id && typeof known.activityId === 'string') return { activityId: known.activityId, cached: true };
	const campaign = await getCampaign(ctx, undefined, id);
	if (String(campaign.current_status) === 'Removed') throw deleted(ctx, id);
	const activityId = primaryActivityId(campaign);
	if (!activityId) throw invalid(ctx, undefined, 'Campaign', `${id} has no e-mail activity to watch`);
	if (ctx.getMode() !== 'manual') data.activity = { campaignId: id, activityId };
	return { activityId, cached: false };
}

const httpCode = (error: unknown) => String((error as IDataObject | undefined)?.httpCode ?? '');

export function trackingEvent(report: 'opens' | 'clicks' | 'bounces' | 'optouts'): TriggerEvent {
	async function read(this: IPollFunctions, request: ReadRequest): Promise<Array<CursorRecord<IDataObject>>> {
		const id = campaignId(this);
		const { activityId, cached } = await activityOf(this, id);
		const since = request.since;
		let rows: IDataObject[];
		try {
			rows = await constantContactRequestAllItems.call(this, {
				path: apiPath`/reports/email_reports/${activityId}/tracking/${report}`,
				itemsKey: 'tracking_activities',
				pageSize: PAGE_SIZE,
				max: request.sample ? PAGE_SIZE : undefined,
				// Newest first: once a page reaches back before the window, older pages hold nothing new.
				until: (page) => since !== undefined && page.some((row) => Date.parse(String(row.created_time)) < since),
			});
		} catch (error) {
			// The remembered activity is gone: most likely the campaign was deleted since. Say so.
			if (cached && httpCode(error) === '404' && String((await getCampaign(this, undefined, id)).current_status) === 'Removed') {
				throw deleted(this, id);
			}
			// The transport's errors are node errors already; anything else is wrapped.
			throw error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error as Error);
		}
		return rows.flatMap((row) => {
			const time = Date.parse(String(row.created_time ?? ''));
			if (Number.isNaN(time)) return [];
			const key = [row.contact_id, time, row.tracking_activity_type, row.url_id ?? '', row.bounce_code ?? '', row.device_type ?? ''].join('@');
			return [{ key, time, json: { ...row, campaign_id: id } }];
		});
	}
	function scope(this: IPollFunctions): string {
		return campaignId(this);
	}
	return { description: [], memory: 'window', read, scope };
}
