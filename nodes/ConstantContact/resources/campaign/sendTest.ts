import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiPath, constantContactApiRequest } from '../../shared/transport';
import { checkEmail, invalid } from '../../shared/validation';
import { CAMPAIGN_LIMITS, primaryActivity } from './common';
import { campaignLocator, readCampaignId } from '../../shared/campaigns';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Send Test',
	value: 'sendTest',
	description: 'Send a test e-mail to up to 5 addresses',
	action: 'Send a test email of a campaign',
	toolNote: 'It goes to up to 5 addresses at once.',
};

const properties: INodeProperties[] = [
	campaignLocator,
	{
		displayName: 'Email Addresses',
		name: 'emailAddresses',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. me@example.com, colleague@example.com',
		description:
			'1 to 5 addresses, separated by commas. Test e-mails are not personalised (contact fields stay empty), and Constant Contact allows 50 test recipients a day per account.',
	},
	{
		displayName: 'Personal Message',
		name: 'personalMessage',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'Optional text shown above the e-mail in the test',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['sendTest'] } }, properties);

interface SendTestInput {
	campaignId: string;
	body: IDataObject;
}

export async function prepare(this: IExecuteFunctions, i: number): Promise<SendTestInput> {
	const campaignId = readCampaignId(this, i);
	const raw = this.getNodeParameter('emailAddresses', i, '') as unknown;
	const parts = (Array.isArray(raw) ? raw : String(raw ?? '').split(/[,;\n]/)).map((e) => String(e ?? '').trim()).filter((e) => e);
	const addresses: string[] = [];
	for (const part of parts) {
		const email = checkEmail(this, i, 'Email Addresses', part);
		if (!addresses.some((a) => a.toLowerCase() === email.toLowerCase())) addresses.push(email);
	}
	if (!addresses.length) throw invalid(this, i, 'Email Addresses', 'is empty', 'Give 1 to 5 addresses, separated by commas.');
	if (addresses.length > CAMPAIGN_LIMITS.testAddresses) {
		throw invalid(this, i, 'Email Addresses', `has ${addresses.length} addresses; Constant Contact sends a test to at most ${CAMPAIGN_LIMITS.testAddresses} at a time`);
	}
	const body: IDataObject = { email_addresses: addresses };
	const message = String(this.getNodeParameter('personalMessage', i, '') ?? '').trim();
	if (message) body.personal_message = message;
	return { campaignId, body };
}

export async function execute(this: IExecuteFunctions, i: number, { campaignId, body }: SendTestInput): Promise<IDataObject> {
	const { activityId } = await primaryActivity(this, i, campaignId);
	await constantContactApiRequest.call(this, {
		method: 'POST',
		path: apiPath`/emails/activities/${activityId}/tests`,
		body,
		itemIndex: i,
		// 204 without a body.
		expect: 'none',
		unknown: {
			what: 'sent the test e-mail',
			check: 'Look in the test recipients\' inboxes before running this item again: each test counts against the 50 test recipients a day.',
			identify: { campaign_id: campaignId, sent_to: body.email_addresses as string[] },
		},
		hints: {
			404: `The e-mail of campaign ${campaignId} cannot be found; the campaign was probably deleted`,
			429: 'Constant Contact allows 50 test recipients a day per account, and that limit is reached (or requests came too fast)',
		},
	});
	return { campaign_id: campaignId, campaign_activity_id: activityId, sent_to: body.email_addresses as string[] };
}
