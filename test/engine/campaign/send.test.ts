/** Campaign → Set Recipients, Schedule, Unschedule, Get Schedule, through n8n's engine against the fake API. */
import { byId, useContactFakes } from '../contact/helpers';
import { HTML, campaignOp, createParams, expectRejected, state } from './helpers';

const cc = useContactFakes({ campaignCompletesAfterPolls: 0 });

function seed(campaign: Record<string, unknown> = {}) {
	const s = cc.fakes.admin.seed({
		lists: [{ name: 'Newsletter' }, { name: 'Customers' }],
		contacts: [
			{ email: 'a@example.com', list_names: ['Newsletter'], permission_to_send: 'implicit' },
			{ email: 'b@example.com', list_names: ['Newsletter', 'Customers'], permission_to_send: 'explicit' },
		],
		segments: [{ name: 'Fans', contact_emails: ['a@example.com'] }],
		campaigns: [{ name: 'Spring', subject: 'Spring!', preheader: 'Pre', from_email: 'news@example.com', reply_to_email: 'owner@example.com', ...campaign }],
	});
	const c = s.campaigns[0];
	return {
		campaignId: c.campaign_id as string,
		activityId: c.campaign_activities.find((a: any) => a.role === 'primary_email').campaign_activity_id as string,
		newsletter: s.lists[0].list_id as string,
		customers: s.lists[1].list_id as string,
		segmentId: String(s.segments[0].segment_id),
	};
}

const activity = (id: string) => state(cc).campaignActivities.find((a: any) => a.campaign_activity_id === id);

describe('setRecipients', () => {
	test('lists: GET the activity, PUT it back merged (nothing else nulled)', async () => {
		const s = seed();
		const result = await cc.run(campaignOp('setRecipients', { campaign: byId(s.campaignId), sendTo: 'lists', lists: [s.newsletter, s.customers] }));
		expect(result.error).toBeUndefined();
		expect(cc.calls()).toEqual([`GET /v3/emails/${s.campaignId}`, `GET /v3/emails/activities/${s.activityId}`, `PUT /v3/emails/activities/${s.activityId}`]);
		expect(cc.api()[2].body).toEqual({
			format_type: 5,
			from_name: 'Example Org',
			from_email: 'news@example.com',
			reply_to_email: 'owner@example.com',
			subject: 'Spring!',
			preheader: 'Pre',
			contact_list_ids: [s.newsletter, s.customers],
		});
		expect(result.items[0].json).toMatchObject({ campaign_id: s.campaignId, campaign_activity_id: s.activityId, contact_list_ids: [s.newsletter, s.customers] });
		expect(activity(s.activityId)).toMatchObject({ subject: 'Spring!', preheader: 'Pre', from_email: 'news@example.com', segment_ids: [], html_content: expect.stringContaining('[[trackingImage]]') });
	});

	test('segment replaces lists: segment_ids is one integer and contact_list_ids is not sent', async () => {
		const s = seed({ list_names: ['Newsletter'] });
		const result = await cc.run(campaignOp('setRecipients', { campaign: byId(s.campaignId), sendTo: 'segment', segment: byId(s.segmentId) }));
		expect(result.error).toBeUndefined();
		const body = cc.api()[2].body;
		expect(body.segment_ids).toEqual([Number(s.segmentId)]);
		expect(body).not.toHaveProperty('contact_list_ids');
		expect(activity(s.activityId)).toMatchObject({ segment_ids: [Number(s.segmentId)], contact_list_ids: [] });
	});

	test.each([
		[{ sendTo: 'lists', lists: '={{ [] }}' }, 'List Names or IDs needs at least one list', []],
		[{ sendTo: 'lists', lists: '={{ Array.from({length: 51}, (_, n) => "00000000-0000-4000-8000-" + String(n).padStart(12, "0")) }}' }, 'List Names or IDs has 51 lists; Constant Contact accepts at most 50', []],
		// A name is looked up (one read of the lists), and an unknown one refused before any write.
		[{ sendTo: 'lists', lists: '={{ ["No such list"] }}' }, 'List Names or IDs contains "No such list", which is not the name of a list in this Constant Contact account', ['GET /v3/contact_lists']],
		[{ sendTo: 'segment', segment: byId('={{ "3,4" }}') }, 'Segment "3,4" is not a Constant Contact segment ID', []],
	])('refuses %j before any write', async (params, message, allowedCalls) => {
		const s = seed();
		expectRejected(cc, await cc.run(campaignOp('setRecipients', { campaign: byId(s.campaignId), ...params })), message, { allowedCalls });
	});
});

