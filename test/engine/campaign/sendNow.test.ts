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
const listMembers = (listId: string) =>
	state(cc)
		.contacts.filter((c: any) => !c.deleted_at && (c.list_memberships ?? c.list_ids ?? []).includes(listId))
		.map((c: any) => c.email_address?.address ?? c.email)
		.sort();
/** The addresses a Send Now output's campaign was sent to (the fake's record of the send). */
function sentTo(out: any): string[] {
	const activity = state(cc).campaignActivities.find((a: any) => a.campaign_activity_id === out.campaign_activity_id);
	return (activity?.sent_contact_ids ?? []).map((id: string) => state(cc).contacts.find((c: any) => c.contact_id === id).email_address.address).sort();
}
const newCampaigns = (sourceId: string) => state(cc).campaigns.filter((c: any) => c.campaign_id !== sourceId);

describe('sendNow: Contacts From Input Items', () => {
	test('copy of a campaign to the input items: list holds exactly them, one campaign sent now, unsubscribed skipped', async () => {
		const s = seed();
		const inputItems = [{ email: 'new@example.com' }, { email: 'B@example.com' }, { email: 'gone@example.com' }, { email: 'new@example.com' }];
		const result = await cc.run(
			sendNow({ content: 'campaign', campaign: fromList(s.sourceId), sendTo: 'items', email: '={{ $json.email }}', recipientListMode: 'list', recipientList: byId(s.shipping) }),
			{ inputItems },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		// One send for the whole run: its one output item is paired with every input item.
		expect(result.items[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		const out = result.items[0].json as any;

		// The list holds exactly the recipients that may be mailed (old@ was removed, gone@ not added).
		expect(listMembers(s.shipping)).toEqual(['b@example.com', 'new@example.com']);
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
			contact_list_ids: [s.shipping],
		});
		// Wait Until Sent (the default): the run ended once Constant Contact had sent it.
		expect(state(cc).schedules).toEqual([]);
		expect(out.send_status).toBe('DONE');
		const activityPolls = cc.api().filter((e) => e.method === 'GET' && e.path === `/v3/emails/activities/${out.campaign_activity_id}`);
		expect(activityPolls.length).toBeGreaterThanOrEqual(1);
		expect(out).toMatchObject({
			campaign_id: created.campaign_id,
			campaign_name: created.name,
			recipient_list_id: s.shipping,
			recipient_list_created: false,
			input_addresses: 3,
			recipients: 2,
			removed_from_list: 1,
			scheduled: true,
			send_now: true,
			copied_from_campaign_id: s.sourceId,
			skipped: [{ email: 'gone@example.com', reason: expect.stringContaining('not added') }],
		});
		expect(out.requests_used).toBe(cc.api().length);
		const schedulePost = cc.api().find((e) => e.method === 'POST' && e.path.endsWith('/schedules'))!;
		expect(schedulePost.body).toEqual({ scheduled_date: '0' });

		// Sent: DONE, one send to the two eligible recipients.
		const after = await cc.run(campaignOp('get', { campaign: byId(out.campaign_id) }));
		expect(after.items[0].json).toMatchObject({ current_status: 'Done' });
		const history = state(cc).sendHistory.filter((h: any) => h.campaign_activity_id === out.campaign_activity_id);
		expect(history).toEqual([expect.objectContaining({ count: 2, send_status: 'COMPLETED' })]);
	});

	test('full run from subject + HTML into a named list that is created (printed for the README)', async () => {
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
				recipientListMode: 'name',
				recipientListName: 'Send Now: shipped',
			}),
			{ inputItems },
		);
		expect(result.error).toBeUndefined();
		const out = result.items[0].json as any;
		const runCalls = cc.api().slice();
		// Every request of the run counts, the sender check before the send included.
		expect(out.requests_used).toBe(runCalls.length);
		const list = state(cc).lists.find((l: any) => l.name === 'Send Now: shipped');
		expect(list).toBeDefined();
		expect(out).toMatchObject({ recipient_list_id: list.list_id, recipient_list_created: true, recipients: 2, removed_from_list: 0 });
		expect(out.notes).toMatch(/trackingImage/);
		expect(listMembers(list.list_id)).toEqual(['ann@example.com', 'b@example.com']);

		const polls = [];
		for (let n = 0; n < 5; n++) {
			const get = await cc.run(campaignOp('get', { campaign: byId(out.campaign_id) }));
			polls.push((get.items[0].json as any).current_status);
			if (polls[polls.length - 1] === 'Done') break;
		}
		expect(polls[polls.length - 1]).toBe('Done');
		const history = state(cc).sendHistory.filter((h: any) => h.campaign_activity_id === out.campaign_activity_id);
		expect(history).toEqual([expect.objectContaining({ count: 2, send_status: 'COMPLETED' })]);
		const sent = state(cc).campaignActivities.find((a: any) => a.campaign_activity_id === out.campaign_activity_id).sent_contact_ids;
		expect(sent).toHaveLength(2);

		console.log(
			[
				'===== SENDNOW (begin) =====',
				`input items: ${JSON.stringify(inputItems)}`,
				`requests of the run (${runCalls.length}):`,
				...runCalls.map((e) => `  ${e.method} ${e.path}${Object.keys(e.query ?? {}).length ? `?${new URLSearchParams(e.query as any).toString()}` : ''} → ${e.status}`),
				`output item: ${JSON.stringify(out, null, 2)}`,
				`status polls after the run: ${polls.join(' → ')}`,
				`send history: ${JSON.stringify(history)}`,
				`list members now: ${listMembers(list.list_id).join(', ')}`,
				'===== SENDNOW (end) =====',
			].join('\n'),
		);
	});

	test('two runs to the same recipient list at once: each campaign reaches only its own recipient', async () => {
		const s = seed();
		const params = (extra: Record<string, unknown> = {}) =>
			sendNow({ content: 'campaign', campaign: byId(s.sourceId), sendTo: 'items', email: '={{ $json.email }}', recipientListMode: 'name', recipientListName: 'Order shipped – n8n', ...extra });
		const [first, second] = await Promise.all([
			cc.run(params(), { inputItems: [{ email: 'ann@example.com' }] }),
			cc.run(params(), { inputItems: [{ email: 'bob@example.com' }] }),
		]);
		expect(first.error).toBeUndefined();
		expect(second.error).toBeUndefined();
		for (const run of [first, second]) expect((run.items[0].json as any).send_status).toBe('DONE');
		expect(sentTo(first.items[0].json)).toEqual(['ann@example.com']);
		expect(sentTo(second.items[0].json)).toEqual(['bob@example.com']);
		expect(state(cc).lists.filter((l: any) => l.name === 'Order shipped – n8n')).toHaveLength(1);
	});

	test('a recipient list created by someone else meanwhile (409 on create) is used, not an error', async () => {
		const s = seed();
		const params = sendNow({ content: 'campaign', campaign: byId(s.sourceId), sendTo: 'items', email: '={{ $json.email }}', recipientListMode: 'name', recipientListName: 'Created meanwhile', waitUntilSent: false });
		// Without Wait Until Sent the two runs do not wait for each other: both look the name up, both create.
		const [first, second] = await Promise.all([
			cc.run(params, { inputItems: [{ email: 'ann@example.com' }] }),
			cc.run(params, { inputItems: [{ email: 'bob@example.com' }] }),
		]);
		expect([first.error, second.error]).toEqual([undefined, undefined]);
		const lists = state(cc).lists.filter((l: any) => l.name === 'Created meanwhile');
		expect(lists).toHaveLength(1);
		expect(cc.calls().filter((c) => c === 'POST /v3/contact_lists')).toHaveLength(2);
		const outs = [first, second].map((r) => r.items[0].json as any);
		expect(outs.map((o) => o.recipient_list_id)).toEqual([lists[0].list_id, lists[0].list_id]);
		expect(outs.map((o) => o.recipient_list_created).sort()).toEqual([false, true]);
	});

	test('Wait Until Sent off: the run ends with the campaign scheduled; the next run to the list first waits for it', async () => {
		const s = seed();
		const params = sendNow({ content: 'campaign', campaign: byId(s.sourceId), sendTo: 'items', email: '={{ $json.email }}', recipientListMode: 'list', recipientList: byId(s.shipping), waitUntilSent: false });
		const result = await cc.run(params, { inputItems: [{ email: 'ann@example.com' }] });
		expect(result.error).toBeUndefined();
		const out = result.items[0].json as any;
		expect(out.send_status).toBe('SCHEDULED');
		expect(state(cc).schedules).toEqual([expect.objectContaining({ campaign_activity_id: out.campaign_activity_id, current_status: 'SCHEDULED', due: true })]);
		// The new e-mail is read once (to merge its recipients in) before it is scheduled, never after.
		const calls = cc.calls();
		expect(calls.indexOf(`POST /v3/emails/activities/${out.campaign_activity_id}/schedules`)).toBe(calls.length - 1);

		// The next run to the same list reads the first send until it is out, then changes the list.
		const next = await cc.run(params, { inputItems: [{ email: 'bob@example.com' }] });
		expect(next.error).toBeUndefined();
		const nextCalls = cc.calls().slice(calls.length);
		const firstPoll = nextCalls.indexOf(`GET /v3/emails/activities/${out.campaign_activity_id}`);
		expect(firstPoll).toBeGreaterThanOrEqual(0);
		expect(firstPoll).toBeLessThan(nextCalls.indexOf('POST /v3/activities/contacts_json_import'));
		expect(sentTo(out)).toEqual(['ann@example.com']);
	});

	test('the same list picked by ID in one workflow and by name in another: runs at once still wait for each other', async () => {
		const s = seed();
		const base = { content: 'campaign', campaign: byId(s.sourceId), sendTo: 'items', email: '={{ $json.email }}' };
		const [byName, byIdRun] = await Promise.all([
			cc.run(sendNow({ ...base, recipientListMode: 'name', recipientListName: 'Shipping' }), { inputItems: [{ email: 'ann@example.com' }] }),
			cc.run(sendNow({ ...base, recipientListMode: 'list', recipientList: byId(s.shipping) }), { inputItems: [{ email: 'bob@example.com' }] }),
		]);
		expect([byName.error, byIdRun.error]).toEqual([undefined, undefined]);
		expect(sentTo(byName.items[0].json)).toEqual(['ann@example.com']);
		expect(sentTo(byIdRun.items[0].json)).toEqual(['bob@example.com']);
	});

	test('a send still not out after the wait: noted, and the next run to that list stops before changing it', async () => {
		const s = seed();
		const saved = activities.activitySettings.maxSendWaitMs;
		activities.activitySettings.maxSendWaitMs = 0;
		try {
			const params = sendNow({ content: 'campaign', campaign: byId(s.sourceId), sendTo: 'items', email: '={{ $json.email }}', recipientListMode: 'list', recipientList: byId(s.shipping) });
			const first = await cc.run(params, { inputItems: [{ email: 'ann@example.com' }] });
			expect(first.error).toBeUndefined();
			const out = first.items[0].json as any;
			expect(out.send_status).toBe('SCHEDULED');
			expect(out.notes).toMatch(/had not finished sending after 0 s; it goes on\. The next Send Now run to this list waits for it\./);
			const before = cc.calls().length;
			const second = await cc.run(params, { inputItems: [{ email: 'bob@example.com' }] });
			expect(second.error?.message).toBe('The previous Send Now to this recipient list is not out yet');
			expect(second.error?.description).toContain(`Campaign ${out.campaign_id} is still`);
			// Nothing changed: no import, no removal, no campaign.
			expect(cc.calls().slice(before).filter((c) => !c.startsWith('GET '))).toEqual([]);
			expect(listMembers(s.shipping)).toEqual(['ann@example.com']);
			// Once Constant Contact has sent it, the next run goes ahead.
			cc.fakes.admin.completeSends();
			activities.activitySettings.maxSendWaitMs = saved;
			const third = await cc.run(params, { inputItems: [{ email: 'bob@example.com' }] });
			expect(third.error).toBeUndefined();
			expect(sentTo(out)).toEqual(['ann@example.com']);
			expect(sentTo(third.items[0].json)).toEqual(['bob@example.com']);
		} finally {
			activities.activitySettings.maxSendWaitMs = saved;
		}
	});

	test('a scheduled send deleted in Constant Contact no longer holds the list', async () => {
		const s = seed();
		const params = sendNow({ content: 'campaign', campaign: byId(s.sourceId), sendTo: 'items', email: '={{ $json.email }}', recipientListMode: 'list', recipientList: byId(s.shipping), waitUntilSent: false });
		const first = await cc.run(params, { inputItems: [{ email: 'ann@example.com' }] });
		const out = first.items[0].json as any;
		expect(out.send_status).toBe('SCHEDULED');
		expect((await cc.run(campaignOp('delete', { campaign: byId(out.campaign_id), options: { ifScheduled: 'unschedule' } }))).error).toBeUndefined();
		const second = await cc.run(params, { inputItems: [{ email: 'bob@example.com' }] });
		expect(second.error).toBeUndefined();
		expect((second.items[0].json as any).recipients).toBe(1);
	});

	test('the status cannot be read after the schedule: the run does not fail (a retry would mail twice), it says so', async () => {
		const s = seed();
		const saved = transport.transportSettings.backoffBaseMs;
		transport.transportSettings.backoffBaseMs = 1;
		try {
			// The copy read and the merge read pass; every status read after the schedule answers 500.
			cc.fakes.faults.push({ match: { method: 'GET', pathPrefix: '/emails/activities/' }, kind: 'delay', ms: 0, times: 2 });
			cc.fakes.faults.push({ match: { method: 'GET', pathPrefix: '/emails/activities/' }, kind: 'status', status: 500, times: 100 });
			const result = await cc.run(
				sendNow({ content: 'campaign', campaign: byId(s.sourceId), sendTo: 'items', email: '={{ $json.email }}', recipientListMode: 'list', recipientList: byId(s.shipping) }),
				{ inputItems: [{ email: 'ann@example.com' }] },
			);
			expect(result.error).toBeUndefined();
			const out = result.items[0].json as any;
			expect(out).toMatchObject({ scheduled: true, send_now: true, send_status: 'UNKNOWN' });
			expect(out.notes).toMatch(/The campaign is scheduled, but its status could not be read .*Do not run this again for the same recipients/);
		} finally {
			transport.transportSettings.backoffBaseMs = saved;
			cc.fakes.faults.clear();
		}
	});

	test('a send that ends in ERROR fails the item with the campaign named', async () => {
		const s = seed();
		cc.fakes.admin.failNextSend();
		const result = await cc.run(
			sendNow({ content: 'campaign', campaign: byId(s.sourceId), sendTo: 'items', email: '={{ $json.email }}', recipientListMode: 'list', recipientList: byId(s.shipping) }),
			{ inputItems: [{ email: 'ann@example.com' }] },
		);
		expect(result.error?.message).toMatch(/Constant Contact did not send campaign "Order shipped – .*" \(ERROR\)$/);
		expect(result.error?.description).toContain('Get Send History');
	});

	test.each([
		[[{ email: 'ok@example.com' }, { email: 'not-an-address' }], 'Email "not-an-address" is not a valid e-mail address', 1],
		[[{ email: '' }], 'Email is empty', 0],
		[[{ email: 'x'.repeat(45) + '@example.com' }], 'Email is 57 characters long; Constant Contact accepts at most 50', 0],
	])('bad addresses %j are refused before any request', async (inputItems, message, itemIndex) => {
		const s = seed();
		const result = await cc.run(
			sendNow({ content: 'campaign', campaign: byId(s.sourceId), sendTo: 'items', email: '={{ $json.email }}', recipientListMode: 'list', recipientList: byId(s.shipping) }),
			{ inputItems },
		);
		expectRejected(cc, result, message, { itemIndex });
	});

	test('a different recipient list per item is refused before any write', async () => {
		const s = seed();
		const result = await cc.run(
			sendNow({ content: 'campaign', campaign: byId(s.sourceId), sendTo: 'items', email: '={{ $json.email }}', recipientListMode: 'name', recipientListName: '={{ $json.list }}' }),
			{ inputItems: [{ email: 'a@example.com', list: 'A' }, { email: 'b@example.com', list: 'B' }] },
		);
		expect(result.status).toBe('error');
		expect(result.error!.message).toBe('Content / Recipient List differs from item 0');
		expect(cc.calls()).toEqual([]);
	});

	test('a source campaign that is not custom code is refused before any write', async () => {
		const s = seed();
		const aid = state(cc).campaigns.find((c: any) => c.campaign_id === s.sourceId).campaign_activities.find((a: any) => a.role === 'primary_email').campaign_activity_id;
		cc.fakes.store.email.activities.get(aid).format_type = 3;
		const result = await cc.run(
			sendNow({ content: 'campaign', campaign: byId(s.sourceId), sendTo: 'items', email: 'a@example.com', recipientListMode: 'name', recipientListName: 'X' }),
		);
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
