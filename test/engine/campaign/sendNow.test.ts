/** Campaign → Send Now, through n8n's engine against the fake API. */
import { transport } from '../harness';
import { activities, byId, useContactFakes } from '../contact/helpers';
import { HTML, campaignOp, expectRejected, fromList, state } from './helpers';

const cc = useContactFakes();

function seed() {
	const s = cc.fakes.admin.seed({
		lists: [{ name: 'Newsletter' }, { name: 'Shipping' }],
		contacts: [
			{ email: 'old@example.com', list_names: ['Shipping'], permission_to_send: 'implicit' },
			{ email: 'b@example.com', list_names: ['Newsletter'], permission_to_send: 'explicit' },
			{ email: 'gone@example.com', permission_to_send: 'unsubscribed' },
		],
		segments: [{ name: 'Fans', contact_emails: ['b@example.com'] }],
		campaigns: [
			{
				name: 'Order shipped',
				subject: 'Your order is on its way',
				preheader: 'Tracking inside',
				from_email: 'news@example.com',
				reply_to_email: 'owner@example.com',
				html_content: HTML,
				status: 'Done',
			},
		],
	});
	return {
		sourceId: s.campaigns[0].campaign_id as string,
		newsletter: s.lists[0].list_id as string,
		shipping: s.lists[1].list_id as string,
		segmentId: String(s.segments[0].segment_id),
	};
}

const sendNow = (parameters: Record<string, unknown>) => campaignOp('sendNow', parameters as any);
const RUN_LIST = /^n8n Send Now \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z [0-9a-z]{8}$/;
const listMembers = (listId: string) =>
	state(cc)
		.contacts.filter((c: any) => !c.deleted_at && (c.list_memberships ?? c.list_ids ?? []).includes(listId))
		.map((c: any) => c.email_address?.address ?? c.email)
		.sort();
const listById = (listId: string) => state(cc).lists.find((l: any) => l.list_id === listId);
/** The addresses a Send Now output's campaign was sent to (the fake's record of the send). */
function sentTo(out: any): string[] {
	const activity = state(cc).campaignActivities.find((a: any) => a.campaign_activity_id === out.campaign_activity_id);
	return (activity?.sent_contact_ids ?? []).map((id: string) => state(cc).contacts.find((c: any) => c.contact_id === id).email_address.address).sort();
}
const newCampaigns = (sourceId: string) => state(cc).campaigns.filter((c: any) => c.campaign_id !== sourceId);
const itemsSend = (sourceId: string, extra: Record<string, unknown> = {}) =>
	sendNow({ content: 'campaign', campaign: byId(sourceId), sendTo: 'items', email: '={{ $json.email }}', ...extra });
const schedulePosts = () => cc.calls().filter((c) => /^POST \/v3\/emails\/activities\/[^/]+\/schedules$/.test(c));
/** An ISO time `ms` before now, as a run list's name holds it. */
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

