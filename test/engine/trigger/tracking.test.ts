/**
 * Constant Contact Trigger, the four e-mail events (opens, clicks, bounces, opt-outs of one
 * campaign), polled through n8n-core against the fake: the campaign's activity is looked up
 * once, each poll reads the newest-first tracking report back to the window and no further.
 */
import type { IDataObject } from 'n8n-workflow';

import { transport } from '../harness';
import { DAY, MIN, UNKNOWN_ID, byId, iso, trigger, useTriggerFakes } from './helpers';

const cc = useTriggerFakes();

const CONTACTS = ['a@example.com', 'b@example.com', 'c@example.com'];

/** A campaign sent three days ago to three contacts, with engagement from two days ago and a minute ago. */
function seedCampaign(name = 'Spring', extraTracking: IDataObject[] = []) {
	const twoDaysAgo = iso(Date.now() - 2 * DAY);
	const minuteAgo = iso(Date.now() - MIN);
	const s = cc.fakes.admin.seed({
		lists: [{ name: 'Newsletter' }],
		contacts: CONTACTS.map((email) => ({ email, list_names: ['Newsletter'], permission_to_send: 'explicit' })),
		campaigns: [
			{
				name,
				list_names: ['Newsletter'],
				status: 'Done',
				sent_at: iso(Date.now() - 3 * DAY),
				tracking: [
					{ contact_email: 'a@example.com', type: 'open', at: twoDaysAgo },
					{ contact_email: 'a@example.com', type: 'click', at: twoDaysAgo },
					{ contact_email: 'c@example.com', type: 'bounce', at: twoDaysAgo },
					{ contact_email: 'b@example.com', type: 'open', at: minuteAgo },
					{ contact_email: 'b@example.com', type: 'click', at: minuteAgo, url: 'https://www.example.com/sale' },
					{ contact_email: 'b@example.com', type: 'optout', at: minuteAgo },
					...extraTracking,
				],
			},
		],
	});
	const c = s.campaigns[0];
	return {
		campaignId: c.campaign_id as string,
		activityId: c.campaign_activities.find((a: any) => a.role === 'primary_email').campaign_activity_id as string,
	};
}

const EVENTS = [
	{ event: 'emailOpened', report: 'opens', type: 'open', rowType: 'em_opens', contact: 'a@example.com' },
	{ event: 'emailClicked', report: 'clicks', type: 'click', rowType: 'em_clicks', contact: 'a@example.com' },
	{ event: 'emailBounced', report: 'bounces', type: 'bounce', rowType: 'em_bounces', contact: 'b@example.com' },
	{ event: 'emailOptedOut', report: 'optouts', type: 'optout', rowType: 'em_optouts', contact: 'a@example.com' },
];

describe.each(EVENTS)('$event', ({ event, report, type, rowType, contact }) => {
	test('activation looks the campaign up and replays nothing; a new row comes out once; quiet polls cost one request', async () => {
		const s = seedCampaign();
		const poller = cc.poller(trigger(event, { campaign: byId(s.campaignId) }));
		const reportPath = `/v3/reports/email_reports/${s.activityId}/tracking/${report}`;

		const activation = await poller.poll();
		expect(activation.error).toBeUndefined();
		expect(activation.items).toEqual([]);
		expect(activation.calls).toEqual([`GET /v3/emails/${s.campaignId}`, `GET ${reportPath}`]);
		expect(activation.requests[1].query).toEqual({ limit: '500' });

		const quiet = await poller.poll();
		expect(quiet.error).toBeUndefined();
		expect(quiet.items).toEqual([]);
		expect(quiet.calls).toEqual([`GET ${reportPath}`]);

		const row = cc.fakes.admin.track({ campaign_activity_id: s.activityId, contact_email: contact, type });
		const next = await poller.poll();
		expect(next.error).toBeUndefined();
		expect(next.calls).toEqual([`GET ${reportPath}`]);
		expect(next.json).toEqual([
			expect.objectContaining({
				campaign_id: s.campaignId,
				campaign_activity_id: s.activityId,
				contact_id: row.contact_id,
				tracking_activity_type: rowType,
				created_time: row.created_time,
			}),
		]);

		const after = await poller.poll();
		expect(after.items).toEqual([]);
		expect(after.calls).toEqual([`GET ${reportPath}`]);
	});
});

