/**
 * Issue 12, finding 2: a batch reports per item, always. A failing request or unreadable status
 * of one part of the batch turns into errors (or "unknown") for exactly that part's items; the
 * items of the other parts keep their results. Without Continue On Fail the error says how many
 * items Constant Contact had already taken.
 */
import type { IDataObject } from 'n8n-workflow';

import { transport } from '../harness';
import { byId, contactOp, useContactFakes } from '../contact/helpers';

const cc = useContactFakes();
let saved: IDataObject;

beforeEach(() => {
	saved = { ...transport.transportSettings };
	Object.assign(transport.transportSettings, { backoffBaseMs: 2, backoffMaxMs: 4, maxAttempts: 2 });
});
afterEach(() => Object.assign(transport.transportSettings, saved));

/** 4 items: the first two go to list A, the last two to list B (two import requests). */
function twoRequests() {
	const { lists } = cc.fakes.admin.seed({ lists: [{ name: 'A' }, { name: 'B' }] });
	const [a, b] = lists.map((l: IDataObject) => l.list_id);
	const items = [
		{ email: 'a1@example.com', lists: [a] },
		{ email: 'a2@example.com', lists: [a] },
		{ email: 'b1@example.com', lists: [b] },
		{ email: 'b2@example.com', lists: [b] },
	];
	return { items, parameters: contactOp('import', { email: '={{ $json.email }}', lists: '={{ $json.lists }}', additionalFields: {} }) };
}

const IMPORT = { method: 'POST', pathPrefix: '/activities/contacts_json_import' };

