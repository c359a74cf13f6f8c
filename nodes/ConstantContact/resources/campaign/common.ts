/**
 * Pieces shared by the campaign operations: the account's confirmed sender addresses, the HTML
 * checks, reading / merging the primary_email activity, and required texts. (Picking and reading
 * one campaign, which the trigger needs too, is shared/campaigns.ts.)
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getCampaign, primaryActivityId } from '../../shared/campaigns';
import { lookupDeferred } from '../../shared/lookups';
import { apiPath, constantContactApiRequest } from '../../shared/transport';
import { checkEmail, checkLength, invalid } from '../../shared/validation';

export const CAMPAIGN_LIMITS = {
	name: 80,
	fromName: 100,
	email: 80,
	preheader: 200,
	html: 150_000,
	lists: 50,
	testAddresses: 5,
};

// --- Sender addresses ---------------------------------------------------------------------------

const confirmedByExecution = new WeakMap<IExecuteFunctions, Promise<string[]>>();

/** The account's CONFIRMED e-mail addresses, read once per execution. */
export async function confirmedAddresses(ctx: IExecuteFunctions, i: number): Promise<string[]> {
	let pending = confirmedByExecution.get(ctx);
	if (!pending) {
		pending = (async () => {
			const answer = (await constantContactApiRequest.call(ctx, {
				method: 'GET',
				path: '/account/emails',
				qs: { confirm_status: 'CONFIRMED' },
				itemIndex: i,
			})) as unknown;
			return (Array.isArray(answer) ? (answer as IDataObject[]) : [])
				.filter((e) => String(e.confirm_status ?? 'CONFIRMED').toUpperCase() === 'CONFIRMED')
				.map((e) => String(e.email_address ?? '').toLowerCase());
		})();
		confirmedByExecution.set(ctx, pending);
		pending.catch(() => confirmedByExecution.delete(ctx));
	}
	return await pending;
}

/** A sender address: well formed and one of the account's CONFIRMED addresses. */
export async function checkSender(ctx: IExecuteFunctions, i: number, field: string, value: unknown): Promise<string> {
	const email = checkEmail(ctx, i, field, value, CAMPAIGN_LIMITS.email);
	if (lookupDeferred(ctx)) return email;
	const confirmed = await confirmedAddresses(ctx, i);
	if (!confirmed.includes(email.toLowerCase())) {
		throw invalid(
			ctx,
			i,
			field,
			`"${email}" is not a confirmed e-mail address of this Constant Contact account`,
			confirmed.length
				? `Campaigns can only be sent from confirmed addresses: ${confirmed.join(', ')}. Add and confirm the address in Constant Contact first (Account → Get Sender Addresses lists them).`
				: 'The account has no confirmed address. Add one in Constant Contact and click the confirmation link it mails.',
		);
	}
	return email;
}

export function senderField(displayName: string, name: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getConfirmedEmails' },
		default: '',
		required: true,
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: `${description}; only the account's CONFIRMED addresses can be used`,
	};
}

// --- HTML content -------------------------------------------------------------------------------

export const htmlField: INodeProperties = {
	displayName: 'HTML Content',
	name: 'htmlContent',
	type: 'string',
	typeOptions: { rows: 8 },
	default: '',
	required: true,
	placeholder: '<html><body>[[trackingImage]] <p>Hello</p></body></html>',
	description:
		'The e-mail as custom-code HTML (at most 150,000 characters, without [#, ${ or &lt;@). [[trackingImage]] is added after &lt;body&gt; when missing, so that opens are reported.',
};

/** Checks custom-code HTML; adds [[trackingImage]] when it is missing (and says so). */
export function checkHtml(ctx: IExecuteFunctions, i: number, value: unknown): { html: string; note?: string } {
	let html = String(value ?? '');
	if (!html.trim()) throw invalid(ctx, i, 'HTML Content', 'is empty');
	for (const bad of ['[#', '${', '<@']) {
		if (html.includes(bad)) {
			throw invalid(
				ctx,
				i,
				'HTML Content',
				`contains "${bad}", which Constant Contact does not allow in custom-code e-mails`,
				'Remove template syntax ([#…], ${…}, <@…>) from the HTML.',
			);
		}
	}
	let note: string | undefined;
	if (!html.includes('[[trackingImage]]')) {
		const body = /<body[^>]*>/i.exec(html);
		if (body) {
			const at = body.index + body[0].length;
			html = `${html.slice(0, at)}[[trackingImage]]${html.slice(at)}`;
			note = 'Added [[trackingImage]] right after <body> so that Constant Contact can report opens';
		} else {
			html = `[[trackingImage]]${html}`;
			note = 'Added [[trackingImage]] at the start of the HTML so that Constant Contact can report opens';
		}
	}
	if (html.length > CAMPAIGN_LIMITS.html) {
		throw invalid(
			ctx,
			i,
			'HTML Content',
			`is ${html.length} characters long${note ? ' (with [[trackingImage]])' : ''}; Constant Contact accepts at most ${CAMPAIGN_LIMITS.html}`,
		);
	}
	return { html, note };
}

// --- Physical address -------------------------------------------------------------------------

export const preheaderField: INodeProperties = {
	displayName: 'Preheader',
	name: 'preheader',
	type: 'string',
	default: '',
	description: 'The preview text many inboxes show after the subject; at most 200 characters',
};

