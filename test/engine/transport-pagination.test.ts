/**
 * Transport, pagination through real runs: `_links.next.href` (a path that already contains
 * `/v3`) is followed by prefixing the host only; pages are as large as the endpoint allows (500
 * for contacts); a limit stops early; an empty page stops even if it carries a next link.
 */
import type { IDataObject } from 'n8n-workflow';

import { credentialsFor, runNode, transport, type TestCredential } from './harness';
import { apiCallsSince, useTransportFakes } from './transport-suite';


let fakes: any;
let credential: TestCredential;
let ids: string[];

useTransportFakes({ rateLimitPerSecond: 0 }, (ready) => {
	fakes = ready;
	ids = fakes.admin.bulkContacts(1250, { prefix: 'page' });
	credential = credentialsFor(fakes);
});

const apiCalls = (from: number): IDataObject[] => apiCallsSince(fakes, from);

describe('_links.next.href pagination', () => {
	test('Return All over 1,250 contacts: limit=500, 3 requests, the next links followed on the API host', async () => {
		const from = fakes.log.length;
		const result = await runNode({ credential, parameters: { resource: 'contact', operation: 'getAll', returnAll: true } });

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1250);
		expect(result.items.map((i) => i.json.contact_id)).toEqual(ids);
		expect(result.items.every((i) => JSON.stringify(i.pairedItem) === '{"item":0}')).toBe(true);

		const calls = apiCalls(from);
		expect(calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual(Array(3).fill('GET /v3/contacts 200'));
		expect(calls[0].query).toEqual({ limit: '500' });
		// Pages 2 and 3 are exactly the hrefs the fake handed out: /v3 once, only the cursor.
		expect(Object.keys(calls[1].query as IDataObject)).toEqual(['cursor']);
		expect(Object.keys(calls[2].query as IDataObject)).toEqual(['cursor']);
		expect(calls[1].query).not.toEqual(calls[2].query);
	});

	test('Limit 700: two requests (a page of 500, then the next page cut to 200), 700 items', async () => {
		const from = fakes.log.length;
		const result = await runNode({
			credential,
			parameters: { resource: 'contact', operation: 'getAll', returnAll: false, limit: 700 },
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(700);
		expect(result.items.map((i) => i.json.contact_id)).toEqual(ids.slice(0, 700));

		const calls = apiCalls(from);
		expect(calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual(Array(2).fill('GET /v3/contacts 200'));
		expect(calls[0].query).toEqual({ limit: '500' });
		// The cursor carries the page size of the first request; nothing else may go next to it.
		expect(Object.keys(calls[1].query as IDataObject)).toEqual(['cursor']);
	});

	test('Limit below one page asks for exactly that many: one request with limit=120', async () => {
		const from = fakes.log.length;
		const result = await runNode({
			credential,
			parameters: { resource: 'contact', operation: 'getAll', returnAll: false, limit: 120 },
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.contact_id)).toEqual(ids.slice(0, 120));
		const calls = apiCalls(from);
		expect(calls).toHaveLength(1);
		expect(calls[0].query).toEqual({ limit: '120' });
	});

	test('an empty page that still carries a next link ends the listing (no endless loop)', async () => {
		fakes.faults.push({
			match: { method: 'GET', pathPrefix: '/contacts' },
			kind: 'status',
			status: 200,
			body: { contacts: [], _links: { next: { href: '/v3/contacts?cursor=c3RpbGwtbW9yZQ' } } },
		});
		const from = fakes.log.length;
		const result = await runNode({ credential, parameters: { resource: 'contact', operation: 'getAll', returnAll: true } });

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.items).toEqual([]);
		const calls = apiCalls(from);
		expect(calls.map((c) => `${c.path} ${c.status}`)).toEqual(['/v3/contacts 200']);
		expect(calls[0].fault).toBe('status');
	});

	test('a page that fails once (503) is retried in place: the listing is complete and has no duplicates', async () => {
		transport.transportSettings.backoffBaseMs = 20;
		// The first page passes, the second answers 503 once.
		const firstPageDone = fakes.log.length;
		fakes.faults.push({ match: { method: 'GET', pathPrefix: '/contacts' }, kind: 'delay', ms: 0 });
		fakes.faults.push({ match: { method: 'GET', pathPrefix: '/contacts' }, kind: 'status', status: 503 });

		const result = await runNode({ credential, parameters: { resource: 'contact', operation: 'getAll', returnAll: true } });

		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.contact_id)).toEqual(ids);
		const calls = apiCalls(firstPageDone);
		expect(calls.map((c) => c.status)).toEqual([200, 503, 200, 200]);
		expect(calls[2].query).toEqual(calls[1].query);
	});
});