describe('reading the report', () => {
	test('every open counts: the same contact opening twice comes out twice, oldest first', async () => {
		const s = seedCampaign();
		const poller = await cc.activate(trigger('emailOpened', { campaign: byId(s.campaignId) }));
		const first = cc.fakes.admin.track({ campaign_activity_id: s.activityId, contact_email: 'c@example.com', type: 'open' });
		const second = cc.fakes.admin.track({ campaign_activity_id: s.activityId, contact_email: 'c@example.com', type: 'open' });
		const next = await poller.poll();
		expect(next.json.map((r) => r.created_time)).toEqual([first.created_time, second.created_time]);
		expect((await poller.poll()).items).toEqual([]);
	});

	test('two opens by one contact at the same moment on two devices are two events', async () => {
		const s = seedCampaign();
		const poller = await cc.activate(trigger('emailOpened', { campaign: byId(s.campaignId) }));
		const at = iso(Date.now());
		cc.fakes.admin.track({ campaign_activity_id: s.activityId, contact_email: 'c@example.com', type: 'open', at, device_type: 'mobile' });
		cc.fakes.admin.track({ campaign_activity_id: s.activityId, contact_email: 'c@example.com', type: 'open', at, device_type: 'computer' });
		const next = await poller.poll();
		expect(next.json.map((r) => r.device_type).sort()).toEqual(['computer', 'mobile']);
		expect((await poller.poll()).items).toEqual([]);
	});

	test('two clicks by one contact on two links at the same moment are two events', async () => {
		const s = seedCampaign();
		const poller = await cc.activate(trigger('emailClicked', { campaign: byId(s.campaignId) }));
		const at = iso(Date.now());
		cc.fakes.admin.track({ campaign_activity_id: s.activityId, contact_email: 'c@example.com', type: 'click', at, url: 'https://www.example.com/one' });
		cc.fakes.admin.track({ campaign_activity_id: s.activityId, contact_email: 'c@example.com', type: 'click', at, url: 'https://www.example.com/two' });
		const next = await poller.poll();
		expect(next.json.map((r) => r.link_url).sort()).toEqual(['https://www.example.com/one', 'https://www.example.com/two']);
	});

	test('paging stops at the window: hundreds of old rows cost one page; new rows over two pages are all read', async () => {
		const twoDaysAgo = iso(Date.now() - 2 * DAY);
		const old = Array.from({ length: 600 }, (_v, n) => ({ contact_email: CONTACTS[n % 3], type: 'open', at: twoDaysAgo }));
		const s = seedCampaign('Busy', old);
		const poller = cc.poller(trigger('emailOpened', { campaign: byId(s.campaignId), options: { maxItems: 10000 } }));
		const activation = await poller.poll();
		expect(activation.error).toBeUndefined();
		expect(activation.calls).toHaveLength(2); // the campaign, one page of the report
		expect((await poller.poll()).calls).toHaveLength(1);

		for (let n = 0; n < 550; n++) cc.fakes.admin.track({ campaign_activity_id: s.activityId, contact_email: CONTACTS[n % 3], type: 'open' });
		const next = await poller.poll();
		expect(next.error).toBeUndefined();
		// Page 1 (500 new rows), page 2 (50 new, then older ones): stops there, not at page 3.
		expect(next.calls).toHaveLength(2);
		expect(next.requests[1].query).toHaveProperty('cursor');
		expect(next.items).toHaveLength(550);
		const times = next.json.map((r) => Date.parse(String(r.created_time)));
		expect([...times].sort((a, b) => a - b)).toEqual(times);
		expect((await poller.poll()).items).toEqual([]);
	});
});

describe('an interrupted read of the report', () => {
	test('page 2 fails: the error surfaces, the cursor stays, the next poll hands on every row once', async () => {
		const s = seedCampaign();
		const poller = await cc.activate(trigger('emailClicked', { campaign: byId(s.campaignId), options: { maxItems: 10000 } }));
		const stored = poller.staticData();
		for (let n = 0; n < 520; n++) cc.fakes.admin.track({ campaign_activity_id: s.activityId, contact_email: CONTACTS[n % 3], type: 'click' });
		const attempts = transport.transportSettings.maxAttempts;
		const match = { method: 'GET', pathPrefix: '/reports/email_reports' };
		cc.fakes.faults.push({ match, kind: 'delay', ms: 0 });
		cc.fakes.faults.push({ match, kind: 'status', status: 500, times: attempts });
		const failed = await poller.poll();
		expect(failed.error?.message).toBe('Constant Contact had an internal problem: Injected fault: HTTP 500');
		expect(failed.items).toEqual([]);
		expect(failed.requests.map((r) => r.status)).toEqual([200, ...Array(attempts).fill(500)]);
		expect(poller.staticData()).toEqual(stored);

		const next = await poller.poll();
		expect(next.error).toBeUndefined();
		expect(next.items).toHaveLength(520);
		expect(new Set(next.json.map((r) => `${r.contact_id}@${r.created_time}`)).size).toBe(520);
		expect((await poller.poll()).items).toEqual([]);
	});
});

