/**
 * Issue 12, findings 1 and 7: a create whose answer was lost is recovered only when what Constant
 * Contact holds is what the item asked for; otherwise the conflict reaches the user. When the
 * outcome cannot be told, the item says "unknown" with what to check (an output item, not an
 * error inviting a rerun that could duplicate).
 */
import type { IDataObject } from 'n8n-workflow';

import { transport } from '../harness';
import { contactOp, useContactFakes } from '../contact/helpers';
import { createParams } from '../campaign/helpers';

const cc = useContactFakes();
const THROTTLED = { error_key: 'throttled', error_message: 'Too Many Requests' };
let saved: IDataObject;

beforeEach(() => {
	saved = { ...transport.transportSettings };
	Object.assign(transport.transportSettings, { backoffBaseMs: 2, backoffMaxMs: 4 });
});
afterEach(() => Object.assign(transport.transportSettings, saved));

const statuses = () => cc.api().map((e) => `${e.method} ${e.path} ${e.status}`);

describe('Contact → Create after a failure', () => {
	test('a 502 answered before processing, then 409 for a contact someone else created a minute ago: the conflict reaches the user', async () => {
		const { lists } = cc.fakes.admin.seed({ lists: [{ name: 'Newsletter' }] });
		// Someone else's contact with this address, created just now, with other names.
		cc.fakes.admin.seed({ contacts: [{ email: 'ann@example.com', first_name: 'Annabel', last_name: 'Other' }] });
		cc.fakes.faults.push({ match: { method: 'POST', pathPrefix: '/contacts' }, kind: 'status', status: 502 });

		const result = await cc.run(
			contactOp('create', { email: 'ann@example.com', createSource: 'Account', additionalFields: { firstName: 'Ann', lastName: 'Shopper', lists: [lists[0].list_id] } }),
		);

		expect(result.status).toBe('error');
		expect((result.error as unknown as IDataObject).httpCode).toBe('409');
		expect(result.error?.message).toMatch(/already exists/);
		expect(result.items).toEqual([]);
		expect(cc.storedByEmail('ann@example.com')?.first_name).toBe('Annabel');
	});

	test('an earlier item of the same run created the address with other data: the later item reports the conflict, not the other contact', async () => {
		cc.fakes.faults.push({ match: { method: 'POST', pathPrefix: '/contacts' }, kind: 'status', status: 503, skip: 1 });
		const result = await cc.run(
			contactOp('create', { email: '={{ $json.email }}', createSource: 'Account', additionalFields: { firstName: '={{ $json.name }}' } }),
			{ inputItems: [{ email: 'dup@example.com', name: 'First' }, { email: 'dup@example.com', name: 'Second' }], continueOnFail: true },
		);

		expect(result.items.map((i) => [i.json.first_name ?? null, i.json.httpCode ?? null])).toEqual([
			['First', null],
			[null, '409'],
		]);
		expect(statuses()).toEqual(['POST /v3/contacts 201', 'POST /v3/contacts 503', 'POST /v3/contacts 409', 'GET /v3/contacts 200']);
	});

	test('the first attempt went through (answer lost), the retry gets 409: the item is done with its own data', async () => {
		cc.fakes.faults.push({ match: { method: 'POST', pathPrefix: '/contacts' }, kind: 'afterHandle', status: 502 });
		const result = await cc.run(contactOp('create', { email: 'lost@example.com', createSource: 'Account', additionalFields: { firstName: 'Lost' } }));

		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.json.contact_id, i.json.first_name])).toEqual([[cc.storedByEmail('lost@example.com')?.contact_id, 'Lost']]);
	});

	test('a lost answer, then five 429s: the contact exists, so the item is done (looked up), not "too many requests"', async () => {
		transport.transportSettings.maxAttempts = 6;
		cc.fakes.faults.push({ match: { method: 'POST', pathPrefix: '/contacts' }, kind: 'afterHandle', status: 502 });
		cc.fakes.faults.push({ match: { method: 'POST', pathPrefix: '/contacts' }, kind: 'status', status: 429, body: THROTTLED, times: 5 });
		const result = await cc.run(contactOp('create', { email: 'slow@example.com', createSource: 'Account' }));

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.contact_id).toBe(cc.storedByEmail('slow@example.com')?.contact_id);
	});

	test('a lost answer, then 429s beyond the run\'s throttle budget, and the look-up fails too: the item is "unknown" with what to check, and the run goes on', async () => {
		transport.transportSettings.maxAttempts = 3;
		transport.transportSettings.throttleBudgetMs = 1;
		cc.fakes.faults.push({ match: { method: 'POST', pathPrefix: '/contacts' }, kind: 'afterHandle', status: 502 });
		cc.fakes.faults.push({ match: { method: 'POST', pathPrefix: '/contacts' }, kind: 'status', status: 429, body: THROTTLED, times: 5 });
		cc.fakes.faults.push({ match: { method: 'GET', pathPrefix: '/contacts' }, kind: 'status', status: 503, times: 20 });
		const result = await cc.run(contactOp('create', { email: 'unclear@example.com', createSource: 'Account' }));

		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			outcome: 'unknown',
			email: 'unclear@example.com',
			request: 'POST /contacts',
			message: 'Constant Contact may have created the contact unclear@example.com, but its answer was lost or unreadable',
		});
		expect(String(result.items[0].json.check)).toMatch(/Contact → Get/);
		expect(cc.storedByEmail('unclear@example.com')).toBeDefined();
	});

	test('a create without a way to find what it made (a campaign) reports a lost answer as "unknown", never retried', async () => {
		cc.fakes.faults.push({ match: { method: 'POST', pathPrefix: '/emails' }, kind: 'afterHandle', status: 'reset' });
		const result = await cc.run(createParams({ name: 'Spring sale' }));
		const posts = cc.api().filter((e) => e.method === 'POST');
		expect(posts).toHaveLength(1);
		expect(result.items.map((i) => i.json.outcome)).toEqual(['unknown']);
		expect(result.items[0].json.name).toBe('Spring sale');
	});
});

