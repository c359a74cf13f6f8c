import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collection } from '../../shared/parameters';
import { apiPath, constantContactApiRequest } from '../../shared/transport';
import { checkLength, invalid } from '../../shared/validation';
import { CAMPAIGN_LIMITS, checkHtml, checkSender, htmlField, mergeActivity, preheaderField, senderField, readText } from './common';
import { campaignLocator, getCampaign, notFound, primaryActivityId, readCampaignId, withActivityId } from '../../shared/campaigns';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Update',
	value: 'update',
	description: 'Change the name, subject, sender, preheader or HTML of a campaign',
	action: 'Update a campaign',
};

const properties: INodeProperties[] = [
	campaignLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only what is set here changes; everything else of the campaign is kept',
		options: [
			{ ...senderField('From Email Name or ID', 'fromEmail', 'The sender address'), required: false },
			{ displayName: 'From Name', name: 'fromName', type: 'string', default: '', description: 'At most 100 characters' },
			{ ...htmlField, required: false },
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Unique in the account; at most 80 characters' },
			preheaderField,
			{ ...senderField('Reply-To Email Name or ID', 'replyToEmail', 'Where replies go'), required: false },
			{ displayName: 'Subject', name: 'subject', type: 'string', default: '' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['update'] } }, properties);

interface UpdateInput {
	campaignId: string;
	name?: string;
	activity: IDataObject;
	note?: string;
}

export async function prepare(this: IExecuteFunctions, i: number): Promise<UpdateInput> {
	const campaignId = readCampaignId(this, i);
	const fields = collection(this, 'updateFields', i);
	if (!Object.keys(fields).length) throw invalid(this, i, 'Update Fields', 'is empty', 'Add at least one field to change.');
	const input: UpdateInput = { campaignId, activity: {} };
	if (fields.name !== undefined) input.name = readText(this, i, 'Name', fields.name, CAMPAIGN_LIMITS.name);
	if (fields.subject !== undefined) input.activity.subject = readText(this, i, 'Subject', fields.subject, 1_000);
	if (fields.fromName !== undefined) input.activity.from_name = readText(this, i, 'From Name', fields.fromName, CAMPAIGN_LIMITS.fromName);
	if (fields.preheader !== undefined) {
		input.activity.preheader = checkLength(this, i, 'Preheader', String(fields.preheader ?? '').trim(), CAMPAIGN_LIMITS.preheader) || undefined;
	}
	if (fields.htmlContent !== undefined) {
		const { html, note } = checkHtml(this, i, fields.htmlContent);
		input.activity.html_content = html;
		input.note = note;
	}
	if (fields.fromEmail !== undefined) input.activity.from_email = await checkSender(this, i, 'From Email', fields.fromEmail);
	if (fields.replyToEmail !== undefined) input.activity.reply_to_email = await checkSender(this, i, 'Reply-To Email', fields.replyToEmail);
	return input;
}

export async function execute(this: IExecuteFunctions, i: number, { campaignId, name, activity, note }: UpdateInput): Promise<IDataObject> {
	if (name !== undefined) {
		await constantContactApiRequest.call(this, {
			method: 'PATCH',
			path: apiPath`/emails/${campaignId}`,
			body: { name },
			itemIndex: i,
			hints: {
				400: `Campaign ${campaignId} cannot be renamed (deleted campaigns cannot be changed)`,
				404: notFound(campaignId),
				409: `A campaign named "${name}" already exists (deleted campaigns keep their names)`,
			},
		});
	}
	let campaign = await getCampaign(this, i, campaignId);
	if (Object.keys(activity).length) {
		const activityId = primaryActivityId(campaign);
		if (!activityId) throw invalid(this, i, 'Campaign', `${campaignId} has no primary e-mail activity`);
		await mergeActivity(this, i, campaignId, activityId, activity);
		campaign = await getCampaign(this, i, campaignId);
	}
	const out = withActivityId(campaign);
	if (note) out.notes = note;
	return out;
}
