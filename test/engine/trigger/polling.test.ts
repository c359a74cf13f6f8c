/**
 * Constant Contact Trigger across polls: a poll interrupted by a failure (nothing lost, nothing
 * doubled), the shared transport (throttling, token refresh), starting afresh when the event
 * changes, and the requests each quiet poll costs — the figure behind the node's quota notice.
 */
import path from 'node:path';
import type { IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

import { transport } from '../harness';
import { DAY, byId, iso, trigger, useTriggerFakes } from './helpers';

const cc = useTriggerFakes();

const { ConstantContactTrigger } = require(path.resolve(__dirname, '../../../dist/nodes/ConstantContact/ConstantContactTrigger.node.js'));

const THROTTLED = { error_key: 'throttled', error_message: 'Too Many Requests' };

const emails = (json: IDataObject[]) => json.map((c) => String((c.email_address as IDataObject).address));

describe('an interrupted poll', () => {
	test.each([
		['answers 500', { kind: 'status', status: 500 }, 'Constant Contact had an internal problem: Injected fault: HTTP 500'],
		['resets the connection', { kind: 'reset' }, 'Could not reach Constant Contact'],
	])('page 2 of 2 %s on every attempt: the error surfaces, the cursor stays, the next poll hands on everything once', async (_what, fault, message) => {
		const poller = await cc.activate(trigger('contactCreated', { options: { maxItems: 1000 } }));
		const cursor = poller.staticData().cursor;
		const ids = cc.fakes.admin.bulkContacts(600, { prefix: 'bulk' });
		const attempts = transport.transportSettings.maxAttempts;
		// The first GET /contacts goes through; every attempt at the second fails.
		cc.fakes.faults.push({ match: { method: 'GET', pathPrefix: '/contacts' }, kind: 'delay', ms: 0 });
		cc.fakes.faults.push({ match: { method: 'GET', pathPrefix: '/contacts' }, times: attempts, ...fault });

		const failed = await poller.poll();
		expect(failed.items).toEqual([]);
		expect(failed.error?.message).toBe(message);
		expect(failed.calls).toEqual(Array(1 + attempts).fill('GET /v3/contacts'));
		expect(failed.requests[1].query).toHaveProperty('cursor');
		expect(poller.staticData().cursor).toEqual(cursor);

		const next = await poller.poll();
		expect(next.error).toBeUndefined();
		expect(next.calls).toEqual(['GET /v3/contacts', 'GET /v3/contacts']);
		expect(next.json.map((c) => c.contact_id).sort()).toEqual([...ids].sort());
		const after = await poller.poll();
		expect(after.items).toEqual([]);
	});

	test('the default Max Events per Poll (10,000) hands a burst of 600 on at once; a cap of 500 gives 500 and 100', async () => {
		const whole = await cc.activate(trigger('contactCreated'));
		const capped = await cc.activate(trigger('contactCreated', { options: { maxItems: 500 } }));
		const ids: string[] = cc.fakes.admin.bulkContacts(600, { prefix: 'bulk' });
		const all = await whole.poll();
		expect(all.items).toHaveLength(600);
		expect(all.json.map((c) => c.contact_id).sort()).toEqual([...ids].sort());
		expect((await whole.poll()).items).toEqual([]);
		const first = await capped.poll();
		const second = await capped.poll();
		expect(first.items).toHaveLength(500);
		expect(second.items).toHaveLength(100);
		expect([...first.json, ...second.json].map((c) => c.contact_id).sort()).toEqual([...ids].sort());
		expect((await capped.poll()).items).toEqual([]);
	});

	test('a failure on the only request: the next poll hands on the event once', async () => {
		const poller = await cc.activate(trigger('contactCreated'));
		const cursor = poller.staticData().cursor;
		await cc.change('POST', '/contacts', { email_address: { address: 'one@example.com' }, create_source: 'Account' });
		cc.fakes.faults.push({ match: { method: 'GET', pathPrefix: '/contacts' }, kind: 'status', status: 503, times: transport.transportSettings.maxAttempts });
		const failed = await poller.poll();
		expect(failed.error?.message).toContain('Constant Contact is temporarily unavailable');
		expect(poller.staticData().cursor).toEqual(cursor);
		expect(emails((await poller.poll()).json)).toEqual(['one@example.com']);
		expect((await poller.poll()).items).toEqual([]);
	});
});

describe('the shared transport', () => {
	test('a 429 is waited out and retried: the poll succeeds with the event', async () => {
		const poller = await cc.activate(trigger('contactCreated'));
		await cc.change('POST', '/contacts', { email_address: { address: 'late@example.com' }, create_source: 'Account' });
		cc.fakes.faults.push({ match: { method: 'GET', pathPrefix: '/contacts' }, kind: 'status', status: 429, body: THROTTLED, times: 2 });
		const result = await poller.poll();
		expect(result.error).toBeUndefined();
		expect(result.requests.map((r) => r.status)).toEqual([429, 429, 200]);
		expect(emails(result.json)).toEqual(['late@example.com']);
	});

	test('an expired access token is renewed through the credential, and the poll goes on', async () => {
		const poller = await cc.activate(trigger('listCreated'));
		await cc.change('POST', '/contact_lists', { name: 'After expiry' });
		cc.fakes.admin.expireAccessTokens();
		const result = await poller.poll();
		expect(result.error).toBeUndefined();
		expect(result.requests.map((r) => r.status)).toEqual([401, 200]);
		expect(result.json.map((l) => l.name)).toEqual(['After expiry']);
		expect(cc.credential.tokenUpdates.length).toBeGreaterThan(0);
	});
});

describe('changing the event starts afresh', () => {
	test('Contact Created → Contact Deleted: the first poll after the change only primes', async () => {
		const [old] = cc.fakes.admin.seed({ contacts: [{ email: 'old@example.com', created_at: iso(Date.now() - DAY) }] }).contacts;
		const poller = await cc.activate(trigger('contactCreated'));
		await cc.change('DELETE', `/contacts/${old.contact_id}`);
		poller.setParameters(trigger('contactDeleted'));
		const switched = await poller.poll();
		expect(switched.error).toBeUndefined();
		expect(switched.items).toEqual([]);
		expect(poller.staticData().cursor).toMatchObject({ scope: 'contactDeleted' });
		const [other] = cc.fakes.admin.seed({ contacts: [{ email: 'other@example.com', created_at: iso(Date.now() - DAY) }] }).contacts;
		await cc.change('DELETE', `/contacts/${other.contact_id}`);
		expect(emails((await poller.poll()).json)).toEqual(['other@example.com']);
	});
});

describe('requests per quiet poll (the quota notice: "usually 1 request", 96 a day at the default 15 minutes)', () => {
	test('the notice’s arithmetic is that of one request per poll', () => {
		const notice = String((new ConstantContactTrigger() as INodeType).description.properties.find((p) => p.name === 'pollingNotice')?.displayName);
		expect(notice).toContain('usually 1 request');
		expect(notice).toContain(`Every 15 minutes (a new trigger's setting) costs ${(24 * 60) / 15} a day`);
		expect(notice).toContain(`every 5 minutes ${(24 * 60) / 5}, every minute ${(24 * 60).toLocaleString('en-US')}`);
	});

	function seedAll() {
		const s = cc.fakes.admin.seed({
			lists: [{ name: 'Newsletter' }],
			contacts: [{ email: 'a@example.com', list_names: ['Newsletter'], permission_to_send: 'explicit' }],
			campaigns: [{ name: 'Sent', list_names: ['Newsletter'], status: 'Done', tracking: [{ contact_email: 'a@example.com', type: 'open' }] }],
		});
		return s.campaigns[0].campaign_id as string;
	}

	test.each(['contactCreated', 'contactUpdated', 'contactUnsubscribed', 'contactDeleted', 'listCreated', 'campaignSent', 'emailOpened', 'emailClicked', 'emailBounced', 'emailOptedOut'])(
		'%s: one request per poll after activation',
		async (event) => {
			const campaignId = seedAll();
			const parameters: INodeParameters = event.startsWith('email') ? trigger(event, { campaign: byId(campaignId) }) : trigger(event);
			const poller = await cc.activate(parameters);
			for (let i = 0; i < 3; i++) {
				const quiet = await poller.poll();
				expect(quiet.error).toBeUndefined();
				expect(quiet.items).toEqual([]);
				expect(quiet.calls).toHaveLength(1);
			}
		},
	);

	/**
	 * Polls once a minute for `minutes` minutes of n8n's clock (Date.now set to exact minutes from
	 * now, however long the polls take in real time; nothing else changes in the fake) and answers
	 * the number of requests of each poll.
	 */
	async function pollEveryMinute(poller: { poll(): Promise<{ calls: string[]; items: unknown[]; error?: Error }> }, minutes: number) {
		const start = Date.now();
		let minute = 0;
		const clock = jest.spyOn(Date, 'now').mockImplementation(() => start + minute * 60_000);
		const requests: number[] = [];
		try {
			for (minute = 1; minute <= minutes; minute++) {
				const result = await poller.poll();
				expect(result.error).toBeUndefined();
				expect(result.items).toEqual([]);
				requests.push(result.calls.length);
			}
		} finally {
			clock.mockRestore();
		}
		return requests;
	}

	test('Contact Updated: many new contacts (which are not updates) are read again only while inside the overlap, then one request again', async () => {
		const poller = await cc.activate(trigger('contactUpdated'));
		cc.fakes.admin.bulkContacts(600, { prefix: 'new' });
		// 600 records since the last poll: 2 pages, for the 10 minutes of overlap; then 1.
		const requests = await pollEveryMinute(poller, 14);
		expect(requests.slice(0, 10)).toEqual(Array(10).fill(2));
		expect(requests.slice(-3)).toEqual([1, 1, 1]);
	});

	test('Campaign Sent: many campaigns edited (none sent) are read again only while inside the overlap, then one request again', async () => {
		const poller = await cc.activate(trigger('campaignSent'));
		cc.fakes.admin.seed({ campaigns: Array.from({ length: 501 }, (_v, n) => ({ name: `Draft ${n}` })) });
		const requests = await pollEveryMinute(poller, 14);
		expect(requests.slice(0, 10)).toEqual(Array(10).fill(2));
		expect(requests.slice(-3)).toEqual([1, 1, 1]);
	});

	test('Contact Created: after a burst of events, quiet polls are back to one request once the burst is older than the overlap', async () => {
		const poller = await cc.activate(trigger('contactCreated', { options: { maxItems: 1000 } }));
		cc.fakes.admin.bulkContacts(600, { prefix: 'burst' });
		const busy = await poller.poll();
		expect(busy.items).toHaveLength(600);
		const requests = await pollEveryMinute(poller, 14);
		expect(requests.slice(-3)).toEqual([1, 1, 1]);
	});
});
