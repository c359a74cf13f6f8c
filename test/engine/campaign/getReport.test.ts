/** Campaign → Get Report, through n8n's engine against the fake API. */
import { UNKNOWN_ID, byId, useContactFakes } from '../contact/helpers';
import { campaignOp, expectRejected } from './helpers';

const cc = useContactFakes({ campaignCompletesAfterPolls: 0 });

function seed() {
	const s = cc.fakes.admin.seed({
		lists: [{ name: 'Newsletter' }],
		contacts: [
			{ email: 'a@example.com', list_names: ['Newsletter'], permission_to_send: 'implicit' },
			{ email: 'b@example.com', list_names: ['Newsletter'], permission_to_send: 'explicit' },
			{ email: 'c@example.com', list_names: ['Newsletter'], permission_to_send: 'explicit' },
		],
		campaigns: [
			{
				name: 'Sent',
				list_names: ['Newsletter'],
				status: 'Done',
				tracking: [
					{ contact_email: 'a@example.com', type: 'open' },
					{ contact_email: 'a@example.com', type: 'open' },
					{ contact_email: 'a@example.com', type: 'click', url: 'https://example.com/x' },
					{ contact_email: 'b@example.com', type: 'bounce', bounce_code: 'D' },
				],
			},
			{ name: 'Draft' },
		],
	});
	const [sent, draft] = s.campaigns;
	const primary = (c: any) => c.campaign_activities.find((a: any) => a.role === 'primary_email').campaign_activity_id as string;
	return { sentId: sent.campaign_id as string, draftId: draft.campaign_id as string, sentActivity: primary(sent), draftActivity: primary(draft) };
}

const report = (parameters: Record<string, unknown>) => campaignOp('getReport', parameters as any);

describe('getReport: stats', () => {
	test('campaign stats: one request with the IDs as CSV, one item per campaign', async () => {
		const s = seed();
		const result = await cc.run(report({ report: 'campaignStats', campaignIds: ` ${s.sentId}, ${s.draftId.toUpperCase()} ,${s.sentId}` }));
		expect(result.error).toBeUndefined();
		expect(cc.calls()).toEqual([`GET /v3/reports/stats/email_campaigns/${s.sentId},${s.draftId}`]);
		expect(result.items.map((i) => i.json)).toEqual([
			expect.objectContaining({ campaign_id: s.sentId, stats: expect.objectContaining({ em_sends: 3, em_opens: 1, em_clicks: 1, em_bounces: 1 }) }),
			expect.objectContaining({ campaign_id: s.draftId, stats: expect.objectContaining({ em_sends: 0 }) }),
		]);
	});

	test('an unknown campaign fails the report with a clear message', async () => {
		seed();
		const result = await cc.run(report({ report: 'campaignStats', campaignIds: UNKNOWN_ID }));
		expect(result.status).toBe('error');
		expect(result.error!.message).toContain('does not exist in this Constant Contact account');
	});

	test('activity stats: results and, for never-sent activities, an error item', async () => {
		const s = seed();
		const result = await cc.run(report({ report: 'activityStats', campaignActivityIds: `${s.sentActivity},${s.draftActivity}` }));
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([
			expect.objectContaining({ campaign_activity_id: s.sentActivity, stats: expect.objectContaining({ em_sends: 3 }) }),
			{ error: expect.stringContaining('never sent'), error_key: 'reports.api.no_stats' },
		]);
	});

	test.each([
		[{ report: 'campaignStats', campaignIds: '={{ " , " }}' }, 'Campaign IDs is empty'],
		[{ report: 'campaignStats', campaignIds: 'abc' }, 'Campaign IDs contains "abc", which is not a Constant Contact ID'],
		[
			{ report: 'campaignStats', campaignIds: Array.from({ length: 151 }, (_v, n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`).join(',') },
			'Campaign IDs has 151 IDs; Constant Contact reports at most 150 at a time',
		],
		[
			{ report: 'activityStats', campaignActivityIds: Array.from({ length: 11 }, (_v, n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`).join(',') },
			'Campaign Activity IDs has 11 IDs; Constant Contact reports at most 10 at a time',
		],
	])('refuses %# before any request', async (params, message) => {
		expectRejected(cc, await cc.run(report(params)), message);
	});
});

describe('getReport: tracking details', () => {
	test('opens of the primary activity, Return All', async () => {
		const s = seed();
		const result = await cc.run(report({ report: 'tracking', campaign: byId(s.sentId), trackingType: 'opens', returnAll: true }));
		expect(result.error).toBeUndefined();
		expect(cc.calls()).toEqual([`GET /v3/emails/${s.sentId}`, `GET /v3/reports/email_reports/${s.sentActivity}/tracking/opens`]);
		expect(cc.api()[1].query).toEqual({ limit: '500' });
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json).toMatchObject({ campaign_id: s.sentId, campaign_activity_id: s.sentActivity, email_address: 'a@example.com', tracking_activity_type: 'em_opens' });
	});

	test('Limit asks for only that many rows', async () => {
		const s = seed();
		const result = await cc.run(report({ report: 'tracking', campaign: byId(s.sentId), trackingType: 'sends', returnAll: false, limit: 2 }));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(cc.api()[1].query).toEqual({ limit: '2' });
	});

	test('bounces filtered by code; unique opens; did not open', async () => {
		const s = seed();
		let result = await cc.run(report({ report: 'tracking', campaign: byId(s.sentId), trackingType: 'bounces', returnAll: true, bounceCodes: ['D', 'B'] }));
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.email_address)).toEqual(['b@example.com']);
		// Two codes: the parameter repeated (bounce_code=D&bounce_code=B), as the spec asks, not "D,B".
		expect(cc.api()[1].query).toEqual({ bounce_code: ['D', 'B'], limit: '500' });
		result = await cc.run(report({ report: 'tracking', campaign: byId(s.sentId), trackingType: 'bounces', returnAll: true, bounceCodes: ['F'] }));
		expect(result.items).toEqual([]);
		expect(cc.api().at(-1)!.query).toEqual({ bounce_code: 'F', limit: '500' });
		result = await cc.run(report({ report: 'tracking', campaign: byId(s.sentId), trackingType: 'unique_opens', returnAll: true }));
		expect(result.items).toHaveLength(1);
		result = await cc.run(report({ report: 'tracking', campaign: byId(s.sentId), trackingType: 'didnotopens', returnAll: true }));
		expect(result.items.map((i) => i.json.email_address)).toEqual(['c@example.com']);
	});

	test('clicks carry the link; filtering by its url_id', async () => {
		const s = seed();
		const all = await cc.run(report({ report: 'tracking', campaign: byId(s.sentId), trackingType: 'clicks', returnAll: true }));
		expect(all.items).toHaveLength(1);
		const urlId = String(all.items[0].json.url_id);
		expect(all.items[0].json).toMatchObject({ link_url: 'https://example.com/x' });
		const some = await cc.run(report({ report: 'tracking', campaign: byId(s.sentId), trackingType: 'clicks', returnAll: true, urlId }));
		expect(some.items).toHaveLength(1);
	});
});
