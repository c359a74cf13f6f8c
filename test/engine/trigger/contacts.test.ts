/**
 * Constant Contact Trigger, the four contact events, polled through n8n-core against the fake:
 * what the activation poll does, what the next polls emit (each change exactly once), and how
 * Filters, Contact Options and Max Events per Poll shape the query and the items.
 */
import type { IDataObject } from 'n8n-workflow';

import { DAY, MIN, iso, trigger, useTriggerFakes } from './helpers';

const cc = useTriggerFakes();

const DEFAULT_INCLUDE = 'custom_fields,list_memberships,phone_numbers,street_addresses,taggings';

/** Contacts that exist before activation: one from two days ago, one from a minute ago. */
function history(extra: IDataObject = {}) {
	const twoDaysAgo = iso(Date.now() - 2 * DAY);
	return cc.fakes.admin.seed({
		contacts: [
			{ email: 'old@example.com', permission_to_send: 'implicit', created_at: twoDaysAgo, updated_at: twoDaysAgo, ...extra },
			{ email: 'recent@example.com', permission_to_send: 'implicit', created_at: iso(Date.now() - MIN), updated_at: iso(Date.now() - MIN), ...extra },
		],
	}).contacts as IDataObject[];
}

const create = async (email: string, extra: IDataObject = {}) =>
	(await cc.change('POST', '/contacts', { email_address: { address: email, permission_to_send: 'implicit' }, create_source: 'Account', ...extra })) as IDataObject;

const update = async (id: string, email: string, fields: IDataObject) =>
	(await cc.change('PUT', `/contacts/${id}`, { email_address: { address: email }, update_source: 'Account', ...fields })) as IDataObject;

const emails = (json: IDataObject[]) => json.map((c) => (c.email_address as IDataObject).address);

/** The one query a quiet poll of a contact event sends: `GET /v3/contacts` with `query`. */
function expectOneContactsQuery(poll: { calls: string[]; requests: Array<{ query: IDataObject }> }, query: IDataObject) {
	expect(poll.calls).toEqual(['GET /v3/contacts']);
	expect(poll.requests[0].query).toEqual(query);
}

/** A time filter the poll sent, as a number (ms). */
const sentTime = (poll: { requests: Array<{ query: IDataObject }> }, name: string) => Date.parse(String(poll.requests[0].query[name]));

describe('Contact Created', () => {
	test('activation emits nothing and replays nothing; a new contact comes out once; then nothing', async () => {
		history();
		const poller = cc.poller(trigger('contactCreated'));
		const before = Date.now();
		const activation = await poller.poll();
		expect(activation.error).toBeUndefined();
		expect(activation.items).toEqual([]);
		// Activation reads the last 10 minutes only (to remember them), one request.
		expectOneContactsQuery(activation, { include: DEFAULT_INCLUDE, created_after: expect.any(String), limit: '500' });
		expect(sentTime(activation, 'created_after')).toBeGreaterThanOrEqual(before - 10 * MIN);
		expect(sentTime(activation, 'created_after')).toBeLessThanOrEqual(Date.now() - 10 * MIN);

		const quiet = await poller.poll();
		expect(quiet.error).toBeUndefined();
		expect(quiet.items).toEqual([]);
		expectOneContactsQuery(quiet, { include: DEFAULT_INCLUDE, created_after: expect.any(String), limit: '500' });

		const created = await create('new@example.com', { first_name: 'Nina' });
		const next = await poller.poll();
		expect(next.error).toBeUndefined();
		expect(next.json).toEqual([expect.objectContaining({ contact_id: created.contact_id, first_name: 'Nina', created_at: created.created_at })]);
		// The contact carries what Include asked for.
		expect(next.json[0]).toHaveProperty('list_memberships');

		const after = await poller.poll();
		expect(after.items).toEqual([]);
		expect(after.error).toBeUndefined();
	});

	test('several new contacts come out oldest first, each once, in one poll', async () => {
		const poller = await cc.activate(trigger('contactCreated'));
		for (const e of ['a', 'b', 'c']) await create(`${e}@example.com`);
		const next = await poller.poll();
		expect(emails(next.json)).toEqual(['a@example.com', 'b@example.com', 'c@example.com']);
		expect((await poller.poll()).items).toEqual([]);
	});

	test('a contact stamped up to the overlap in the past (Constant Contact’s clock behind, or indexed late) comes out once; one older than the overlap does not', async () => {
		const poller = await cc.activate(trigger('contactCreated'));
		expect((await poller.poll()).items).toEqual([]);
		const late = await create('late@example.com');
		const tooLate = await create('too-late@example.com');
		cc.fakes.admin.touchContact(late.contact_id, { created_at: iso(Date.now() - 8 * MIN) });
		cc.fakes.admin.touchContact(tooLate.contact_id, { created_at: iso(Date.now() - 12 * MIN) });
		const next = await poller.poll();
		expect(emails(next.json)).toEqual(['late@example.com']);
		expect((await poller.poll()).items).toEqual([]);
	});

	test('two contacts created in the same millisecond with Max Events per Poll 1: one per poll, each once', async () => {
		const poller = await cc.activate(trigger('contactCreated', { options: { maxItems: 1 } }));
		const a = await create('same-a@example.com');
		const b = await create('same-b@example.com');
		const at = iso(Date.now());
		cc.fakes.admin.touchContact(a.contact_id, { created_at: at });
		cc.fakes.admin.touchContact(b.contact_id, { created_at: at });
		const polls: unknown[][] = [];
		for (let i = 0; i < 3; i++) polls.push(emails((await poller.poll()).json));
		expect(polls.flat().sort()).toEqual(['same-a@example.com', 'same-b@example.com']);
		expect(polls.map((p) => p.length)).toEqual([1, 1, 0]);
	});

	test('a contact deleted and restored is not created again', async () => {
		const poller = await cc.activate(trigger('contactCreated'));
		const created = await create('back@example.com');
		expect(emails((await poller.poll()).json)).toEqual(['back@example.com']);
		await cc.change('DELETE', `/contacts/${created.contact_id}`);
		await update(String(created.contact_id), 'back@example.com', { first_name: 'Back' });
		expect(cc.stored(String(created.contact_id))).not.toHaveProperty('deleted_at');
		const next = await poller.poll();
		expect(next.error).toBeUndefined();
		expect(next.items).toEqual([]);
	});
});

