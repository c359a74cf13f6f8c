/** Campaign → Create, Get, Get Many and the pickers, through n8n's engine against the fake API. */
import { listSearch, loadOptions } from '../harness';
import { byId, useContactFakes } from '../contact/helpers';
import { HTML, campaignOp, createParams, expectRejected, fromList, state } from './helpers';

const cc = useContactFakes();
const EMAILS = 'GET /v3/account/emails';

describe('create', () => {
	test('posts one format-5 activity exactly as the spec wants and surfaces campaign_activity_id', async () => {
		const result = await cc.run(
			createParams({
				options: {
					preheader: 'Spring is here',
					physicalAddress: { address_line1: '1 Elm St', city: 'Boston', country_code: 'us', state_code: 'MA', organization_name: 'Example Org' },
				},
			}),
		);
		expect(result.error).toBeUndefined();
		expect(cc.calls()).toEqual([EMAILS, 'POST /v3/emails']);
		expect(cc.api()[0].query).toEqual({ confirm_status: 'CONFIRMED' });
		expect(cc.api()[1].status).toBe(200);
		expect(cc.api()[1].body).toEqual({
			name: 'March news',
			email_campaign_activities: [
				{
					format_type: 5,
					from_name: 'Example Org',
					from_email: 'owner@example.com',
					reply_to_email: 'news@example.com',
					subject: 'Our March news',
					html_content: HTML,
					preheader: 'Spring is here',
					physical_address_in_footer: { address_line1: '1 Elm St', city: 'Boston', country_code: 'US', state_code: 'MA', organization_name: 'Example Org' },
				},
			],
		});
		expect(result.items).toHaveLength(1);
		const out = result.items[0].json as any;
		const primary = out.campaign_activities.find((a: any) => a.role === 'primary_email');
		expect(out).toMatchObject({ name: 'March news', current_status: 'Draft', campaign_activity_id: primary.campaign_activity_id });
		expect(out.notes).toBeUndefined();
		const stored = state(cc).campaignActivities.find((a: any) => a.campaign_activity_id === primary.campaign_activity_id);
		expect(stored).toMatchObject({ subject: 'Our March news', preheader: 'Spring is here', html_content: HTML, current_status: 'DRAFT' });
	});

	test('adds [[trackingImage]] after <body …> and says so in notes', async () => {
		const result = await cc.run(createParams({ htmlContent: '<html><body class="x"><p>Hi</p></body></html>' }));
		expect(result.error).toBeUndefined();
		expect(cc.api()[1].body.email_campaign_activities[0].html_content).toBe('<html><body class="x">[[trackingImage]]<p>Hi</p></body></html>');
		expect((result.items[0].json as any).notes).toMatch(/Added \[\[trackingImage\]\] right after <body>/);
	});

	test('adds [[trackingImage]] at the start when there is no <body>', async () => {
		const result = await cc.run(createParams({ htmlContent: '<p>Hi</p>' }));
		expect(result.error).toBeUndefined();
		expect(cc.api()[1].body.email_campaign_activities[0].html_content).toBe('[[trackingImage]]<p>Hi</p>');
		expect((result.items[0].json as any).notes).toMatch(/at the start/);
	});

	test('the confirmed addresses are read once per execution, for every item', async () => {
		const result = await cc.run(createParams({ name: '={{ $json.name }}', fromEmail: '={{ $json.from }}' }), {
			inputItems: [
				{ name: 'A', from: 'owner@example.com' },
				{ name: 'B', from: 'NEWS@example.com' },
				{ name: 'C', from: 'owner@example.com' },
			],
		});
		expect(result.error).toBeUndefined();
		expect(cc.calls()).toEqual([EMAILS, 'POST /v3/emails', 'POST /v3/emails', 'POST /v3/emails']);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(state(cc).campaigns.map((c: any) => c.name).sort()).toEqual(['A', 'B', 'C']);
	});

	test('an address confirmed since the last run is accepted on the next run', async () => {
		let result = await cc.run(createParams({ fromEmail: 'pending@example.com' }));
		expect(result.status).toBe('error');
		cc.fakes.admin.confirmAccountEmail('pending@example.com');
		cc.fakes.log.length = 0;
		result = await cc.run(createParams({ fromEmail: 'pending@example.com' }));
		expect(result.error).toBeUndefined();
		expect(cc.calls()).toEqual([EMAILS, 'POST /v3/emails']);
	});

	test('an unconfirmed sender (item 2) stops the run before any write', async () => {
		const result = await cc.run(createParams({ name: '={{ $json.name }}', replyToEmail: '={{ $json.reply }}' }), {
			inputItems: [
				{ name: 'A', reply: 'owner@example.com' },
				{ name: 'B', reply: 'pending@example.com' },
			],
		});
		expectRejected(cc, result, 'Reply-To Email "pending@example.com" is not a confirmed e-mail address of this Constant Contact account', {
			itemIndex: 1,
			allowedCalls: [EMAILS],
		});
		expect((result.error as any).description).toContain('owner@example.com, news@example.com');
		expect(state(cc).campaigns).toEqual([]);
	});

	test.each([
		[{ name: 'x'.repeat(81) }, 'Name is 81 characters long; Constant Contact accepts at most 80'],
		[{ name: '  ' }, 'Name is empty'],
		[{ subject: '={{ "" }}' }, 'Subject is empty'],
		[{ fromName: 'y'.repeat(101) }, 'From Name is 101 characters long; Constant Contact accepts at most 100'],
		[{ htmlContent: '<body>[#if x]</body>' }, 'HTML Content contains "[#", which Constant Contact does not allow in custom-code e-mails'],
		[{ htmlContent: '<body>${name}</body>' }, 'HTML Content contains "${", which Constant Contact does not allow in custom-code e-mails'],
		[{ htmlContent: '<body><@x/></body>' }, 'HTML Content contains "<@", which Constant Contact does not allow in custom-code e-mails'],
		[{ htmlContent: '[[trackingImage]]' + 'z'.repeat(150_000) }, 'HTML Content is 150017 characters long; Constant Contact accepts at most 150000'],
		[{ htmlContent: 'z'.repeat(149_990) }, 'HTML Content is 150007 characters long (with [[trackingImage]]); Constant Contact accepts at most 150000'],
		[{ htmlContent: '={{ " " }}' }, 'HTML Content is empty'],
		[{ options: { preheader: 'p'.repeat(201) } }, 'Preheader is 201 characters long; Constant Contact accepts at most 200'],
		[{ options: { physicalAddress: { address_line1: '1 Elm St', country_code: 'US', organization_name: 'Org' } } }, 'Physical Address in Footer: State Code is missing'],
		[{ options: { physicalAddress: { city: 'Paris' } } }, 'Physical Address in Footer: Address Line 1 is missing'],
		[{ fromEmail: 'not-an-address' }, 'From Email "not-an-address" is not a valid e-mail address'],
	])('refuses %j before sending anything', async (overrides, message) => {
		const result = await cc.run(createParams(overrides));
		expectRejected(cc, result, message);
	});

	test('a name that exists (even deleted) fails with a clear 409', async () => {
		cc.fakes.admin.seed({ campaigns: [{ name: 'March news', status: 'Removed' }] });
		const result = await cc.run(createParams({ name: 'march NEWS' }));
		expect(result.status).toBe('error');
		expect(result.error!.message).toBe('A campaign named "march NEWS" already exists (deleted campaigns keep their names)');
		expect(cc.calls()).toEqual([EMAILS, 'POST /v3/emails']);
	});

	test('From Email dropdown lists only CONFIRMED addresses', async () => {
		const options = await loadOptions('getConfirmedEmails', cc.credential);
		expect(options.map((o) => o.value)).toEqual(['news@example.com', 'owner@example.com']);
		expect(cc.api()[0].query).toEqual({ confirm_status: 'CONFIRMED' });
	});
});

