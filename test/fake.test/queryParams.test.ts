/**
 * Query parameters the fake refuses by itself (test/fake/queryRules.js), with the official spec or
 * without it: enums, booleans and numbers its handlers do not otherwise read closely.
 */
import { startFakes } from '../fake';
import { expectSpecViolations, apiClient, type ApiClient, type Fakes } from './helpers';

describe('fake API: query parameters outside what the spec declares → 400', () => {
	let fakes: Fakes;
	let api: ApiClient;
	beforeAll(async () => {
		fakes = await startFakes({ rateLimitPerSecond: 0 });
		api = apiClient(fakes);
	});
	afterAll(async () => {
		await fakes.stop();
	});

	it('refuses each bad value and accepts a good one', async () => {
		const s = fakes.admin.seedDemo();
		const campaign = fakes.admin.state().campaigns[0];
		const activity = campaign.campaign_activities[0].campaign_activity_id;
		const cases: Array<[path: string, param: string, bad: string, good: string]> = [
			['/v3/contacts', 'status', 'all,gone', 'all,unsubscribed'],
			['/v3/contacts', 'sms_status', 'maybe', 'all'],
			['/v3/contacts', 'include_count', 'yes', 'true'],
			[`/v3/contacts/${s.contacts[0].contact_id}`, 'include', 'sms_channel', 'taggings,notes'],
			['/v3/contact_lists', 'status', 'gone', 'deleted'],
			['/v3/contact_lists', 'channel_type', 'fax', 'email'],
			['/v3/contact_lists', 'include_count', '1', 'false'],
			['/v3/contact_tags', 'include_count', 'yes', 'true'],
			[`/v3/contact_tags/${s.tags[0].tag_id}`, 'include_count', 'yes', 'true'],
			['/v3/activities', 'state', 'done', 'completed'],
			['/v3/account/emails', 'confirm_status', 'MAYBE', 'C'],
			['/v3/account/emails', 'role_code', 'ADMIN', 'REPLY_TO'],
			[`/v3/reports/email_reports/${activity}/tracking/clicks`, 'url_id', 'abc', '1'],
			[`/v3/reports/contact_reports/${s.contacts[0].contact_id}/activity_details?tracking_activities_list=em_sends`, 'include_campaign_activity_names', 'no', 'false'],
		];
		const join = (path: string, q: string) => `${path}${path.includes('?') ? '&' : '?'}${q}`;
		for (const [path, param, bad, good] of cases) {
			const refused = await api.get(join(path, `${param}=${encodeURIComponent(bad)}`));
			expect([path, param, refused.status]).toEqual([path, param, 400]);
			expect(refused.body[0].error_message).toContain(param);
			expect([path, param, (await api.get(join(path, `${param}=${encodeURIComponent(good)}`))).status]).toEqual([path, param, 200]);
		}
		expectSpecViolations(fakes, cases.length);
		expect(api.responseErrors()).toEqual([]);
	});
});
