/**
 * The access token goes only to the credential's API address. A hostile "Constant Contact"
 * (scripted answers) names other hosts, ports, paths and endpoints in next links, redirects and
 * IDs; a bystander server on another port records every request it gets and must get none.
 * Crafted picker tokens and IDs typed or computed in the editor are refused the same way.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { createPoller, credentialsFor, listSearch, runNode, transport, type TestCredential } from '../harness';
import { startRecordingServer, type RecordingServer, type Seen } from './servers';

const { startFakes } = require('../../fake');

const CONTACT = '0b8e2a5e-6f43-11ee-9d6e-fa163e56c9b0';
const LIST = '1ec8a3a0-4e6b-11ec-8bd6-fa163e6a92d8';
const CAMPAIGN = '4f6b1a3a-0e3c-4bd1-9c1f-0a0c6c8e8a11';

let fakes: any;
let hostile: RecordingServer;
let bystander: RecordingServer;
let credential: TestCredential;
let saved: IDataObject;

beforeAll(async () => {
	fakes = await startFakes({ rateLimitPerSecond: 0, validator: null });
	hostile = await startRecordingServer();
	bystander = await startRecordingServer(() => ({
		body: { contacts: [{ contact_id: '99999999-9999-4999-8999-999999999999', email_address: { address: 'stolen@bystander.test' } }] },
	}));
	credential = credentialsFor(fakes, { apiBaseUrl: `${hostile.origin}/v3` });
});

afterAll(async () => {
	await Promise.all([fakes?.stop(), hostile?.stop(), bystander?.stop()]);
});

beforeEach(() => {
	saved = { ...transport.transportSettings };
	Object.assign(transport.transportSettings, { minSpacingMs: 0, backoffBaseMs: 1, backoffMaxMs: 2 });
	transport.resetRateLimiter();
	hostile.seen.length = 0;
	bystander.seen.length = 0;
});

afterEach(() => {
	Object.assign(transport.transportSettings, saved);
	// The one rule of this file: whatever happened, nothing reached the other server.
	expect(bystander.seen.map((s) => `${s.method} ${s.url}`)).toEqual([]);
});

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const contactPage = (next: unknown) => ({
	contacts: [{ contact_id: CONTACT, email_address: { address: 'ann@example.com' }, created_at: new Date().toISOString() }],
	_links: { next: { href: next } },
});
const calls = (seen: Seen[]) => seen.map((s) => `${s.method} ${s.url.replace(/\?.*$/, '')}`);

/** Next links that must not be followed: [name, href from the bystander's port]. */
const foreignLinks: Array<[string, () => unknown]> = [
	['absolute URL on another port', () => `${bystander.origin}/v3/contacts?cursor=abc`],
	['protocol-relative URL', () => `//127.0.0.1:${bystander.port}/v3/contacts?cursor=abc`],
	['user info that hides the real host', () => `http://127.0.0.1:${hostile.port}@127.0.0.1:${bystander.port}/v3/contacts`],
	['the same port on another host name', () => `http://localhost:${bystander.port}/v3/contacts`],
	['the real Constant Contact host (not this credential\'s)', () => 'https://api.cc.email/v3/contacts?cursor=abc'],
	['https instead of http', () => `https://127.0.0.1:${hostile.port}/v3/contacts?cursor=abc`],
	['dot segments out of /v3', () => '/v3/../../admin/contacts'],
	['percent-encoded dot segments', () => '/v3/%2e%2e/%2E%2E/admin'],
	['encoded slashes', () => '/v3/contacts%2f..%2f..%2fadmin'],
	['backslashes', () => `\\\\127.0.0.1:${bystander.port}\\v3\\contacts`],
	['another scheme', () => 'javascript:alert(1)'],
	['another endpoint of the API', () => '/v3/account/summary'],
	['a path outside the prefix', () => '/admin/v3/contacts'],
	['not a string', () => ({ href: `${bystander.origin}/v3/contacts` })],
	['control characters', () => `/v3/contacts?cursor=a\r\nHost: 127.0.0.1:${bystander.port}`],
];

