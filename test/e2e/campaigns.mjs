// The Campaign, Account and Migration From V2 resources and Contact → Get Activity, each operation
// through its own webhook workflow in the real n8n, in the style of resources.mjs: checks what the
// webhook returns, the fake's requests (/__admin/log) and its data afterwards (/__admin/state).
// Called by scenario.mjs after runResourceOperations.
import { isDeepStrictEqual } from 'node:util';

import { sleep } from '../../scripts/lib/n8n.mjs';
import { apiRequests, operationCalls } from './fakes.mjs';
import { CAMPAIGN_OPERATIONS, CAMPAIGN_SPLIT_OPERATIONS, resourceWorkflow, splitWorkflow } from './workflows.mjs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const sorted = (a) => [...(a ?? [])].sort();
/** "POST /v3/emails 200" lines of a log slice (API server only). */
const calls = operationCalls;
const addressOf = (contact) => String(contact?.email_address?.address ?? '').toLowerCase();

/**
 * @param {{ client, fakes, credential, checks, T, say, results: object }} ctx
 *   results: the major's results object; gets `sendNowItems` (the Send Now run in numbers).
 */
export async function runCampaignOperations({ client, fakes, credential, checks, T, say, results }) {
	const paths = {};
	const workflowIds = {};
	await T('create + activate the campaign/account/migration/getActivity workflows', async () => {
		for (const key of Object.keys(CAMPAIGN_OPERATIONS)) {
			const { path, workflow } = resourceWorkflow(key, credential, CAMPAIGN_OPERATIONS);
			workflowIds[key] = await client.deployWorkflow(workflow);
			paths[key] = path;
		}
		for (const [key, parameters] of Object.entries(CAMPAIGN_SPLIT_OPERATIONS)) {
			const { path, workflow } = splitWorkflow(key, parameters, credential, { field: 'items' });
			workflowIds[key] = await client.deployWorkflow(workflow);
			paths[key] = path;
		}
	});

	const logMark = async () => (await fakes.log()).length;
	const logSince = async (mark) => (await fakes.log()).slice(mark);
	/** Calls a workflow's webhook; the items it answers with ([] and a failed check if it did not answer 200). */
	const items = async (name, key, body) => {
		const res = await client.webhook(paths[key], body);
		const ok = checks.ok(`${name}: webhook answers 200 with items`, res.status === 200 && Array.isArray(res.body), { status: res.status, body: res.text.slice(0, 800) });
		return ok ? res.body : [];
	};
	/** Calls a webhook and records the API requests it caused. */
	const traced = async (name, key, body) => {
		const mark = await logMark();
		const out = await items(name, key, body);
		const slice = await logSince(mark);
		return { out, requests: calls(slice), entries: apiRequests(slice) };
	};
	const state = () => fakes.state();
	const activityOf = (s, id) => s.campaignActivities.find((a) => a.campaign_activity_id === id);
	const completeSends = () => fakes.admin('POST', 'complete-sends', {});
	const inAWeek = () => {
		const d = new Date(Date.now() + 7 * 86_400_000);
		d.setUTCMilliseconds(0);
		return d.toISOString();
	};

	// Data of their own: a list with two readers, a list "Send Now e2e" with a member that Send Now must leave alone, and V2 IDs.
	const seeded = await fakes.seed({
		lists: [{ name: 'Campaign readers' }, { name: 'Send Now e2e' }, { name: 'Old v2 list', sequence_id: '4711' }],
		contacts: [
			{ email: 'reader1@example.com', first_name: 'Reader', last_name: 'One', permission_to_send: 'implicit', list_names: ['Campaign readers'], sequence_id: '880001' },
			{ email: 'reader2@example.com', first_name: 'Reader', last_name: 'Two', permission_to_send: 'explicit', list_names: ['Campaign readers'], sequence_id: '880002' },
			{ email: 'stranger@example.com', permission_to_send: 'implicit', list_names: ['Send Now e2e'] },
		],
		campaigns: [{ name: 'Migrated from v2', v2_email_campaign_id: '1100567599001' }],
	});
	const [readersList, recipientList, v2List] = seeded.lists.map((l) => l.list_id);
	const [reader1, reader2] = seeded.contacts.map((c) => c.contact_id);

	// ---- Account ---------------------------------------------------------------------------------
	let confirmed = [];
	await T('account: get summary, sender addresses, physical address, user privileges', async () => {
		const s = await state();
		const { out: [summary], requests: summaryRequests } = await traced('account getSummary', 'accountSummary', {});
		const summaryOut = { org: summary?.organization_name, email: summary?.contact_email, address: summary?.physical_address?.address_line1, requests: summaryRequests };
		const summaryExpected = { org: s.account.summary.organization_name, email: s.account.summary.contact_email, address: s.account.physical_address?.address_line1, requests: ['GET /v3/account/summary 200'] };
		checks.ok('account getSummary (Include: physical address): organisation, contact e-mail and address as the fake holds them; one GET with extra_fields',
			isDeepStrictEqual(summaryOut, summaryExpected) && Boolean(summaryExpected.org && summaryExpected.email && summaryExpected.address), { actual: summaryOut, expected: summaryExpected });

		const senders = await items('account getSenderAddresses', 'accountSenders', {});
		confirmed = senders.map((e) => e.email_address);
		checks.eq('account getSenderAddresses (Confirmed): one item per CONFIRMED address of the account',
			sorted(confirmed), sorted(s.accountEmails.filter((e) => e.confirm_status === 'CONFIRMED').map((e) => e.email_address)));
		checks.ok('account getSenderAddresses: at least one confirmed address to send from, every item CONFIRMED', confirmed.length > 0 && senders.every((e) => e.confirm_status === 'CONFIRMED'), senders);

		const [address] = await items('account getPhysicalAddress', 'accountAddress', {});
		const addressOut = { line1: address?.address_line1, city: address?.city, country: address?.country_code };
		const addressExpected = { line1: s.account.physical_address?.address_line1, city: s.account.physical_address?.city, country: s.account.physical_address?.country_code };
		checks.ok('account getPhysicalAddress: the account\'s postal address', isDeepStrictEqual(addressOut, addressExpected) && Boolean(addressExpected.line1 && addressExpected.country), { actual: addressOut, expected: addressExpected });

		const privileges = await items('account getUserPrivileges', 'accountPrivileges', {});
		const names = privileges.map((p) => p.privilege_name);
		checks.ok('account getUserPrivileges: one item per privilege, campaign:send and contacts:write among them', names.includes('campaign:send') && names.includes('contacts:write'), names);
	});

	// ---- Campaign: create, get, get many, update ----------------------------------------------------
	let campaignId;
	let activityId;
	const fromEmail = () => confirmed[0];
	const replyTo = () => confirmed[1] ?? confirmed[0];
	await T('campaign: create, get, get many, update', async () => {
		const html = '<html><body><p>Hello from n8n</p></body></html>';
		const { out: [created], requests } = await traced('campaign create', 'campaignCreate', {
			name: 'E2E spring', subject: 'Spring is here', preheader: 'Our spring news', fromEmail: fromEmail(), replyToEmail: replyTo(), html,
		});
		campaignId = created?.campaign_id;
		activityId = created?.campaign_activity_id;
		checks.ok('campaign create: returns the campaign (Draft) with its campaign_activity_id', UUID.test(campaignId ?? '') && UUID.test(activityId ?? '') && created?.name === 'E2E spring' && created?.current_status === 'Draft', created);
		checks.ok('campaign create: says that [[trackingImage]] was added', /trackingImage/.test(created?.notes ?? ''), created?.notes);
		checks.eq('campaign create: the confirmed addresses read once, then one POST /emails', requests, ['GET /v3/account/emails 200', 'POST /v3/emails 200']);
		let activity = activityOf(await state(), activityId);
		checks.eq('fake state: the e-mail with sender, reply-to, subject, preheader and the HTML with [[trackingImage]] after <body>',
			{ from: activity?.from_email, reply: activity?.reply_to_email, fromName: activity?.from_name, subject: activity?.subject, preheader: activity?.preheader, html: activity?.html_content, format: activity?.format_type },
			{ from: fromEmail(), reply: replyTo(), fromName: 'n8n e2e', subject: 'Spring is here', preheader: 'Our spring news', html: '<html><body>[[trackingImage]]<p>Hello from n8n</p></body></html>', format: 5 });

		const [got] = await items('campaign get', 'campaignGet', { id: campaignId });
		checks.eq('campaign get: name, status and campaign_activity_id', { id: got?.campaign_id, name: got?.name, status: got?.current_status, activity: got?.campaign_activity_id },
			{ id: campaignId, name: 'E2E spring', status: 'Draft', activity: activityId });

		const all = await items('campaign getAll', 'campaignGetAll', {});
		const live = (await state()).campaigns.filter((c) => c.current_status !== 'Removed');
		checks.eq('campaign getAll (Return All): every campaign that is not removed', sorted(all.map((c) => c.campaign_id)), sorted(live.map((c) => c.campaign_id)));

		const { out: [updated], requests: updateRequests } = await traced('campaign update', 'campaignUpdate', { id: campaignId, name: 'E2E spring news', subject: 'Spring news inside' });
		checks.eq('campaign update: renamed (PATCH), subject changed (activity GET, PUT merged), campaign read back',
			{ name: updated?.name, requests: updateRequests },
			{ name: 'E2E spring news', requests: [`PATCH /v3/emails/${campaignId} 200`, `GET /v3/emails/${campaignId} 200`, `GET /v3/emails/activities/${activityId} 200`, `PUT /v3/emails/activities/${activityId} 200`, `GET /v3/emails/${campaignId} 200`] });
		activity = activityOf(await state(), activityId);
		checks.eq('fake state: new subject; sender, reply-to, preheader kept',
			{ subject: activity?.subject, from: activity?.from_email, reply: activity?.reply_to_email, preheader: activity?.preheader },
			{ subject: 'Spring news inside', from: fromEmail(), reply: replyTo(), preheader: 'Our spring news' });
		checks.eq('fake state: the campaign renamed', (await state()).campaigns.find((c) => c.campaign_id === campaignId)?.name, 'E2E spring news');
	});

	// ---- Campaign: recipients and schedule ------------------------------------------------------------
	await T('campaign: set recipients, schedule (in a week), get schedule, unschedule', async () => {
		const { out: [recipients], requests } = await traced('campaign setRecipients', 'campaignSetRecipients', { id: campaignId, lists: [readersList] });
		checks.eq('campaign setRecipients: the list set; GET campaign, GET activity, PUT merged',
			{ lists: recipients?.contact_list_ids, requests },
			{ lists: [readersList], requests: [`GET /v3/emails/${campaignId} 200`, `GET /v3/emails/activities/${activityId} 200`, `PUT /v3/emails/activities/${activityId} 200`] });
		let activity = activityOf(await state(), activityId);
		checks.eq('fake state: recipients set, subject and sender kept', { lists: activity?.contact_list_ids, subject: activity?.subject, from: activity?.from_email },
			{ lists: [readersList], subject: 'Spring news inside', from: fromEmail() });

		const date = inAWeek();
		const { out: [scheduled], entries } = await traced('campaign schedule', 'campaignSchedule', { id: campaignId, date });
		checks.eq('campaign schedule: scheduled for the date given', { scheduled: scheduled?.scheduled, now: scheduled?.send_now, date: scheduled?.scheduled_date }, { scheduled: true, now: false, date });
		checks.eq('campaign schedule: one POST …/schedules with the ISO date', entries.filter((e) => e.method === 'POST').map((e) => ({ path: e.path, body: e.body, status: e.status })),
			[{ path: `/v3/emails/activities/${activityId}/schedules`, body: { scheduled_date: date }, status: 201 }]);
		let s = await state();
		checks.eq('fake state: the campaign is Scheduled, not yet due', { status: s.campaigns.find((c) => c.campaign_id === campaignId)?.current_status, schedules: s.schedules.filter((x) => x.campaign_activity_id === activityId).map((x) => [x.scheduled_date, x.due]) },
			{ status: 'Scheduled', schedules: [[date, false]] });

		const [schedule] = await items('campaign getSchedule', 'campaignGetSchedule', { id: campaignId });
		checks.eq('campaign getSchedule: scheduled, with the date', schedule, { campaign_id: campaignId, campaign_activity_id: activityId, current_status: 'Scheduled', scheduled: true, scheduled_date: date });

		const { out: unscheduled, requests: unscheduleRequests } = await traced('campaign unschedule', 'campaignUnschedule', { id: campaignId });
		checks.eq('campaign unschedule: one DELETE …/schedules', { out: unscheduled, requests: unscheduleRequests },
			{ out: [{ campaign_id: campaignId, campaign_activity_id: activityId, unscheduled: true }], requests: [`GET /v3/emails/${campaignId} 200`, `DELETE /v3/emails/activities/${activityId}/schedules 204`] });
		s = await state();
		activity = activityOf(s, activityId);
		checks.eq('fake state: back to Draft, no pending send, nothing sent', { status: activity?.current_status, schedules: s.schedules.filter((x) => x.campaign_activity_id === activityId).length, sent: activity?.sent_contact_ids },
			{ status: 'DRAFT', schedules: 0, sent: [] });
	});

	// ---- Campaign: Send Test, and a bad input that stops before any request -------------------------------
	await T('campaign: send test; 6 test addresses refused before any request', async () => {
		const { out: [tested], entries } = await traced('campaign sendTest', 'campaignSendTest', { id: campaignId, addresses: 'qa@example.com, Boss@example.com, qa@example.com', message: 'Please check the spring news' });
		checks.eq('campaign sendTest: sent to the two addresses (duplicate folded)', tested, { campaign_id: campaignId, campaign_activity_id: activityId, sent_to: ['qa@example.com', 'Boss@example.com'] });
		checks.eq('campaign sendTest: one POST …/tests with the addresses and the personal message → 204',
			entries.filter((e) => e.method === 'POST').map((e) => ({ path: e.path, body: e.body, status: e.status })),
			[{ path: `/v3/emails/activities/${activityId}/tests`, body: { email_addresses: ['qa@example.com', 'Boss@example.com'], personal_message: 'Please check the spring news' }, status: 204 }]);
		const testSends = (await state()).testSends;
		checks.eq('fake state: the test send recorded', testSends.filter((t) => t.campaign_activity_id === activityId).map((t) => t.email_addresses), [['qa@example.com', 'Boss@example.com']]);

		// Two items; the second has 6 addresses. The node checks every item before it sends anything.
		const six = Array.from({ length: 6 }, (_, n) => `t${n + 1}@example.com`).join(',');
		const mark = await logMark();
		const res = await client.webhook(paths.campaignSendTestItems, { items: [{ id: campaignId, addresses: 'ok@example.com' }, { id: campaignId, addresses: six }] });
		checks.ok('bad input: the webhook does not answer 200', res.status >= 400, { status: res.status, body: res.text.slice(0, 300) });
		let error;
		for (let tries = 0; tries < 80 && !error; tries++) { // up to 20 s
			const [latest] = await client.executions(workflowIds.campaignSendTestItems);
			if (latest && latest.status === 'error') error = (await client.execution(latest.id)).data?.resultData?.error;
			else await sleep(250);
		}
		checks.eq('bad input: the execution fails naming the field, with item 1 as its item index (executions REST API)', { message: error?.message, itemIndex: error?.context?.itemIndex },
			{ message: 'Email Addresses has 6 addresses; Constant Contact sends a test to at most 5 at a time', itemIndex: 1 });
		checks.eq('bad input: no request reached Constant Contact, not even for the valid item 0', calls(await logSince(mark)), []);
		checks.eq('fake state: no further test send', (await state()).testSends.length, testSends.length);
	});

	// ---- Campaign: Send Now to the contacts of several input items ------------------------------------------
	let itemsSend;
	await T('campaign: Send Now to the contacts of 3 input items (copy of a campaign), send completed', async () => {
		const recipients = ['reader1@example.com', 'shopper@example.com', 'reader2@example.com'];
		const before = await state();
		const mark = await logMark();
		const out = await items('sendNow (items)', 'campaignSendNowItems', { campaignId, items: recipients.map((email) => ({ email })) });
		const slice = apiRequests(await logSince(mark));
		const lines = calls(slice);
		const result = out[0];
		itemsSend = result;
		say(`sendNow (items): ${JSON.stringify(result)}; requests ${lines.join(', ')}`);
		checks.eq('sendNow (items): one output item for the whole run', out.length, 1);
		checks.ok('sendNow (items): the new campaign and its activity, a copy of the campaign, sent now',
			UUID.test(result?.campaign_id ?? '') && result?.campaign_id !== campaignId && UUID.test(result?.campaign_activity_id ?? '') && result?.copied_from_campaign_id === campaignId
				&& result?.scheduled === true && result?.send_now === true && /^E2E spring news – \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(result?.campaign_name ?? ''),
			result);
		checks.ok('sendNow (items): a recipient list of the run\'s own ("n8n Send Now <time> <random>"), not the account\'s lists',
			/^n8n Send Now \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z [0-9a-z]{8}$/.test(result?.recipient_list_name ?? '') && UUID.test(result?.recipient_list_id ?? '') && result?.recipient_list_id !== recipientList,
			result);
		checks.eq('sendNow (items): 3 addresses, 3 recipients, nobody skipped; Constant Contact\'s send history says 3 (verified); the run\'s list deleted',
			{ input: result?.input_addresses, recipients: result?.recipients, skipped: result?.skipped, sent: result?.sent_count, verified: result?.send_verified, deleted: result?.recipient_list_deleted },
			{ input: 3, recipients: 3, skipped: [], sent: 3, verified: true, deleted: true });
		checks.eq('sendNow (items): requests_used is what the fake received', result?.requests_used, slice.length);

		const posts = slice.filter((e) => e.method !== 'GET');
		const runList = result?.recipient_list_id;
		checks.eq('sendNow (items): its list created, ONE import of the 3 addresses into it, ONE campaign created, its recipients set, ONE send with scheduled_date "0", the list deleted',
			posts.map((e) => ({ call: `${e.method} ${e.path.replace(/\/activities\/[0-9a-f-]{36}/, '/activities/<new>').replace(runList, '<run list>')}`, status: e.status })),
			[
				{ call: 'POST /v3/contact_lists', status: 201 },
				{ call: 'POST /v3/activities/contacts_json_import', status: 201 },
				{ call: 'POST /v3/emails', status: 200 },
				{ call: 'PUT /v3/emails/activities/<new>', status: 200 },
				{ call: 'POST /v3/emails/activities/<new>/schedules', status: 201 },
				{ call: 'DELETE /v3/contact_lists/<run list>', status: 202 },
			]);
		const importBody = slice.find((e) => e.path === '/v3/activities/contacts_json_import')?.body;
		checks.eq('sendNow (items): the import rows and list', { rows: importBody?.import_data, lists: importBody?.list_ids }, { rows: recipients.map((email) => ({ email })), lists: [runList] });
		checks.eq('sendNow (items): the schedule body', slice.find((e) => e.path.endsWith('/schedules'))?.body, { scheduled_date: '0' });

		const s = await state();
		const newCampaigns = s.campaigns.filter((c) => !before.campaigns.some((b) => b.campaign_id === c.campaign_id));
		checks.eq('fake state: exactly one campaign created, the one returned', newCampaigns.map((c) => [c.campaign_id, c.name]), [[result?.campaign_id, result?.campaign_name]]);
		checks.ok('fake state: the run\'s list is deleted; the account\'s list "Send Now e2e" still holds its member', Boolean(s.lists.find((l) => l.list_id === runList)?.deleted_at)
			&& sorted(s.contacts.filter((c) => !c.deleted_at && c.list_memberships?.includes(recipientList)).map(addressOf)).join() === 'stranger@example.com',
			s.lists.find((l) => l.list_id === runList));
		const shopper = s.contacts.find((c) => addressOf(c) === 'shopper@example.com');
		checks.eq('fake state: the new contact got implicit permission; the existing ones kept theirs',
			{ shopper: shopper?.email_address?.permission_to_send, reader2: s.contacts.find((c) => c.contact_id === reader2)?.email_address?.permission_to_send },
			{ shopper: 'implicit', reader2: 'explicit' });
		const sent = activityOf(s, result?.campaign_activity_id);
		checks.eq('fake state: the copy has the source\'s subject, sender, preheader and HTML, and went to the run\'s list',
			{ subject: sent?.subject, from: sent?.from_email, reply: sent?.reply_to_email, preheader: sent?.preheader, html: sent?.html_content, lists: sent?.contact_list_ids },
			{ subject: 'Spring news inside', from: fromEmail(), reply: replyTo(), preheader: 'Our spring news', html: '<html><body>[[trackingImage]]<p>Hello from n8n</p></body></html>', lists: [runList] });
		// Wait Until Sent (the default): the webhook answered once Constant Contact had sent it.
		checks.eq('sendNow (items): the node waited until the send was done (send_status DONE, nothing pending)',
			{ status: result?.send_status, pending: s.schedules.filter((x) => x.campaign_activity_id === result?.campaign_activity_id).length },
			{ status: 'DONE', pending: 0 });
		const sentTo = sorted(s.contacts.filter((c) => sent?.sent_contact_ids?.includes(c.contact_id)).map(addressOf));
		checks.eq('fake state after the send: the activity is DONE, sent to exactly the 3 contacts, one COMPLETED send of 3',
			{ status: sent?.current_status, sentTo, history: s.sendHistory.filter((h) => h.campaign_activity_id === result?.campaign_activity_id).map((h) => [h.count, h.send_status]) },
			{ status: 'DONE', sentTo: sorted(recipients), history: [[3, 'COMPLETED']] });
		results.sendNowItems = { items: recipients.length, outputItems: out.length, recipients: result?.recipients, sent: result?.sent_count, requests: slice.length };
	});

	// ---- Campaign: Send Now to a list; send history; reports ---------------------------------------------
	let listSend;
	await T('campaign: Send Now to a list (subject + HTML); send history; reports', async () => {
		const { out: [result], requests } = await traced('sendNow (list)', 'campaignSendNowList', { name: 'E2E list send', fromEmail: fromEmail(), lists: [readersList] });
		listSend = result;
		checks.ok('sendNow (list): a new campaign to the list, sent now, with the [[trackingImage]] note', UUID.test(result?.campaign_id ?? '') && result?.send_now === true
			&& JSON.stringify(result?.contact_list_ids) === JSON.stringify([readersList]) && /^E2E list send – /.test(result?.campaign_name ?? '') && /trackingImage/.test(result?.notes ?? ''), result);
		checks.eq('sendNow (list): sender check, POST /emails, recipients (GET + PUT), schedule "0"; requests_used counts them',
			{ requests: requests.map((r) => r.replace(/activities\/[0-9a-f-]{36}/, 'activities/<new>')), used: result?.requests_used },
			{ requests: ['GET /v3/account/emails 200', 'POST /v3/emails 200', 'GET /v3/emails/activities/<new> 200', 'PUT /v3/emails/activities/<new> 200', 'POST /v3/emails/activities/<new>/schedules 201'], used: 4 });
		await completeSends();
		let s = await state();
		checks.eq('fake state after complete-sends: DONE, sent to the two readers', { status: activityOf(s, result?.campaign_activity_id)?.current_status, sent: sorted(activityOf(s, result?.campaign_activity_id)?.sent_contact_ids) },
			{ status: 'DONE', sent: sorted([reader1, reader2]) });

		const history = await items('campaign getSendHistory', 'campaignSendHistory', { id: result?.campaign_id });
		checks.eq('campaign getSendHistory: one COMPLETED send to 2 contacts', history.map((h) => ({ id: h.campaign_id, send: h.send_id, count: h.count, status: h.send_status, reason: h.reason_code })),
			[{ id: result?.campaign_id, send: 1, count: 2, status: 'COMPLETED', reason: 0 }]);

		const { out: stats, requests: statsRequests } = await traced('campaign getReport (stats)', 'campaignStats', { ids: `${itemsSend?.campaign_id}, ${result?.campaign_id}` });
		checks.eq('campaign getReport (Campaign Stats): one item per campaign with its sends; one request for both',
			{ stats: stats.map((x) => [x.campaign_id, x.stats?.em_sends]), requests: statsRequests },
			{ stats: [[itemsSend?.campaign_id, 3], [result?.campaign_id, 2]], requests: [`GET /v3/reports/stats/email_campaigns/${itemsSend?.campaign_id},${result?.campaign_id} 200`] });

		const sends = await items('campaign getReport (tracking sends)', 'campaignTracking', { id: itemsSend?.campaign_id, type: 'sends' });
		checks.eq('campaign getReport (Tracking Details, Sends): one row per recipient of the Send Now', sorted(sends.map((r) => `${r.email_address} ${r.tracking_activity_type}`)),
			sorted(['reader1@example.com em_sends', 'reader2@example.com em_sends', 'shopper@example.com em_sends']));
		s = await state();
		checks.ok('campaign getReport (Tracking Details): rows of that campaign activity only', sends.length > 0 && sends.every((r) => r.campaign_id === itemsSend?.campaign_id && r.campaign_activity_id === itemsSend?.campaign_activity_id), sends);

		// Two bounce codes: n8n must send the parameter repeated (bounce_code=B&bounce_code=D, the
		// spec's collectionFormat multi), which the fake reads; a comma list would be refused.
		for (const [email, code] of [['reader2@example.com', 'B'], ['reader2@example.com', 'Z'], ['shopper@example.com', 'D']]) {
			await fakes.admin('POST', 'track', { campaign_activity_id: itemsSend?.campaign_activity_id, contact_email: email, type: 'bounce', bounce_code: code });
		}
		const { out: bounces, entries: bounceEntries } = await traced('campaign getReport (tracking bounces B, D)', 'campaignBounces', { id: itemsSend?.campaign_id });
		const bounceRequest = bounceEntries.find((e) => e.path.endsWith('/tracking/bounces'));
		checks.eq('campaign getReport (Tracking Details, Bounces B and D): those two rows; bounce_code repeated on the wire',
			{ rows: sorted(bounces.map((r) => `${r.email_address} ${r.bounce_code}`)), query: bounceRequest?.query },
			{ rows: ['reader2@example.com B', 'shopper@example.com D'], query: { bounce_code: ['B', 'D'], limit: '500' } });
	});

	// ---- Contact → Get Activity -------------------------------------------------------------------
	await T('contact: get activity (campaign activity of a recipient)', async () => {
		await fakes.admin('POST', 'track', { campaign_activity_id: itemsSend?.campaign_activity_id, contact_email: 'reader1@example.com', type: 'open' });
		const { out: rows, requests } = await traced('contact getActivity', 'contactGetActivity', { email: 'reader1@example.com' });
		checks.eq('contact getActivity (by e-mail, all types, Return All): the open and both sends, newest first, with campaign names',
			rows.map((r) => [r.tracking_activity_type, r.campaign_activity_name, r.contact_id]),
			[['em_opens', itemsSend?.campaign_name, reader1], ['em_sends', listSend?.campaign_name, reader1], ['em_sends', itemsSend?.campaign_name, reader1]]);
		checks.eq('contact getActivity: the contact looked up by e-mail, then one activity_details request',
			requests.map((r) => r.replace(/\?.*/, '')), ['GET /v3/contacts 200', `GET /v3/reports/contact_reports/${reader1}/activity_details 200`]);
	});

	// ---- Migration From V2 ----------------------------------------------------------------------------
	await T('migration: map contact, list and campaign IDs', async () => {
		const { xrefs } = await state();
		const v3Contact = (seq) => xrefs.contacts.find((x) => x.sequence_id === seq)?.contact_id ?? null;
		checks.eq('fake state: the seeded V2 contact IDs belong to reader1 and reader2', [v3Contact('880001'), v3Contact('880002')], [reader1, reader2]);
		const mark = await logMark();
		const mapped = await items('migration contactIds (2 items)', 'migrationContactIds', { items: [{ ids: '880001, 880002' }, { ids: ['999999'] }] });
		const slice = apiRequests(await logSince(mark));
		checks.eq('migration contactIds: one output item per ID, the unknown one not found',
			mapped, [{ v2_id: '880001', found: true, contact_id: reader1 }, { v2_id: '880002', found: true, contact_id: reader2 }, { v2_id: '999999', found: false, contact_id: null }]);
		checks.eq('migration contactIds: the IDs of both items in ONE request', slice.map((e) => ({ call: `${e.method} ${e.path} ${e.status}`, ids: e.query?.sequence_ids })),
			[{ call: 'GET /v3/contacts/contact_id_xrefs 200', ids: '880001,880002,999999' }]);

		const lists = await items('migration listIds', 'migrationListIds', { ids: '4711' });
		checks.eq('migration listIds: the v3 list of V2 list 4711', lists, [{ v2_id: '4711', found: true, list_id: v2List }]);

		const campaignXref = xrefs.campaigns.find((x) => x.v2_email_campaign_id === '1100567599001');
		const campaigns = await items('migration campaignIds', 'migrationCampaignIds', { ids: '1100567599001' });
		checks.eq('migration campaignIds: the v3 campaign and its activity', campaigns,
			[{ v2_id: '1100567599001', found: true, campaign_id: campaignXref?.campaign_id ?? 'missing in state', campaign_activity_id: campaignXref?.campaign_activity_id ?? 'missing in state' }]);
		checks.ok('fake state: that campaign is the seeded "Migrated from v2"', (await state()).campaigns.find((c) => c.campaign_id === campaignXref?.campaign_id)?.name === 'Migrated from v2', campaignXref);
	});

	// ---- Campaign: delete a scheduled campaign (If Scheduled: Unschedule First) ----------------------------
	await T('campaign: delete a scheduled campaign (unschedule first)', async () => {
		const date = inAWeek();
		const [scheduled] = await items('campaign schedule (again)', 'campaignSchedule', { id: campaignId, date });
		checks.eq('campaign schedule (again): scheduled', scheduled?.scheduled_date, date);
		const { out: [deleted], requests } = await traced('campaign delete', 'campaignDelete', { id: campaignId });
		checks.eq('campaign delete: unscheduled, then deleted',
			{ out: deleted, requests },
			{ out: { campaign_id: campaignId, deleted: true, unscheduled: true }, requests: [`GET /v3/emails/${campaignId} 200`, `DELETE /v3/emails/activities/${activityId}/schedules 204`, `DELETE /v3/emails/${campaignId} 204`] });
		const s = await state();
		checks.eq('fake state: the campaign is Removed, no send pending', { status: s.campaigns.find((c) => c.campaign_id === campaignId)?.current_status, schedules: s.schedules.filter((x) => x.campaign_activity_id === activityId).length },
			{ status: 'Removed', schedules: 0 });
		const all = await items('campaign getAll (after delete)', 'campaignGetAll', {});
		checks.ok('campaign getAll: the removed campaign is left out, the two sent ones are listed', !all.some((c) => c.campaign_id === campaignId) && [itemsSend?.campaign_id, listSend?.campaign_id].every((id) => all.some((c) => c.campaign_id === id)), all.map((c) => c.name));
	});
}
