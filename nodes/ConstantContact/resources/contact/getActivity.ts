/**
 * Contact → Get Activity: what a contact did with the campaigns sent to it (sends, opens,
 * clicks, …; `/reports/contact_reports/{id}/activity_details`), or its average open and click
 * rates over a date range (`…/open_and_click_rates`).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ContactRef } from '../../shared/contact';
import { locateContact, readContactLocator } from '../../shared/contact';
import { contactLocator, returnAllOrLimit } from '../../shared/descriptions';
import { apiPath, constantContactApiRequest, constantContactRequestAllItems } from '../../shared/transport';
import { checkOneOf, invalid, listEntries, show } from '../../shared/validation';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Get Activity',
	value: 'getActivity',
	description: "A contact's campaign activity (sends, opens, clicks, \u2026) or its open and click rates",
	action: 'Get the campaign activity of a contact',
};

const PAGE = 100;
const TYPES = ['em_sends', 'em_opens', 'em_clicks', 'em_bounces', 'em_optouts', 'em_forwards'];
const MAX_YEARS = 5;

const properties: INodeProperties[] = [
	contactLocator,
	{
		displayName: 'Return',
		name: 'report',
		type: 'options',
		default: 'details',
		options: [
			{ name: 'Campaign Activity', value: 'details', description: 'One item per send, open, click, … of the contact, newest first' },
			{ name: 'Open and Click Rates', value: 'rates', description: "The contact's average open and click rates over a date range (one item)" },
		],
	},
	{
		displayName: 'Activity Types',
		name: 'activityTypes',
		type: 'multiOptions',
		default: [...TYPES],
		required: true,
		displayOptions: { show: { report: ['details'] } },
		options: [
			{ name: 'Bounces', value: 'em_bounces' },
			{ name: 'Clicks', value: 'em_clicks' },
			{ name: 'Forwards', value: 'em_forwards' },
			{ name: 'Opens', value: 'em_opens' },
			{ name: 'Opt-Outs', value: 'em_optouts' },
			{ name: 'Sends', value: 'em_sends' },
		],
	},
	...returnAllOrLimit().map((p) => ({ ...p, displayOptions: { show: { report: ['details'], ...(p.displayOptions?.show ?? {}) } } })),
	{
		displayName: 'Include Campaign Names',
		name: 'includeCampaignNames',
		type: 'boolean',
		default: true,
		displayOptions: { show: { report: ['details'] } },
		description: 'Whether each row names its campaign (campaign_activity_name)',
	},
	{
		displayName: 'Start',
		name: 'start',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: { show: { report: ['rates'] } },
		description: 'Campaigns sent to the contact from this time on count',
	},
	{
		displayName: 'End',
		name: 'end',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: { show: { report: ['rates'] } },
		description: 'Campaigns sent up to this time count; at most 5 years after Start',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['getActivity'] } }, properties);

type ActivityInput =
	| { ref: ContactRef; report: 'details'; types: string[]; names: boolean; max?: number }
	| { ref: ContactRef; report: 'rates'; start: string; end: string };

function readDate(ctx: IExecuteFunctions, i: number, field: string, value: unknown): number {
	const text = String(value ?? '').trim();
	if (!text) throw invalid(ctx, i, field, 'is empty', 'Give a date and time, e.g. 2026-01-01T00:00:00Z.');
	const ms = Date.parse(text);
	if (Number.isNaN(ms)) throw invalid(ctx, i, field, `"${text}" is not a date`, 'Use an ISO date-time, e.g. 2026-03-01T09:00:00Z.');
	return ms;
}

export async function prepare(this: IExecuteFunctions, i: number): Promise<ActivityInput> {
	const ref = readContactLocator(this, i);
	const report = checkOneOf(this, i, 'Return', this.getNodeParameter('report', i, 'details'), ['details', 'rates'] as const);
	if (report === 'rates') {
		const start = readDate(this, i, 'Start', this.getNodeParameter('start', i, ''));
		const end = readDate(this, i, 'End', this.getNodeParameter('end', i, ''));
		if (end < start) throw invalid(this, i, 'End', `(${new Date(end).toISOString()}) is before "Start" (${new Date(start).toISOString()})`);
		const limit = new Date(start);
		limit.setUTCFullYear(limit.getUTCFullYear() + MAX_YEARS);
		if (end > limit.getTime()) throw invalid(this, i, 'End', `is more than ${MAX_YEARS} years after "Start"`, `Constant Contact reports rates over at most ${MAX_YEARS} years.`);
		return { ref, report, start: new Date(start).toISOString(), end: new Date(end).toISOString() };
	}
	const types = listEntries(this, i, 'Activity Types', this.getNodeParameter('activityTypes', i, TYPES));
	if (!types.length) throw invalid(this, i, 'Activity Types', 'is empty', 'Pick at least one type.');
	const bad = types.find((t) => !TYPES.includes(t));
	if (bad) throw invalid(this, i, 'Activity Types', `contains "${bad}", which is not one of: ${TYPES.join(', ')}`);
	let max: number | undefined;
	if (!(this.getNodeParameter('returnAll', i, false) as boolean)) {
		max = Number(this.getNodeParameter('limit', i, 50));
		if (!Number.isInteger(max) || max < 1) throw invalid(this, i, 'Limit', `${show(max)} is not a whole number of at least 1`);
	}
	return { ref, report, types, names: this.getNodeParameter('includeCampaignNames', i, true) as boolean, max };
}

export async function execute(this: IExecuteFunctions, i: number, input: ActivityInput): Promise<IDataObject | IDataObject[]> {
	const { contactId } = await locateContact(this, i, input.ref);
	const base = apiPath`/reports/contact_reports/${contactId}`;
	if (input.report === 'rates') {
		return await constantContactApiRequest.call(this, {
			method: 'GET',
			path: `${base}/open_and_click_rates`,
			qs: { start: input.start, end: input.end },
			itemIndex: i,
			hints: { 404: `Contact ${contactId} does not exist in this Constant Contact account` },
		});
	}
	const qs: IDataObject = { tracking_activities_list: input.types.join(',') };
	if (!input.names) qs.include_campaign_activity_names = false;
	return await constantContactRequestAllItems.call(this, {
		path: `${base}/activity_details`,
		qs,
		itemsKey: 'tracking_activities',
		pageSize: PAGE,
		max: input.max,
		itemIndex: i,
	});
}
