import { startFakes } from '../fake';
import { adminHttp, apiClient, waitForActivity, type ApiClient, type Fakes } from './helpers';

/** A fixed instant with milliseconds, and neighbours 1 ms apart. */
const T = '2030-01-02T03:04:05.678Z';
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

describe('fake API: contact timestamps for the polling trigger (brief §11)', () => {
	let fakes: Fakes;
	let api: ApiClient;
	let ids: Record<string, string>;

	beforeEach(async () => {
		fakes = await startFakes({ rateLimitPerSecond: 0 });
		api = apiClient(fakes);
		const seeded = fakes.admin.seed({
			contacts: ['a', 'b', 'c', 'd'].map((n) => ({ email: `${n}@example.com`, first_name: n.toUpperCase(), permission_to_send: 'implicit' })),
		});
		ids = Object.fromEntries(seeded.contacts.map((c: any) => [c.email_address.address[0], c.contact_id]));
	});
	afterEach(async () => {
		try {
			expect(api.responseErrors()).toEqual([]);
			expect(fakes.violations).toEqual([]);
		} finally {
			await fakes.stop();
		}
	});

	const emails = async (query: string) => (await api.get(`/v3/contacts?${query}`)).body.contacts.map((c: any) => c.email_address.address[0]).join('');

	it('updated_after is inclusive and updated_before exclusive, to the millisecond; two contacts can share an updated_at', async () => {
		fakes.admin.touchContact(ids.a, { updated_at: T });
		fakes.admin.touchContact(ids.b, { updated_at: T });
		fakes.admin.touchContact(ids.c, { updated_at: plus(T, 1) });
		fakes.admin.touchContact(ids.d, { updated_at: plus(T, -1) });
		expect((await api.get(`/v3/contacts/${ids.a}`)).body.updated_at).toBe(T);

		expect(await emails(`updated_after=${T}`)).toBe('abc');
		expect(await emails(`updated_after=${plus(T, 1)}`)).toBe('c');
		expect(await emails(`updated_after=${plus(T, 2)}`)).toBe('');
		expect(await emails(`updated_before=${T}`)).toBe('d');
		expect(await emails(`updated_before=${plus(T, 1)}`)).toBe('abd');
		expect(await emails(`updated_after=${T}&updated_before=${plus(T, 1)}`)).toBe('ab');
		// The same instant written with an offset, and with more (truncated) fraction digits.
		expect(await emails(`updated_after=${encodeURIComponent('2030-01-02T05:04:05.678+02:00')}`)).toBe('abc');
		expect(await emails(`updated_after=${encodeURIComponent('2030-01-02T03:04:05.678999Z')}`)).toBe('abc');
		expect(await emails(`updated_after=${encodeURIComponent('2030-01-02T03:04:05Z')}`)).toBe('abcd'); // d is 1 ms before T

		// Paging through contacts that share the mark: stable order, nobody lost or repeated.
		const p1 = await api.get(`/v3/contacts?updated_after=${T}&limit=1`);
		const p2 = await api.get(p1.body._links.next.href);
		const p3 = await api.get(p2.body._links.next.href);
		expect([p1, p2, p3].map((p) => p.body.contacts[0].email_address.address[0]).join('')).toBe('abc');
		expect(p3.body._links).toBeUndefined();
	});

	it('created_after / created_before use created_at the same way; touchContact sets created_at', async () => {
		fakes.admin.touchContact(ids.a, { created_at: plus(T, -5), updated_at: plus(T, -5) });
		fakes.admin.touchContact(ids.b, { created_at: T, updated_at: T });
		fakes.admin.touchContact(ids.c, { created_at: T, updated_at: plus(T, 10) });
		expect(await emails(`created_after=${T}&created_before=${plus(T, 1)}`)).toBe('bc');
		expect(await emails(`created_after=${plus(T, 1)}&created_before=${plus(T, 100)}`)).toBe('');
		// d keeps its real (earlier) created_at and is the first of all.
		expect(await emails(`created_before=${T}`)).toBe('da');
		expect(await emails('limit=10')).toBe('dabc');
	});

	it('optout_after: an unsubscribe records opt_out_date with milliseconds; status=unsubscribed&optout_after is inclusive', async () => {
		const put = await api.put(`/v3/contacts/${ids.a}`, { email_address: { address: 'a@example.com', permission_to_send: 'unsubscribed' }, update_source: 'Account' });
		expect(put.status).toBe(200);
		const outAt = put.body.email_address.opt_out_date as string;
		expect(outAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(put.body.updated_at).toBe(outAt);
		expect(await emails(`status=unsubscribed&optout_after=${outAt}`)).toBe('a');
		expect(await emails(`status=unsubscribed&optout_after=${plus(outAt, 1)}`)).toBe('');
		expect(await emails(`optout_before=${plus(outAt, 1)}`)).toBe('a');

		// Two unsubscribes at the same instant (touchContact), then one later.
		await api.put(`/v3/contacts/${ids.b}`, { email_address: { address: 'b@example.com', permission_to_send: 'unsubscribed' }, update_source: 'Account' });
		fakes.admin.touchContact(ids.a, { opt_out_date: T });
		fakes.admin.touchContact(ids.b, { opt_out_date: T });
		expect(await emails(`status=unsubscribed&optout_after=${T}`)).toBe('ab');
		expect(await emails(`status=unsubscribed&optout_after=${plus(T, 1)}`)).toBe('');
		expect(() => fakes.admin.touchContact(ids.c, { opt_out_date: T })).toThrow(/unsubscribed/);
	});

	it('DELETE /contacts/{id} bumps updated_at and sets deleted_at (date only); status=deleted&updated_after finds it', async () => {
		const before = (await api.get(`/v3/contacts/${ids.b}`)).body.updated_at as string;
		// The trigger's mark: just after the newest updated_at it has seen.
		const all = (await api.get('/v3/contacts')).body.contacts.map((c: any) => c.updated_at as string);
		const mark = plus(all.sort().pop(), 1);
		expect((await api.del(`/v3/contacts/${ids.b}`)).status).toBe(204);
		const b = (await api.get(`/v3/contacts/${ids.b}`)).body;
		expect(b.updated_at > before).toBe(true);
		expect(b.deleted_at).toBe(b.updated_at.slice(0, 10));
		expect(b.deleted_at).toMatch(/^\d{4}-\d\d-\d\d$/);

		expect(await emails(`status=deleted&updated_after=${mark}`)).toBe('b');
		expect(await emails(`status=deleted&updated_after=${plus(b.updated_at, 1)}`)).toBe('');
		expect(await emails(`updated_after=${mark}`)).toBe(''); // the default status hides deleted contacts
		expect(await emails(`status=all&updated_after=${mark}`)).toBe('b');
		// Deleting again changes nothing.
		expect((await api.del(`/v3/contacts/${ids.b}`)).status).toBe(204);
		expect((await api.get(`/v3/contacts/${ids.b}`)).body.updated_at).toBe(b.updated_at);

		// The bulk contact_delete activity does the same.
		const act = await api.post('/v3/activities/contact_delete', { contact_ids: [ids.c, ids.d] });
		await waitForActivity(api, act.body._links.self.href);
		const deleted = (await api.get(`/v3/contacts?status=deleted&updated_after=${plus(b.updated_at, 1)}`)).body.contacts;
		expect(deleted.map((c: any) => c.email_address.address[0])).toEqual(['c', 'd']);
		for (const c of deleted) expect(c.deleted_at).toBe(c.updated_at.slice(0, 10));
	});

	it('touchContact: validates its input, deleted_at takes a date (null revives); also POST /__admin/touch-contact', async () => {
		expect(() => fakes.admin.touchContact(ids.a, { updated_at: 'yesterday' })).toThrow(/ISO-8601/);
		expect(() => fakes.admin.touchContact(ids.a, { colour: 'red' } as any)).toThrow(/unknown key/);
		expect(() => fakes.admin.touchContact('00000000-0000-4000-8000-000000000000', { updated_at: T })).toThrow(/unknown contact/);
		expect(fakes.admin.touchContact(ids.a, { deleted_at: T, updated_at: T })).toMatchObject({ deleted_at: '2030-01-02', updated_at: T });
		expect(await emails(`status=deleted&updated_after=${T}`)).toBe('a');
		fakes.admin.touchContact(ids.a, { deleted_at: null });
		expect(await emails(`updated_after=${T}`)).toBe('a');

		const r = await adminHttp(fakes, 'POST', 'touch-contact', { contact_id: ids.b, updated_at: T });
		expect(r.status).toBe(200);
		expect(r.body.updated_at).toBe(T);
		expect(await emails(`updated_after=${T}`)).toBe('ab');
		expect((await adminHttp(fakes, 'POST', 'touch-contact', { contact_id: ids.b, updated_at: 'nope' })).status).toBe(400);
		// By e-mail too.
		expect(fakes.admin.touchContact('c@example.com', { updated_at: T }).contact_id).toBe(ids.c);
	});
});
