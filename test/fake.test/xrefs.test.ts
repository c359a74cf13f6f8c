import { startFakes } from '../fake';
import { expectSpecViolations, apiClient, createCampaign, type ApiClient, type Fakes } from './helpers';

describe('fake API: V2 → V3 cross references (brief §12)', () => {
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

	it('seeded contacts, lists and campaigns get V2 IDs (given or generated); records created through the API have none', async () => {
		const seeded = fakes.admin.seed({
			lists: [{ name: 'Old list', sequence_id: 7 }, { name: 'Other list' }],
			contacts: [
				{ email: 'old@example.com', sequence_id: '1882999944', list_names: ['Old list'] },
				{ email: 'auto@example.com' },
				{ email: 'gone@example.com', deleted: true },
			],
			campaigns: [{ name: 'Old campaign', v2_email_campaign_id: '1100567546598', list_names: ['Old list'] }, { name: 'Generated' }],
		});
		expect(seeded.campaigns.map((c: any) => c.v2_email_campaign_id)).toEqual(['1100567546598', expect.stringMatching(/^\d+$/)]);
		const bulk = fakes.admin.bulkContacts(2);
		await api.post('/v3/contacts', { email_address: { address: 'new@example.com' }, create_source: 'Account' });
		await api.post('/v3/contact_lists', { name: 'New list' });
		await createCampaign(api, 'New campaign');

		const { xrefs } = fakes.admin.state();
		expect(xrefs.contacts).toEqual([
			{ sequence_id: '1882999944', contact_id: seeded.contacts[0].contact_id },
			{ sequence_id: '1001', contact_id: seeded.contacts[1].contact_id },
			{ sequence_id: '1002', contact_id: seeded.contacts[2].contact_id },
			{ sequence_id: '1003', contact_id: bulk[0] },
			{ sequence_id: '1004', contact_id: bulk[1] },
		]);
		expect(xrefs.lists.map((l: any) => l.sequence_id)).toEqual(['7', '1']);
		expect(xrefs.campaigns).toHaveLength(2);
		expect(() => fakes.admin.seed({ contacts: [{ email: 'dup@example.com', sequence_id: 1001 }] })).toThrow(/taken/);
		expect(() => fakes.admin.seed({ lists: [{ name: 'Bad', sequence_id: 'x1' }] })).toThrow(/number/);
	});

	it('GET /contacts/contact_id_xrefs: known IDs sorted by sequence_id, unknown ones absent, deleted contacts included; ≤ 500 numeric IDs', async () => {
		const seeded = fakes.admin.seed({
			contacts: [
				{ email: 'a@example.com', sequence_id: 300 },
				{ email: 'b@example.com', sequence_id: 20 },
				{ email: 'c@example.com', sequence_id: 1000, deleted: true },
			],
		});
		const id = (i: number) => seeded.contacts[i].contact_id;
		const r = await api.get('/v3/contacts/contact_id_xrefs?sequence_ids=1000,300,999,20,300');
		expect(r.status).toBe(200);
		expect(r.body).toEqual({
			xrefs: [
				{ sequence_id: '20', contact_id: id(1) },
				{ sequence_id: '300', contact_id: id(0) },
				{ sequence_id: '1000', contact_id: id(2) },
			],
		});
		expect((await api.get('/v3/contacts/contact_id_xrefs?sequence_ids=5')).body).toEqual({ xrefs: [] });
		const max = Array.from({ length: 500 }, (_, i) => i + 1).join(',');
		expect((await api.get(`/v3/contacts/contact_id_xrefs?sequence_ids=${max}`)).status).toBe(200);
		const over = await api.get(`/v3/contacts/contact_id_xrefs?sequence_ids=${max},501`);
		expect(over.status).toBe(400);
		expect(over.body[0].error_message).toMatch(/500/);
		expect((await api.get('/v3/contacts/contact_id_xrefs?sequence_ids=abc')).status).toBe(400);
		expect((await api.get('/v3/contacts/contact_id_xrefs?sequence_ids=')).status).toBe(400);
		expect((await api.get('/v3/contacts/contact_id_xrefs')).status).toBe(400); // spec: required
		expectSpecViolations(fakes, 1);
	});

	it('GET /contact_lists/list_id_xrefs: same rules for lists (deleted lists included)', async () => {
		const seeded = fakes.admin.seed({ lists: [{ name: 'One', sequence_id: 11 }, { name: 'Two', sequence_id: 2 }] });
		await api.del(`/v3/contact_lists/${seeded.lists[0].list_id}`);
		fakes.admin.completeActivities();
		const r = await api.get('/v3/contact_lists/list_id_xrefs?sequence_ids=11,2,3');
		expect(r.body).toEqual({
			xrefs: [
				{ sequence_id: '2', list_id: seeded.lists[1].list_id },
				{ sequence_id: '11', list_id: seeded.lists[0].list_id },
			],
		});
		const over = Array.from({ length: 501 }, (_, i) => i + 1).join(',');
		expect((await api.get(`/v3/contact_lists/list_id_xrefs?sequence_ids=${over}`)).status).toBe(400);
	});

	it('GET /emails/campaign_id_xrefs: campaign_id and the primary_email activity; ≤ 50 IDs; unknown ones absent', async () => {
		const seeded = fakes.admin.seed({ campaigns: [{ name: 'V2 one', v2_email_campaign_id: 1604567396117 }, { name: 'V2 two', v2_email_campaign_id: '12002485195578' }] });
		const state = fakes.admin.state();
		const primaryOf = (name: string) => (state.campaigns.find((c: any) => c.name === name) as any).campaign_activities.find((a: any) => a.role === 'primary_email').campaign_activity_id;
		const r = await api.get('/v3/emails/campaign_id_xrefs?v2_email_campaign_ids=12002485195578,1,1604567396117');
		expect(r.status).toBe(200);
		expect(r.body).toEqual({
			xrefs: [
				{ v2_email_campaign_id: '12002485195578', campaign_id: seeded.campaigns[1].campaign_id, campaign_activity_id: primaryOf('V2 two') },
				{ v2_email_campaign_id: '1604567396117', campaign_id: seeded.campaigns[0].campaign_id, campaign_activity_id: primaryOf('V2 one') },
			],
		});
		const fifty = Array.from({ length: 50 }, (_, i) => i + 1).join(',');
		expect((await api.get(`/v3/emails/campaign_id_xrefs?v2_email_campaign_ids=${fifty}`)).status).toBe(200);
		const over = await api.get(`/v3/emails/campaign_id_xrefs?v2_email_campaign_ids=${fifty},51`);
		expect(over.status).toBe(400);
		expect(over.body[0].error_key).toBe('emails.api.validation.error');
		// Scope: campaign_data for the campaign xrefs, contact_data for contacts and lists.
		const contactOnly = fakes.admin.issueTokens({ scope: 'contact_data' }).access_token;
		expect((await api.get('/v3/emails/campaign_id_xrefs?v2_email_campaign_ids=1', { token: contactOnly })).status).toBe(403);
		expect((await api.get('/v3/contact_lists/list_id_xrefs?sequence_ids=1', { token: contactOnly })).status).toBe(200);
	});
});
