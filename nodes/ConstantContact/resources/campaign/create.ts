import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collection } from '../../shared/parameters';
import { constantContactApiRequest } from '../../shared/transport';
import { withActivityId } from '../../shared/campaigns';
import { checkLength } from '../../shared/validation';
import { CAMPAIGN_LIMITS, checkHtml, checkSender, htmlField, physicalAddressField, preheaderField, readPhysicalAddress, readText, senderField } from './common';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Create',
	value: 'create',
	description: 'Create a custom-code e-mail campaign (a draft)',
	action: 'Create a campaign',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. March newsletter',
		description: 'Unique in the account (deleted campaigns included); at most 80 characters. Recipients do not see it.',
	},
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		required: true,
	},
	{
		displayName: 'From Name',
		name: 'fromName',
		type: 'string',
		default: '',
		required: true,
		description: 'The sender name recipients see; at most 100 characters',
	},
	senderField('From Email Name or ID', 'fromEmail', 'The sender address'),
	senderField('Reply-To Email Name or ID', 'replyToEmail', 'Where replies go'),
	htmlField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			preheaderField,
			physicalAddressField,
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['create'] } }, properties);

interface CreateInput {
	body: IDataObject;
	note?: string;
}

export async function prepare(this: IExecuteFunctions, i: number): Promise<CreateInput> {
	const name = readText(this, i, 'Name', this.getNodeParameter('name', i), CAMPAIGN_LIMITS.name);
	const subject = readText(this, i, 'Subject', this.getNodeParameter('subject', i), 1_000);
	const fromName = readText(this, i, 'From Name', this.getNodeParameter('fromName', i), CAMPAIGN_LIMITS.fromName);
	const { html, note } = checkHtml(this, i, this.getNodeParameter('htmlContent', i));
	const options = collection(this, 'options', i);
	const preheader = checkLength(this, i, 'Preheader', String(options.preheader ?? '').trim(), CAMPAIGN_LIMITS.preheader);
	const address = readPhysicalAddress(this, i, options.physicalAddress as IDataObject | undefined);
	const fromEmail = await checkSender(this, i, 'From Email', this.getNodeParameter('fromEmail', i));
	const replyTo = await checkSender(this, i, 'Reply-To Email', this.getNodeParameter('replyToEmail', i));

	const activity: IDataObject = {
		format_type: 5,
		from_name: fromName,
		from_email: fromEmail,
		reply_to_email: replyTo,
		subject,
		html_content: html,
	};
	if (preheader) activity.preheader = preheader;
	if (address) activity.physical_address_in_footer = address;
	return { body: { name, email_campaign_activities: [activity] }, note };
}

export async function execute(this: IExecuteFunctions, i: number, { body, note }: CreateInput): Promise<IDataObject> {
	const campaign = await constantContactApiRequest.call(this, {
		method: 'POST',
		path: '/emails',
		body,
		itemIndex: i,
		hints: { 409: `A campaign named "${String(body.name)}" already exists (deleted campaigns keep their names)` },
		expect: { idKey: 'campaign_id' },
		unknown: {
			what: `created the campaign "${String(body.name)}"`,
			check: `Look for a campaign named "${String(body.name)}" with Campaign → Get Many before running this item again: if it exists, running it again fails with "already exists".`,
			identify: { name: body.name },
		},
	});
	const out = withActivityId(campaign);
	if (note) out.notes = note;
	return out;
}
