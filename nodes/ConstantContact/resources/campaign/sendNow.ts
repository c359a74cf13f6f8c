/**
 * Campaign → Send Now: the one-step rule-based send ("when an order ships, send the shipping
 * e-mail to that customer now"). It creates a new campaign — a copy of an existing custom-code
 * campaign, or from a subject and HTML — gives it its recipients and schedules it with
 * `{"scheduled_date": "0"}`.
 *
 * With "Contacts From Input Items" all items of the run are ONE send: their addresses are
 * imported (bulk JSON import, which respects permission) into a recipient list of this run's own
 * (runList.ts), the campaign goes to that list, and once Constant Contact has sent it the node
 * checks the count it reports against the list and deletes the list. No run shares a list with
 * another, so nothing needs a lock in process memory, and runs in different n8n processes (queue
 * mode workers) cannot reach each other's customers.
 *
 * A schedule request whose answer is lost (5xx, reset, timeout) is never reported as a failure
 * to retry: the node reads the e-mail's status and reports what Constant Contact says
 * (SCHEDULED, DONE, or UNKNOWN with a note), sending it again only when it is still a draft.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { readIdList } from '../../shared/names';
import { collection } from '../../shared/parameters';
import { activityErrors, activitySettings, pollUntil, startActivity } from '../../shared/activities';
import { emailField, listsField, pickField } from '../../shared/descriptions';
import type { BatchItem, BatchResult, OperationInfo } from '../../shared/types';
import { SharedResult } from '../../shared/types';
import { apiPath, clock, constantContactApiRequest, constantContactRequestAllItems, redactText, requestsSent, UnknownOutcome } from '../../shared/transport';
import { LIMITS, checkEmail, checkLength, checkOneOf, invalid, readPick } from '../../shared/validation';
import { CAMPAIGN_LIMITS, checkHtml, checkSender, htmlField, mergeActivity, physicalAddressField, preheaderField, readPhysicalAddress, senderField, readText } from './common';
import { campaignLocator, getCampaign, notFound, primaryActivityId, readCampaignId } from '../../shared/campaigns';
import { RUN_LIST_PREFIX, createRunList, deleteRunList, removeStaleRunLists, runListSettings } from './runList';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Send Now',
	value: 'sendNow',
	description: 'Create a new campaign (a copy, or from subject and HTML) and send it at once to lists, a segment or the contacts of the input items',
	action: 'Send a new campaign now',
	toolNote: 'It goes to real recipients at once, with no way to undo it.',
};

/** Rows of one JSON import request (Constant Contact's limit). */
const IMPORT_ROWS = 40_000;

