import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiPath, constantContactApiRequest } from '../../shared/transport';
import { invalid } from '../../shared/validation';
import { primaryActivity } from './common';
import { campaignLocator, readCampaignId } from '../../shared/campaigns';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Schedule',
	value: 'schedule',
	description: 'Send a campaign now or at a set time; once sent, it cannot be recalled',
	action: 'Schedule a campaign',
	toolNote: 'It will be sent to real recipients, with no way to recall it once sent.',
};

const properties: INodeProperties[] = [
	{
		displayName:
			'Scheduling sends the campaign to its recipients at that time. Set the recipients first (Set Recipients); the account needs a physical address.',
		name: 'scheduleNotice',
		type: 'notice',
		default: '',
	},
	campaignLocator,
	{
		displayName: 'When',
		name: 'when',
		type: 'options',
		default: 'date',
		options: [
			{ name: 'At a Date and Time', value: 'date' },
			{ name: 'Now', value: 'now', description: 'Send at once' },
		],
	},
	{
		displayName: 'Date and Time',
		name: 'scheduledDate',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: { show: { when: ['date'] } },
		description: 'When to send; must be in the future. Without a time zone the workflow\'s time zone applies.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['schedule'] } }, properties);

interface ScheduleInput {
	campaignId: string;
	scheduledDate: string;
}

export async function prepare(this: IExecuteFunctions, i: number): Promise<ScheduleInput> {
	const campaignId = readCampaignId(this, i);
	const when = this.getNodeParameter('when', i, 'date') as string;
	if (when === 'now') return { campaignId, scheduledDate: '0' };
	const raw = this.getNodeParameter('scheduledDate', i, '') as unknown;
	const text = String(raw ?? '').trim();
	if (!text) throw invalid(this, i, 'Date and Time', 'is empty', 'Pick a date and time in the future, or choose When: Now.');
	const ms = Date.parse(text);
	if (Number.isNaN(ms)) throw invalid(this, i, 'Date and Time', `"${text}" is not a date`, 'Use an ISO date-time, e.g. 2026-03-01T09:00:00Z.');
	if (ms <= Date.now()) {
		throw invalid(this, i, 'Date and Time', `(${new Date(ms).toISOString()}) is in the past`, 'Constant Contact only schedules sends in the future; choose When: Now to send at once.');
	}
	return { campaignId, scheduledDate: new Date(ms).toISOString() };
}

export async function execute(this: IExecuteFunctions, i: number, { campaignId, scheduledDate }: ScheduleInput): Promise<IDataObject> {
	const { activityId } = await primaryActivity(this, i, campaignId);
	const answer = (await constantContactApiRequest.call(this, {
		method: 'POST',
		path: apiPath`/emails/activities/${activityId}/schedules`,
		body: { scheduled_date: scheduledDate },
		itemIndex: i,
		hints: {
			400: `Constant Contact refused to schedule campaign ${campaignId}: it must be a draft (or sent, or failed), have recipients (Set Recipients), and the account needs a physical address`,
			404: `The e-mail of campaign ${campaignId} cannot be scheduled; the campaign was probably deleted`,
		},
	})) as unknown;
	const schedule = Array.isArray(answer) ? (answer as IDataObject[])[0] : undefined;
	return {
		campaign_id: campaignId,
		campaign_activity_id: activityId,
		scheduled: true,
		send_now: scheduledDate === '0',
		scheduled_date: schedule?.scheduled_date ?? (scheduledDate === '0' ? null : scheduledDate),
	};
}