describe('next links from an answer', () => {
	test.each(foreignLinks)('Contact → Get Many refuses a next link with %s', async (_name, href) => {
		hostile.answer(() => ({ body: contactPage(href()) }));
		const result = await runNode({ credential, parameters: { resource: 'contact', operation: 'getAll', returnAll: true } });

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/outside the Constant Contact API|another endpoint|that is not a link/);
		expect(calls(hostile.seen)).toEqual(['GET /v3/contacts']);
	});

	test('a next link inside the API is followed (the check lets Constant Contact\'s own links through)', async () => {
		hostile.answer((req) => ({ body: req.url.includes('cursor=2') ? { contacts: [] } : contactPage('/v3/contacts?cursor=2') }));
		const result = await runNode({ credential, parameters: { resource: 'contact', operation: 'getAll', returnAll: true } });

		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.contact_id)).toEqual([CONTACT]);
		expect(hostile.seen.map((s) => s.url)).toEqual(['/v3/contacts?limit=500', '/v3/contacts?cursor=2']);
		expect(hostile.seen.every((s) => s.headers.authorization === `Bearer ${(credential.data.oauthTokenData as IDataObject).access_token}`)).toBe(true);
	});

	test('a next link seen before ends the paging with an error instead of a loop', async () => {
		hostile.answer(() => ({ body: contactPage('/v3/contacts?cursor=same') }));
		const result = await runNode({ credential, parameters: { resource: 'contact', operation: 'getAll', returnAll: true } });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Constant Contact gave a next-page link that was already read');
		expect(hostile.seen.map((s) => s.url)).toEqual(['/v3/contacts?limit=500', '/v3/contacts?cursor=same']);
	});

	test('Campaign → Get Many refuses a next link elsewhere', async () => {
		hostile.answer(() => ({
			body: { campaigns: [{ campaign_id: CAMPAIGN, name: 'Spring', current_status: 'Draft' }], _links: { next: { href: `${bystander.origin}/v3/emails?next=x` } } },
		}));
		const result = await runNode({ credential, parameters: { resource: 'campaign', operation: 'getAll', returnAll: true } });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Refused a next-page link that points outside the Constant Contact API');
		expect(calls(hostile.seen)).toEqual(['GET /v3/emails']);
	});

	test("the trigger's poll refuses a next link elsewhere", async () => {
		hostile.answer(() => ({ body: contactPage(`${bystander.origin}/v3/contacts?cursor=x`) }));
		const poller = createPoller({ event: 'contactCreated' }, credential);
		const { items, error } = await poller.poll();

		expect(items).toEqual([]);
		expect(error?.message).toBe('Refused a next-page link that points outside the Constant Contact API');
		expect(calls(hostile.seen)).toEqual(['GET /v3/contacts']);
	});

	test('a list dropdown (all pages) refuses a next link elsewhere', async () => {
		hostile.answer(() => ({ body: { lists: [{ list_id: LIST, name: 'Newsletter' }], _links: { next: { href: `${bystander.origin}/v3/contact_lists?cursor=x` } } } }));
		await expect(require('../harness').loadOptions('getLists', credential)).rejects.toThrow('outside the Constant Contact API');
		expect(calls(hostile.seen)).toEqual(['GET /v3/contact_lists']);
	});
});

describe('pagination tokens of the list pickers (they come back from the editor)', () => {
	test.each([
		['a URL on another port', () => `${bystander.origin}/v3/contact_lists?cursor=x`],
		['protocol-relative', () => `//127.0.0.1:${bystander.port}/v3/contact_lists`],
		['another endpoint of the API', () => '/v3/contacts?limit=500'],
		['dot segments', () => '/v3/contact_lists/../../admin'],
		['a plain word', () => 'next'],
	])('a crafted token (%s) is refused before anything is sent', async (_name, token) => {
		hostile.answer(() => ({ body: { lists: [] } }));
		await expect(listSearch('searchLists', credential, undefined, token())).rejects.toThrow(
			/outside the Constant Contact API|another endpoint/,
		);
		expect(hostile.seen).toEqual([]);
	});

	test("Constant Contact's own token reads the next page", async () => {
		hostile.answer((req) => ({
			body: req.url.includes('cursor=p2')
				? { lists: [{ list_id: LIST, name: 'Second page list' }] }
				: { lists: [{ list_id: LIST, name: 'First' }], _links: { next: { href: '/v3/contact_lists?cursor=p2' } } },
		}));
		const first = await listSearch('searchLists', credential);
		expect(first.paginationToken).toBe('/v3/contact_lists?cursor=p2');
		const second = await listSearch('searchLists', credential, undefined, first.paginationToken as string);
		expect(second.results.map((r) => r.name)).toEqual(['Second page list']);
	});
});

describe('redirects are not followed', () => {
	test.each([301, 302, 303, 307, 308])('a GET answered %i to another server fails and sends nothing there', async (status) => {
		hostile.answer(() => ({ status, headers: { Location: `${bystander.origin}/v3/contacts/${CONTACT}` } }));
		const result = await runNode({ credential, parameters: { resource: 'contact', operation: 'get', contact: byId(CONTACT) } });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(`Constant Contact answered with a redirect (HTTP ${status}), which the node does not follow`);
		expect(result.error?.description).toContain(bystander.origin);
		expect(result.items).toEqual([]);
		expect(calls(hostile.seen)).toEqual([`GET /v3/contacts/${CONTACT}`]);
	});

	test('a create answered with a redirect is not repeated elsewhere', async () => {
		hostile.answer(() => ({ status: 307, headers: { Location: `${bystander.origin}/v3/contacts` } }));
		const result = await runNode({
			credential,
			parameters: { resource: 'contact', operation: 'create', email: 'ann@example.com', createSource: 'Account' },
		});
		expect(result.error?.message).toMatch(/redirect \(HTTP 307\)/);
		expect(calls(hostile.seen)).toEqual(['POST /v3/contacts']);
	});
});