describe('Contact Updated', () => {
	test('activation replays nothing; a change to a contact comes out once; a second change comes out again', async () => {
		const [old, recent] = history();
		// Changed a minute before activation: not replayed.
		cc.fakes.admin.touchContact(recent.contact_id, { created_at: iso(Date.now() - DAY), updated_at: iso(Date.now() - MIN) });
		const poller = cc.poller(trigger('contactUpdated'));
		const activation = await poller.poll();
		expect(activation.items).toEqual([]);
		expectOneContactsQuery(activation, { include: DEFAULT_INCLUDE, updated_after: expect.any(String), limit: '500' });
		expect((await poller.poll()).items).toEqual([]);

		await update(String(old.contact_id), 'old@example.com', { first_name: 'First change' });
		let next = await poller.poll();
		expect(next.error).toBeUndefined();
		expect(next.json).toEqual([expect.objectContaining({ contact_id: old.contact_id, first_name: 'First change' })]);
		expect((await poller.poll()).items).toEqual([]);

		await update(String(old.contact_id), 'old@example.com', { first_name: 'Second change' });
		next = await poller.poll();
		expect(next.json).toEqual([expect.objectContaining({ contact_id: old.contact_id, first_name: 'Second change' })]);
		expect((await poller.poll()).items).toEqual([]);
	});

	test('a new contact is not an update (Contact Created reports it) unless Include New Contacts is on', async () => {
		history();
		const plain = await cc.activate(trigger('contactUpdated'));
		const withNew = await cc.activate(trigger('contactUpdated', { contactOptions: { includeNew: true } }));
		const created = await create('fresh@example.com');

		const a = await plain.poll();
		expect(a.error).toBeUndefined();
		expect(a.items).toEqual([]);
		const b = await withNew.poll();
		expect(b.json).toEqual([expect.objectContaining({ contact_id: created.contact_id })]);
		expect((await withNew.poll()).items).toEqual([]);
	});

	test('a contact changed more than a second after it was created counts without Include New Contacts', async () => {
		const poller = await cc.activate(trigger('contactUpdated'));
		const created = await create('later@example.com');
		// Created 5 s ago (as if the poll ran later), changed now.
		cc.fakes.admin.touchContact(created.contact_id, { created_at: iso(Date.now() - 5000) });
		await update(String(created.contact_id), 'later@example.com', { first_name: 'Changed' });
		const next = await poller.poll();
		expect(next.json).toEqual([expect.objectContaining({ contact_id: created.contact_id, first_name: 'Changed' })]);
	});
});

describe('Contact Unsubscribed', () => {
	test('activation replays nothing; an unsubscribe comes out once', async () => {
		history();
		// Unsubscribed a minute before activation: not replayed.
		const [gone] = cc.fakes.admin.seed({ contacts: [{ email: 'gone@example.com', permission_to_send: 'unsubscribed' }] }).contacts;
		cc.fakes.admin.touchContact(gone.contact_id, { opt_out_date: iso(Date.now() - MIN) });
		const [stays] = cc.fakes.admin.seed({ contacts: [{ email: 'stays@example.com', permission_to_send: 'explicit', created_at: iso(Date.now() - DAY) }] }).contacts;

		const poller = cc.poller(trigger('contactUnsubscribed'));
		const activation = await poller.poll();
		expect(activation.items).toEqual([]);
		expectOneContactsQuery(activation, { status: 'unsubscribed', include: DEFAULT_INCLUDE, optout_after: expect.any(String), limit: '500' });
		expect((await poller.poll()).items).toEqual([]);

		await update(String(stays.contact_id), 'stays@example.com', { email_address: { address: 'stays@example.com', permission_to_send: 'unsubscribed' } });
		const next = await poller.poll();
		expect(next.error).toBeUndefined();
		expect(next.json).toEqual([
			expect.objectContaining({ contact_id: stays.contact_id, email_address: expect.objectContaining({ permission_to_send: 'unsubscribed', opt_out_date: expect.any(String) }) }),
		]);
		expect((await poller.poll()).items).toEqual([]);
	});
});

