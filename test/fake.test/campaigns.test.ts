import { startFakes } from '../fake';
import { expectSpecViolations, HTML, adminHttp, apiClient, campaignBody, createCampaign, setRecipients, type ApiClient, type Fakes } from './helpers';

const DAY = 24 * 3600 * 1000;
const ALL_INCLUDES = 'physical_address_in_footer,permalink_url,html_content,document_properties';

/**
 * Recipients used throughout: on Newsletter a (explicit), b (implicit), u (unsubscribed),
 * d (deleted), p (pending_confirmation); on Customers b and c. Segment "Seg" = a, c, u.
 */
function seedAudience(fakes: Fakes) {
	const seeded = fakes.admin.seed({
		lists: [{ name: 'Newsletter' }, { name: 'Customers' }],
		contacts: [
			{ email: 'a@example.com', first_name: 'A', permission_to_send: 'explicit', list_names: ['Newsletter'] },
			{ email: 'b@example.com', first_name: 'B', permission_to_send: 'implicit', list_names: ['Newsletter', 'Customers'] },
			{ email: 'u@example.com', first_name: 'U', permission_to_send: 'unsubscribed', list_names: ['Newsletter'] },
			{ email: 'd@example.com', first_name: 'D', permission_to_send: 'implicit', list_names: ['Newsletter'], deleted: true },
			{ email: 'p@example.com', first_name: 'P', permission_to_send: 'pending_confirmation', list_names: ['Newsletter'] },
			{ email: 'c@example.com', first_name: 'C', permission_to_send: 'implicit', list_names: ['Customers'] },
		],
		segments: [{ name: 'Seg', emails: ['a@example.com', 'c@example.com', 'u@example.com'] }],
	});
	const list = (name: string) => (seeded.lists.find((l: any) => l.name === name) as any).list_id as string;
	return { newsletter: list('Newsletter'), customers: list('Customers'), segmentId: seeded.segments[0].segment_id as number };
}

