/**
 * Campaign → Send Now: the one-step rule-based send ("when an order ships, send the shipping
 * e-mail to that customer now"). It creates a new campaign — a copy of an existing custom-code
 * campaign, or from a subject and HTML — gives it its recipients and schedules it with
 * `{"scheduled_date": "0"}`.
 *
 * With "Contacts From Input Items" all items of the run are ONE send: their addresses are
 * imported into a recipient list (bulk JSON import, which respects permission), the list is made
 * to hold exactly these recipients (a bulk remove job for everybody else), and the campaign goes
 * to that list.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { readIdList } from '../../shared/names';
import { collection } from '../../shared/parameters';
import { activityErrors, activitySettings, pollUntil, runActivity, startActivity } from '../../shared/activities';
import { CONTACTS_PER_JOB } from '../../shared/batch';
import { emailField, listsField, pickField } from '../../shared/descriptions';
import type { BatchItem, BatchResult } from '../../shared/types';
import { SharedResult } from '../../shared/types';
import { apiPath, constantContactApiRequest, constantContactRequestAllItems, redactText, requestsSent } from '../../shared/transport';
import { LIMITS, checkEmail, checkLength, checkOneOf, invalid, readPick } from '../../shared/validation';
import {
	CAMPAIGN_LIMITS,
	campaignLocator,
	checkHtml,
	checkSender,
	getCampaign,
	htmlField,
	mergeActivity,
	notFound,
	physicalAddressField,
	preheaderField,
	primaryActivityId,
	readCampaignId,
	readPhysicalAddress,
	senderField,
} from './common';
import { readText } from './create';
import { LIST_NAME_MAX, findListByName, notFound as listNotFound } from '../list/common';

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
				description: 'All items of the run are one send, to the e-mail address of each item',
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
		displayName: 'Recipient List',
		name: 'recipientListMode',
		type: 'options',
		default: 'name',
		displayOptions: { show: { sendTo: ['items'] } },
		description:
			'The list the campaign is sent to. Each run makes it hold exactly the recipients of this send: members that are not among them are removed from it (not from the account). Use a list kept for this purpose only.',
		options: [
			{ name: 'By Name (Created When Missing)', value: 'name' },
			{ name: 'Existing List', value: 'list' },
		],
	},
	{
		displayName: 'Recipient List Name',
		name: 'recipientListName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Send Now: order shipped',
		displayOptions: { show: { sendTo: ['items'], recipientListMode: ['name'] } },
	},
	{ ...pickField('list', 'recipientList'), displayName: 'Recipient List', displayOptions: { show: { sendTo: ['items'], recipientListMode: ['list'] } } },
	{
		displayName: 'Wait Until Sent',
		name: 'waitUntilSent',
		type: 'boolean',
		default: true,
		displayOptions: { show: { sendTo: ['items'] } },
		description:
			'Whether to wait until Constant Contact has sent the campaign (status Done, at most 5 minutes) before the run ends. Either way the next send to the same recipient list (from this n8n instance) first waits for this one to go out, since it changes the list\'s members: if it is still not out after 5 minutes, that run stops without changing anything.',
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
	| { kind: 'items'; email: string; list: { id: string } | { name: string } };

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
		const mode = checkOneOf(this, i, 'Recipient List', this.getNodeParameter('recipientListMode', i, 'name'), ['name', 'list'] as const);
		let list: { id: string } | { name: string };
		if (mode === 'list') {
			list = { id: readPick(this, i, 'recipientList', 'list') };
		} else {
			list = { name: readText(this, i, 'Recipient List Name', this.getNodeParameter('recipientListName', i, ''), LIST_NAME_MAX) };
		}
		recipients = { kind: 'items', email, list };
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
/** An ISO time that differs from every earlier one of this process (two sends in one ms). */
function uniqueStamp(): string {
	lastStamp = Math.max(Date.now(), lastStamp + 1);
	return new Date(lastStamp).toISOString();
}

function sendName(base: string): string {
	const stamp = uniqueStamp();
	return `${base.slice(0, CAMPAIGN_LIMITS.name - stamp.length - 3).trim()} – ${stamp}`;
}

