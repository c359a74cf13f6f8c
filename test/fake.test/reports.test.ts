import { startFakes } from '../fake';
import { expectSpecViolations, adminHttp, apiClient, createCampaign, setRecipients, type ApiClient, type Fakes } from './helpers';

const HOUR = 3600 * 1000;

describe('fake API: reporting (brief §9)', () => {
	let fakes: Fakes;
	let api: ApiClient;
	/** Contact IDs by e-mail. */
	let ids: Record<string, string>;
	let listId: string;

	beforeEach(async () => {
		fakes = await startFakes({ rateLimitPerSecond: 0 });
		api = apiClient(fakes);
		const seeded = fakes.admin.seed({
			lists: [{ name: 'Readers' }],
			contacts: ['ann', 'bob', 'cat', 'dan'].map((n) => ({ email: `${n}@example.com`, first_name: n.toUpperCase(), last_name: 'Reader', permission_to_send: 'implicit', list_names: ['Readers'] })),
		});
		ids = Object.fromEntries(seeded.contacts.map((c: any) => [c.email_address.address, c.contact_id]));
		listId = seeded.lists[0].list_id;
	});
	afterEach(async () => {
		try {
			expect(api.responseErrors()).toEqual([]);
			expect(fakes.violations).toEqual([]);
		} finally {
			await fakes.stop();
		}
	});

	/** Create a campaign to the Readers list and send it now. */
	async function sent(name: string) {
		const c = await createCampaign(api, name);
		await setRecipients(api, c.primary, { contact_list_ids: [listId] });
		await api.post(`/v3/emails/activities/${c.primary}/schedules`, { scheduled_date: '0' });
		fakes.admin.completeSends();
		return c;
	}

	const track = (primary: string, contact_email: string, type: 'open' | 'click' | 'bounce' | 'optout' | 'forward', extra: Record<string, string> = {}) =>
		fakes.admin.track({ campaign_activity_id: primary, contact_email, type, ...extra });

	it('tracking reports: one send row per recipient, engagement rows newest first, unique_opens and didnotopens derived', async () => {
		const c = await sent('June');
		const base = `/v3/reports/email_reports/${c.primary}/tracking`;
		const sends = await api.get(`${base}/sends`);
		expect(sends.status).toBe(200);
		expect(sends.body._links).toEqual({}); // reporting pages always carry _links
		expect(sends.body.tracking_activities).toHaveLength(4);
		expect(sends.body.tracking_activities[0]).toEqual({
			contact_id: ids['dan@example.com'],
			campaign_activity_id: c.primary,
			tracking_activity_type: 'em_sends',
			email_address: 'dan@example.com',
			first_name: 'DAN',
			last_name: 'Reader',
			created_time: expect.any(String),
		});

		track(c.primary, 'ann@example.com', 'open', { device_type: 'mobile' });
		track(c.primary, 'bob@example.com', 'open');
		track(c.primary, 'ann@example.com', 'open');
		track(c.primary, 'ann@example.com', 'click', { url: 'https://www.example.com/a' });
		track(c.primary, 'bob@example.com', 'click', { url: 'https://www.example.com/b' });
		track(c.primary, 'ann@example.com', 'click', { url: 'https://www.example.com/a' });
		track(c.primary, 'cat@example.com', 'bounce', { bounce_code: 'F' });
		track(c.primary, 'bob@example.com', 'forward');

		const opens = (await api.get(`${base}/opens`)).body.tracking_activities;
		expect(opens.map((r: any) => [r.email_address, r.device_type])).toEqual([
			['ann@example.com', 'computer'],
			['bob@example.com', 'computer'],
			['ann@example.com', 'mobile'],
		]);
		expect(opens[0].created_time > opens[1].created_time).toBe(true);
		const unique = (await api.get(`${base}/unique_opens`)).body.tracking_activities;
		expect(unique.map((r: any) => [r.email_address, r.created_time])).toEqual([
			['ann@example.com', opens[0].created_time],
			['bob@example.com', opens[1].created_time],
		]);
		// Sent, neither opened nor bounced.
		const didNot = (await api.get(`${base}/didnotopens`)).body.tracking_activities;
		expect(didNot.map((r: any) => [r.email_address, r.tracking_activity_type])).toEqual([['dan@example.com', 'em_didnotopens']]);

		const clicks = (await api.get(`${base}/clicks`)).body.tracking_activities;
		expect(clicks.map((r: any) => [r.email_address, r.link_url])).toEqual([
			['ann@example.com', 'https://www.example.com/a'],
			['bob@example.com', 'https://www.example.com/b'],
			['ann@example.com', 'https://www.example.com/a'],
		]);
		expect(clicks[0].url_id).toBe(clicks[2].url_id);
		expect(clicks[0].url_id).not.toBe(clicks[1].url_id);
		const byUrl = (await api.get(`${base}/clicks?url_id=${clicks[1].url_id}`)).body.tracking_activities;
		expect(byUrl.map((r: any) => r.email_address)).toEqual(['bob@example.com']);
		expect((await api.get(`${base}/forwards`)).body.tracking_activities.map((r: any) => r.tracking_activity_type)).toEqual(['em_forwards']);
		expect((await api.get(`${base}/optouts`)).body).toEqual({ tracking_activities: [], _links: {} });
	});

	it('bounces: bounce_code filter, repeatable; optouts unsubscribe the contact (opt_out_date = the tracked time)', async () => {
		const c = await sent('July');
		const base = `/v3/reports/email_reports/${c.primary}/tracking`;
		track(c.primary, 'ann@example.com', 'bounce', { bounce_code: 'B' });
		track(c.primary, 'bob@example.com', 'bounce', { bounce_code: 'D' });
		track(c.primary, 'cat@example.com', 'bounce', { bounce_code: 'Z' });
		const codes = async (q: string) => (await api.get(`${base}/bounces${q}`)).body.tracking_activities.map((r: any) => r.bounce_code);
		expect(await codes('')).toEqual(['Z', 'D', 'B']);
		expect(await codes('?bounce_code=B')).toEqual(['B']);
		expect(await codes('?bounce_code=B&bounce_code=Z')).toEqual(['Z', 'B']);
		expect((await api.get(`${base}/bounces?bounce_code=Q`)).status).toBe(400); // spec enum
		// Several codes: the parameter repeated (spec collectionFormat multi), not a comma list.
		const comma = await api.get(`${base}/bounces?bounce_code=B%2CZ`);
		expect([comma.status, comma.body[0].error_message]).toEqual([400, expect.stringContaining('"B,Z"')]);
		expectSpecViolations(fakes, 2);

		const at = new Date(fakes.store.clock.now() + HOUR).toISOString();
		const row = track(c.primary, 'dan@example.com', 'optout', { at, opt_out_reason: 'Too many e-mails' });
		expect(row).toMatchObject({ tracking_activity_type: 'em_optouts', created_time: at, opt_out_reason: 'Too many e-mails' });
		const optouts = await api.get(`${base}/optouts`);
		expect(optouts.body.tracking_activities.map((r: any) => [r.email_address, r.opt_out_reason])).toEqual([['dan@example.com', 'Too many e-mails']]);
		const dan = (await api.get(`/v3/contacts/${ids['dan@example.com']}`)).body;
		expect(dan.email_address).toMatchObject({ permission_to_send: 'unsubscribed', opt_out_source: 'Contact', opt_out_date: at, opt_out_reason: 'Too many e-mails' });
		expect(dan.updated_at).toBe(at);
		// The polling trigger's "unsubscribed" query sees it.
		const unsub = await api.get(`/v3/contacts?status=unsubscribed&optout_after=${at}`);
		expect(unsub.body.contacts.map((x: any) => x.contact_id)).toEqual([ids['dan@example.com']]);
		// A later send skips dan.
		const next = await sent('August');
		expect((await api.get(`/v3/reports/email_reports/${next.primary}/tracking/sends`)).body.tracking_activities).toHaveLength(3);
	});

	it('tracking paging: limit 1–500 (a string in the spec), _links.next.href cursor; unknown or Removed activity → 404', async () => {
		const c = await sent('Paged');
		const base = `/v3/reports/email_reports/${c.primary}/tracking`;
		const first = await api.get(`${base}/sends?limit=3`);
		expect(first.body.tracking_activities).toHaveLength(3);
		expect(first.body._links.next.href).toMatch(new RegExp(`^/v3/reports/email_reports/${c.primary}/tracking/sends\\?cursor=`));
		const second = await api.get(first.body._links.next.href);
		expect(second.body.tracking_activities).toHaveLength(1);
		expect(second.body._links).toEqual({});
		const emails = [...first.body.tracking_activities, ...second.body.tracking_activities].map((r: any) => r.email_address);
		expect(emails.sort()).toEqual(['ann@example.com', 'bob@example.com', 'cat@example.com', 'dan@example.com']);
		// A cursor belongs to its report.
		expect((await api.get(first.body._links.next.href.replace('/sends?', '/opens?'))).status).toBe(400);

		for (const bad of ['0', '501', 'ten']) {
			const r = await api.get(`${base}/opens?limit=${bad}`);
			expect([bad, r.status]).toEqual([bad, 400]);
			expect(r.body[0].error_key).toBe('reports.api.validation.error');
		}
		expect((await api.get(`${base}/opens?limit=500`)).status).toBe(200);
		expect((await api.get('/v3/reports/email_reports/00000000-0000-4000-8000-000000000000/tracking/sends')).status).toBe(404);
		expect((await api.get('/v3/reports/email_reports/nope/tracking/sends')).status).toBe(404);
		expect((await api.del(`/v3/emails/${c.campaignId}`)).status).toBe(204);
		expect((await api.get(`${base}/sends`)).status).toBe(404);
	});

	it('admin.track refuses engagement of contacts that were not sent the activity, before the send, or of unknown type (HTTP: 400)', async () => {
		const c = await sent('Guarded');
		fakes.admin.seed({ contacts: [{ email: 'late@example.com', list_names: ['Readers'] }] });
		expect(() => track(c.primary, 'late@example.com', 'open')).toThrow(/was not sent/);
		expect(() => track(c.primary, 'ann@example.com', 'open', { at: '2001-01-01T00:00:00Z' })).toThrow(/before the send/);
		expect(() => fakes.admin.track({ campaign_activity_id: c.primary, contact_email: 'ann@example.com', type: 'like' as any })).toThrow(/type must be/);
		expect(() => track(c.primary, 'ann@example.com', 'bounce', { bounce_code: 'Q' })).toThrow(/bounce_code/);
		const viaHttp = await adminHttp(fakes, 'POST', 'track', { campaign_activity_id: c.primary, contact_id: ids['bob@example.com'], type: 'click' });
		expect(viaHttp.status).toBe(200);
		expect(viaHttp.body).toMatchObject({ tracking_activity_type: 'em_clicks', email_address: 'bob@example.com', link_url: 'https://www.example.com/' });
		expect((await adminHttp(fakes, 'POST', 'track', { campaign_activity_id: c.primary, contact_email: 'late@example.com', type: 'open' })).status).toBe(400);
		expect(fakes.admin.state().tracking.filter((r: any) => r.tracking_activity_type === 'em_clicks')).toHaveLength(1);
	});

	it('summaries: sent, not Removed campaigns, last sent first, unique counts and aggregate percents; limit ≤ 500; cursor paging', async () => {
		const june = await sent('June');
		track(june.primary, 'ann@example.com', 'open');
		track(june.primary, 'ann@example.com', 'open');
		track(june.primary, 'bob@example.com', 'open');
		track(june.primary, 'ann@example.com', 'click');
		track(june.primary, 'cat@example.com', 'bounce');
		await createCampaign(api, 'Never sent');
		const july = await sent('July');
		const removed = await sent('Removed');
		await api.del(`/v3/emails/${removed.campaignId}`);

		const r = await api.get('/v3/reports/summary_reports/email_campaign_summaries');
		expect(r.status).toBe(200);
		expect(r.body.bulk_email_campaign_summaries.map((s: any) => s.campaign_id)).toEqual([july.campaignId, june.campaignId]);
		expect(r.body.bulk_email_campaign_summaries[1]).toEqual({
			campaign_id: june.campaignId,
			campaign_type: 'Newsletter',
			last_sent_date: expect.any(String),
			unique_counts: { sends: 4, opens: 2, clicks: 1, forwards: 0, optouts: 0, abuse: 0, bounces: 1, not_opened: 1 },
		});
		// Page totals: 8 sends, 1 bounce (7 delivered), 2 opens, 1 click, 5 not opened.
		expect(r.body.aggregate_percents).toEqual({ click: 50, open: 28.6, did_not_open: 71.4, bounce: 12.5, unsubscribe: 0 });
		expect(r.body._links).toEqual({});

		const page1 = await api.get('/v3/reports/summary_reports/email_campaign_summaries?limit=1');
		expect(page1.body.bulk_email_campaign_summaries.map((s: any) => s.campaign_id)).toEqual([july.campaignId]);
		expect(page1.body.aggregate_percents).toEqual({ click: 0, open: 0, did_not_open: 100, bounce: 0, unsubscribe: 0 });
		const page2 = await api.get(page1.body._links.next.href);
		expect(page2.body.bulk_email_campaign_summaries.map((s: any) => s.campaign_id)).toEqual([june.campaignId]);
		expect((await api.get('/v3/reports/summary_reports/email_campaign_summaries?limit=501')).status).toBe(400);
	});

	it('stats by campaign (404 for all when one ID is unknown) and by activity (≤ 10; unknown or unsent under errors)', async () => {
		const c = await sent('Stats');
		track(c.primary, 'ann@example.com', 'open', { device_type: 'mobile' });
		track(c.primary, 'ann@example.com', 'open', { device_type: 'computer' });
		track(c.primary, 'ann@example.com', 'click', { device_type: 'tablet' });
		track(c.primary, 'bob@example.com', 'bounce', { bounce_code: 'S' });
		track(c.primary, 'cat@example.com', 'optout');
		const draft = await createCampaign(api, 'Draft');

		const byCampaign = await api.get(`/v3/reports/stats/email_campaigns/${c.campaignId},${draft.campaignId}`);
		expect(byCampaign.status).toBe(200);
		expect(byCampaign.body.errors).toEqual([]);
		const [s, d] = byCampaign.body.results;
		expect(s).toMatchObject({
			campaign_id: c.campaignId,
			stats: { em_sends: 4, em_opens: 1, em_opens_all: 2, em_opens_all_mobile: 1, em_opens_all_computer: 1, em_clicks: 1, em_clicks_all: 1, em_clicks_all_tablet: 1, em_bounces: 1, em_optouts: 1, em_forwards: 0, em_not_opened: 2 },
			percents: { bounce: 25, open: 33.3, click: 100, did_not_open: 66.7, unsubscribe: 33.3, desktop_open: 50, mobile_open: 50, desktop_click: 0, mobile_click: 100 },
			last_refresh_time: expect.any(String),
		});
		expect(d.stats.em_sends).toBe(0);
		const unknown = '00000000-0000-4000-8000-000000000000';
		expect((await api.get(`/v3/reports/stats/email_campaigns/${c.campaignId},${unknown}`)).status).toBe(404);
		expect((await api.get(`/v3/reports/stats/email_campaigns/${c.campaignId},nope`)).status).toBe(404);
		const many = Array.from({ length: 151 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`).join(',');
		expect((await api.get(`/v3/reports/stats/email_campaigns/${many}`)).status).toBe(400);

		const byActivity = await api.get(`/v3/reports/stats/email_campaign_activities/${c.primary},${draft.primary},${unknown}`);
		expect(byActivity.status).toBe(200);
		expect(byActivity.body.results).toEqual([
			{ campaign_id: c.campaignId, campaign_activity_id: c.primary, stats: expect.objectContaining({ em_sends: 4, em_abuse: 0, em_bounces: 1, em_bounces_suspended: 1, em_bounces_nonexistent_address: 0 }), last_refresh_time: expect.any(String) },
		]);
		expect(byActivity.body.errors).toEqual([
			{ error_key: 'reports.api.no_stats', error_message: expect.stringContaining(draft.primary) },
			{ error_key: 'reports.api.not_found', error_message: expect.stringContaining(unknown) },
		]);
		expect((await api.get(`/v3/reports/stats/email_campaign_activities/${c.primary},bad-id`)).status).toBe(404);
		const eleven = Array.from({ length: 11 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`).join(',');
		expect((await api.get(`/v3/reports/stats/email_campaign_activities/${eleven}`)).status).toBe(400);
	});

	it('contact activity_details: tracking_activities_list xor repeated tracking_activity_type; newest first; names; limit ≤ 100', async () => {
		const june = await sent('June');
		const july = await sent('July');
		track(june.primary, 'ann@example.com', 'open');
		track(july.primary, 'ann@example.com', 'click');
		const base = `/v3/reports/contact_reports/${ids['ann@example.com']}/activity_details`;

		const listed = await api.get(`${base}?tracking_activities_list=em_sends,em_opens,em_clicks`);
		expect(listed.status).toBe(200);
		expect(listed.body.tracking_activities.map((r: any) => [r.tracking_activity_type, r.campaign_activity_name])).toEqual([
			['em_clicks', 'July'],
			['em_opens', 'June'],
			['em_sends', 'July'],
			['em_sends', 'June'],
		]);
		expect(listed.body.tracking_activities[0]).toMatchObject({ contact_id: ids['ann@example.com'], campaign_activity_id: july.primary, created_time: expect.any(String) });
		const repeated = await api.get(`${base}?tracking_activity_type=em_opens&tracking_activity_type=em_clicks&include_campaign_activity_names=false`);
		expect(repeated.body.tracking_activities.map((r: any) => r.tracking_activity_type)).toEqual(['em_clicks', 'em_opens']);
		expect(repeated.body.tracking_activities[0].campaign_activity_name).toBeUndefined();
		expect((await api.get(`${base}?tracking_activities_list=p_contact_open`)).body.tracking_activities).toEqual([]);

		const both = await api.get(`${base}?tracking_activities_list=em_opens&tracking_activity_type=em_clicks`);
		expect(both.status).toBe(400);
		expect(both.body[0].error_message).toMatch(/mutually exclusive/);
		expect((await api.get(base)).status).toBe(400);
		expect((await api.get(`${base}?tracking_activity_type=em_likes`)).status).toBe(400);
		// tracking_activity_type is repeated, one type each: a comma-separated value is no type.
		expect((await api.get(`${base}?tracking_activity_type=em_opens,em_clicks`)).status).toBe(400);
		expect((await api.get(`${base}?tracking_activities_list=em_opens&limit=101`)).status).toBe(400);

		const page1 = await api.get(`${base}?tracking_activities_list=em_sends&limit=1`);
		expect(page1.body.tracking_activities).toHaveLength(1);
		const page2 = await api.get(page1.body._links.next.href);
		expect(page2.body.tracking_activities.map((r: any) => r.campaign_activity_id)).toEqual([june.primary]);
		expect((await api.get('/v3/reports/contact_reports/00000000-0000-4000-8000-000000000000/activity_details?tracking_activities_list=em_sends')).status).toBe(404);
		// Scope contact_data, not campaign_data.
		const campaignOnly = fakes.admin.issueTokens({ scope: 'campaign_data' }).access_token;
		expect((await api.get(`${base}?tracking_activities_list=em_sends`, { token: campaignOnly })).status).toBe(403);
	});

	it('open_and_click_rates: start and end required, at most 5 years apart; rates over the activities sent in the range', async () => {
		const june = await sent('June');
		await sent('July');
		track(june.primary, 'ann@example.com', 'open');
		track(june.primary, 'ann@example.com', 'click');
		const now = fakes.store.clock.now();
		const url = (start: string, end: string) => `/v3/reports/contact_reports/${ids['ann@example.com']}/open_and_click_rates?start=${encodeURIComponent(start)}&end=${encodeURIComponent(end)}`;
		const iso = (ms: number) => new Date(ms).toISOString();

		const r = await api.get(url(iso(now - 24 * HOUR), iso(now + HOUR)));
		expect(r.body).toEqual({ contact_id: ids['ann@example.com'], included_activities_count: 2, average_open_rate: 0.5, average_click_rate: 0.5 });
		// The spec's own example format (offset without a colon) works.
		const empty = await api.get(url('2019-01-01T00:00:00-0500', '2019-12-01T00:00:00-0500'));
		expect(empty.body).toEqual({ contact_id: ids['ann@example.com'], included_activities_count: 0, average_open_rate: 0, average_click_rate: 0 });

		expect((await api.get(url('2015-01-01T00:00:00Z', '2020-06-01T00:00:00Z'))).status).toBe(400); // > 5 years
		expect((await api.get(url('2015-01-01T00:00:00Z', '2019-12-31T00:00:00Z'))).status).toBe(200);
		expect((await api.get(url('2020-01-01T00:00:00Z', '2019-01-01T00:00:00Z'))).status).toBe(400);
		expect((await api.get(url('soon', '2019-01-01T00:00:00Z'))).status).toBe(400);
		expect((await api.get(`/v3/reports/contact_reports/${ids['ann@example.com']}/open_and_click_rates?start=2019-01-01T00:00:00Z`)).status).toBe(400); // spec: end required
		expectSpecViolations(fakes, 1);
	});

	it('advanceTime ages the data: tracking rows keep their times, later engagement sorts first; seedDemo has a Done campaign with tracking', async () => {
		const c = await sent('Old');
		const sentAt = (await api.get(`/v3/reports/email_reports/${c.primary}/tracking/sends`)).body.tracking_activities[0].created_time;
		fakes.admin.advanceTime(30 * 24 * HOUR);
		track(c.primary, 'ann@example.com', 'open');
		const open = (await api.get(`/v3/reports/email_reports/${c.primary}/tracking/opens`)).body.tracking_activities[0];
		// (timestamps are strictly increasing stamps, which may run a few ms ahead of the clock)
		expect(Date.parse(open.created_time) - Date.parse(sentAt)).toBeGreaterThan(30 * 24 * HOUR - 1000);

		fakes.admin.reset();
		fakes.admin.seedDemo();
		const demo: any = fakes.admin.state().campaigns.find((x: any) => x.name === 'Welcome Newsletter');
		expect(demo.current_status).toBe('Done');
		const primary = demo.campaign_activities[0].campaign_activity_id;
		const base = `/v3/reports/email_reports/${primary}/tracking`;
		expect((await api.get(`${base}/sends`)).body.tracking_activities.map((r: any) => r.email_address).sort()).toEqual(['ada@example.com', 'alan@example.com', 'grace@example.com']);
		expect((await api.get(`${base}/opens`)).body.tracking_activities).toHaveLength(2);
		expect((await api.get(`${base}/clicks`)).body.tracking_activities).toHaveLength(1);
		expect((await api.get(`${base}/didnotopens`)).body.tracking_activities.map((r: any) => r.email_address)).toEqual(['alan@example.com']);
		expect((await api.get('/v3/reports/summary_reports/email_campaign_summaries')).body.bulk_email_campaign_summaries).toHaveLength(1);
		// seedDemo twice does not duplicate the campaign.
		fakes.admin.seedDemo();
		expect(fakes.admin.state().campaigns).toHaveLength(1);
	});
});