describe('fake API: e-mail campaigns (brief §8)', () => {
	let fakes: Fakes;
	let api: ApiClient;

	beforeEach(async () => {
		fakes = await startFakes({ rateLimitPerSecond: 0 });
		api = apiClient(fakes);
	});
	afterEach(async () => {
		try {
			expect(api.responseErrors()).toEqual([]);
			expect(fakes.violations).toEqual([]);
		} finally {
			await fakes.stop();
		}
	});

	const sentTo = (activityId: string) =>
		fakes.admin
			.state()
			.tracking.filter((r: any) => r.campaign_activity_id === activityId && r.tracking_activity_type === 'em_sends')
			.map((r: any) => r.email_address)
			.sort();

	it('POST /emails answers 200 (not 201) with primary_email and permalink activities; the activity keeps sub-resources behind include=', async () => {
		const r = await api.post('/v3/emails', campaignBody('Spring', { preheader: 'Hi' }));
		expect(r.status).toBe(200);
		expect(r.body).toEqual({
			campaign_activities: [
				{ campaign_activity_id: expect.any(String), role: 'primary_email' },
				{ campaign_activity_id: expect.any(String), role: 'permalink' },
			],
			campaign_id: expect.any(String),
			created_at: expect.any(String),
			current_status: 'Draft',
			name: 'Spring',
			type: 'NEWSLETTER',
			type_code: 10,
			updated_at: r.body.created_at,
		});
		const [primary, permalink] = r.body.campaign_activities.map((a: any) => a.campaign_activity_id);
		expect((await api.get(`/v3/emails/${r.body.campaign_id}`)).body).toEqual(r.body);

		const plain = await api.get(`/v3/emails/activities/${primary}`);
		expect(plain.body).toEqual({
			campaign_activity_id: primary,
			campaign_id: r.body.campaign_id,
			role: 'primary_email',
			contact_list_ids: [],
			segment_ids: [],
			current_status: 'DRAFT',
			format_type: 5,
			from_email: 'owner@example.com',
			from_name: 'Example Org',
			reply_to_email: 'owner@example.com',
			subject: 'Subject of Spring',
			preheader: 'Hi',
		});
		const full = await api.get(`/v3/emails/activities/${primary}?include=${ALL_INCLUDES}`);
		expect(full.body.html_content).toBe(HTML);
		// No footer given: the account's physical address, with its organization name.
		expect(full.body.physical_address_in_footer).toEqual({ address_line1: '123 Main Street', city: 'Boston', country_code: 'US', organization_name: 'Example Org', postal_code: '02108', state_code: 'MA' });
		expect(full.body.document_properties).toEqual({});
		expect(full.body.permalink_url).toBeUndefined(); // only after the send
		// The permalink activity shows the primary's content.
		const p = await api.get(`/v3/emails/activities/${permalink}?include=html_content`);
		expect(p.body).toMatchObject({ role: 'permalink', current_status: 'DRAFT', subject: 'Subject of Spring', html_content: HTML });
	});

	it('POST /emails refusals: duplicate name 409; one activity with format_type 5 only; CONFIRMED senders; html_content limits and markers', async () => {
		await createCampaign(api, 'Taken');
		const dup = await api.post('/v3/emails', campaignBody('TAKEN'));
		expect(dup.status).toBe(409);
		expect(dup.body).toEqual([{ error_key: 'emails.api.conflict', error_message: expect.stringContaining('already exists') }]);

		const refused: Array<[string, unknown]> = [
			['two activities', { ...campaignBody('X'), email_campaign_activities: [campaignBody('X').email_campaign_activities[0], campaignBody('X').email_campaign_activities[0]] }],
			['no activity', { name: 'X', email_campaign_activities: [] }],
			['format 1', campaignBody('X', { format_type: 1 })],
			['unconfirmed from_email', campaignBody('X', { from_email: 'pending@example.com' })],
			['unknown reply_to_email', campaignBody('X', { reply_to_email: 'stranger@example.com' })],
			['FreeMarker [#', campaignBody('X', { html_content: '<html><body>[#if x]y[/#if]</body></html>' })],
			['${', campaignBody('X', { html_content: '<html><body>${name}</body></html>' })],
			['<@', campaignBody('X', { html_content: '<html><body><@macro/></body></html>' })],
			['US footer without state_code', campaignBody('X', { physical_address_in_footer: { address_line1: '1 Main', country_code: 'US', organization_name: 'Org' } })],
		];
		for (const [why, body] of refused) {
			const r = await api.post('/v3/emails', body);
			expect([why, r.status]).toEqual([why, 400]);
			expect(r.body[0].error_key).toBe('emails.api.validation.error');
		}
		// Limits (also in the spec): name ≤ 80 and html_content ≤ 150,000 characters.
		const longName = await api.post('/v3/emails', campaignBody('n'.repeat(81)));
		expect([longName.status, longName.body[0].error_message]).toEqual([400, expect.stringMatching(/name.*80/)]);
		const wrap = (s: string) => `<html><body>[[trackingImage]]${s}</body></html>`;
		const big = wrap('x'.repeat(150_001 - wrap('').length));
		expect(big.length).toBe(150_001);
		const bigHtml = await api.post('/v3/emails', campaignBody('Big', { html_content: big }));
		expect([bigHtml.status, bigHtml.body[0].error_message]).toEqual([400, expect.stringMatching(/html_content.*150000/)]);
		expectSpecViolations(fakes, 2);
		expect((await api.post('/v3/emails', campaignBody('n'.repeat(80), { html_content: wrap('x'.repeat(150_000 - wrap('').length)) }))).status).toBe(200);
		// A confirmed secondary address works; so does a non-US footer without state_code.
		expect((await api.post('/v3/emails', campaignBody('News', { from_email: 'news@example.com', physical_address_in_footer: { address_line1: '1 Rue', country_code: 'FR', organization_name: 'Org' } }))).status).toBe(200);
		expect(fakes.admin.state().campaigns.map((c: any) => c.name)).toEqual(['Taken', 'n'.repeat(80), 'News']);
	});

	it('GET /emails: Removed campaigns included, newest first; limit 1–500 with cursor paging; after_date/before_date on updated_at', async () => {
		const ids: string[] = [];
		for (const n of ['one', 'two', 'three', 'four', 'five']) ids.push((await createCampaign(api, n)).campaignId);
		expect((await api.del(`/v3/emails/${ids[1]}`)).status).toBe(204);

		const first = await api.get('/v3/emails?limit=2');
		expect(first.body.campaigns.map((c: any) => c.name)).toEqual(['five', 'four']);
		expect(first.body.campaigns[0]).toEqual({ campaign_id: ids[4], created_at: expect.any(String), current_status: 'Draft', name: 'five', type: 'NEWSLETTER', type_code: 10, updated_at: expect.any(String) });
		expect(first.body.campaigns[0].campaign_activities).toBeUndefined();
		expect(first.body._links.next.href).toMatch(/^\/v3\/emails\?cursor=/);
		const second = await api.get(first.body._links.next.href);
		const third = await api.get(second.body._links.next.href);
		expect(third.body._links).toBeUndefined();
		const names = [...first.body.campaigns, ...second.body.campaigns, ...third.body.campaigns].map((c: any) => `${c.name}:${c.current_status}`);
		expect(names).toEqual(['five:Draft', 'four:Draft', 'three:Draft', 'two:Removed', 'one:Draft']);

		for (const bad of ['0', '501']) {
			const r = await api.get(`/v3/emails?limit=${bad}`);
			expect(r.status).toBe(400);
			expect(r.body[0].error_key).toBe('emails.api.validation.error');
		}
		expect((await api.get('/v3/emails?limit=500')).status).toBe(200);

		// Renaming "one" makes it the most recently updated campaign.
		const renamed = await api.patch(`/v3/emails/${ids[0]}`, { name: 'one (renamed)' });
		const t = renamed.body.updated_at as string;
		const after = await api.get(`/v3/emails?after_date=${t}`);
		expect(after.body.campaigns.map((c: any) => c.name)).toEqual(['one (renamed)']); // inclusive
		const later = new Date(Date.parse(t) + 1).toISOString();
		expect((await api.get(`/v3/emails?after_date=${later}`)).body.campaigns).toEqual([]);
		const before = await api.get(`/v3/emails?before_date=${t}`);
		expect(before.body.campaigns.map((c: any) => c.name)).toEqual(['five', 'four', 'three', 'two']); // exclusive
		expect((await api.get(`/v3/emails?after_date=${t}&before_date=${later}`)).body.campaigns).toHaveLength(1);
		expect((await api.get('/v3/emails?after_date=yesterday')).status).toBe(400); // spec: date-time
		expectSpecViolations(fakes, 1);
	});

	it('PATCH /emails/{id} renames (unique → 409, not when Removed → 400); DELETE → 204 Removed, refused while Scheduled (400)', async () => {
		const { newsletter } = seedAudience(fakes);
		const a = await createCampaign(api, 'Alpha');
		await createCampaign(api, 'Beta');
		const renamed = await api.patch(`/v3/emails/${a.campaignId}`, { name: 'Alpha 2' });
		expect(renamed.status).toBe(200);
		expect(renamed.body).toMatchObject({ name: 'Alpha 2', current_status: 'Draft', campaign_activities: expect.any(Array) });
		expect(renamed.body.updated_at > a.body.updated_at).toBe(true);
		expect((await api.patch(`/v3/emails/${a.campaignId}`, { name: 'beta' })).status).toBe(409);
		expect((await api.patch(`/v3/emails/${a.campaignId}`, { name: ' ' })).status).toBe(400);
		expect((await api.patch('/v3/emails/00000000-0000-4000-8000-000000000000', { name: 'X' })).status).toBe(404);
		expect((await api.patch('/v3/emails/not-a-uuid', { name: 'X' })).status).toBe(404);

		// Scheduled campaigns cannot be deleted; unscheduled they can.
		await setRecipients(api, a.primary, { contact_list_ids: [newsletter] });
		const future = new Date(fakes.store.clock.now() + DAY).toISOString();
		expect((await api.post(`/v3/emails/activities/${a.primary}/schedules`, { scheduled_date: future })).status).toBe(201);
		const refused = await api.del(`/v3/emails/${a.campaignId}`);
		expect(refused.status).toBe(400);
		expect(refused.body[0].error_message).toMatch(/Scheduled/);
		expect((await api.del(`/v3/emails/activities/${a.primary}/schedules`)).status).toBe(204);
		expect((await api.del(`/v3/emails/${a.campaignId}`)).status).toBe(204);

		const removed = await api.get(`/v3/emails/${a.campaignId}`);
		expect(removed.body.current_status).toBe('Removed');
		expect((await api.get(`/v3/emails/activities/${a.primary}`)).status).toBe(404); // REMOVED activities can't be fetched
		expect((await api.get(`/v3/emails/activities/${a.permalink}`)).status).toBe(404);
		expect((await api.del(`/v3/emails/${a.campaignId}`)).status).toBe(404);
		const noRename = await api.patch(`/v3/emails/${a.campaignId}`, { name: 'Alpha 3' });
		expect(noRename.status).toBe(400);
		expect(noRename.body[0].error_message).toMatch(/Removed/);
		// A Removed campaign's name stays taken (it can be restored in the UI).
		expect((await api.post('/v3/emails', campaignBody('Alpha 2'))).status).toBe(409);
		expect(fakes.admin.state().campaignActivities.filter((x: any) => x.current_status === 'REMOVED')).toHaveLength(2);
	});

	it('PUT /emails/activities/{id}: required senders; omitted properties removed, omitted sub-resources kept; lists xor one segment', async () => {
		const { newsletter, customers, segmentId } = seedAudience(fakes);
		const c = await createCampaign(api, 'Edit me', { preheader: 'Pre' });
		const url = `/v3/emails/activities/${c.primary}`;

		// The GET-modify-PUT round trip with every field the GET returned passes the spec check.
		const cur = await api.get(`${url}?include=${ALL_INCLUDES}`);
		const round = await api.put(url, { ...cur.body, subject: 'New subject', contact_list_ids: [newsletter, customers] });
		expect(round.status).toBe(200);
		expect(round.body).toMatchObject({ subject: 'New subject', preheader: 'Pre', contact_list_ids: [newsletter, customers], segment_ids: [], html_content: HTML });

		// Only the required properties: preheader and the lists go, html_content and the footer stay.
		const minimal = await api.put(url, { from_name: 'Me', from_email: 'news@example.com', reply_to_email: 'owner@example.com', subject: 'S2' });
		expect(minimal.status).toBe(200);
		expect(minimal.body.preheader).toBeUndefined();
		expect(minimal.body.contact_list_ids).toEqual([]);
		expect(minimal.body.html_content).toBe(HTML);
		expect(minimal.body.physical_address_in_footer.organization_name).toBe('Example Org');
		const got = await api.get(url);
		expect(got.body).toMatchObject({ from_name: 'Me', from_email: 'news@example.com', subject: 'S2' });
		expect(got.body.preheader).toBeUndefined();

		// Given sub-resources: html_content replaced; footer properties merged.
		const html2 = '<html><body>[[trackingImage]]v2</body></html>';
		const merged = await api.put(url, { from_name: 'Me', from_email: 'owner@example.com', reply_to_email: 'owner@example.com', subject: 'S3', html_content: html2, physical_address_in_footer: { address_line1: '9 Elm St', country_code: 'US', organization_name: 'Other Org', state_code: 'NY' }, segment_ids: [segmentId] });
		expect(merged.body).toMatchObject({ html_content: html2, segment_ids: [segmentId], contact_list_ids: [] });
		expect(merged.body.physical_address_in_footer).toEqual({ address_line1: '9 Elm St', city: 'Boston', country_code: 'US', organization_name: 'Other Org', postal_code: '02108', state_code: 'NY' });

		const senders = { from_name: 'Me', from_email: 'owner@example.com', reply_to_email: 'owner@example.com', subject: 'S' };
		const refusals: Array<[string, unknown]> = [
			['lists and segment', { ...senders, contact_list_ids: [newsletter], segment_ids: [segmentId] }],
			['two segments', { ...senders, segment_ids: [segmentId, segmentId + 1] }],
			['unknown list', { ...senders, contact_list_ids: ['00000000-0000-4000-8000-000000000000'] }],
			['unknown segment', { ...senders, segment_ids: [999] }],
			['unconfirmed from_email', { ...senders, from_email: 'pending@example.com' }],
			['marker', { ...senders, html_content: '<html><body>${x}</body></html>' }],
			['html too long', { ...senders, html_content: 'x'.repeat(150_001) }],
		];
		for (const [why, body] of refusals) {
			const r = await api.put(url, body);
			expect([why, r.status]).toEqual([why, 400]);
		}
		// Spec: from_name, from_email, reply_to_email and subject are required.
		expect((await api.put(url, { from_name: 'Me', from_email: 'owner@example.com', reply_to_email: 'owner@example.com' })).status).toBe(400);
		expectSpecViolations(fakes, 1);
		// The permalink activity is not editable.
		const perm = await api.put(`/v3/emails/activities/${c.permalink}`, senders);
		expect(perm.status).toBe(400);
		expect(perm.body[0].error_message).toMatch(/primary_email/);
		expect((await api.put('/v3/emails/activities/00000000-0000-4000-8000-000000000000', senders)).status).toBe(404);
	});

	it('schedules: recipients, physical address and a future date required; GET shows the date; DELETE returns to the previous status', async () => {
		const { newsletter } = seedAudience(fakes);
		const c = await createCampaign(api, 'Later');
		const sched = `/v3/emails/activities/${c.primary}/schedules`;
		const future = new Date(fakes.store.clock.now() + 2 * DAY).toISOString();

		const noRecipients = await api.post(sched, { scheduled_date: '0' });
		expect(noRecipients.status).toBe(400);
		expect(noRecipients.body[0].error_message).toMatch(/recipients/);
		await setRecipients(api, c.primary, { contact_list_ids: [newsletter] });

		fakes.admin.removePhysicalAddress();
		const noAddress = await api.post(sched, { scheduled_date: '0' });
		expect(noAddress.status).toBe(400);
		expect(noAddress.body[0].error_message).toMatch(/physical address/);
		fakes.admin.setPhysicalAddress({ address_line1: '1 Main St', city: 'Boston', state_code: 'MA', country_code: 'US' });

		const past = await api.post(sched, { scheduled_date: new Date(fakes.store.clock.now() - 1000).toISOString() });
		expect(past.status).toBe(400);
		expect(past.body[0].error_message).toMatch(/future/);
		expect((await api.post(sched, { scheduled_date: 'tomorrow' })).status).toBe(400); // spec (overridden: "0", a date or a date-time)
		expectSpecViolations(fakes, 1);
		expect((await api.post(`/v3/emails/activities/${c.permalink}/schedules`, { scheduled_date: '0' })).status).toBe(400);

		expect((await api.get(sched)).body).toEqual([]);
		const ok = await api.post(sched, { scheduled_date: future });
		expect(ok.status).toBe(201);
		expect(ok.body).toEqual([{ scheduled_date: future }]);
		expect((await api.get(sched)).body).toEqual([{ scheduled_date: future }]);
		expect((await api.get(`/v3/emails/${c.campaignId}`)).body.current_status).toBe('Scheduled');
		expect(fakes.admin.state().schedules).toEqual([{ campaign_activity_id: c.primary, current_status: 'SCHEDULED', scheduled_date: future, due: false, polls: 0 }]);
		const again = await api.post(sched, { scheduled_date: '0' });
		expect(again.status).toBe(400);
		expect(again.body[0].error_message).toMatch(/SCHEDULED/);
		const put = await api.put(`/v3/emails/activities/${c.primary}`, { from_name: 'A', from_email: 'owner@example.com', reply_to_email: 'owner@example.com', subject: 'S' });
		expect(put.status).toBe(400); // only DRAFT or DONE

		expect((await api.del(sched)).status).toBe(204);
		expect((await api.get(`/v3/emails/activities/${c.primary}`)).body.current_status).toBe('DRAFT');
		expect((await api.get(sched)).body).toEqual([]);
		expect((await api.del(sched)).status).toBe(400);

		// A date alone means 00:00 UTC of that day.
		const day = new Date(fakes.store.clock.now() + 3 * DAY).toISOString().slice(0, 10);
		expect((await api.post(sched, { scheduled_date: day })).body).toEqual([{ scheduled_date: `${day}T00:00:00.000Z` }]);
	});

	it('"0" sends: DRAFT → SCHEDULED → EXECUTING → DONE over GETs, to exactly the eligible list members; history, permalink, updated_at', async () => {
		const { newsletter } = seedAudience(fakes);
		const c = await createCampaign(api, 'Now');
		await setRecipients(api, c.primary, { contact_list_ids: [newsletter] });
		const draft = await api.get(`/v3/emails/${c.campaignId}`);
		expect(draft.body.current_status).toBe('Draft');

		const scheduled = await api.post(`/v3/emails/activities/${c.primary}/schedules`, { scheduled_date: '0' });
		expect(scheduled.status).toBe(201);
		expect(scheduled.body).toEqual([]);
		expect(sentTo(c.primary)).toEqual([]);
		// campaignCompletesAfterPolls = 2: poll 1 SCHEDULED, poll 2 EXECUTING, poll 3 DONE.
		expect((await api.get(`/v3/emails/${c.campaignId}`)).body.current_status).toBe('Scheduled');
		expect((await api.get(`/v3/emails/activities/${c.primary}`)).body.current_status).toBe('EXECUTING');
		expect((await api.get('/v3/emails')).body.campaigns[0].current_status).toBe('Executing'); // listing does not advance
		expect((await api.get(`/v3/emails/activities/${c.primary}/schedules`)).body).toEqual([]); // not SCHEDULED any more
		const done = await api.get(`/v3/emails/${c.campaignId}`);
		expect(done.body.current_status).toBe('Done');
		expect(done.body.updated_at > draft.body.updated_at).toBe(true);

		// a (explicit) and b (implicit); not u (unsubscribed), d (deleted), p (pending), c (other list).
		expect(sentTo(c.primary)).toEqual(['a@example.com', 'b@example.com']);
		const history = await api.get(`/v3/emails/activities/${c.primary}/send_history`);
		expect(history.body).toEqual([{ send_id: 1, contact_list_ids: [newsletter], segment_ids: [], count: 2, run_date: done.body.updated_at, send_status: 'COMPLETED', reason_code: 0 }]);
		const activity = await api.get(`/v3/emails/activities/${c.primary}?include=permalink_url`);
		expect(activity.body.current_status).toBe('DONE');
		expect(activity.body.permalink_url).toMatch(/^https:\/\/myemail\.constantcontact\.com\/Now\.html\?/);
		expect((await api.get(`/v3/emails/activities/${c.permalink}`)).body.current_status).toBe('DONE');
		expect(fakes.admin.state().sendHistory).toEqual([{ campaign_activity_id: c.primary, ...history.body[0] }]);
		// A Done campaign can be deleted.
		expect((await api.del(`/v3/emails/${c.campaignId}`)).status).toBe(204);
	});

	it('segment recipients; a DONE activity sent again reaches only new contacts; nobody eligible → reason_code 12 with count 0', async () => {
		const { customers, segmentId } = seedAudience(fakes);
		const seg = await createCampaign(api, 'To segment');
		await setRecipients(api, seg.primary, { segment_ids: [segmentId] });
		await api.post(`/v3/emails/activities/${seg.primary}/schedules`, { scheduled_date: '0' });
		expect(fakes.admin.completeSends()).toBe(1);
		expect(sentTo(seg.primary)).toEqual(['a@example.com', 'c@example.com']); // u is unsubscribed

		const c = await createCampaign(api, 'Customers');
		await setRecipients(api, c.primary, { contact_list_ids: [customers] });
		await api.post(`/v3/emails/activities/${c.primary}/schedules`, { scheduled_date: '0' });
		fakes.admin.completeSends();
		expect(sentTo(c.primary)).toEqual(['b@example.com', 'c@example.com']);

		// A new customer joins; the DONE activity can be edited and scheduled again.
		fakes.admin.seed({ contacts: [{ email: 'new@example.com', permission_to_send: 'implicit', list_names: ['Customers'] }] });
		expect((await api.put(`/v3/emails/activities/${c.primary}`, { from_name: 'X', from_email: 'owner@example.com', reply_to_email: 'owner@example.com', subject: 'Again', contact_list_ids: [customers] })).status).toBe(200);
		expect((await api.post(`/v3/emails/activities/${c.primary}/schedules`, { scheduled_date: '0' })).status).toBe(201);
		fakes.admin.completeSends();
		expect(sentTo(c.primary)).toEqual(['b@example.com', 'c@example.com', 'new@example.com']);
		await api.post(`/v3/emails/activities/${c.primary}/schedules`, { scheduled_date: '0' });
		fakes.admin.completeSends();
		const history = (await api.get(`/v3/emails/activities/${c.primary}/send_history`)).body;
		expect(history.map((h: any) => [h.send_id, h.count, h.send_status, h.reason_code])).toEqual([
			[1, 2, 'COMPLETED', 0],
			[2, 1, 'COMPLETED', 0],
			[3, 0, 'COMPLETED', 12],
		]);
	});

	it('a future schedule stays SCHEDULED until advanceTime passes it; then polls send it (campaignCompletesAfterPolls 1)', async () => {
		await fakes.stop();
		fakes = await startFakes({ rateLimitPerSecond: 0, campaignCompletesAfterPolls: 1 });
		api = apiClient(fakes);
		const { newsletter } = seedAudience(fakes);
		const c = await createCampaign(api, 'Friday');
		await setRecipients(api, c.primary, { contact_list_ids: [newsletter] });
		const at = new Date(fakes.store.clock.now() + DAY).toISOString();
		await api.post(`/v3/emails/activities/${c.primary}/schedules`, { scheduled_date: at });
		for (let i = 0; i < 3; i++) expect((await api.get(`/v3/emails/${c.campaignId}`)).body.current_status).toBe('Scheduled');
		expect(fakes.admin.completeSends()).toBe(0); // not due yet

		fakes.admin.advanceTime(DAY + 1000);
		expect(fakes.admin.state().schedules[0].due).toBe(true);
		expect((await api.get(`/v3/emails/${c.campaignId}`)).body.current_status).toBe('Scheduled');
		expect((await api.get(`/v3/emails/${c.campaignId}`)).body.current_status).toBe('Done');
		expect(sentTo(c.primary)).toEqual(['a@example.com', 'b@example.com']);
		const [h] = (await api.get(`/v3/emails/activities/${c.primary}/send_history`)).body;
		expect(Date.parse(h.run_date)).toBeGreaterThan(Date.parse(at));
	});

	it('admin.failNextSend: the send ends in ERROR (history ERRORED); an ERROR activity can be scheduled again', async () => {
		const { newsletter } = seedAudience(fakes);
		const c = await createCampaign(api, 'Flaky');
		await setRecipients(api, c.primary, { contact_list_ids: [newsletter] });
		expect((await adminHttp(fakes, 'POST', 'fail-next-send', { reason_code: 3 })).status).toBe(204);
		await api.post(`/v3/emails/activities/${c.primary}/schedules`, { scheduled_date: '0' });
		expect((await adminHttp(fakes, 'POST', 'complete-sends')).body).toEqual({ completed: 1 });
		expect((await api.get(`/v3/emails/${c.campaignId}`)).body.current_status).toBe('Error');
		expect(sentTo(c.primary)).toEqual([]);
		expect((await api.post(`/v3/emails/activities/${c.primary}/schedules`, { scheduled_date: '0' })).status).toBe(201);
		fakes.admin.completeSends();
		const history = (await api.get(`/v3/emails/activities/${c.primary}/send_history`)).body;
		expect(history.map((h: any) => [h.send_status, h.reason_code, h.count])).toEqual([
			['ERRORED', 3, 0],
			['COMPLETED', 0, 2],
		]);
	});

	it('POST …/tests: 1–5 valid addresses per call, primary_email only, 50 recipients per day (then 429); 204', async () => {
		const c = await createCampaign(api, 'Test me');
		const tests = `/v3/emails/activities/${c.primary}/tests`;
		const five = ['t1@example.com', 't2@example.com', 't3@example.com', 't4@example.com', 't5@example.com'];
		const ok = await api.post(tests, { email_addresses: five, personal_message: 'Have a look' });
		expect(ok.status).toBe(204);
		expect(ok.body).toBeUndefined();
		expect((await api.post(tests, { email_addresses: [...five, 't6@example.com'] })).status).toBe(400); // spec maxItems 5
		expectSpecViolations(fakes, 1);
		expect((await api.post(tests, { email_addresses: [] })).status).toBe(400);
		expect((await api.post(tests, { email_addresses: ['not-an-address'] })).status).toBe(400);
		expect((await api.post(`/v3/emails/activities/${c.permalink}/tests`, { email_addresses: ['t1@example.com'] })).status).toBe(400);

		for (let i = 1; i < 10; i++) expect((await api.post(tests, { email_addresses: five })).status).toBe(204); // 50 in all
		const limited = await api.post(tests, { email_addresses: ['t1@example.com'] });
		expect(limited.status).toBe(429);
		expect(limited.body).toEqual([{ error_key: 'emails.api.test_send.limit_exceeded', error_message: expect.stringContaining('50') }]);
		expect(fakes.admin.state().testSends).toHaveLength(10);
		fakes.admin.advanceTime(DAY);
		expect((await api.post(tests, { email_addresses: ['t1@example.com'] })).status).toBe(204);
	});

	it('previews and send_history; unknown IDs answer 404; campaign_data scope required', async () => {
		const c = await createCampaign(api, 'Preview', { preheader: 'Pre' });
		const preview = await api.get(`/v3/emails/activities/${c.primary}/previews`);
		expect(preview.body).toEqual({
			campaign_activity_id: c.primary,
			from_email: 'owner@example.com',
			from_name: 'Example Org',
			preheader: 'Pre',
			preview_html_content: '<html><body><p>Hello <a href="https://www.example.com/">there</a></p></body></html>',
			preview_text_content: 'Hello there',
			reply_to_email: 'owner@example.com',
			subject: 'Subject of Preview',
		});
		expect((await api.get(`/v3/emails/activities/${c.primary}/send_history`)).body).toEqual([]);
		const unknown = '00000000-0000-4000-8000-000000000000';
		for (const path of [`/v3/emails/${unknown}`, `/v3/emails/activities/${unknown}`, `/v3/emails/activities/${unknown}/schedules`, `/v3/emails/activities/${unknown}/send_history`, `/v3/emails/activities/${unknown}/previews`, '/v3/emails/nope']) {
			const r = await api.get(path);
			expect([path, r.status]).toEqual([path, 404]);
		}
		const contactOnly = fakes.admin.issueTokens({ scope: 'contact_data' }).access_token;
		expect((await api.get('/v3/emails', { token: contactOnly })).status).toBe(403);
		expect((await api.post('/v3/emails', campaignBody('X'), { token: contactOnly })).status).toBe(403);
	});
});