describe('get', () => {
	test('by ID and from the list; campaign_activity_id is the primary_email activity', async () => {
		const [c] = cc.fakes.admin.seed({ campaigns: [{ name: 'Seeded' }] }).campaigns;
		const primary = c.campaign_activities.find((a: any) => a.role === 'primary_email').campaign_activity_id;
		const result = await cc.run(campaignOp('get', { campaign: byId(c.campaign_id) }));
		expect(result.error).toBeUndefined();
		expect(cc.calls()).toEqual([`GET /v3/emails/${c.campaign_id}`]);
		expect(result.items[0].json).toMatchObject({ campaign_id: c.campaign_id, name: 'Seeded', current_status: 'Draft', campaign_activity_id: primary });
		const again = await cc.run(campaignOp('get', { campaign: fromList(c.campaign_id) }));
		expect(again.items[0].json).toMatchObject({ campaign_id: c.campaign_id });
	});

	test('an ID that is not a UUID is refused before sending; an unknown one says it does not exist', async () => {
		expectRejected(cc, await cc.run(campaignOp('get', { campaign: byId('={{ "12345" }}') })), 'Campaign "12345" is not a Constant Contact campaign ID');
		const unknown = '00000000-0000-4000-8000-000000000000';
		const result = await cc.run(campaignOp('get', { campaign: byId(unknown) }));
		expect(result.error!.message).toBe(`Campaign ${unknown} does not exist in this Constant Contact account`);
	});

	test('searchCampaigns lists name (status) and filters by name', async () => {
		cc.fakes.admin.seed({ campaigns: [{ name: 'Alpha' }, { name: 'Beta', status: 'Done' }] });
		const all = await listSearch('searchCampaigns', cc.credential);
		expect(all.results.map((r) => r.name).sort()).toEqual(['Alpha (Draft)', 'Beta (Done)']);
		const some = await listSearch('searchCampaigns', cc.credential, 'bet');
		expect(some.results.map((r) => r.name)).toEqual(['Beta (Done)']);
		expect(cc.api()[0].query).toMatchObject({ limit: '500' });
	});
});