describe('schedule, getSchedule, unschedule', () => {
	test('create → set recipients → schedule now ("0") → completeSends → get shows Done', async () => {
		const s = seed();
		const created = await cc.run(createParams({ name: 'Flow' }));
		const campaignId = created.items[0].json.campaign_id as string;
		const activityId = created.items[0].json.campaign_activity_id as string;
		await cc.run(campaignOp('setRecipients', { campaign: byId(campaignId), sendTo: 'lists', lists: [s.newsletter] }));
		cc.fakes.log.length = 0;

		const scheduled = await cc.run(campaignOp('schedule', { campaign: byId(campaignId), when: 'now' }));
		expect(scheduled.error).toBeUndefined();
		expect(cc.calls()).toEqual([`GET /v3/emails/${campaignId}`, `POST /v3/emails/activities/${activityId}/schedules`]);
		expect(cc.api()[1].body).toEqual({ scheduled_date: '0' });
		expect(cc.api()[1].status).toBe(201);
		expect(scheduled.items[0].json).toEqual({ campaign_id: campaignId, campaign_activity_id: activityId, scheduled: true, send_now: true, scheduled_date: null });

		cc.fakes.admin.completeSends();
		const got = await cc.run(campaignOp('get', { campaign: byId(campaignId) }));
		expect(got.items[0].json.current_status).toBe('Done');
		expect(state(cc).sendHistory).toEqual([expect.objectContaining({ campaign_activity_id: activityId, count: 2, send_status: 'COMPLETED' })]);
		expect(activity(activityId).html_content).toBe(HTML);
	});

	test('a future date is sent as ISO; getSchedule shows it; unschedule clears it', async () => {
		const s = seed({ list_names: ['Newsletter'] });
		const when = new Date(Date.now() + 3 * 86400_000);
		when.setUTCMilliseconds(0);
		const result = await cc.run(campaignOp('schedule', { campaign: byId(s.campaignId), when: 'date', scheduledDate: when.toISOString() }));
		expect(result.error).toBeUndefined();
		expect(cc.api()[1].body).toEqual({ scheduled_date: when.toISOString() });
		expect(result.items[0].json).toMatchObject({ scheduled: true, send_now: false, scheduled_date: when.toISOString() });

		cc.fakes.log.length = 0;
		const got = await cc.run(campaignOp('getSchedule', { campaign: byId(s.campaignId) }));
		expect(cc.calls()).toEqual([`GET /v3/emails/${s.campaignId}`, `GET /v3/emails/activities/${s.activityId}/schedules`]);
		expect(got.items[0].json).toEqual({ campaign_id: s.campaignId, campaign_activity_id: s.activityId, current_status: 'Scheduled', scheduled: true, scheduled_date: when.toISOString() });

		cc.fakes.log.length = 0;
		const un = await cc.run(campaignOp('unschedule', { campaign: byId(s.campaignId) }));
		expect(un.error).toBeUndefined();
		expect(cc.calls()).toEqual([`GET /v3/emails/${s.campaignId}`, `DELETE /v3/emails/activities/${s.activityId}/schedules`]);
		expect(un.items[0].json).toEqual({ campaign_id: s.campaignId, campaign_activity_id: s.activityId, unscheduled: true });

		const after = await cc.run(campaignOp('getSchedule', { campaign: byId(s.campaignId) }));
		expect(after.items[0].json).toMatchObject({ current_status: 'Draft', scheduled: false, scheduled_date: null });
	});

	test('a past date is refused before any request', async () => {
		const s = seed({ list_names: ['Newsletter'] });
		const result = await cc.run(campaignOp('schedule', { campaign: byId(s.campaignId), when: 'date', scheduledDate: '2020-01-01T00:00:00Z' }));
		expectRejected(cc, result, 'Date and Time (2020-01-01T00:00:00.000Z) is in the past');
	});

	test('without recipients Constant Contact refuses and the message says what is needed', async () => {
		const s = seed();
		const result = await cc.run(campaignOp('schedule', { campaign: byId(s.campaignId), when: 'now' }));
		expect(result.status).toBe('error');
		expect(result.error!.message).toContain('have recipients (Set Recipients)');
	});

	test('unscheduling a draft says it is not scheduled', async () => {
		const s = seed();
		const result = await cc.run(campaignOp('unschedule', { campaign: byId(s.campaignId) }));
		expect(result.error!.message).toBe(`Campaign ${s.campaignId} is not scheduled (or is already being sent), so there is nothing to unschedule`);
	});
});