const properties: INodeProperties[] = [
	{
		displayName:
			'Sends a NEW campaign at once: a copy of an existing custom-code campaign, or one made from the subject and HTML below. Each run creates a campaign named "&lt;name&gt; – &lt;time&gt;". The account needs a physical address.',
		name: 'sendNowNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Content',
		name: 'content',
		type: 'options',
		default: 'campaign',
		options: [
			{
				name: 'Copy of an Existing Campaign',
				value: 'campaign',
				description: 'Subject, sender, preheader, footer and HTML of a custom-code campaign',
			},
			{ name: 'Subject and HTML', value: 'html', description: 'Give the e-mail here' },
		],
	},
	{ ...campaignLocator, displayOptions: { show: { content: ['campaign'] } } },
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Order shipped',
		displayOptions: { show: { content: ['html'] } },
		description: 'The start of the campaign name; the time of the send is appended so that every send has a unique name',
	},
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { content: ['html'] } },
	},
	{
		displayName: 'From Name',
		name: 'fromName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { content: ['html'] } },
		description: 'The sender name recipients see; at most 100 characters',
	},
	{ ...senderField('From Email Name or ID', 'fromEmail', 'The sender address'), displayOptions: { show: { content: ['html'] } } },
	{ ...senderField('Reply-To Email Name or ID', 'replyToEmail', 'Where replies go'), displayOptions: { show: { content: ['html'] } } },
	{ ...htmlField, displayOptions: { show: { content: ['html'] } } },
	{
		displayName: 'Send To',
		name: 'sendTo',
		type: 'options',
		default: 'items',
		description: 'A campaign goes to contact lists, to one segment, or to the contacts of the input items — never a mix',
		options: [
			{
				name: 'Contacts From Input Items',
				value: 'items',
				description: 'All items of the run are one send, to the e-mail address of each item, through a list of the run\'s own',
			},
			{ name: 'Lists', value: 'lists', description: 'Members of up to 50 contact lists (one send per item)' },
			{ name: 'Segment', value: 'segment', description: 'The contacts of one segment (one send per item)' },
		],
	},
	{ ...listsField, required: true, displayOptions: { show: { sendTo: ['lists'] } }, hint: 'At most 50 lists' },
	{ ...pickField('segment'), displayOptions: { show: { sendTo: ['segment'] } } },
	{
		...emailField,
		displayOptions: { show: { sendTo: ['items'] } },
		description:
			"The recipient's e-mail address (at most 50 characters). Recipients are added with Constant Contact's bulk JSON import, which respects permission: new contacts get implicit permission, existing ones keep theirs, and unsubscribed contacts are NOT re-subscribed — they are skipped, as Constant Contact does. (Create or Update would set existing contacts to explicit permission, which may only be done with the contact's own consent.)",
	},
	{
		displayName: `Each run puts its recipients on a new list of its own ("${RUN_LIST_PREFIX}…"), sends the campaign to that list and deletes the list once the campaign is sent. Runs at the same moment (also in different n8n workers) never share a list, so each reaches only its own recipients.`,
		name: 'runListNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { sendTo: ['items'] } },
	},
	{
		displayName: 'Wait Until Sent',
		name: 'waitUntilSent',
		type: 'boolean',
		default: true,
		displayOptions: { show: { sendTo: ['items'] } },
		description:
			"Whether to wait until Constant Contact has sent the campaign (status Done, at most 5 minutes), check that it went to as many contacts as the run's list held, and delete the list. Without waiting the run ends once the campaign is scheduled, and the list is removed by a later Send Now run after an hour.",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { content: ['html'] } },
		options: [
			preheaderField,
			physicalAddressField,
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['sendNow'] } }, properties);

type Content =
	| { kind: 'campaign'; campaignId: string }
	| { kind: 'html'; name: string; activity: IDataObject; note?: string };

type Recipients =
	| { kind: 'lists'; listIds: string[] }
	| { kind: 'segment'; segmentId: number }
	| { kind: 'items'; email: string };

interface SendNowInput {
	content: Content;
	recipients: Recipients;
	waitUntilSent: boolean;
}

export function useBatch(this: IExecuteFunctions): boolean {
	return this.getNodeParameter('sendTo', 0, 'items') === 'items';
}

export async function prepare(this: IExecuteFunctions, i: number): Promise<SendNowInput> {
	const contentKind = checkOneOf(this, i, 'Content', this.getNodeParameter('content', i, 'campaign'), ['campaign', 'html'] as const);
	const sendTo = checkOneOf(this, i, 'Send To', this.getNodeParameter('sendTo', i, 'items'), ['items', 'lists', 'segment'] as const);

	let recipients: Recipients;
	const waitUntilSent = sendTo === 'items' && this.getNodeParameter('waitUntilSent', i, true) !== false;
	if (sendTo === 'lists') {
		const listIds = await readIdList(this, i, listsField.displayName, this.getNodeParameter('lists', i, []), { max: CAMPAIGN_LIMITS.lists, min: 1, kind: 'list' });
		recipients = { kind: 'lists', listIds };
	} else if (sendTo === 'segment') {
		recipients = { kind: 'segment', segmentId: Number(readPick(this, i, 'segment', 'segment')) };
	} else {
		const email = checkEmail(this, i, 'Email', this.getNodeParameter('email', i, ''), LIMITS.signUpFormEmail);
		recipients = { kind: 'items', email };
	}

	let content: Content;
	if (contentKind === 'campaign') {
		content = { kind: 'campaign', campaignId: readCampaignId(this, i) };
	} else {
		const name = readText(this, i, 'Name', this.getNodeParameter('name', i), CAMPAIGN_LIMITS.name);
		const subject = readText(this, i, 'Subject', this.getNodeParameter('subject', i), 1_000);
		const fromName = readText(this, i, 'From Name', this.getNodeParameter('fromName', i), CAMPAIGN_LIMITS.fromName);
		const { html, note } = checkHtml(this, i, this.getNodeParameter('htmlContent', i));
		const options = collection(this, 'options', i);
		const preheader = checkLength(this, i, 'Preheader', String(options.preheader ?? '').trim(), CAMPAIGN_LIMITS.preheader);
		const address = readPhysicalAddress(this, i, options.physicalAddress as IDataObject | undefined);
		const fromEmail = await checkSender(this, i, 'From Email', this.getNodeParameter('fromEmail', i));
		const replyTo = await checkSender(this, i, 'Reply-To Email', this.getNodeParameter('replyToEmail', i));
		const activity: IDataObject = { format_type: 5, from_name: fromName, from_email: fromEmail, reply_to_email: replyTo, subject, html_content: html };
		if (preheader) activity.preheader = preheader;
		if (address) activity.physical_address_in_footer = address;
		content = { kind: 'html', name, activity, note };
	}
	return { content, recipients, waitUntilSent };
}