/** The POST /emails body; a copy reads the source campaign (no write). */
async function campaignBody(ctx: IExecuteFunctions, i: number, content: Content): Promise<{ body: IDataObject; note?: string; copiedFrom?: string }> {
	if (content.kind === 'html') {
		return { body: { name: sendName(content.name), email_campaign_activities: [content.activity] }, note: content.note };
	}
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
	return { body: { name: sendName(String(source.name ?? 'Campaign')), email_campaign_activities: [copy] }, copiedFrom: campaignId };
}

/** Creates the campaign, sets its recipients and sends it now. */
async function createAndSend(
	ctx: IExecuteFunctions,
	i: number,
	prepared: { body: IDataObject; note?: string; copiedFrom?: string },
	recipients: IDataObject,
): Promise<IDataObject> {
	const name = String(prepared.body.name);
	const campaign = await constantContactApiRequest.call(ctx, {
		method: 'POST',
		path: '/emails',
		body: prepared.body,
		itemIndex: i,
		hints: { 409: `A campaign named "${name}" already exists (deleted campaigns keep their names)` },
	});
	const campaignId = String(campaign.campaign_id);
	const activityId = primaryActivityId(campaign);
	if (!activityId) throw new NodeOperationError(ctx.getNode(), `Constant Contact created campaign ${campaignId} without an e-mail activity`, { itemIndex: i });
	await mergeActivity(ctx, i, campaignId, activityId, recipients);
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
	const out: IDataObject = { campaign_id: campaignId, campaign_activity_id: activityId, campaign_name: name, scheduled: true, send_now: true };
	if (prepared.copiedFrom) out.copied_from_campaign_id = prepared.copiedFrom;
	if (prepared.note) out.notes = prepared.note;
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

async function recipientList(ctx: IExecuteFunctions, i: number, list: { id: string } | { name: string }): Promise<{ listId: string; created: boolean }> {
	if ('id' in list) {
		await constantContactApiRequest.call(ctx, {
			method: 'GET',
			path: apiPath`/contact_lists/${list.id}`,
			itemIndex: i,
			hints: { 404: listNotFound(list.id) },
		});
		return { listId: list.id, created: false };
	}
	const byName = async () => await findListByName(ctx, i, list.name);
	const found = await byName();
	if (found) return { listId: String(found.list_id), created: false };
	let created: IDataObject;
	try {
		created = await constantContactApiRequest.call(ctx, {
			method: 'POST',
			path: '/contact_lists',
			body: { name: list.name, description: 'Recipients of Send Now campaigns (n8n); its members are replaced on every send' },
			itemIndex: i,
			hints: { 409: `A list named "${list.name}" exists but could not be read` },
		});
	} catch (error) {
		// Created meanwhile (another n8n process sending to this list name): use that list.
		const again = String((error as { httpCode?: unknown }).httpCode) === '409' ? await byName() : undefined;
		// NodeApiError hands back the error it is given when that is one already (the transport's).
		if (!again) throw new NodeApiError(ctx.getNode(), error as JsonObject);
		return { listId: String(again.list_id), created: false };
	}
	return { listId: String(created.list_id), created: true };
}

const SENT = ['DONE', 'ERROR', 'REMOVED'];
const activityStatus = (a: IDataObject) => String(a.current_status ?? '').toUpperCase();

/**
 * Sends of this n8n process that were scheduled but not seen sent, by recipient list: the next
 * run to that list first waits for them (its import would change who they reach).
 */
const pendingSends = new Map<string, { activityId: string; campaignId: string }>();

/** Polls a campaign's e-mail until Constant Contact has sent it (or gave up), at most `maxSendWaitMs`. */
async function pollSend(ctx: IExecuteFunctions, i: number, activityId: string) {
	const read = async () => await constantContactApiRequest.call(ctx, { method: 'GET', path: apiPath`/emails/activities/${activityId}`, itemIndex: i });
	return await pollUntil(await read(), (a) => SENT.includes(activityStatus(a)), read, activitySettings.maxSendWaitMs);
}

/** Before a run changes the list: the previous send to it must be out, or this run stops (nothing changed). */
async function previousSendOut(ctx: IExecuteFunctions, i: number, listId: string): Promise<void> {
	const pending = pendingSends.get(listId);
	if (!pending) return;
	let polled;
	try {
		polled = await pollSend(ctx, i, pending.activityId);
	} catch (error) {
		// Deleted meanwhile (in Constant Contact): it will not send, so it no longer holds the list.
		if (String((error as { httpCode?: unknown }).httpCode) !== '404') throw new NodeApiError(ctx.getNode(), error as JsonObject);
		pendingSends.delete(listId);
		return;
	}
	if (!polled.done) {
		throw new NodeOperationError(ctx.getNode(), `The previous Send Now to this recipient list is not out yet`, {
			itemIndex: i,
			description: `Campaign ${pending.campaignId} is still ${activityStatus(polled.value) || 'pending'} after ${Math.round(polled.waitedMs / 1000)} s more. Constant Contact mails the list's members when it sends, so this run changed nothing and sent nothing; run it again later.`,
		});
	}
	pendingSends.delete(listId);
}

/**
 * After the schedule went through: waits for the send (Wait Until Sent) and notes a send that is
 * not out yet for the next run. Never fails because of a status check: the campaign is scheduled,
 * and failing would invite a retry that mails the customer twice. A send that Constant Contact
 * refused (ERROR) or that was removed fails the item.
 */
async function afterSchedule(ctx: IExecuteFunctions, i: number, listId: string, out: IDataObject, wait: boolean): Promise<IDataObject> {
	const activityId = String(out.campaign_activity_id);
	const campaignId = String(out.campaign_id);
	const notes = [out.notes].filter(Boolean);
	let status = 'SCHEDULED';
	if (wait) {
		try {
			const polled = await pollSend(ctx, i, activityId);
			status = activityStatus(polled.value);
			if (!polled.done) notes.push(`Constant Contact had not finished sending after ${Math.round(polled.waitedMs / 1000)} s; it goes on. The next Send Now run to this list waits for it.`);
		} catch (error) {
			status = 'UNKNOWN';
			notes.push(`The campaign is scheduled, but its status could not be read (${redactText(String((error as Error).message ?? error))}). Do not run this again for the same recipients: check the campaign in Constant Contact.`);
		}
	}
	if (SENT.includes(status)) pendingSends.delete(listId);
	else pendingSends.set(listId, { activityId, campaignId });
	if (status === 'ERROR' || status === 'REMOVED') {
		throw new NodeOperationError(ctx.getNode(), `Constant Contact did not send campaign "${String(out.campaign_name)}" (${status})`, {
			itemIndex: i,
			description: `Campaign ${campaignId} was created and scheduled, and its send ended with status ${status}. Campaign → Get Send History shows Constant Contact's reason.`,
		});
	}
	const result: IDataObject = { send_status: status };
	if (notes.length) result.notes = notes.join(' ');
	return result;
}

/**
 * Runs `fn` after every earlier run holding `listId` has finished (runs of this n8n process; n8n's
 * queue mode with several workers does not share it). A run cancelled while it waited does nothing.
 */
const listLocks = new Map<string, Promise<void>>();
async function withListLock<T>(ctx: IExecuteFunctions, i: number, listId: string, fn: () => Promise<T>): Promise<T> {
	const previous = listLocks.get(listId) ?? Promise.resolve();
	let release: () => void = () => undefined;
	const mine = previous.then(() => new Promise<void>((resolve) => (release = resolve)));
	listLocks.set(listId, mine);
	await previous;
	try {
		if (ctx.getExecutionCancelSignal?.()?.aborted) {
			throw new NodeOperationError(ctx.getNode(), `The execution was cancelled before it sent anything`, { itemIndex: i });
		}
		return await fn();
	} finally {
		release();
		if (listLocks.get(listId) === mine) listLocks.delete(listId);
	}
}

function sameSend(a: SendNowInput, b: SendNowInput): boolean {
	const key = (x: SendNowInput) => JSON.stringify({ content: x.content, list: x.recipients.kind === 'items' ? x.recipients.list : undefined, wait: x.waitUntilSent });
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
			invalid(this, other.itemIndex, 'Content / Recipient List', `differs from item ${i}`, 'All items of a run are one send: the content and the recipient list must be the same for every item (only Email may differ).'),
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
	const list = (first.input.recipients as Extract<Recipients, { kind: 'items' }>).list;
	return await sendToItems(this, items, first.input, list, recipients);
}

async function sendToItems(
	ctx: IExecuteFunctions,
	items: Array<BatchItem<SendNowInput>>,
	input: SendNowInput,
	list: { id: string } | { name: string },
	recipients: Map<string, string>,
): Promise<BatchResult[]> {
	const i = items[0].itemIndex;
	const failAll = (error: Error) => items.map(() => error);
	try {
		const prepared = await campaignBody(ctx, i, input.content);
		const { listId, created } = await recipientList(ctx, i, list);
		// Constant Contact mails the list's members when it performs the send: until then no other
		// run may change them. Runs of this n8n process to this list go one after another.
		return await withListLock(ctx, i, listId, async () => {
			await previousSendOut(ctx, i, listId);

			// 1. Put the recipients on the list (JSON import: permission is respected).
			const imported = await startActivity(
				ctx,
				i,
				{
					method: 'POST',
					path: '/activities/contacts_json_import',
					body: { import_data: [...recipients.values()].map((email) => ({ email })), list_ids: [listId] },
				},
				true,
			);
			if (imported.state !== 'completed') {
				throw new NodeOperationError(ctx.getNode(), `Constant Contact could not import the recipients (${String(imported.state)})`, {
					itemIndex: i,
					description: `Activity ${String(imported.activity_id ?? '')}: ${activityErrors(imported).join('; ') || 'no details given'}. Nothing was sent.`,
				});
			}

			// 2. The list holds exactly the recipients of this send.
			const members = await constantContactRequestAllItems.call(ctx, { path: '/contacts', qs: { lists: listId }, itemsKey: 'contacts', pageSize: 500, itemIndex: i });
			const addressOf = (c: IDataObject) => String((c.email_address as IDataObject | undefined)?.address ?? '').toLowerCase();
			const strangers = members.filter((c) => !recipients.has(addressOf(c))).map((c) => String(c.contact_id));
			for (let start = 0; start < strangers.length; start += CONTACTS_PER_JOB) {
				await runActivity(
					ctx,
					i,
					{
						method: 'POST',
						path: '/activities/remove_list_memberships',
						body: { source: { contact_ids: strangers.slice(start, start + CONTACTS_PER_JOB) }, list_ids: [listId] },
					},
					true,
				);
			}

			// 3. Who will get it: members with permission to send (unsubscribed people are skipped).
			const eligible = new Set(
				members
					.filter((c) => recipients.has(addressOf(c)))
					.filter((c) => ['explicit', 'implicit'].includes(String((c.email_address as IDataObject | undefined)?.permission_to_send ?? '').toLowerCase()))
					.map(addressOf),
			);
			const onList = new Set(members.map(addressOf));
			const skipped = [...recipients.entries()]
				.filter(([lower]) => !eligible.has(lower))
				.map(([lower, email]) => ({
					email,
					reason: onList.has(lower) ? 'no permission to send (unsubscribed or awaiting confirmation)' : 'not added to the list (unsubscribed, or the import rejected it)',
				}));
			const importErrors = activityErrors(imported);

			const base: IDataObject = {
				recipient_list_id: listId,
				recipient_list_created: created,
				input_addresses: recipients.size,
				recipients: eligible.size,
				removed_from_list: strangers.length,
				skipped,
			};
			if (importErrors.length) base.import_errors = importErrors;
			let out: IDataObject;
			if (eligible.size === 0) {
				out = { campaign_id: null, campaign_activity_id: null, scheduled: false, send_now: false, ...base, notes: 'Nobody of this send may be mailed, so no campaign was created' };
			} else {
				out = { ...(await createAndSend(ctx, i, prepared, { contact_list_ids: [listId] })), ...base };
				Object.assign(out, await afterSchedule(ctx, i, listId, out, input.waitUntilSent));
			}
			// The whole node run is this one send: every request it sent, the checks before it included.
			out.requests_used = requestsSent(ctx);
			const shared = new SharedResult(out, items.map((item) => item.itemIndex));
			return items.map((_item, n) => (n === 0 ? shared : []));
		});
	} catch (error) {
		return failAll(error as Error);
	}
}
