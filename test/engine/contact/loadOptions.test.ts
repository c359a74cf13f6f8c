/**
 * The dropdowns (getLists, getTags, getCustomFields) through n8n-core's LoadOptionsContext: each
 * pages through everything the account has at the endpoint's largest page size and returns the
 * names sorted, with the IDs as values.
 */
import { loadOptions } from '../harness';
import { cursorOffset, useContactFakes } from './helpers';

const cc = useContactFakes();

const pad = (n: number) => String(n).padStart(3, '0');

/** 1..n in an order that is neither ascending nor descending. */
function shuffled(n: number): number[] {
	const out = Array.from({ length: n }, (_, k) => k + 1);
	for (let k = 0; k < n; k++) {
		const j = (k * 7919) % n;
		[out[k], out[j]] = [out[j], out[k]];
	}
	return out;
}

describe('loadOptions', () => {
	test('getLists: 600 lists in 2 requests of 500, sorted by name, list IDs as values', async () => {
		const order = shuffled(600);
		expect(order).not.toEqual([...order].sort((a, b) => a - b));
		const seeded = cc.fakes.admin.seed({
			lists: order.map((n) => ({ name: `List ${pad(n)}`, description: n === 7 ? 'The seventh' : undefined })),
		});
		const idByName = new Map<string, string>(seeded.lists.map((l: any) => [l.name, l.list_id]));

		const options = await loadOptions('getLists', cc.credential);

		expect(options).toHaveLength(600);
		expect(options.map((o) => o.name)).toEqual(Array.from({ length: 600 }, (_, k) => `List ${pad(k + 1)}`));
		for (const o of options) expect(o.value).toBe(idByName.get(o.name));
		expect(options.find((o) => o.name === 'List 007')).toEqual({
			name: 'List 007',
			value: idByName.get('List 007'),
			description: 'The seventh',
		});

		const api = cc.api();
		expect(api.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
			'GET /v3/contact_lists 200',
			'GET /v3/contact_lists 200',
		]);
		expect(api[0].query).toEqual({ limit: '500' });
		expect(api[1].query).toEqual({ cursor: expect.any(String) });
		expect(cursorOffset(api[1].query.cursor)).toBe(500);
	});

	test('getCustomFields: 120 fields in 2 requests of 100, sorted by label, field IDs as values', async () => {
		const order = shuffled(120);
		const seeded = cc.fakes.admin.seed({
			customFields: order.map((n) => ({ label: `Field ${pad(n)}`, type: n % 2 ? 'string' : 'date' })),
		});
		const idByLabel = new Map<string, string>(seeded.customFields.map((f: any) => [f.label, f.custom_field_id]));

		const options = await loadOptions('getCustomFields', cc.credential);

		expect(options).toHaveLength(120);
		expect(options.map((o) => o.name)).toEqual(Array.from({ length: 120 }, (_, k) => `Field ${pad(k + 1)}`));
		for (const o of options) expect(o.value).toBe(idByLabel.get(o.name));
		expect(options[0]).toEqual({ name: 'Field 001', value: idByLabel.get('Field 001'), description: 'Type: string' });
		expect(options[1]).toEqual({ name: 'Field 002', value: idByLabel.get('Field 002'), description: 'Type: date' });

		const api = cc.api();
		expect(api.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /v3/contact_custom_fields', 'GET /v3/contact_custom_fields']);
		expect(api[0].query).toEqual({ limit: '100' });
		expect(api[1].query).toEqual({ cursor: expect.any(String) });
		expect(cursorOffset(api[1].query.cursor)).toBe(100);
	});

	test('getTags: every tag across pages of 500, sorted by name, tag IDs as values', async () => {
		// More than one page (Constant Contact caps an account at 500 tags; the fake does not, so the
		// paging is exercised).
		const order = shuffled(520);
		const seeded = cc.fakes.admin.seed({ tags: order.map((n) => ({ name: `Tag ${pad(n)}` })) });
		const idByName = new Map<string, string>(seeded.tags.map((t: any) => [t.name, t.tag_id]));

		const options = await loadOptions('getTags', cc.credential);

		expect(options.map((o) => o.name)).toEqual(Array.from({ length: 520 }, (_, k) => `Tag ${pad(k + 1)}`));
		expect(options.every((o) => o.value === idByName.get(o.name))).toBe(true);
		expect(options[0]).toEqual({ name: 'Tag 001', value: idByName.get('Tag 001') });

		const api = cc.api();
		expect(api.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /v3/contact_tags', 'GET /v3/contact_tags']);
		expect(api[0].query).toEqual({ limit: '500' });
		expect(cursorOffset(api[1].query.cursor)).toBe(500);
	});

	test('names sort alphabetically regardless of case; one page is one request', async () => {
		const seeded = cc.fakes.admin.seed({ lists: [{ name: 'banana' }, { name: 'Cherry' }, { name: 'apple' }, { name: 'Apricot' }] });
		const options = await loadOptions('getLists', cc.credential);
		expect(options.map((o) => o.name)).toEqual(['apple', 'Apricot', 'banana', 'Cherry']);
		expect(options.map((o) => o.value)).toEqual(
			['apple', 'Apricot', 'banana', 'Cherry'].map((name) => seeded.lists.find((l: any) => l.name === name).list_id),
		);
		expect(cc.calls()).toEqual(['GET /v3/contact_lists']);
	});

	test('an empty account gives empty dropdowns', async () => {
		expect(await loadOptions('getLists', cc.credential)).toEqual([]);
		expect(await loadOptions('getTags', cc.credential)).toEqual([]);
		expect(await loadOptions('getCustomFields', cc.credential)).toEqual([]);
		expect(cc.calls()).toEqual(['GET /v3/contact_lists', 'GET /v3/contact_tags', 'GET /v3/contact_custom_fields']);
	});
});