// --- The campaign ---------------------------------------------------------------------------------

let lastStamp = 0;
/** An ISO time, later than every earlier one of this process (two sends in one ms). */
function uniqueStamp(): string {
	lastStamp = Math.max(Date.now(), lastStamp + 1);
	return new Date(lastStamp).toISOString();
}

function sendName(base: string): string {
	const stamp = uniqueStamp();
	return `${base.slice(0, CAMPAIGN_LIMITS.name - stamp.length - 3).trim()} – ${stamp}`;
}

interface PreparedCampaign {
	/** The start of the name; the time of the send is appended. */
	base: string;
	activity: IDataObject;
	note?: string;
	copiedFrom?: string;
}

/** What POST /emails needs; a copy reads the source campaign (no write). */
async function campaignBody(ctx: IExecuteFunctions, i: number, content: Content): Promise<PreparedCampaign> {
	if (content.kind === 'html') return { base: content.name, activity: content.activity, note: content.note };
	const { campaignId } = content;
	const source = await getCampaign(ctx, i, campaignId);
	const activityId = primaryActivityId(source);
	if (!activityId || String(source.current_status ?? '').toLowerCase() === 'removed') {
		throw invalid(ctx, i, 'Campaign', `${campaignId} has no e-mail that can be copied`, 'The campaign was deleted; pick another one.');
	}
	const activity = await constantContactApiRequest.call(ctx, {
		method: 'GET',
		path: apiPath`/emails/activities/${activityId}`,
		qs: { include: 'html_content,physical_address_in_footer' },
		itemIndex: i,
		hints: { 404: `The e-mail of campaign ${campaignId} cannot be read; the campaign was probably deleted` },
	});
	if (Number(activity.format_type) !== 5 || !String(activity.html_content ?? '').trim()) {
		throw invalid(
			ctx,
			i,
			'Campaign',
			`"${String(source.name)}" is not a custom-code campaign (format ${String(activity.format_type)})`,
			'Only custom-code e-mails (format 5) can be created through the API, so only they can be copied. Use Content: Subject and HTML instead.',
		);
	}
	const copy: IDataObject = { format_type: 5 };
	for (const key of ['from_name', 'from_email', 'reply_to_email', 'subject', 'html_content', 'preheader', 'physical_address_in_footer']) {
		const v = activity[key];
		if (v !== undefined && v !== null && v !== '') copy[key] = v;
	}
	return { base: String(source.name ?? 'Campaign'), activity: copy, copiedFrom: campaignId };
}

const activityStatus = (a: IDataObject) => String(a.current_status ?? '').toUpperCase();
const errorText = (error: unknown) => redactText(String((error as Error)?.message ?? error));
const httpCodeOf = (error: unknown) => String((error as { httpCode?: unknown })?.httpCode ?? '');