describe('getAll', () => {
	function seedThree() {
		return cc.fakes.admin.seed({ campaigns: [{ name: 'One' }, { name: 'Gone', status: 'Removed' }, { name: 'Three', status: 'Done' }] }).campaigns;
	}

	test('hides Removed campaigns by default; the option shows them', async () => {
		seedThree();
		let result = await cc.run(campaignOp('getAll', { returnAll: true }));
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.name).sort()).toEqual(['One', 'Three']);
		expect(cc.api()[0].query).toEqual({ limit: '500' });
		result = await cc.run(campaignOp('getAll', { returnAll: true, options: { hideRemoved: false } }));
		expect(result.items.map((i) => i.json.name).sort()).toEqual(['Gone', 'One', 'Three']);
	});

	test('Limit counts only the campaigns returned (pages past removed ones)', async () => {
		seedThree(); // newest first: Three, Gone, One
		const result = await cc.run(campaignOp('getAll', { returnAll: false, limit: 2 }));
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.name)).toEqual(['Three', 'One']);
		expect(cc.calls()).toEqual(['GET /v3/emails', 'GET /v3/emails']);
		expect(cc.api()[0].query).toEqual({ limit: '2' });
	});

	test('updated after/before go to the API as ISO date-times; a reversed range is refused', async () => {
		seedThree();
		const result = await cc.run(
			campaignOp('getAll', { returnAll: true, filters: { updatedAfter: '2020-01-01T00:00:00Z', updatedBefore: '2999-01-01T00:00:00.000Z' } }),
		);
		expect(result.error).toBeUndefined();
		expect(cc.api()[0].query).toEqual({ limit: '500', after_date: '2020-01-01T00:00:00.000Z', before_date: '2999-01-01T00:00:00.000Z' });
		expect(result.items).toHaveLength(2);
		cc.fakes.log.length = 0;
		const bad = await cc.run(campaignOp('getAll', { returnAll: true, filters: { updatedAfter: '2026-02-01T00:00:00Z', updatedBefore: '2026-01-01T00:00:00Z' } }));
		expectRejected(cc, bad, 'Updated Before (2026-01-01T00:00:00.000Z) is not after "Updated After" (2026-02-01T00:00:00.000Z)');
	});
});
