/**
 * Constant Contact Trigger: the editor's "Fetch Test Event" (manual mode) and the settings that
 * are refused before anything is sent.
 */
import type { IDataObject } from 'n8n-workflow';

import { DAY, MIN, byId, iso, trigger, useTriggerFakes } from './helpers';

const cc = useTriggerFakes();

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function contactsCreated(ages: number[]) {
	return cc.fakes.admin.seed({
		contacts: ages.map((age, n) => ({ email: `c${n}@example.com`, created_at: iso(Date.now() - age), updated_at: iso(Date.now() - age) })),
	}).contacts as IDataObject[];
}

const emails = (json: IDataObject[]) => json.map((c) => (c.email_address as IDataObject).address);

describe('Fetch Test Event', () => {
	test('hands on the 3 newest events, reads the last 30 days in one request, and leaves the cursor alone', async () => {
		contactsCreated([5 * DAY, 4 * DAY, 3 * DAY, 2 * DAY, DAY]);
		const poller = cc.poller(trigger('contactCreated'));
		const before = Date.now();
		const result = await poller.poll('manual');
		expect(result.error).toBeUndefined();
		expect(emails(result.json)).toEqual(['c4@example.com', 'c3@example.com', 'c2@example.com']);
		expect(result.calls).toEqual(['GET /v3/contacts']);
		const since = Date.parse(String(result.requests[0].query.created_after));
		expect(since).toBeGreaterThanOrEqual(before - 30 * DAY);
		expect(since).toBeLessThanOrEqual(Date.now() - 30 * DAY);
		expect(poller.staticData()).toEqual({});

		// Active, the trigger still starts from now: the manual run did not move anything.
		const active = await cc.activate(trigger('contactCreated'));
		const stored = active.staticData();
		expect((await active.poll('manual')).items).toHaveLength(3);
		expect(active.staticData()).toEqual(stored);
		expect((await active.poll()).items).toEqual([]);
	});

	test('with nothing in the last 30 days it looks further back', async () => {
		contactsCreated([90 * DAY, 60 * DAY]);
		const result = await cc.poller(trigger('contactCreated')).poll('manual');
		expect(result.error).toBeUndefined();
		expect(emails(result.json)).toEqual(['c1@example.com', 'c0@example.com']);
		expect(result.calls).toEqual(['GET /v3/contacts', 'GET /v3/contacts']);
		expect(result.requests[1].query).not.toHaveProperty('created_after');
	});

	test('with no event at all it says so clearly, and what to do', async () => {
		const poller = cc.poller(trigger('contactDeleted'));
		const result = await poller.poll('manual');
		expect(result.items).toEqual([]);
		expect(result.error?.message).toBe('No contact deleted events in this Constant Contact account yet');
		expect(result.error?.description).toContain('then fetch a test event again');
		expect(poller.staticData()).toEqual({});
	});

	test('e-mail events: the newest rows of the campaign, the static data untouched', async () => {
		const s = cc.fakes.admin.seed({
			lists: [{ name: 'Newsletter' }],
			contacts: ['a', 'b', 'c', 'd'].map((n) => ({ email: `${n}@example.com`, list_names: ['Newsletter'], permission_to_send: 'explicit' })),
			campaigns: [
				{
					name: 'Spring',
					list_names: ['Newsletter'],
					status: 'Done',
					sent_at: iso(Date.now() - DAY),
					tracking: ['a', 'b', 'c', 'd'].map((n, i) => ({ contact_email: `${n}@example.com`, type: 'open', at: iso(Date.now() - (10 - i) * MIN) })),
				},
			],
		});
		const campaignId = s.campaigns[0].campaign_id;
		const poller = cc.poller(trigger('emailOpened', { campaign: byId(campaignId) }));
		const result = await poller.poll('manual');
		expect(result.error).toBeUndefined();
		expect(result.json.map((r) => r.email_address)).toEqual(['d@example.com', 'c@example.com', 'b@example.com']);
		expect(result.json[0]).toMatchObject({ campaign_id: campaignId, tracking_activity_type: 'em_opens' });
		expect(poller.staticData()).toEqual({});

		// Active, a Fetch Test Event neither moves the cursor nor touches the rest of the static data.
		const active = await cc.activate(trigger('emailOpened', { campaign: byId(campaignId) }));
		const stored = active.staticData();
		expect((await active.poll('manual')).items).toHaveLength(3);
		const [summer] = cc.fakes.admin.seed({ campaigns: [{ name: 'Summer', list_names: ['Newsletter'], status: 'Done' }] }).campaigns;
		active.setParameters(trigger('emailOpened', { campaign: byId(summer.campaign_id) }));
		const empty = await active.poll('manual');
		expect(empty.error?.message).toBe('No email opened events for this campaign yet');
		expect(active.staticData()).toEqual(stored);
	});

	test('List Created and Campaign Sent: the newest lists, only sent campaigns', async () => {
		cc.fakes.admin.seed({ lists: [{ name: 'L1' }, { name: 'L2' }, { name: 'L3' }, { name: 'L4' }] });
		const lists = await cc.poller(trigger('listCreated')).poll('manual');
		expect(lists.json.map((l) => l.name)).toEqual(['L4', 'L3', 'L2']);

		cc.fakes.admin.seed({
			campaigns: [
				{ name: 'Sent', list_names: ['L1'], status: 'Done' },
				{ name: 'Draft', list_names: ['L1'] },
			],
		});
		const campaigns = await cc.poller(trigger('campaignSent')).poll('manual');
		expect(campaigns.error).toBeUndefined();
		expect(campaigns.json.map((c) => c.name)).toEqual(['Sent']);
	});
});