/** Rethrown as the node's error: those of the transport and of this file already are, and wrapping hands them back unchanged. */
function nodeError(ctx: IExecuteFunctions, error: unknown): NodeApiError | NodeOperationError | UnknownOutcome {
	// A write whose answer was lost stays what it is: the item's output, not an error (issue 12).
	if (error instanceof UnknownOutcome) return error;
	if (error instanceof NodeOperationError) return new NodeOperationError(ctx.getNode(), error);
	return new NodeApiError(ctx.getNode(), error as JsonObject);
}

/**
 * Whether a failed request may have been carried out all the same: the answer was lost (reset,
 * timeout) or a server error came back (5xx), as opposed to an answer that says Constant Contact
 * did not do it (4xx) or a request that never left (a refused token renewal).
 */
function outcomeUnknown(error: unknown): boolean {
	// A transport that reports lost answers of writes as their own outcome (issue 12) names it so.
	if (error instanceof UnknownOutcome) return true;
	const code = httpCodeOf(error);
	if (['500', '502', '503', '504'].includes(code)) return true;
	return code === '' && /^Could not reach Constant Contact/.test(String((error as Error)?.message ?? ''));
}

/** POST /emails; a name taken meanwhile (a send in the same millisecond elsewhere) gets the next one. */
async function createCampaign(ctx: IExecuteFunctions, i: number, prepared: PreparedCampaign): Promise<{ campaign: IDataObject; name: string }> {
	for (let tries = 1; ; tries++) {
		const name = sendName(prepared.base);
		try {
			const campaign = await constantContactApiRequest.call(ctx, {
				method: 'POST',
				path: '/emails',
				body: { name, email_campaign_activities: [prepared.activity] },
				itemIndex: i,
				hints: { 409: `A campaign named "${name}" already exists (deleted campaigns keep their names)` },
			});
			return { campaign, name };
		} catch (error) {
			if (httpCodeOf(error) !== '409' || tries >= 3) throw nodeError(ctx, error);
		}
	}
}

interface Scheduled {
	/** What Constant Contact reported, when the schedule's answer was lost; else undefined (201). */
	status?: string;
	note?: string;
}

/**
 * Sends the e-mail now (`scheduled_date "0"`). When the answer is lost, Constant Contact may have
 * scheduled it all the same: the e-mail's status says. A draft was not scheduled and is sent
 * again (at most 3 times in all); anything else is reported as it is, and a status that cannot
 * be read is UNKNOWN. Never an error that invites running the item again after a send.
 */
async function scheduleNow(ctx: IExecuteFunctions, i: number, campaignId: string, activityId: string, name: string): Promise<Scheduled> {
	const readStatus = async () =>
		activityStatus(await constantContactApiRequest.call(ctx, { method: 'GET', path: apiPath`/emails/activities/${activityId}`, itemIndex: i }));
	let unclear: unknown;
	for (let tries = 1; ; tries++) {
		try {
			await constantContactApiRequest.call(ctx, {
				method: 'POST',
				path: apiPath`/emails/activities/${activityId}/schedules`,
				body: { scheduled_date: '0' },
				itemIndex: i,
				hints: {
					400: `Constant Contact refused to send campaign "${name}" (${campaignId}); the account needs a physical address (Account → Get Physical Address)`,
					404: notFound(campaignId),
				},
			});
			return unclear ? { note: `An earlier send request's answer was lost (${errorText(unclear)}); Constant Contact had not scheduled it, so it was sent again.` } : {};
		} catch (error) {
			// A clear refusal of the first request: nothing was scheduled.
			if (!unclear && !outcomeUnknown(error)) throw nodeError(ctx, error);
			unclear ??= error;
		}
		let status: string;
		try {
			status = await readStatus();
			if (status === 'DRAFT') {
				// Constant Contact may still be taking the request in: look once more before sending again.
				await clock.sleep(activitySettings.firstPollMs);
				status = await readStatus();
			}
		} catch (readError) {
			return {
				status: 'UNKNOWN',
				note: `The request to send campaign "${name}" got no clear answer (${errorText(unclear)}) and its status could not be read (${errorText(readError)}). It may have been sent: do not run this again for the same recipients before checking the campaign in Constant Contact (Campaign → Get).`,
			};
		}
		if (status !== 'DRAFT') {
			return {
				status,
				note: `The request to send campaign "${name}" got no clear answer (${errorText(unclear)}); Constant Contact reports it ${status}, so it was sent once and not again.`,
			};
		}
		if (tries >= 3) {
			throw new NodeOperationError(ctx.getNode(), `Constant Contact did not take the request to send campaign "${name}"`, {
				itemIndex: i,
				description: `${tries} requests got no clear answer (${errorText(unclear)}) and the campaign (${campaignId}) is still a draft, so nothing was sent. It is safe to run this again.`,
			});
		}
	}
}

