/** Campaign → Send Test and Get Send History, through n8n's engine against the fake API. */
import { byId, useContactFakes } from '../contact/helpers';
import { campaignOp, expectRejected, state } from './helpers';

const cc = useContactFakes({ campaignCompletesAfterPolls: 0 });

function seed(status = 'Draft') {
	const s = cc.fakes.admin.seed({
		lists: [{ name: 'Newsletter' }],
		contacts: [
			{ email: 'a@example.com', list_names: ['Newsletter'], permission_to_send: 'implicit' },
			{ email: 'b@example.com', list_names: ['Newsletter'], permission_to_send: 'explicit' },
		],
		campaigns: [{ name: 'Spring', list_names: ['Newsletter'], status }],
	});
	const c = s.campaigns[0];
	return { campaignId: c.campaign_id as string, activityId: c.campaign_activities.find((a: any) => a.role === 'primary_email').campaign_activity_id as string };
}

describe('sendTest', () => {
	test('posts the addresses (trimmed, deduplicated) and the personal message; 204 → one item', async () => {
		const s = seed();
		const result = await cc.run(
			campaignOp('sendTest', { campaign: byId(s.campaignId), emailAddresses: ' me@example.com, you@example.com ,ME@example.com', personalMessage: 'Please check' }),
		);
		expect(result.error).toBeUndefined();
		expect(cc.calls()).toEqual([`GET /v3/emails/${s.campaignId}`, `POST /v3/emails/activities/${s.activityId}/tests`]);
		expect(cc.api()[1].body).toEqual({ email_addresses: ['me@example.com', 'you@example.com'], personal_message: 'Please check' });
		expect(cc.api()[1].status).toBe(204);
		expect(result.items[0].json).toEqual({ campaign_id: s.campaignId, campaign_activity_id: s.activityId, sent_to: ['me@example.com', 'you@example.com'] });
		expect(state(cc).testSends).toEqual([expect.objectContaining({ campaign_activity_id: s.activityId, email_addresses: ['me@example.com', 'you@example.com'] })]);
	});

	test('without a personal message only the addresses are sent', async () => {
		const s = seed();
		await cc.run(campaignOp('sendTest', { campaign: byId(s.campaignId), emailAddresses: 'me@example.com' }));
		expect(cc.api()[1].body).toEqual({ email_addresses: ['me@example.com'] });
	});

	test.each([
		['a@example.com,b@example.com,c@example.com,d@example.com,e@example.com,f@example.com', 'Email Addresses has 6 addresses; Constant Contact sends a test to at most 5 at a time'],
		['me@example.com, nope', 'Email Addresses "nope" is not a valid e-mail address'],
		['={{ " , " }}', 'Email Addresses is empty'],
	])('refuses %j before any request', async (emailAddresses, message) => {
		const s = seed();
		expectRejected(cc, await cc.run(campaignOp('sendTest', { campaign: byId(s.campaignId), emailAddresses })), message);
	});

	test('past the daily 50 test recipients the message says so, at once (that 429 is not retried)', async () => {
		const s = seed();
		const five = 'a1@example.com,a2@example.com,a3@example.com,a4@example.com,a5@example.com';
		for (let n = 0; n < 10; n++) {
			const ok = await cc.run(campaignOp('sendTest', { campaign: byId(s.campaignId), emailAddresses: five }));
			expect(ok.error).toBeUndefined();
		}
		const before = cc.api().length;
		const result = await cc.run(campaignOp('sendTest', { campaign: byId(s.campaignId), emailAddresses: 'x@example.com' }));
		expect(result.status).toBe('error');
		expect(result.error!.message).toContain('50 test recipients a day');
		const tests = cc.api().slice(before).filter((e) => e.path.endsWith('/tests'));
		expect(tests.map((e) => e.status)).toEqual([429]);
	});
});

describe('getSendHistory', () => {
	test('never sent → no items; after a send → one item per send', async () => {
		const s = seed();
		let result = await cc.run(campaignOp('getSendHistory', { campaign: byId(s.campaignId) }));
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
		expect(cc.calls()).toEqual([`GET /v3/emails/${s.campaignId}`, `GET /v3/emails/activities/${s.activityId}/send_history`]);

		await cc.run(campaignOp('schedule', { campaign: byId(s.campaignId), when: 'now' }));
		cc.fakes.admin.completeSends();
		result = await cc.run(campaignOp('getSendHistory', { campaign: byId(s.campaignId) }));
		expect(result.items.map((i) => i.json)).toEqual([
			expect.objectContaining({ campaign_id: s.campaignId, campaign_activity_id: s.activityId, send_id: 1, count: 2, send_status: 'COMPLETED', reason_code: 0 }),
		]);
	});
});