describe('IDs are data, not paths', () => {
	// From an expression, as a workflow computes IDs (a literal is refused by n8n's own field check).
	const crafted = '={{ $json.id }}';
	const cases: Array<[string, INodeParameters]> = [
		['Contact → Get', { resource: 'contact', operation: 'get', contact: byId(crafted) }],
		['Contact → Delete', { resource: 'contact', operation: 'delete', contact: byId(crafted) }],
		['Contact → Add to Lists (contact)', { resource: 'contact', operation: 'addToLists', contact: byId(crafted), lists: [LIST] }],

		['List → Get', { resource: 'list', operation: 'get', list: byId(crafted) }],
		['List → Delete', { resource: 'list', operation: 'delete', list: byId(crafted) }],
		['Tag → Get', { resource: 'tag', operation: 'get', tag: byId(crafted) }],
		['Custom Field → Get', { resource: 'customField', operation: 'get', customField: byId(crafted) }],
		['Segment → Get', { resource: 'segment', operation: 'get', segment: byId(crafted) }],
		['Campaign → Get', { resource: 'campaign', operation: 'get', campaign: byId(crafted) }],
		['Campaign → Delete', { resource: 'campaign', operation: 'delete', campaign: byId(crafted) }],
		['Activity → Get', { resource: 'activity', operation: 'get', activityId: crafted }],
		['Activity → Get (an encoded slash)', { resource: 'activity', operation: 'get', activityId: crafted }],
	];

	test.each(cases)('%s: a crafted ID is refused before any request', async (name, parameters) => {
		hostile.answer(() => ({ body: {} }));
		const id = name.startsWith('Segment') ? '1/../../admin' : name.includes('encoded') ? `${LIST}%2F..%2Fx` : '../../admin/contacts?x=';
		const result = await runNode({ credential, parameters, inputItems: [{ id }] });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/not a (valid )?Constant Contact|is not an ID|not a valid|which is not the name of a list in this Constant Contact account/i);
		expect(hostile.seen).toEqual([]);
	});

	test('Contact → Add to Lists: a crafted list is taken as a name, looked up among the lists, and refused', async () => {
		hostile.answer(() => ({ body: { lists: [{ list_id: LIST, name: 'Newsletter' }] } }));
		const result = await runNode({
			credential,
			parameters: { resource: 'contact', operation: 'addToLists', contact: byId(CONTACT), lists: crafted },
			inputItems: [{ id: '../../admin/contacts?x=' }],
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('List Names or IDs contains "../../admin/contacts?x=", which is not the name of a list in this Constant Contact account');
		expect(calls(hostile.seen)).toEqual(['GET /v3/contact_lists']);
	});

	test('an activity ID in an answer cannot move the next request out of its path', async () => {
		hostile.answer((req) =>
			req.method === 'POST' ? { status: 201, body: { activity_id: '../../admin/contacts?x=', state: 'initialized' } } : { body: {} },
		);
		const result = await runNode({
			credential,
			parameters: { resource: 'contact', operation: 'addToLists', contact: byId(CONTACT), lists: [LIST] },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('"../../admin/contacts?x=" is not an ID Constant Contact issues');
		expect(calls(hostile.seen)).toEqual(['POST /v3/activities/add_list_memberships']);
	});

	test('a campaign activity ID in an answer cannot move the next request out of its path', async () => {
		hostile.answer(() => ({
			body: { campaign_id: CAMPAIGN, name: 'x', current_status: 'Draft', campaign_activities: [{ role: 'primary_email', campaign_activity_id: '..' }] },
		}));
		const result = await runNode({
			credential,
			parameters: { resource: 'campaign', operation: 'schedule', campaign: byId(CAMPAIGN), when: 'now' },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('".." is not an ID Constant Contact issues');
		expect(calls(hostile.seen)).toEqual([`GET /v3/emails/${CAMPAIGN}`]);
	});
});

describe("the credential's API address itself", () => {
	test.each([
		['plain http to another machine', 'http://api.example.test/v3'],
		['user info', 'http://user:pw@127.0.0.1:1/v3'],
		['a query', 'http://127.0.0.1:1/v3?x=1'],
		['not a URL', 'api.cc.email/v3'],
	])('is refused when it has %s, before the token is sent', async (_name, apiBaseUrl) => {
		const bad = credentialsFor(fakes, { apiBaseUrl });
		const result = await runNode({ credential: bad, parameters: { resource: 'contact', operation: 'get', contact: byId(CONTACT) } });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/API Base URL (is not a URL|is not allowed)/);
		expect(hostile.seen).toEqual([]);
	});
});