/** Creates the campaign, sets its recipients and sends it now. */
async function createAndSend(ctx: IExecuteFunctions, i: number, prepared: PreparedCampaign, recipients: IDataObject): Promise<IDataObject> {
	const { campaign, name } = await createCampaign(ctx, i, prepared);
	const campaignId = String(campaign.campaign_id);
	const activityId = primaryActivityId(campaign);
	if (!activityId) throw new NodeOperationError(ctx.getNode(), `Constant Contact created campaign ${campaignId} without an e-mail activity`, { itemIndex: i });
	await mergeActivity(ctx, i, campaignId, activityId, recipients);
	const scheduled = await scheduleNow(ctx, i, campaignId, activityId, name);
	const out: IDataObject = { campaign_id: campaignId, campaign_activity_id: activityId, campaign_name: name, scheduled: true, send_now: true };
	if (prepared.copiedFrom) out.copied_from_campaign_id = prepared.copiedFrom;
	if (scheduled.status) out.send_status = scheduled.status;
	const notes = [prepared.note, scheduled.note].filter(Boolean);
	if (notes.length) out.notes = notes.join(' ');
	return out;
}

// --- One send per item (lists, segment) -------------------------------------------------------

export async function execute(this: IExecuteFunctions, i: number, input: SendNowInput): Promise<IDataObject> {
	if (input.recipients.kind === 'items') {
		const [result] = await executeBatch.call(this, [{ itemIndex: i, input }]);
		if (result instanceof Error) throw result;
		return result instanceof SharedResult ? result.json : (result as IDataObject);
	}
	const before = requestsSent(this);
	const prepared = await campaignBody(this, i, input.content);
	const recipients: IDataObject =
		input.recipients.kind === 'lists' ? { contact_list_ids: input.recipients.listIds } : { segment_ids: [input.recipients.segmentId] };
	const out = await createAndSend(this, i, prepared, recipients);
	return { ...out, ...recipients, requests_used: requestsSent(this) - before };
}

// --- All items as one send (Contacts From Input Items) ------------------------------------------

const SENT = ['DONE', 'ERROR', 'REMOVED'];

/** Polls a campaign's e-mail until Constant Contact has sent it (or gave up), at most `maxSendWaitMs`. */
async function pollSend(ctx: IExecuteFunctions, i: number, activityId: string, status?: string) {
	const read = async () => await constantContactApiRequest.call(ctx, { method: 'GET', path: apiPath`/emails/activities/${activityId}`, itemIndex: i });
	const first = status && SENT.includes(status) ? { current_status: status } : await read();
	return await pollUntil(first, (a) => SENT.includes(activityStatus(a)), read, activitySettings.maxSendWaitMs);
}

/**
 * What Constant Contact reports it sent (its send history) against the recipients the run's list
 * held. Answers the count; undefined when no history is there yet (not verified, noted).
 */
async function sentCount(ctx: IExecuteFunctions, i: number, activityId: string): Promise<number | undefined> {
	const answer = (await constantContactApiRequest.call(ctx, {
		method: 'GET',
		path: apiPath`/emails/activities/${activityId}/send_history`,
		itemIndex: i,
	})) as unknown;
	const history = Array.isArray(answer) ? (answer as IDataObject[]) : [];
	if (!history.length) return undefined;
	return history.filter((h) => String(h.send_status ?? '').toUpperCase() !== 'ERRORED').reduce((sum, h) => sum + Number(h.count ?? 0), 0);
}

function sameSend(a: SendNowInput, b: SendNowInput): boolean {
	const key = (x: SendNowInput) => JSON.stringify({ content: x.content, wait: x.waitUntilSent });
	return key(a) === key(b);
}