describe('Contact Deleted', () => {
	test('activation replays nothing; a deletion comes out once; deleted again after a restore comes out again', async () => {
		const [old] = history();
		cc.fakes.admin.seed({ contacts: [{ email: 'deleted-before@example.com', deleted: true }] });

		const poller = cc.poller(trigger('contactDeleted'));
		const activation = await poller.poll();
		expect(activation.items).toEqual([]);
		expectOneContactsQuery(activation, { status: 'deleted', include: DEFAULT_INCLUDE, updated_after: expect.any(String), limit: '500' });
		expect((await poller.poll()).items).toEqual([]);

		await cc.change('DELETE', `/contacts/${old.contact_id}`);
		let next = await poller.poll();
		expect(next.error).toBeUndefined();
		expect(next.json).toEqual([expect.objectContaining({ contact_id: old.contact_id, deleted_at: expect.any(String) })]);
		expect((await poller.poll()).items).toEqual([]);

		await update(String(old.contact_id), 'old@example.com', { first_name: 'Restored' });
		expect((await poller.poll()).items).toEqual([]);
		await cc.change('DELETE', `/contacts/${old.contact_id}`);
		next = await poller.poll();
		expect(next.json).toEqual([expect.objectContaining({ contact_id: old.contact_id, first_name: 'Restored', deleted_at: expect.any(String) })]);
		expect((await poller.poll()).items).toEqual([]);
	});
});

describe('Filters and Contact Options', () => {
	function listsAndTags() {
		const s = cc.fakes.admin.seed({ lists: [{ name: 'A' }, { name: 'B' }], tags: [{ name: 'VIP' }, { name: 'Lead' }] });
		return { listA: s.lists[0].list_id as string, listB: s.lists[1].list_id as string, vip: s.tags[0].tag_id as string, lead: s.tags[1].tag_id as string };
	}

	test('lists: the IDs go into the query and only contacts on those lists come out', async () => {
		const { listA, listB } = listsAndTags();
		const poller = await cc.activate(trigger('contactCreated', { filters: { lists: [listA] } }));
		await create('on-a@example.com', { list_memberships: [listA] });
		await create('on-b@example.com', { list_memberships: [listB] });
		await create('on-none@example.com');
		const next = await poller.poll();
		expect(next.error).toBeUndefined();
		expect(next.requests[0].query).toMatchObject({ lists: listA });
		expect(emails(next.json)).toEqual(['on-a@example.com']);
	});

	test('tags (with lists, as an expression giving CSV): both go into the query and restrict', async () => {
		const { listA, listB, vip, lead } = listsAndTags();
		const poller = await cc.activate(trigger('contactCreated', { filters: { lists: `={{ "${listA}, ${listB}" }}`, tags: [vip] } }));
		await create('vip@example.com', { list_memberships: [listB], taggings: [vip] });
		await create('lead@example.com', { list_memberships: [listA], taggings: [lead] });
		await create('vip-no-list@example.com', { taggings: [vip] });
		const next = await poller.poll();
		expect(next.requests[0].query).toMatchObject({ lists: `${listA},${listB}`, tags: vip });
		expect(emails(next.json)).toEqual(['vip@example.com']);
	});

	test('Include: the chosen parts go into the query and come with the contact; none chosen sends no include', async () => {
		const { listA } = listsAndTags();
		const some = await cc.activate(trigger('contactCreated', { contactOptions: { include: ['notes', 'list_memberships'] } }));
		const none = await cc.activate(trigger('contactCreated', { contactOptions: { include: [] } }));
		await create('parts@example.com', { list_memberships: [listA] });
		const a = await some.poll();
		expect(a.requests[0].query).toMatchObject({ include: 'notes,list_memberships' });
		expect(a.json[0]).toMatchObject({ list_memberships: [listA] });
		expect(a.json[0]).not.toHaveProperty('taggings');
		const b = await none.poll();
		expect(b.requests[0].query).not.toHaveProperty('include');
		expect(b.json[0]).not.toHaveProperty('list_memberships');
		expect(emails(b.json)).toEqual(['parts@example.com']);
	});

	test('Max Events per Poll: the oldest first, the rest with the next polls, each once', async () => {
		const poller = await cc.activate(trigger('contactCreated', { options: { maxItems: 2 } }));
		for (const n of [1, 2, 3, 4, 5]) await create(`c${n}@example.com`);
		const polls: unknown[][] = [];
		for (let i = 0; i < 4; i++) {
			const p = await poller.poll();
			expect(p.error).toBeUndefined();
			polls.push(emails(p.json));
		}
		expect(polls).toEqual([['c1@example.com', 'c2@example.com'], ['c3@example.com', 'c4@example.com'], ['c5@example.com'], []]);
	});
});