describe('settings refused before any request', () => {
	test.each([
		['more than 25 lists', { filters: { lists: Array.from({ length: 26 }, (_v, n) => ID(n)) } }, 'Filters → List Names or IDs has 26 lists; Constant Contact accepts at most 25'],

		['more than 50 tags', { filters: { tags: Array.from({ length: 51 }, (_v, n) => ID(n)) } }, 'Filters → Tag Names or IDs has 51 tags; Constant Contact accepts at most 50'],

		['Max Events per Poll 0', { options: { maxItems: 0 } }, 'Options → Max Events per Poll is 0; use a whole number from 1 to 50000'],
		['Max Events per Poll 2.5', { options: { maxItems: 2.5 } }, 'Options → Max Events per Poll is 2.5; use a whole number from 1 to 50000'],
		['Max Events per Poll 50001', { options: { maxItems: 50001 } }, 'Options → Max Events per Poll is 50001; use a whole number from 1 to 50000'],
	])('%s', async (_what, parameters, message) => {
		for (const mode of ['trigger', 'manual'] as const) {
			const poller = cc.poller(trigger('contactUpdated', parameters));
			const result = await poller.poll(mode);
			expect(result.error?.message).toBe(message);
			expect(result.items).toEqual([]);
			expect(result.calls).toEqual([]);
			expect(poller.staticData()).toEqual({});
		}
	});

	test.each([
		['list', { lists: '={{ "Newsletter" }}' }, 'Filters → List Names or IDs contains "Newsletter", which is not the name of a list in this Constant Contact account', 'GET /v3/contact_lists'],
		['tag', { tags: ['VIP'] }, 'Filters → Tag Names or IDs contains "VIP", which is not the name of a tag in this Constant Contact account', 'GET /v3/contact_tags'],
	])('a %s name that the account does not have: refused after one read of the names', async (_kind, filters, message, read) => {
		for (const mode of ['trigger', 'manual'] as const) {
			const poller = cc.poller(trigger('contactUpdated', { filters }));
			const result = await poller.poll(mode);
			expect(result.error?.message).toBe(message);
			expect(result.items).toEqual([]);
			expect(result.calls).toEqual([read]);
			expect(poller.staticData()).toEqual({});
		}
	});

	test('a list filter by name reads the lists once and filters by their ID', async () => {
		const { lists } = cc.fakes.admin.seed({ lists: [{ name: 'Newsletter' }] });
		const result = await cc.poller(trigger('contactUpdated', { filters: { lists: '={{ "newsletter" }}' } })).poll('manual');
		expect(result.calls[0]).toBe('GET /v3/contact_lists');
		expect(result.requests.filter((r) => r.path === '/v3/contacts').every((r) => r.query.lists === lists[0].list_id)).toBe(true);
	});

	test('a bad filter set on an active trigger fails its polls and keeps the cursor', async () => {
		const poller = await cc.activate(trigger('contactCreated'));
		const cursor = poller.staticData().cursor;
		poller.setParameters(trigger('contactCreated', { filters: { lists: Array.from({ length: 26 }, (_v, n) => ID(n)) } }));
		const result = await poller.poll();
		expect(result.error?.message).toBe('Filters → List Names or IDs has 26 lists; Constant Contact accepts at most 25');
		expect(result.calls).toEqual([]);
		expect(poller.staticData().cursor).toEqual(cursor);
	});

	test('an empty campaign fails before any request', async () => {
		const result = await cc.poller(trigger('emailClicked', { campaign: byId('') })).poll('manual');
		expect(result.error?.message).toBe('Campaign is empty');
		expect(result.calls).toEqual([]);
	});
});