export async function executeBatch(this: IExecuteFunctions, items: Array<BatchItem<SendNowInput>>): Promise<BatchResult[]> {
	const first = items[0];
	const i = first.itemIndex;
	const failAll = (error: Error) => items.map(() => error);

	// Every check before the first write.
	const other = items.find((item) => !sameSend(item.input, first.input));
	if (other) {
		return failAll(
			invalid(this, other.itemIndex, 'Content / Wait Until Sent', `differs from item ${i}`, 'All items of a run are one send: the content and Wait Until Sent must be the same for every item (only Email may differ).'),
		);
	}
	const recipients = new Map<string, string>();
	for (const item of items) {
		if (item.input.recipients.kind !== 'items') continue;
		const email = item.input.recipients.email;
		if (!recipients.has(email.toLowerCase())) recipients.set(email.toLowerCase(), email);
	}
	if (recipients.size > IMPORT_ROWS) {
		return failAll(invalid(this, i, 'Email', `gives ${recipients.size} addresses; one send takes at most ${IMPORT_ROWS}`, 'Split the items into several runs.'));
	}
	try {
		const out = await sendToItems(this, i, first.input, recipients);
		const shared = new SharedResult(out, items.map((item) => item.itemIndex));
		return items.map((_item, n) => (n === 0 ? shared : []));
	} catch (error) {
		return failAll(error as Error);
	}
}