test('a lost answer, then a conflict whose look-up fails: "unknown", not an error', async () => {
	transport.transportSettings.maxAttempts = 2;
	cc.fakes.faults.push({ match: { method: 'POST', pathPrefix: '/contacts' }, kind: 'afterHandle', status: 502 });
	cc.fakes.faults.push({ match: { method: 'GET', pathPrefix: '/contacts' }, kind: 'status', status: 503, times: 20 });
	const result = await cc.run(contactOp('create', { email: 'lookup@example.com', createSource: 'Account' }));
	expect(result.status).toBe('success');
	expect(result.items.map((i) => i.json.outcome)).toEqual(['unknown']);
	expect(statuses().slice(0, 2)).toEqual(['POST /v3/contacts 502', 'POST /v3/contacts 409']);
});

describe('Tag → Create after lost answers', () => {
	test('20 tags whose first answers were lost: all 20 done, none duplicated, none failed', async () => {
		cc.fakes.faults.push({ match: { method: 'POST', pathPrefix: '/contact_tags' }, kind: 'afterHandle', status: 502, times: 10 });
		const names = Array.from({ length: 20 }, (_, n) => ({ name: `Tag ${n}` }));
		const result = await cc.run({ resource: 'tag', operation: 'create', name: '={{ $json.name }}' }, { inputItems: names, continueOnFail: true });

		expect(result.items.map((i) => i.json.name)).toEqual(names.map((n) => n.name));
		expect(result.items.every((i) => typeof i.json.tag_id === 'string')).toBe(true);
		expect([...cc.fakes.store.tags.values()].map((t: IDataObject) => t.name).sort()).toEqual(names.map((n) => n.name).sort());
	});

	test('a tag of that name made by someone else long ago is a real conflict', async () => {
		cc.fakes.admin.seed({ tags: [{ name: 'VIP', tag_source: 'Other' }] });
		cc.fakes.faults.push({ match: { method: 'POST', pathPrefix: '/contact_tags' }, kind: 'status', status: 502 });
		const result = await cc.run({ resource: 'tag', operation: 'create', name: 'VIP', options: { tagSource: 'n8n' } });
		expect((result.error as unknown as IDataObject | undefined)?.httpCode).toBe('409');
	});
});

describe('Contact → Create or Update after a lost answer', () => {
	test('the repeat says "updated", but the contact was created by the lost attempt: the item says created', async () => {
		const { lists } = cc.fakes.admin.seed({ lists: [{ name: 'Newsletter' }] });
		cc.fakes.faults.push({ match: { method: 'POST', pathPrefix: '/contacts/sign_up_form' }, kind: 'afterHandle', status: 502 });
		const result = await cc.run(contactOp('upsert', { email: 'new@example.com', lists: [lists[0].list_id], options: { returnFullContact: false } }));

		expect(result.error).toBeUndefined();
		expect(statuses()).toEqual([
			'POST /v3/contacts/sign_up_form 502',
			'POST /v3/contacts/sign_up_form 200',
			`GET /v3/contacts/${cc.storedByEmail('new@example.com')?.contact_id} 200`,
		]);
		expect(result.items[0].json).toMatchObject({ email: 'new@example.com', action: 'created', created: true });
	});

	test('a contact that existed before the run stays "updated"', async () => {
		const { lists } = cc.fakes.admin.seed({ lists: [{ name: 'Newsletter' }] });
		cc.fakes.admin.seed({ contacts: [{ email: 'old@example.com', created_at: '2024-01-01T00:00:00Z' }] });
		cc.fakes.faults.push({ match: { method: 'POST', pathPrefix: '/contacts/sign_up_form' }, kind: 'afterHandle', status: 502 });
		const result = await cc.run(contactOp('upsert', { email: 'old@example.com', lists: [lists[0].list_id] }));

		expect(result.items[0].json).toMatchObject({ email: 'old@example.com', action: 'updated', created: false });
	});
});
