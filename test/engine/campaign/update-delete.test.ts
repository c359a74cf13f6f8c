/** Campaign → Update and Delete, through n8n's engine against the fake API. */
import { byId, useContactFakes } from '../contact/helpers';
import { campaignOp, expectRejected, state } from './helpers';

const cc = useContactFakes({ campaignCompletesAfterPolls: 0 });
const EMAILS = 'GET /v3/account/emails';

function seed(extra: Record<string, unknown> = {}) {
	const s = cc.fakes.admin.seed({
		lists: [{ name: 'Newsletter' }],
		campaigns: [{ name: 'Spring', subject: 'Spring!', preheader: 'Pre', from_email: 'news@example.com', reply_to_email: 'owner@example.com', list_names: ['Newsletter'], ...extra }],
	});
	const c = s.campaigns[0];
	return {
		campaignId: c.campaign_id as string,
		activityId: c.campaign_activities.find((a: any) => a.role === 'primary_email').campaign_activity_id as string,
		listId: s.lists[0].list_id as string,
	};
}
const activity = (id: string) => state(cc).campaignActivities.find((a: any) => a.campaign_activity_id === id);
const campaign = (id: string) => state(cc).campaigns.find((c: any) => c.campaign_id === id);

describe('update', () => {
	test('name only: one PATCH, the activity is not touched', async () => {
		const s = seed();
		const result = await cc.run(campaignOp('update', { campaign: byId(s.campaignId), updateFields: { name: 'Summer' } }));
		expect(result.error).toBeUndefined();
		expect(cc.calls()).toEqual([`PATCH /v3/emails/${s.campaignId}`, `GET /v3/emails/${s.campaignId}`]);
		expect(cc.api()[0].body).toEqual({ name: 'Summer' });
		expect(result.items[0].json).toMatchObject({ name: 'Summer', campaign_activity_id: s.activityId });
	});

	test('subject, sender and HTML: read, merge, write — recipients, preheader and reply-to are kept', async () => {
		const s = seed();
		const result = await cc.run(
			campaignOp('update', { campaign: byId(s.campaignId), updateFields: { subject: 'New subject', fromEmail: 'owner@example.com', htmlContent: '<body><p>New</p></body>' } }),
		);
		expect(result.error).toBeUndefined();
		expect(cc.calls()).toEqual([EMAILS, `GET /v3/emails/${s.campaignId}`, `GET /v3/emails/activities/${s.activityId}`, `PUT /v3/emails/activities/${s.activityId}`, `GET /v3/emails/${s.campaignId}`]);
		expect(cc.api()[3].body).toEqual({
			format_type: 5,
			from_name: 'Example Org',
			from_email: 'owner@example.com',
			reply_to_email: 'owner@example.com',
			subject: 'New subject',
			preheader: 'Pre',
			contact_list_ids: [s.listId],
			html_content: '<body>[[trackingImage]]<p>New</p></body>',
		});
		expect((result.items[0].json as any).notes).toMatch(/trackingImage/);
		expect(activity(s.activityId)).toMatchObject({ subject: 'New subject', preheader: 'Pre', contact_list_ids: [s.listId], html_content: '<body>[[trackingImage]]<p>New</p></body>' });
	});

	test.each([
		[{}, 'Update Fields is empty'],
		[{ name: 'n'.repeat(81) }, 'Name is 81 characters long; Constant Contact accepts at most 80'],
		[{ htmlContent: '<body>${x}</body>' }, 'HTML Content contains "${", which Constant Contact does not allow in custom-code e-mails'],
	])('refuses %j before any request', async (updateFields, message) => {
		const s = seed();
		expectRejected(cc, await cc.run(campaignOp('update', { campaign: byId(s.campaignId), updateFields })), message);
	});

	test('an unconfirmed reply-to is refused before any write', async () => {
		const s = seed();
		const result = await cc.run(campaignOp('update', { campaign: byId(s.campaignId), updateFields: { replyToEmail: 'pending@example.com' } }));
		expectRejected(cc, result, 'Reply-To Email "pending@example.com" is not a confirmed e-mail address of this Constant Contact account', { allowedCalls: [EMAILS] });
	});
});

describe('delete', () => {
	test('a draft is deleted; Get Many hides it, the fake shows Removed', async () => {
		const s = seed();
		const result = await cc.run(campaignOp('delete', { campaign: byId(s.campaignId) }));
		expect(result.error).toBeUndefined();
		expect(cc.calls()).toEqual([`GET /v3/emails/${s.campaignId}`, `DELETE /v3/emails/${s.campaignId}`]);
		expect(result.items[0].json).toEqual({ campaign_id: s.campaignId, deleted: true, unscheduled: false });
		expect(campaign(s.campaignId).current_status).toBe('Removed');
		const many = await cc.run(campaignOp('getAll', { returnAll: true }));
		expect(many.items).toEqual([]);
	});

	test('a scheduled campaign is refused by default, nothing changes', async () => {
		const s = seed({ status: 'Scheduled', scheduled_date: new Date(Date.now() + 86400_000).toISOString() });
		const result = await cc.run(campaignOp('delete', { campaign: byId(s.campaignId) }));
		expect(result.status).toBe('error');
		expect(result.error!.message).toBe('Campaign "Spring" is scheduled and was not deleted');
		expect((result.error as any).description).toContain('If Scheduled');
		expect(cc.calls()).toEqual([`GET /v3/emails/${s.campaignId}`]);
		expect(campaign(s.campaignId).current_status).toBe('Scheduled');
	});

	test('If Scheduled: Unschedule First unschedules, then deletes', async () => {
		const s = seed({ status: 'Scheduled', scheduled_date: new Date(Date.now() + 86400_000).toISOString() });
		const result = await cc.run(campaignOp('delete', { campaign: byId(s.campaignId), options: { ifScheduled: 'unschedule' } }));
		expect(result.error).toBeUndefined();
		expect(cc.calls()).toEqual([`GET /v3/emails/${s.campaignId}`, `DELETE /v3/emails/activities/${s.activityId}/schedules`, `DELETE /v3/emails/${s.campaignId}`]);
		expect(result.items[0].json).toEqual({ campaign_id: s.campaignId, deleted: true, unscheduled: true });
		expect(campaign(s.campaignId).current_status).toBe('Removed');
	});
});