describe('the campaign', () => {
	test('changing the campaign starts afresh: nothing from the new campaign’s past, then its new rows', async () => {
		const a = seedCampaign('A');
		const b = seedCampaign('B');
		const poller = await cc.activate(trigger('emailOpened', { campaign: byId(a.campaignId) }));
		// Rows of B while the trigger watches A.
		cc.fakes.admin.track({ campaign_activity_id: b.activityId, contact_email: 'c@example.com', type: 'open' });
		expect((await poller.poll()).items).toEqual([]);

		poller.setParameters(trigger('emailOpened', { campaign: byId(b.campaignId) }));
		const switched = await poller.poll();
		expect(switched.error).toBeUndefined();
		expect(switched.items).toEqual([]);
		expect(switched.calls).toEqual([`GET /v3/emails/${b.campaignId}`, `GET /v3/reports/email_reports/${b.activityId}/tracking/opens`]);
		expect(poller.staticData().cursor).toMatchObject({ scope: `emailOpened:${b.campaignId}` });

		const row = cc.fakes.admin.track({ campaign_activity_id: b.activityId, contact_email: 'a@example.com', type: 'open' });
		const next = await poller.poll();
		expect(next.json).toEqual([expect.objectContaining({ campaign_id: b.campaignId, contact_id: row.contact_id })]);
	});

	test('changing the event starts afresh too', async () => {
		const s = seedCampaign();
		const poller = await cc.activate(trigger('emailOpened', { campaign: byId(s.campaignId) }));
		poller.setParameters(trigger('emailClicked', { campaign: byId(s.campaignId) }));
		const switched = await poller.poll();
		expect(switched.items).toEqual([]);
		// The activity is known: no new campaign lookup.
		expect(switched.calls).toEqual([`GET /v3/reports/email_reports/${s.activityId}/tracking/clicks`]);
		cc.fakes.admin.track({ campaign_activity_id: s.activityId, contact_email: 'c@example.com', type: 'click' });
		expect((await poller.poll()).json).toEqual([expect.objectContaining({ tracking_activity_type: 'em_clicks' })]);
	});

	test('a campaign ID that is not an ID fails before any request', async () => {
		const poller = cc.poller(trigger('emailOpened', { campaign: byId('12345') }));
		const result = await poller.poll();
		expect(result.error?.message).toBe('Campaign "12345" is not a Constant Contact campaign ID');
		expect(result.calls).toEqual([]);
		expect(poller.staticData()).toEqual({});
	});

	test('an unknown campaign says so', async () => {
		const poller = cc.poller(trigger('emailOpened', { campaign: byId(UNKNOWN_ID) }));
		const result = await poller.poll();
		expect(result.error?.message).toBe(`Campaign ${UNKNOWN_ID} does not exist in this Constant Contact account`);
		expect(result.calls).toEqual([`GET /v3/emails/${UNKNOWN_ID}`]);
		expect(poller.staticData()).toEqual({});
	});

	test('a deleted (Removed) campaign gives a clear error, without reading its report', async () => {
		const [removed] = cc.fakes.admin.seed({ campaigns: [{ name: 'Gone', status: 'Removed' }] }).campaigns;
		const poller = cc.poller(trigger('emailOpened', { campaign: byId(removed.campaign_id) }));
		const result = await poller.poll();
		expect(result.error?.message).toBe(`Campaign ${removed.campaign_id} was deleted in Constant Contact`);
		expect(result.error?.description).toBe('Pick another campaign.');
		expect(result.calls).toEqual([`GET /v3/emails/${removed.campaign_id}`]);
		expect(poller.staticData()).toEqual({});
	});

	test('a campaign deleted while the trigger watches it gives the same clear error', async () => {
		const s = seedCampaign();
		const poller = await cc.activate(trigger('emailOpened', { campaign: byId(s.campaignId) }));
		const cursor = poller.staticData().cursor;
		await cc.change('DELETE', `/emails/${s.campaignId}`);
		const result = await poller.poll();
		expect(result.error?.message).toBe(`Campaign ${s.campaignId} was deleted in Constant Contact`);
		expect(poller.staticData().cursor).toEqual(cursor);
	});
});