describe('Contact → Import in two requests', () => {
	test('the second request refused (400): its items fail, the first two say imported (Continue On Fail)', async () => {
		const { items, parameters } = twoRequests();
		cc.fakes.faults.push({ match: IMPORT, kind: 'status', status: 400, skip: 1 });
		const result = await cc.run(parameters, { inputItems: items, continueOnFail: true });

		expect(result.items.map((i) => [i.pairedItem, i.json.status ?? null, i.json.error ? 'error' : null])).toEqual([
			[{ item: 0 }, 'imported', null],
			[{ item: 1 }, 'imported', null],
			[{ item: 2 }, null, 'error'],
			[{ item: 3 }, null, 'error'],
		]);
		expect(String(result.items[2].json.description)).toMatch(/none of its 2 rows was imported/);
		expect(cc.storedByEmail('a1@example.com')).toBeDefined();
		expect(cc.storedByEmail('b1@example.com')).toBeUndefined();
	});

	test('the same without Continue On Fail: the error says 2 of 4 items were already written', async () => {
		const { items, parameters } = twoRequests();
		cc.fakes.faults.push({ match: IMPORT, kind: 'status', status: 400, skip: 1 });
		const result = await cc.run(parameters, { inputItems: items });

		expect(result.status).toBe('error');
		expect(result.error?.context?.itemIndex).toBe(2);
		expect(result.error?.description).toContain('2 of 4 items of this run were already written to Constant Contact (items 0, 1)');
	});

	test('the second request answered 502 after Constant Contact took it: an import is safe to repeat, so it is retried and all 4 are imported', async () => {
		const { items, parameters } = twoRequests();
		cc.fakes.faults.push({ match: IMPORT, kind: 'afterHandle', status: 502, skip: 1 });
		const result = await cc.run(parameters, { inputItems: items, continueOnFail: true });

		expect(result.items.map((i) => i.json.status)).toEqual(['imported', 'imported', 'imported', 'imported']);
	});

	test('every status read fails: each item says "unknown" with the job to look up, not "no status"', async () => {
		const { items, parameters } = twoRequests();
		cc.fakes.faults.push({ match: { method: 'GET', pathPrefix: '/activities/' }, kind: 'status', status: 500, times: 100 });
		const result = await cc.run(parameters, { inputItems: items });

		expect(result.status).toBe('success');
		expect(result.items.map((i) => i.json.outcome)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
		expect(result.items.map((i) => i.json.email)).toEqual(items.map((i) => i.email));
		const jobs = cc.api().filter((e) => e.method === 'POST').map((e) => e.status);
		expect(jobs).toEqual([201, 201]);
		expect(new Set(result.items.map((i) => i.json.activity_id)).size).toBe(2);
		expect(String(result.items[0].json.check)).toMatch(/Activity → Get/);
	});
});

describe('Contact → Add to Lists with Batch Items', () => {
	test('the status of the job cannot be read: each item of that job says "unknown"', async () => {
		const { lists, contacts } = cc.fakes.admin.seed({
			lists: [{ name: 'L' }],
			contacts: [{ email: 'x1@example.com' }, { email: 'x2@example.com' }],
		});
		cc.fakes.faults.push({ match: { method: 'GET', pathPrefix: '/activities/' }, kind: 'status', status: 503, times: 100 });
		const result = await cc.run(
			contactOp('addToLists', { contact: byId('={{ $json.id }}'), lists: [lists[0].list_id], options: { batch: true } }),
			{ inputItems: contacts.map((c: IDataObject) => ({ id: c.contact_id })) },
		);
		expect(result.items.map((i) => [i.json.outcome, i.json.contact_id])).toEqual(contacts.map((c: IDataObject) => ['unknown', c.contact_id]));
	});
});

describe('Contact → Add Tags with Batch Items: the job submit answered 502 on every attempt, after Constant Contact took it', () => {
	function tagged() {
		const { tags, contacts } = cc.fakes.admin.seed({
			tags: [{ name: 'T' }],
			contacts: [{ email: 'y1@example.com' }, { email: 'y2@example.com' }, { email: 'y3@example.com' }],
		});
		// Every attempt tags the contacts, and every answer is lost to a 502.
		cc.fakes.faults.push({ match: { method: 'POST', pathPrefix: '/activities/contacts_taggings_add' }, kind: 'afterHandle', status: 502, times: 100 });
		return { tag: tags[0].tag_id as string, contacts: contacts as IDataObject[] };
	}
	const addTags = (tag: string) => contactOp('addTags', { contact: byId('={{ $json.id }}'), tags: [tag], options: { batch: true } });

	test('every item is "unknown" with the job to look for, not failed, and not "unreachable": they were tagged', async () => {
		const { tag, contacts } = tagged();
		const result = await cc.run(addTags(tag), { inputItems: contacts.map((c) => ({ id: c.contact_id })) });

		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.json.outcome, i.json.contact_id])).toEqual(contacts.map((c) => ['unknown', c.contact_id]));
		expect(result.items[0].json).toMatchObject({
			message: 'Constant Contact may have started the job, but its answer was lost or unreadable',
			check: 'Look for a job of this kind started just now with Activity → Get Many before running this item again.',
			reason: 'HTTP 502 on each of 2 attempts',
			request: 'POST /activities/contacts_taggings_add',
		});
		expect(JSON.stringify(result.items)).not.toMatch(/unreachable/i);
		// What an "error" would have hidden: Constant Contact took the job, and it tags every one of them.
		cc.fakes.admin.completeActivities();
		for (const c of contacts) expect(cc.stored(String(c.contact_id))!.taggings).toEqual([tag]);
		expect(cc.calls().filter((c) => c.startsWith('POST'))).toHaveLength(2);
	});

	test('a read answered 502 on every attempt is an error that names the 502, not "unreachable"', async () => {
		const [c] = cc.fakes.admin.seed({ contacts: [{ email: 'z@example.com' }] }).contacts;
		cc.fakes.faults.push({ match: { method: 'GET', pathPrefix: '/contacts/' }, kind: 'status', status: 502, times: 100 });
		const result = await cc.run(contactOp('get', { contact: byId(c.contact_id), options: {} }));

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Constant Contact's gateway answered 502 \(bad gateway\)/);
		expect(result.error?.description).toContain('Gave up after 2 attempts.');
	});
});
