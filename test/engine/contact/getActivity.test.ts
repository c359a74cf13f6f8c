/** Contact → Get Activity, through n8n's engine against the fake API. */
import { UNKNOWN_ID, byEmail, byId, contactOp, useContactFakes } from './helpers';

const cc = useContactFakes({ campaignCompletesAfterPolls: 0 });

function seed() {
	const s = cc.fakes.admin.seed({
		lists: [{ name: 'Newsletter' }],
		contacts: [
			{ email: 'a@example.com', list_names: ['Newsletter'], permission_to_send: 'implicit' },
			{ email: 'b@example.com', list_names: ['Newsletter'], permission_to_send: 'explicit' },
		],
		campaigns: [
			{
				name: 'Spring',
				list_names: ['Newsletter'],
				status: 'Done',
				tracking: [
					{ contact_email: 'a@example.com', type: 'open' },
					{ contact_email: 'a@example.com', type: 'click', url: 'https://example.com/x' },
				],
			},
		],
	});
	return { a: s.contacts[0].contact_id as string };
}

const activity = (parameters: Record<string, unknown>) => contactOp('getActivity', parameters as any);

describe('getActivity: campaign activity', () => {
	test('all types by default (CSV list), newest first, with campaign names', async () => {
		const s = seed();
		const result = await cc.run(activity({ contact: byId(s.a), returnAll: true }));
		expect(result.error).toBeUndefined();
		expect(cc.calls()).toEqual([`GET /v3/reports/contact_reports/${s.a}/activity_details`]);
		expect(cc.api()[0].query).toEqual({ tracking_activities_list: 'em_sends,em_opens,em_clicks,em_bounces,em_optouts,em_forwards', limit: '100' });
		expect(result.items.map((i) => i.json.tracking_activity_type)).toEqual(['em_clicks', 'em_opens', 'em_sends']);
		expect(result.items[0].json).toMatchObject({ contact_id: s.a, campaign_activity_name: 'Spring', link_url: 'https://example.com/x' });
	});

	test('by e-mail, one type, Limit, without names', async () => {
		const s = seed();
		const result = await cc.run(activity({ contact: byEmail('A@example.com'), activityTypes: ['em_opens'], returnAll: false, limit: 1, includeCampaignNames: false }));
		expect(result.error).toBeUndefined();
		expect(cc.calls()).toEqual(['GET /v3/contacts', `GET /v3/reports/contact_reports/${s.a}/activity_details`]);
		expect(cc.api()[1].query).toEqual({ tracking_activities_list: 'em_opens', include_campaign_activity_names: 'false', limit: '1' });
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.campaign_activity_name).toBeUndefined();
	});

	test('an unknown contact e-mail says so', async () => {
		seed();
		const result = await cc.run(activity({ contact: byEmail('nobody@example.com'), returnAll: true }));
		expect(result.error!.message).toBe('No contact with e-mail nobody@example.com exists');
	});

	test('an unknown contact ID fails with 404', async () => {
		seed();
		const result = await cc.run(activity({ contact: byId(UNKNOWN_ID), returnAll: true }));
		expect(result.status).toBe('error');
	});
});

describe('getActivity: open and click rates', () => {
	test('start and end go as ISO date-times; one item', async () => {
		const s = seed();
		const year = new Date().getUTCFullYear();
		const result = await cc.run(activity({ contact: byId(s.a), report: 'rates', start: `${year - 2}-01-01T00:00:00Z`, end: `${year + 1}-01-01T00:00:00Z` }));
		expect(result.error).toBeUndefined();
		expect(cc.api()[0].path).toBe(`/v3/reports/contact_reports/${s.a}/open_and_click_rates`);
		expect(cc.api()[0].query).toEqual({ start: `${year - 2}-01-01T00:00:00.000Z`, end: `${year + 1}-01-01T00:00:00.000Z` });
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toEqual({ contact_id: s.a, included_activities_count: 1, average_open_rate: 1, average_click_rate: 1 });
	});

	test.each([
		[{ start: '2026-02-01T00:00:00Z', end: '2026-01-01T00:00:00Z' }, 'End (2026-01-01T00:00:00.000Z) is before "Start" (2026-02-01T00:00:00.000Z)'],
		[{ start: '2020-01-01T00:00:00Z', end: '2025-01-01T00:00:01Z' }, 'End is more than 5 years after "Start"'],
		[{ start: 'soon', end: '2025-01-01T00:00:00Z' }, 'Start "soon" is not a date'],
	])('refuses %j before any request', async (dates, message) => {
		const s = seed();
		const result = await cc.run(activity({ contact: byId(s.a), report: 'rates', ...dates }));
		expect(result.status).toBe('error');
		expect(result.error!.message).toBe(message);
		expect(cc.calls()).toEqual([]);
	});
});