async function sendToItems(ctx: IExecuteFunctions, i: number, input: SendNowInput, recipients: Map<string, string>): Promise<IDataObject> {
	const prepared = await campaignBody(ctx, i, input.content);
	const notes: string[] = [];
	const stale = await removeStaleRunLists(ctx, i);
	if (stale.note) notes.push(stale.note);
	const { listId, name: listName } = await createRunList(ctx, i);

	/** The list goes once nothing can be sent to it any more; `true` when Constant Contact deleted it. */
	const dropList = async (): Promise<boolean> => {
		const dropped = await deleteRunList(ctx, i, listId);
		if (dropped.note) notes.push(dropped.note);
		return dropped.deleted;
	};
	const base: IDataObject = { recipient_list_id: listId, recipient_list_name: listName, stale_recipient_lists_removed: stale.removed };

	let out: IDataObject;
	try {
		// 1. The recipients onto the run's list (JSON import: permission is respected).
		const imported = await startActivity(
			ctx,
			i,
			{ method: 'POST', path: '/activities/contacts_json_import', body: { import_data: [...recipients.values()].map((email) => ({ email })), list_ids: [listId] } },
			true,
		);
		if (imported.state !== 'completed') {
			throw new NodeOperationError(ctx.getNode(), `Constant Contact could not import the recipients (${String(imported.state)})`, {
				itemIndex: i,
				description: `Activity ${String(imported.activity_id ?? '')}: ${activityErrors(imported).join('; ') || 'no details given'}. Nothing was sent.`,
			});
		}

		// 2. Who is on the list and may be mailed (unsubscribed people are skipped by the import).
		const members = await constantContactRequestAllItems.call(ctx, { path: '/contacts', qs: { lists: listId }, itemsKey: 'contacts', pageSize: 500, itemIndex: i });
		const addressOf = (c: IDataObject) => String((c.email_address as IDataObject | undefined)?.address ?? '').toLowerCase();
		const mayMail = (c: IDataObject) => ['explicit', 'implicit'].includes(String((c.email_address as IDataObject | undefined)?.permission_to_send ?? '').toLowerCase());
		const eligible = new Set(members.filter(mayMail).map(addressOf));
		const onList = new Set(members.map(addressOf));
		const skipped = [...recipients.entries()]
			.filter(([lower]) => !eligible.has(lower))
			.map(([lower, email]) => ({
				email,
				reason: onList.has(lower) ? 'no permission to send (unsubscribed or awaiting confirmation)' : 'not added to the list (unsubscribed, or the import rejected it)',
			}));
		Object.assign(base, { input_addresses: recipients.size, recipients: eligible.size, skipped });
		const importErrors = activityErrors(imported);
		if (importErrors.length) base.import_errors = importErrors;

		if (eligible.size === 0) {
			notes.push('Nobody of this send may be mailed, so no campaign was created.');
			out = { campaign_id: null, campaign_activity_id: null, scheduled: false, send_now: false, ...base, recipient_list_deleted: await dropList() };
			return finish(ctx, out, notes);
		}
		// 3. The campaign, to the run's list, now.
		out = { ...(await createAndSend(ctx, i, prepared, { contact_list_ids: [listId] })), ...base };
	} catch (error) {
		// Nothing was sent: the list has no use any more.
		await dropList();
		throw nodeError(ctx, error);
	}
	if (out.notes) notes.unshift(String(out.notes));

	// 4. After the schedule: wait for the send, check it, drop the list. Never an error that would
	// invite a retry after Constant Contact may have mailed, except a send it reports wrong.
	const activityId = String(out.campaign_activity_id);
	let status = String(out.send_status ?? 'SCHEDULED');
	if (status === 'UNKNOWN' || !input.waitUntilSent) {
		out.send_status = status;
		out.recipient_list_deleted = false;
		if (status !== 'UNKNOWN') notes.push(`Not waited for: the run's list stays until a later Send Now run removes it (after ${Math.round(runListSettings.staleAfterMs / 60_000)} minutes).`);
		return finish(ctx, out, notes);
	}
	try {
		const polled = await pollSend(ctx, i, activityId, status);
		status = activityStatus(polled.value);
		if (!polled.done) notes.push(`Constant Contact had not finished sending after ${Math.round(polled.waitedMs / 1000)} s; it goes on. The run's list stays until a later Send Now run removes it.`);
	} catch (error) {
		status = 'UNKNOWN';
		notes.push(`The campaign is scheduled, but its status could not be read (${errorText(error)}). Do not run this again for the same recipients: check the campaign in Constant Contact.`);
	}
	out.send_status = status;
	if (!SENT.includes(status)) {
		out.recipient_list_deleted = false;
		return finish(ctx, out, notes);
	}
	if (status === 'ERROR' || status === 'REMOVED') {
		await dropList();
		throw new NodeOperationError(ctx.getNode(), `Constant Contact did not send campaign "${String(out.campaign_name)}" (${status})`, {
			itemIndex: i,
			description: `Campaign ${String(out.campaign_id)} was created and scheduled, and its send ended with status ${status}. Campaign → Get Send History shows Constant Contact's reason.`,
		});
	}

	// DONE: what Constant Contact says it sent, against the recipients on the list.
	let sent: number | undefined;
	try {
		sent = await sentCount(ctx, i, activityId);
	} catch (error) {
		notes.push(`The send history could not be read (${errorText(error)}), so the count was not checked.`);
	}
	out.recipient_list_deleted = await dropList();
	if (sent === undefined) {
		out.send_verified = false;
		if (!notes.some((n) => n.startsWith('The send history'))) notes.push('Constant Contact reported no send history yet, so the count was not checked.');
	} else if (sent !== out.recipients) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Constant Contact sent campaign "${String(out.campaign_name)}" to ${sent} contact${sent === 1 ? '' : 's'}, not to the ${String(out.recipients)} recipient${out.recipients === 1 ? '' : 's'} of this run`,
			{
				itemIndex: i,
				description: `${sent ? `The campaign (${String(out.campaign_id)}) WAS sent: do not run this again for the same recipients before checking who received it.` : `Constant Contact finished the send of campaign ${String(out.campaign_id)} without mailing anyone.`} The run's list ${listId} held ${String(out.recipients)} contact${out.recipients === 1 ? '' : 's'} that may be mailed when it was sent; Constant Contact's send history counts ${sent}. Campaign → Get Report (Tracking Details: Sends) shows who received it.`,
			},
		);
	} else {
		out.sent_count = sent;
		out.send_verified = true;
	}
	return finish(ctx, out, notes);
}

function finish(ctx: IExecuteFunctions, out: IDataObject, notes: string[]): IDataObject {
	if (notes.length) out.notes = notes.join(' ');
	else delete out.notes;
	// The whole node run is this one send: every request it sent, the checks before it included.
	out.requests_used = requestsSent(ctx);
	return out;
}
