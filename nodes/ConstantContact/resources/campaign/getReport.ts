/**
 * Campaign → Get Report: summary stats of campaigns or campaign activities, or the tracking
 * rows (sends, opens, clicks, …) of one campaign's primary e-mail.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../shared/descriptions';
import { apiPath, constantContactApiRequest, constantContactRequestAllItems } from '../../shared/transport';
import { UUID, checkOneOf, invalid, listEntries, show } from '../../shared/validation';
import { primaryActivity } from './common';
import { campaignLocator, readCampaignId } from '../../shared/campaigns';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Get Report',
	value: 'getReport',
	description: 'Stats of campaigns or campaign activities, or who opened, clicked, bounced … one campaign',
	action: 'Get a campaign report',
};

export const REPORT_LIMITS = { campaigns: 150, activities: 10, trackingPage: 500 };

const TRACKING_TYPES = ['sends', 'opens', 'unique_opens', 'clicks', 'bounces', 'optouts', 'didnotopens', 'forwards'] as const;
type TrackingType = (typeof TRACKING_TYPES)[number];
const BOUNCE_CODES = ['B', 'D', 'F', 'S', 'V', 'X', 'Z'];

const properties: INodeProperties[] = [
	{
		displayName: 'Report',
		name: 'report',
		type: 'options',
		default: 'campaignStats',
		options: [
			{ name: 'Campaign Stats', value: 'campaignStats', description: 'Sends, opens, clicks, bounces, opt-outs … of up to 150 campaigns, one item each' },
			{ name: 'Campaign Activity Stats', value: 'activityStats', description: 'The same for up to 10 campaign activities, with the bounce breakdown' },
			{ name: 'Tracking Details', value: 'tracking', description: 'One item per contact event of one campaign (who opened, clicked, …)' },
		],
	},
	{
		displayName: 'Campaign IDs',
		name: 'campaignIds',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { report: ['campaignStats'] } },
		placeholder: 'e.g. 1ec8a3a0-4e6b-11ec-8bd6-fa163e6a92d8, 2f…',
		description: 'Comma-separated campaign IDs (at most 150). One unknown ID makes Constant Contact refuse the whole request.',
	},
	{
		displayName: 'Campaign Activity IDs',
		name: 'campaignActivityIds',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { report: ['activityStats'] } },
		description: 'Comma-separated campaign activity IDs (at most 10), e.g. the campaign_activity_id that Get returns. Unknown or never-sent activities are reported as items with an error.',
	},
	{ ...campaignLocator, displayOptions: { show: { report: ['tracking'] } } },
	{
		displayName: 'Type',
		name: 'trackingType',
		type: 'options',
		default: 'opens',
		displayOptions: { show: { report: ['tracking'] } },
		options: [
			{ name: 'Bounces', value: 'bounces' },
			{ name: 'Clicks', value: 'clicks', description: 'Every click, with the link' },
			{ name: 'Did Not Open', value: 'didnotopens', description: 'Sent and neither opened nor bounced' },
			{ name: 'Forwards', value: 'forwards' },
			{ name: 'Opens', value: 'opens', description: 'Every open' },
			{ name: 'Opt-Outs', value: 'optouts', description: 'Unsubscribes, with the reason given' },
			{ name: 'Sends', value: 'sends', description: 'One row per contact the campaign was sent to' },
			{ name: 'Unique Opens', value: 'unique_opens', description: "Each contact's latest open" },
		],
	},
	...returnAllOrLimit().map((p) => ({ ...p, displayOptions: { show: { report: ['tracking'], ...(p.displayOptions?.show ?? {}) } } })),
	{
		displayName: 'Bounce Codes',
		name: 'bounceCodes',
		type: 'multiOptions',
		default: [],
		displayOptions: { show: { report: ['tracking'], trackingType: ['bounces'] } },
		description: 'Only these kinds of bounces; none = all',
		options: [
			{ name: 'Blocked (Z)', value: 'Z' },
			{ name: 'Mailbox Full (F)', value: 'F' },
			{ name: 'Non-Existent Address (B)', value: 'B' },
			{ name: 'Other (X)', value: 'X' },
			{ name: 'Suspended (S)', value: 'S' },
			{ name: 'Undeliverable (D)', value: 'D' },
			{ name: 'Vacation / Auto-Reply (V)', value: 'V' },
		],
	},
	{
		displayName: 'Link ID',
		name: 'urlId',
		type: 'string',
		default: '',
		displayOptions: { show: { report: ['tracking'], trackingType: ['clicks'] } },
		description: 'Only clicks of this link (the url_id of a click row); empty = all links',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['getReport'] } }, properties);

type ReportInput =
	| { report: 'campaignStats'; ids: string[] }
	| { report: 'activityStats'; ids: string[] }
	| { report: 'tracking'; campaignId: string; type: TrackingType; qs: IDataObject; max?: number };

function readIds(ctx: IExecuteFunctions, i: number, field: string, value: unknown, max: number): string[] {
	const ids = [...new Set(listEntries(ctx, i, field, value).map((id) => id.toLowerCase()))];
	if (!ids.length) throw invalid(ctx, i, field, 'is empty', 'Give at least one ID.');
	if (ids.length > max) throw invalid(ctx, i, field, `has ${ids.length} IDs; Constant Contact reports at most ${max} at a time`, 'Split them over several items.');
	const bad = ids.find((id) => !UUID.test(id));
	if (bad) throw invalid(ctx, i, field, `contains "${bad}", which is not a Constant Contact ID`, 'IDs look like 1ec8a3a0-4e6b-11ec-8bd6-fa163e6a92d8.');
	return ids;
}

export async function prepare(this: IExecuteFunctions, i: number): Promise<ReportInput> {
	const report = checkOneOf(this, i, 'Report', this.getNodeParameter('report', i, 'campaignStats'), ['campaignStats', 'activityStats', 'tracking'] as const);
	if (report === 'campaignStats') {
		return { report, ids: readIds(this, i, 'Campaign IDs', this.getNodeParameter('campaignIds', i, ''), REPORT_LIMITS.campaigns) };
	}
	if (report === 'activityStats') {
		return { report, ids: readIds(this, i, 'Campaign Activity IDs', this.getNodeParameter('campaignActivityIds', i, ''), REPORT_LIMITS.activities) };
	}
	const campaignId = readCampaignId(this, i);
	const type = checkOneOf(this, i, 'Type', this.getNodeParameter('trackingType', i, 'opens'), TRACKING_TYPES);
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	let max: number | undefined;
	if (!returnAll) {
		max = Number(this.getNodeParameter('limit', i, 50));
		if (!Number.isInteger(max) || max < 1) throw invalid(this, i, 'Limit', `${show(max)} is not a whole number of at least 1`);
	}
	const qs: IDataObject = {};
	if (type === 'bounces') {
		const codes = [...new Set(listEntries(this, i, 'Bounce Codes', this.getNodeParameter('bounceCodes', i, [])).map((c) => c.toUpperCase()))];
		const bad = codes.find((c) => !BOUNCE_CODES.includes(c));
		if (bad) throw invalid(this, i, 'Bounce Codes', `contains ${show(bad)}, which is not one of: ${BOUNCE_CODES.join(', ')}`);
		// Several codes: the parameter repeated, one code each (bounce_code=B&bounce_code=D; the
		// spec's collectionFormat multi, which the transport writes for arrays). Not a comma list.
		if (codes.length) qs.bounce_code = codes;
	}
	if (type === 'clicks') {
		const urlId = String(this.getNodeParameter('urlId', i, '') ?? '').trim();
		if (urlId) qs.url_id = urlId;
	}
	return { report, campaignId, type, qs, max };
}

export async function execute(this: IExecuteFunctions, i: number, input: ReportInput): Promise<IDataObject[]> {
	if (input.report === 'campaignStats') {
		const answer = await constantContactApiRequest.call(this, {
			method: 'GET',
			path: apiPath`/reports/stats/email_campaigns/${input.ids}`,
			itemIndex: i,
			hints: { 404: `At least one of the campaigns ${input.ids.join(', ')} does not exist in this Constant Contact account (one unknown ID fails the whole report)` },
		});
		return [...((answer.results as IDataObject[] | undefined) ?? []), ...errorItems(answer)];
	}
	if (input.report === 'activityStats') {
		const answer = await constantContactApiRequest.call(this, {
			method: 'GET',
			path: apiPath`/reports/stats/email_campaign_activities/${input.ids}`,
			itemIndex: i,
			hints: { 404: `At least one of ${input.ids.join(', ')} is not a campaign activity ID` },
		});
		return [...((answer.results as IDataObject[] | undefined) ?? []), ...errorItems(answer)];
	}
	const { activityId } = await primaryActivity(this, i, input.campaignId);
	const rows = await constantContactRequestAllItems.call(this, {
		path: apiPath`/reports/email_reports/${activityId}/tracking/${input.type}`,
		qs: input.qs,
		itemsKey: 'tracking_activities',
		pageSize: REPORT_LIMITS.trackingPage,
		max: input.max,
		itemIndex: i,
	});
	return rows.map((row) => ({ campaign_id: input.campaignId, ...row }));
}

/** IDs Constant Contact could not report on, as items that say why. */
function errorItems(answer: IDataObject): IDataObject[] {
	return ((answer.errors as IDataObject[] | undefined) ?? []).map((e) => ({ error: e.error_message ?? e.message ?? JSON.stringify(e), error_key: e.error_key }));
}