export const physicalAddressField: INodeProperties = {
	displayName: 'Physical Address in Footer',
	name: 'physicalAddress',
	type: 'collection',
	placeholder: 'Add Address Field',
	default: {},
	description:
		"The postal address anti-spam laws require in the footer. Leave empty to use the account's address. When set, Address Line 1, Country Code and Organization Name are required, and State Code for the US.",
	options: [
		{ displayName: 'Address Line 1', name: 'address_line1', type: 'string', default: '' },
		{ displayName: 'Address Line 2', name: 'address_line2', type: 'string', default: '' },
		{ displayName: 'Address Line 3', name: 'address_line3', type: 'string', default: '' },
		{ displayName: 'City', name: 'city', type: 'string', default: '' },
		{ displayName: 'Country Code', name: 'country_code', type: 'string', default: '', placeholder: 'e.g. US' },
		{ displayName: 'Organization Name', name: 'organization_name', type: 'string', default: '' },
		{ displayName: 'Postal Code', name: 'postal_code', type: 'string', default: '' },
		{ displayName: 'State Code', name: 'state_code', type: 'string', default: '', placeholder: 'e.g. MA' },
		{ displayName: 'State Name', name: 'state_name', type: 'string', default: '', description: 'For countries without state codes' },
	],
};

export function readPhysicalAddress(ctx: IExecuteFunctions, i: number, value: IDataObject | undefined): IDataObject | undefined {
	const address: IDataObject = {};
	for (const [key, v] of Object.entries(value ?? {})) {
		const text = String(v ?? '').trim();
		if (text) address[key] = text;
	}
	if (!Object.keys(address).length) return undefined;
	for (const [key, label] of [
		['address_line1', 'Address Line 1'],
		['country_code', 'Country Code'],
		['organization_name', 'Organization Name'],
	]) {
		if (!address[key]) throw invalid(ctx, i, `Physical Address in Footer: ${label}`, 'is missing', 'Constant Contact needs Address Line 1, Country Code and Organization Name.');
	}
	address.country_code = String(address.country_code).toUpperCase();
	if (address.country_code === 'US' && !address.state_code) {
		throw invalid(ctx, i, 'Physical Address in Footer: State Code', 'is missing', 'US addresses need a state code, e.g. MA.');
	}
	return address;
}

// --- The primary_email activity -------------------------------------------------------------------

/** The ID of the campaign's primary_email activity (one GET of the campaign). */
export async function primaryActivity(ctx: IExecuteFunctions, i: number, campaignId: string): Promise<{ campaign: IDataObject; activityId: string }> {
	const campaign = await getCampaign(ctx, i, campaignId);
	const activityId = primaryActivityId(campaign);
	if (!activityId) {
		throw invalid(ctx, i, 'Campaign', `${campaignId} has no primary e-mail activity`, String(campaign.current_status) === 'Removed' ? 'The campaign was deleted.' : undefined);
	}
	return { campaign, activityId };
}

const ACTIVITY_PROPERTIES = ['format_type', 'from_name', 'from_email', 'reply_to_email', 'subject', 'preheader', 'contact_list_ids', 'segment_ids'];

/**
 * Reads the activity and writes it back with `changes`: PUT replaces omitted properties, so
 * every property the user did not touch is sent as it was.
 */
export async function mergeActivity(
	ctx: IExecuteFunctions,
	i: number,
	campaignId: string,
	activityId: string,
	changes: IDataObject,
): Promise<IDataObject> {
	const current = await constantContactApiRequest.call(ctx, {
		method: 'GET',
		path: apiPath`/emails/activities/${activityId}`,
		expect: { idKey: 'campaign_activity_id' },
		itemIndex: i,
		hints: { 404: `The e-mail of campaign ${campaignId} cannot be read; the campaign was probably deleted` },
	});
	const body: IDataObject = {};
	for (const key of ACTIVITY_PROPERTIES) {
		const v = current[key];
		if (v === undefined || v === null) continue;
		if (Array.isArray(v) && v.length === 0) continue;
		body[key] = v;
	}
	Object.assign(body, changes);
	if ('contact_list_ids' in changes) delete body.segment_ids;
	if ('segment_ids' in changes) delete body.contact_list_ids;
	for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
	const status = String(current.current_status ?? '').toUpperCase();
	return await constantContactApiRequest.call(ctx, {
		method: 'PUT',
		path: apiPath`/emails/activities/${activityId}`,
		body,
		itemIndex: i,
		hints: {
			400: status && status !== 'DRAFT' && status !== 'DONE' ? `Campaign ${campaignId} is ${status.toLowerCase()}; only draft or sent campaigns can be changed (unschedule it first)` : undefined,
			404: `The e-mail of campaign ${campaignId} cannot be changed; the campaign was probably deleted`,
		},
	});
}

/** A required text field of a campaign, trimmed, at most `max` characters. */
export function readText(ctx: IExecuteFunctions, i: number, field: string, value: unknown, max: number): string {
	const text = checkLength(ctx, i, field, String(value ?? '').trim(), max);
	if (!text) throw invalid(ctx, i, field, 'is empty');
	return text;
}

/** Cancels the scheduled send of a campaign's primary_email activity (Unschedule, and Delete of a scheduled campaign). */
export async function unscheduleActivity(ctx: IExecuteFunctions, i: number, campaignId: string, activityId: string): Promise<void> {
	await constantContactApiRequest.call(ctx, {
		method: 'DELETE',
		path: apiPath`/emails/activities/${activityId}/schedules`,
		itemIndex: i,
		hints: {
			400: `Campaign ${campaignId} is not scheduled (or is already being sent), so there is nothing to unschedule`,
			404: `The e-mail of campaign ${campaignId} cannot be found; the campaign was probably deleted`,
		},
	});
}
