/**
 * The "From List" pickers: one page per call at the endpoint's largest size, the next link handed
 * back as the pagination token, and the typed filter applied to the page.
 */
import { listSearch } from './harness';
import { useContactFakes } from './contact/helpers';

const cc = useContactFakes();

test('searchLists pages through 600 lists one request at a time', async () => {
	cc.fakes.admin.seed({ lists: Array.from({ length: 600 }, (_, n) => ({ name: `List ${String(n).padStart(3, '0')}` })) });

	const first = await listSearch('searchLists', cc.credential);
	expect(first.results).toHaveLength(500);
	expect(first.results[0]).toEqual({ name: expect.stringMatching(/^List \d{3}$/), value: expect.stringMatching(/^[0-9a-f-]{36}$/) });
	expect(first.paginationToken).toMatch(/^\/v3\/contact_lists\?cursor=/);
	expect(cc.calls()).toEqual(['GET /v3/contact_lists']);
	expect(cc.api()[0].query).toEqual({ limit: '500' });

	const second = await listSearch('searchLists', cc.credential, undefined, first.paginationToken);
	expect(second.results).toHaveLength(100);
	expect(second.paginationToken).toBeUndefined();
	expect(cc.api()).toHaveLength(2);
	const names = new Set([...first.results, ...second.results].map((r) => r.name));
	expect(names.size).toBe(600);
});

test('the filter keeps matching names only (case-insensitive)', async () => {
	cc.fakes.admin.seed({ tags: [{ name: 'VIP' }, { name: 'Webinar' }, { name: 'vip-2026' }] });
	const found = await listSearch('searchTags', cc.credential, 'vip');
	expect(found.results.map((r) => r.name).sort()).toEqual(['VIP', 'vip-2026']);
	expect(cc.calls()).toEqual(['GET /v3/contact_tags']);
});

test('custom fields are shown by label, with their IDs as values', async () => {
	const s = cc.fakes.admin.seed({ customFields: [{ label: 'Favorite Color', type: 'string' }] });
	const found = await listSearch('searchCustomFields', cc.credential);
	expect(found.results).toEqual([{ name: 'Favorite Color', value: s.customFields[0].custom_field_id }]);
	expect(cc.api()[0].query).toEqual({ limit: '100' });
});
