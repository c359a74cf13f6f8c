/**
 * Constant Contact Trigger, List Created and Campaign Sent, polled through n8n-core against the
 * fake: both read records whose date says nothing about the event (lists have no date filter;
 * a campaign's date is its last change), so they remember IDs.
 */
import type { IDataObject } from 'n8n-workflow';

import { DAY, trigger, iso, useTriggerFakes } from './helpers';

// A "0" schedule sends at once.
const cc = useTriggerFakes({ campaignCompletesAfterPolls: 0 });

const names = (json: IDataObject[]) => json.map((r) => r.name);

describe('List Created', () => {
	test('activation replays no existing list; a new list comes out once; then nothing', async () => {
		cc.fakes.admin.seed({ lists: [{ name: 'Existing 1' }, { name: 'Existing 2' }] });
		const poller = cc.poller(trigger('listCreated'));
		const activation = await poller.poll();
		expect(activation.error).toBeUndefined();
		expect(activation.items).toEqual([]);
		expect(activation.calls).toEqual(['GET /v3/contact_lists']);
		expect((await poller.poll()).items).toEqual([]);

		const created = await cc.change('POST', '/contact_lists', { name: 'Spring leads' });
		const next = await poller.poll();
		expect(next.error).toBeUndefined();
		expect(next.json).toEqual([expect.objectContaining({ list_id: created.list_id, name: 'Spring leads' })]);
		expect((await poller.poll()).items).toEqual([]);
	});

	test('a renamed list is not new; a list deleted and another created: only the new one comes out', async () => {
		const [keep, drop] = cc.fakes.admin.seed({ lists: [{ name: 'Keep' }, { name: 'Drop' }] }).lists;
		const poller = await cc.activate(trigger('listCreated'));
		await cc.change('PUT', `/contact_lists/${keep.list_id}`, { name: 'Kept and renamed' });
		await cc.change('DELETE', `/contact_lists/${drop.list_id}`);
		await cc.change('POST', '/contact_lists', { name: 'Brand new' });
		const next = await poller.poll();
		expect(names(next.json)).toEqual(['Brand new']);
		expect((await poller.poll()).items).toEqual([]);
	});

	test('Max Events per Poll: oldest first, the rest next poll', async () => {
		const poller = await cc.activate(trigger('listCreated', { options: { maxItems: 2 } }));
		for (const n of ['L1', 'L2', 'L3']) await cc.change('POST', '/contact_lists', { name: n });
		expect(names((await poller.poll()).json)).toEqual(['L1', 'L2']);
		expect(names((await poller.poll()).json)).toEqual(['L3']);
		expect((await poller.poll()).items).toEqual([]);
	});
});

describe('Campaign Sent', () => {
	function seedCampaigns() {
		const s = cc.fakes.admin.seed({
			lists: [{ name: 'Newsletter' }],
			contacts: [{ email: 'a@example.com', list_names: ['Newsletter'], permission_to_send: 'explicit' }],
			campaigns: [
				{ name: 'Sent long ago', list_names: ['Newsletter'], status: 'Done', sent_at: iso(Date.now() - 3 * DAY) },
				{ name: 'Sent just now', list_names: ['Newsletter'], status: 'Done' },
				{ name: 'Draft', list_names: ['Newsletter'] },
				{ name: 'Other draft', list_names: ['Newsletter'] },
			],
		});
		const primary = (c: any) => c.campaign_activities.find((a: any) => a.role === 'primary_email').campaign_activity_id as string;
		const [old, recent, draft, other] = s.campaigns;
		return { old, recent, draft, other, draftActivity: primary(draft), otherActivity: primary(other) };
	}

	const sendNow = async (activityId: string) => await cc.change('POST', `/emails/activities/${activityId}/schedules`, { scheduled_date: '0' });

	test('activation replays no sent campaign; a send that finishes comes out once; a later rename does not send it again', async () => {
		const s = seedCampaigns();
		const poller = cc.poller(trigger('campaignSent'));
		const activation = await poller.poll();
		expect(activation.error).toBeUndefined();
		expect(activation.items).toEqual([]);
		expect(activation.calls).toEqual(['GET /v3/emails']);
		expect(activation.requests[0].query).toEqual({ limit: '500' });

		const quiet = await poller.poll();
		expect(quiet.items).toEqual([]);
		expect(quiet.calls).toEqual(['GET /v3/emails']);
		expect(quiet.requests[0].query).toEqual({ after_date: expect.any(String), limit: '500' });

		await sendNow(s.draftActivity);
		expect(cc.fakes.admin.state().campaigns.find((c: any) => c.campaign_id === s.draft.campaign_id).current_status).toBe('Done');
		const next = await poller.poll();
		expect(next.error).toBeUndefined();
		expect(next.json).toEqual([expect.objectContaining({ campaign_id: s.draft.campaign_id, name: 'Draft', current_status: 'Done' })]);
		expect((await poller.poll()).items).toEqual([]);

		// Renaming moves updated_at (the campaign is read again), but it was sent once.
		await cc.change('PATCH', `/emails/${s.draft.campaign_id}`, { name: 'Draft (renamed)' });
		await cc.change('PATCH', `/emails/${s.recent.campaign_id}`, { name: 'Sent just now (renamed)' });
		await cc.change('PATCH', `/emails/${s.old.campaign_id}`, { name: 'Sent long ago (renamed)' });
		const renamed = await poller.poll();
		expect(renamed.error).toBeUndefined();
		expect(renamed.items).toEqual([]);
	});

	test('a campaign that is scheduled, edited or whose send failed has not been sent', async () => {
		const s = seedCampaigns();
		const poller = await cc.activate(trigger('campaignSent'));
		await cc.change('PATCH', `/emails/${s.other.campaign_id}`, { name: 'Other draft, edited' });
		cc.fakes.admin.failNextSend(3);
		await sendNow(s.otherActivity);
		expect(cc.fakes.admin.state().campaigns.find((c: any) => c.campaign_id === s.other.campaign_id).current_status).toBe('Error');
		await cc.change('POST', `/emails/activities/${s.draftActivity}/schedules`, { scheduled_date: iso(Date.now() + DAY) });
		const next = await poller.poll();
		expect(next.error).toBeUndefined();
		expect(next.items).toEqual([]);
	});
});