describe('sendNow: Contacts From Input Items (a recipient list of the run\'s own)', () => {
	test('copy of a campaign to the input items: a new list of the run holds exactly them, one campaign sent now, checked and the list deleted', async () => {
		const s = seed();
		const inputItems = [{ email: 'new@example.com' }, { email: 'B@example.com' }, { email: 'gone@example.com' }, { email: 'new@example.com' }];
		const result = await cc.run(sendNow({ content: 'campaign', campaign: fromList(s.sourceId), sendTo: 'items', email: '={{ $json.email }}' }), { inputItems });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		// One send for the whole run: its one output item is paired with every input item.
		expect(result.items[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		const out = result.items[0].json as any;

		// A list of this run's own, named so no other run can have it; the shared lists are untouched.
		expect(out.recipient_list_name).toMatch(RUN_LIST);
		const list = listById(out.recipient_list_id);
		expect(list.name).toBe(out.recipient_list_name);
		expect(listMembers(s.shipping)).toEqual(['old@example.com']);
		const campaigns = newCampaigns(s.sourceId);
		expect(campaigns).toHaveLength(1);
		const created = campaigns[0];
		expect(created.name).toMatch(/^Order shipped – \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		const activity = state(cc).campaignActivities.find((a: any) => a.campaign_activity_id === out.campaign_activity_id);
		expect(activity).toMatchObject({
			subject: 'Your order is on its way',
			preheader: 'Tracking inside',
			from_email: 'news@example.com',
			reply_to_email: 'owner@example.com',
			html_content: HTML,
			contact_list_ids: [out.recipient_list_id],
		});
		// Sent to exactly the two who may be mailed (gone@ is unsubscribed: not imported, not mailed).
		expect(sentTo(out)).toEqual(['b@example.com', 'new@example.com']);
		expect(out).toMatchObject({
			campaign_id: created.campaign_id,
			campaign_name: created.name,
			input_addresses: 3,
			recipients: 2,
			scheduled: true,
			send_now: true,
			send_status: 'DONE',
			sent_count: 2,
			send_verified: true,
			recipient_list_deleted: true,
			stale_recipient_lists_removed: 0,
			copied_from_campaign_id: s.sourceId,
			skipped: [{ email: 'gone@example.com', reason: expect.stringContaining('not added') }],
		});
		// The run's list is gone once the send was done.
		expect(list.deleted_at).toEqual(expect.any(String));
		expect(out.requests_used).toBe(cc.api().length);
		const calls = cc.calls();
		expect(calls.filter((c) => !c.startsWith('GET '))).toEqual([
			'POST /v3/contact_lists',
			'POST /v3/activities/contacts_json_import',
			'POST /v3/emails',
			`PUT /v3/emails/activities/${out.campaign_activity_id}`,
			`POST /v3/emails/activities/${out.campaign_activity_id}/schedules`,
			`DELETE /v3/contact_lists/${out.recipient_list_id}`,
		]);
		// Leftovers were looked for first, in one read of the account's lists.
		expect(cc.api().find((e) => e.path === '/v3/contact_lists' && e.method === 'GET')?.query).toEqual({ limit: '1000' });
		expect(calls).toContain(`GET /v3/emails/activities/${out.campaign_activity_id}/send_history`);
		const schedulePost = cc.api().find((e) => e.method === 'POST' && e.path.endsWith('/schedules'))!;
		expect(schedulePost.body).toEqual({ scheduled_date: '0' });
		const history = state(cc).sendHistory.filter((h: any) => h.campaign_activity_id === out.campaign_activity_id);
		expect(history).toEqual([expect.objectContaining({ count: 2, send_status: 'COMPLETED', contact_list_ids: [out.recipient_list_id] })]);
	});

	test('full run from subject + HTML (printed for the README)', async () => {
		seed();
		const inputItems = [{ email: 'ann@example.com' }, { email: 'b@example.com' }, { email: 'gone@example.com' }];
		const result = await cc.run(
			sendNow({
				content: 'html',
				name: 'Shipping notice',
				subject: 'Shipped!',
				fromName: 'Example Shop',
				fromEmail: 'owner@example.com',
				replyToEmail: 'news@example.com',
				htmlContent: '<html><body><p>Your order shipped.</p></body></html>',
				sendTo: 'items',
				email: '={{ $json.email }}',
			}),
			{ inputItems },
		);
		expect(result.error).toBeUndefined();
		const out = result.items[0].json as any;
		const runCalls = cc.api().slice();
		// Every request of the run counts, the sender check before the send included.
		expect(out.requests_used).toBe(runCalls.length);
		expect(out).toMatchObject({ recipients: 2, send_status: 'DONE', sent_count: 2, send_verified: true, recipient_list_deleted: true });
		expect(out.notes).toMatch(/trackingImage/);
		expect(sentTo(out)).toEqual(['ann@example.com', 'b@example.com']);
		const history = state(cc).sendHistory.filter((h: any) => h.campaign_activity_id === out.campaign_activity_id);
		expect(history).toEqual([expect.objectContaining({ count: 2, send_status: 'COMPLETED' })]);

		console.log(
			[
				'===== SENDNOW (begin) =====',
				`input items: ${JSON.stringify(inputItems)}`,
				`requests of the run (${runCalls.length}):`,
				...runCalls.map((e) => `  ${e.method} ${e.path}${Object.keys(e.query ?? {}).length ? `?${new URLSearchParams(e.query as any).toString()}` : ''} → ${e.status}`),
				`output item: ${JSON.stringify(out, null, 2)}`,
				`send history: ${JSON.stringify(history)}`,
				'===== SENDNOW (end) =====',
			].join('\n'),
		);
	});

	test('two runs at the same moment to different customers: they overlap (no lock), each campaign reaches only its own customer, once', async () => {
		const s = seed();
		const [first, second] = await Promise.all([
			cc.run(itemsSend(s.sourceId), { inputItems: [{ email: 'ann@example.com' }] }),
			cc.run(itemsSend(s.sourceId), { inputItems: [{ email: 'bob@example.com' }] }),
		]);
		expect([first.error, second.error]).toEqual([undefined, undefined]);
		const [a, b] = [first.items[0].json as any, second.items[0].json as any];
		for (const out of [a, b]) expect(out).toMatchObject({ send_status: 'DONE', recipients: 1, sent_count: 1, send_verified: true, recipient_list_deleted: true });
		expect(sentTo(a)).toEqual(['ann@example.com']);
		expect(sentTo(b)).toEqual(['bob@example.com']);
		expect(a.recipient_list_id).not.toBe(b.recipient_list_id);
		// Nothing waited for the other run: both lists were filled before either campaign was sent.
		const calls = cc.calls();
		const imports = calls.flatMap((c, n) => (c === 'POST /v3/activities/contacts_json_import' ? [n] : []));
		const schedules = calls.flatMap((c, n) => (c.endsWith('/schedules') ? [n] : []));
		expect(imports).toHaveLength(2);
		expect(Math.max(...imports)).toBeLessThan(Math.min(...schedules));
		// Everyone got exactly one e-mail.
		const sends = state(cc).campaignActivities.flatMap((x: any) => x.sent_contact_ids ?? []);
		expect(sends.length).toBe(new Set(sends).size);
	});

	test('left-over run lists older than an hour are removed at the start of a run (one bulk delete); fresh ones and other lists stay', async () => {
		const s = seed();
		const seeded = cc.fakes.admin.seed({
			lists: [
				{ name: `n8n Send Now ${ago(2 * 3600_000)} k3j9x2ab` },
				{ name: `n8n Send Now ${ago(26 * 3600_000)} 0a1b2c3d` },
				{ name: `n8n Send Now ${ago(10 * 60_000)} zz9yy8xx` },
				{ name: 'n8n Send Now: order shipped' },
				{ name: `My n8n Send Now ${ago(2 * 3600_000)} k3j9x2ab` },
			],
		}).lists.map((l: any) => l.list_id);
		const result = await cc.run(itemsSend(s.sourceId), { inputItems: [{ email: 'ann@example.com' }] });
		expect(result.error).toBeUndefined();
		const out = result.items[0].json as any;
		expect(out.stale_recipient_lists_removed).toBe(2);
		const jobs = cc.api().filter((e) => e.method === 'POST' && e.path === '/v3/activities/list_delete');
		expect(jobs.map((e) => (e.body as any).list_ids.sort())).toEqual([[seeded[0], seeded[1]].sort()]);
		cc.fakes.admin.completeActivities();
		const live = state(cc).lists.filter((l: any) => !l.deleted_at).map((l: any) => l.list_id);
		expect(live).toEqual(expect.arrayContaining([seeded[2], seeded[3], seeded[4], s.shipping, s.newsletter]));
		expect(live).not.toContain(seeded[0]);
		expect(live).not.toContain(seeded[1]);
		expect(sentTo(out)).toEqual(['ann@example.com']);
	});

	test('the send reaches someone who was not a recipient of the run: the item fails, saying it WAS sent and not to run it again', async () => {
		const s = seed();
		// While the campaign is being created, someone else puts a contact on the run's list.
		let release!: () => void;
		cc.fakes.faults.push({ match: { method: 'POST', pathPrefix: '/emails' }, kind: 'delay', until: new Promise<void>((resolve) => (release = resolve)) });
		const running = cc.run(itemsSend(s.sourceId), { inputItems: [{ email: 'ann@example.com' }] });
		// The create is held at the fake until the intruder is on the list.
		while (!cc.api().some((e) => e.method === 'POST' && e.path === '/v3/emails')) await new Promise((r) => setImmediate(r));
		const runList = state(cc).lists.find((l: any) => RUN_LIST.test(l.name));
		cc.fakes.admin.seed({ contacts: [{ email: 'intruder@example.com', list_ids: [runList.list_id], permission_to_send: 'implicit' }] });
		release();
		const result = await running;

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Constant Contact sent campaign "Order shipped – .*" to 2 contacts, not to the 1 recipient of this run$/);
		expect(result.error?.description).toContain('WAS sent: do not run this again for the same recipients');
		expect(result.error?.description).toContain('Tracking Details: Sends');
		const campaign = newCampaigns(s.sourceId)[0];
		const activityId = campaign.campaign_activities.find((a: any) => a.role === 'primary_email').campaign_activity_id;
		expect(sentTo({ campaign_activity_id: activityId })).toEqual(['ann@example.com', 'intruder@example.com']);
		// The list is gone all the same.
		expect(listById(runList.list_id).deleted_at).toEqual(expect.any(String));
	});

	test.each([
		['a 502', { status: 502 }, 502],
		['a connection reset', { reset: true }, 0],
	])('the answer to the send request is lost (%s) after Constant Contact scheduled it: DONE with a note, no error, mailed once', async (_label, fault, status) => {
		const s = seed();
		cc.fakes.faults.push({ match: { method: 'POST', pathPrefix: '/emails/activities/' }, kind: 'afterHandle', ...fault });
		const result = await cc.run(itemsSend(s.sourceId), { inputItems: [{ email: 'ann@example.com' }] });
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		const out = result.items[0].json as any;
		expect(out).toMatchObject({ scheduled: true, send_now: true, send_status: 'DONE', sent_count: 1, send_verified: true, recipient_list_deleted: true });
		expect(out.notes).toMatch(/The request to send campaign ".*" got no clear answer .*; Constant Contact reports it (SCHEDULED|EXECUTING|DONE), so it was sent once and not again\./);
		expect(cc.api().filter((e) => e.path.endsWith('/schedules')).map((e) => e.status)).toEqual([status]);
		expect(sentTo(out)).toEqual(['ann@example.com']);
		expect(state(cc).sendHistory.filter((h: any) => h.campaign_activity_id === out.campaign_activity_id)).toHaveLength(1);
	});

	test('the answer is lost and Wait Until Sent is off: the status Constant Contact reports (SCHEDULED), no error', async () => {
		const s = seed();
		cc.fakes.faults.push({ match: { method: 'POST', pathPrefix: '/emails/activities/' }, kind: 'afterHandle', status: 504 });
		const result = await cc.run(itemsSend(s.sourceId, { waitUntilSent: false }), { inputItems: [{ email: 'ann@example.com' }] });
		expect(result.error).toBeUndefined();
		const out = result.items[0].json as any;
		expect(out.send_status).toBe('SCHEDULED');
		expect(out.notes).toMatch(/got no clear answer .*reports it SCHEDULED, so it was sent once and not again/);
		expect(schedulePosts()).toHaveLength(1);
		cc.fakes.admin.completeSends();
		expect(sentTo(out)).toEqual(['ann@example.com']);
	});

	test('a 502 before Constant Contact took the send request: the e-mail is still a draft, so it is sent again, once', async () => {
		const s = seed();
		cc.fakes.faults.push({ match: { method: 'POST', pathPrefix: '/emails/activities/' }, kind: 'status', status: 502 });
		const result = await cc.run(itemsSend(s.sourceId), { inputItems: [{ email: 'ann@example.com' }] });
		expect(result.error).toBeUndefined();
		const out = result.items[0].json as any;
		expect(out).toMatchObject({ send_status: 'DONE', sent_count: 1 });
		expect(out.notes).toMatch(/had not scheduled it, so it was sent again/);
		expect(cc.api().filter((e) => e.path.endsWith('/schedules')).map((e) => e.status)).toEqual([502, 201]);
		expect(sentTo(out)).toEqual(['ann@example.com']);
	});

	test('the answer is lost and the status cannot be read either: UNKNOWN with a note, no error, the list kept for the send', async () => {
		const s = seed();
		const saved = transport.transportSettings.backoffBaseMs;
		transport.transportSettings.backoffBaseMs = 1;
		try {
			// The copy read and the merge read pass; the schedule's answer is lost; every later read fails.
			cc.fakes.faults.push({ match: { method: 'GET', pathPrefix: '/emails/activities/' }, kind: 'delay', ms: 0, times: 2 });
			cc.fakes.faults.push({ match: { method: 'POST', pathPrefix: '/emails/activities/' }, kind: 'afterHandle', reset: true });
			cc.fakes.faults.push({ match: { method: 'GET', pathPrefix: '/emails/activities/' }, kind: 'status', status: 500, times: 100 });
			const result = await cc.run(itemsSend(s.sourceId), { inputItems: [{ email: 'ann@example.com' }] });
			expect(result.error).toBeUndefined();
			const out = result.items[0].json as any;
			expect(out).toMatchObject({ scheduled: true, send_status: 'UNKNOWN', recipient_list_deleted: false });
			expect(out.notes).toMatch(/got no clear answer .* its status could not be read .*do not run this again for the same recipients/);
			expect(schedulePosts()).toHaveLength(1);
			expect(listById(out.recipient_list_id).deleted_at).toBeUndefined();
		} finally {
			transport.transportSettings.backoffBaseMs = saved;
			cc.fakes.faults.clear();
		}
	});

	test('Wait Until Sent off: the run ends with the campaign scheduled and keeps its list for the send; the next run does not wait for it', async () => {
		const s = seed();
		const params = itemsSend(s.sourceId, { waitUntilSent: false });
		const result = await cc.run(params, { inputItems: [{ email: 'ann@example.com' }] });
		expect(result.error).toBeUndefined();
		const out = result.items[0].json as any;
		expect(out).toMatchObject({ send_status: 'SCHEDULED', recipient_list_deleted: false });
		expect(out.notes).toMatch(/Not waited for: the run's list stays until a later Send Now run removes it \(after 60 minutes\)/);
		expect(state(cc).schedules).toEqual([expect.objectContaining({ campaign_activity_id: out.campaign_activity_id, current_status: 'SCHEDULED', due: true })]);
		const calls = cc.calls();
		expect(calls.indexOf(`POST /v3/emails/activities/${out.campaign_activity_id}/schedules`)).toBe(calls.length - 1);

		const next = await cc.run(params, { inputItems: [{ email: 'bob@example.com' }] });
		expect(next.error).toBeUndefined();
		const nextCalls = cc.calls().slice(calls.length);
		expect(nextCalls).not.toContain(`GET /v3/emails/activities/${out.campaign_activity_id}`);
		cc.fakes.admin.completeSends();
		expect(sentTo(out)).toEqual(['ann@example.com']);
		expect(sentTo(next.items[0].json)).toEqual(['bob@example.com']);
	});

	test('a send still not out after the wait: noted, the list kept; the next run goes ahead with its own list', async () => {
		const s = seed();
		const saved = activities.activitySettings.maxSendWaitMs;
		activities.activitySettings.maxSendWaitMs = 0;
		try {
			const first = await cc.run(itemsSend(s.sourceId), { inputItems: [{ email: 'ann@example.com' }] });
			expect(first.error).toBeUndefined();
			const out = first.items[0].json as any;
			expect(out).toMatchObject({ send_status: 'SCHEDULED', recipient_list_deleted: false });
			expect(out.notes).toMatch(/had not finished sending after 0 s; it goes on\. The run's list stays until a later Send Now run removes it\./);
			const second = await cc.run(itemsSend(s.sourceId), { inputItems: [{ email: 'bob@example.com' }] });
			expect(second.error).toBeUndefined();
			cc.fakes.admin.completeSends();
			expect(sentTo(out)).toEqual(['ann@example.com']);
			expect(sentTo(second.items[0].json)).toEqual(['bob@example.com']);
		} finally {
			activities.activitySettings.maxSendWaitMs = saved;
		}
	});

	test('nobody may be mailed: no campaign, the list deleted', async () => {
		const s = seed();
		const result = await cc.run(itemsSend(s.sourceId), { inputItems: [{ email: 'gone@example.com' }] });
		expect(result.error).toBeUndefined();
		const out = result.items[0].json as any;
		expect(out).toMatchObject({ campaign_id: null, scheduled: false, recipients: 0, recipient_list_deleted: true });
		expect(out.notes).toMatch(/Nobody of this send may be mailed/);
		expect(newCampaigns(s.sourceId)).toEqual([]);
	});

	test('Constant Contact refuses the send (400): the error, nothing sent, the run\'s list deleted', async () => {
		const s = seed();
		cc.fakes.admin.removePhysicalAddress();
		const result = await cc.run(itemsSend(s.sourceId), { inputItems: [{ email: 'ann@example.com' }] });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/Constant Contact refused to send campaign/);
		expect(schedulePosts()).toHaveLength(1);
		const runList = state(cc).lists.find((l: any) => RUN_LIST.test(l.name));
		expect(runList.deleted_at).toEqual(expect.any(String));
	});

	test('a send that ends in ERROR fails the item with the campaign named; the list is deleted', async () => {
		const s = seed();
		cc.fakes.admin.failNextSend();
		const result = await cc.run(itemsSend(s.sourceId), { inputItems: [{ email: 'ann@example.com' }] });
		expect(result.error?.message).toMatch(/^Constant Contact did not send campaign "Order shipped – .*" \(ERROR\)$/);
		expect(result.error?.description).toContain('Get Send History');
		expect(state(cc).lists.filter((l: any) => RUN_LIST.test(l.name) && !l.deleted_at)).toEqual([]);
	});

	test.each([
		[[{ email: 'ok@example.com' }, { email: 'not-an-address' }], 'Email "not-an-address" is not a valid e-mail address', 1],
		[[{ email: '' }], 'Email is empty', 0],
		[[{ email: 'x'.repeat(45) + '@example.com' }], 'Email is 57 characters long; Constant Contact accepts at most 50', 0],
	])('bad addresses %j are refused before any request', async (inputItems, message, itemIndex) => {
		const s = seed();
		expectRejected(cc, await cc.run(itemsSend(s.sourceId), { inputItems }), message, { itemIndex });
	});

	test('a different campaign per item is refused before any request', async () => {
		const s = seed();
		const result = await cc.run(
			sendNow({ content: 'campaign', campaign: byId('={{ $json.campaign }}'), sendTo: 'items', email: '={{ $json.email }}' }),
			{ inputItems: [{ email: 'a@example.com', campaign: s.sourceId }, { email: 'b@example.com', campaign: '1ec8a3a0-4e6b-11ec-8bd6-fa163e6a92d8' }] },
		);
		expect(result.status).toBe('error');
		expect(result.error!.message).toBe('Content / Wait Until Sent differs from item 0');
		expect(cc.calls()).toEqual([]);
	});

	test('a source campaign that is not custom code is refused before any write', async () => {
		const s = seed();
		const aid = state(cc).campaigns.find((c: any) => c.campaign_id === s.sourceId).campaign_activities.find((a: any) => a.role === 'primary_email').campaign_activity_id;
		cc.fakes.store.email.activities.get(aid).format_type = 3;
		const result = await cc.run(sendNow({ content: 'campaign', campaign: byId(s.sourceId), sendTo: 'items', email: 'a@example.com' }));
		expect(result.status).toBe('error');
		expect(result.error!.message).toBe('Campaign "Order shipped" is not a custom-code campaign (format 3)');
		expect(cc.calls().every((c) => c.startsWith('GET '))).toBe(true);
	});
});

describe('sendNow: lists and segment', () => {
	test('lists: one new campaign per item, sent now to the lists', async () => {
		const s = seed();
		const result = await cc.run(sendNow({ content: 'campaign', campaign: byId(s.sourceId), sendTo: 'lists', lists: [s.newsletter] }));
		expect(result.error).toBeUndefined();
		const out = result.items[0].json as any;
		expect(out).toMatchObject({ contact_list_ids: [s.newsletter], scheduled: true, send_now: true });
		expect(out.requests_used).toBe(cc.api().length);
		cc.fakes.admin.completeSends();
		const history = state(cc).sendHistory.filter((h: any) => h.campaign_activity_id === out.campaign_activity_id);
		expect(history).toEqual([expect.objectContaining({ count: 1, send_status: 'COMPLETED' })]);
	});

	test('segment', async () => {
		const s = seed();
		const result = await cc.run(sendNow({ content: 'campaign', campaign: byId(s.sourceId), sendTo: 'segment', segment: byId(s.segmentId) }));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ segment_ids: [Number(s.segmentId)] });
	});

	test.each([
		[{ sendTo: 'lists', lists: '={{ [] }}' }, 'List Names or IDs needs at least one list'],
		[{ sendTo: 'segment', segment: byId('={{ "abc" }}') }, 'Segment "abc" is not a Constant Contact segment ID'],
		[{ sendTo: 'both' }, 'Send To is "both", which is not one of: items, lists, segment'],
	])('refuses %j before any request', async (params, message) => {
		const s = seed();
		expectRejected(cc, await cc.run(sendNow({ content: 'campaign', campaign: byId(s.sourceId), ...params })), message);
	});
});
