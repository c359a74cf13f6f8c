/**
 * Issue 12, findings 3 and 8: an answer of the wrong shape is an error (for a read) or an unknown
 * outcome (for a write), never an empty success; pages of any size are collected without
 * crashing, and a page of the wrong shape fails clearly.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { credentialsFor, runNode, transport, type TestCredential } from '../harness';
import { byId, contactOp, useContactFakes } from '../contact/helpers';
import { startRecordingServer, type RecordingServer } from '../security/servers';

const cc = useContactFakes();
const ODD: Array<[string, IDataObject]> = [
	['a 200 HTML page', { status: 200, raw: '<html><body>Maintenance</body></html>' }],
	['a 204 without a body', { status: 204 }],
	['a 200 with null', { status: 200, raw: 'null' }],
	['a 200 with a record without its ID', { status: 200, body: { first_name: 'x' } }],
];

describe('reads answered with the wrong shape fail clearly', () => {
	test.each(ODD)('Contact → Get answered with %s', async (_name, fault) => {
		const { contacts } = cc.fakes.admin.seed({ contacts: [{ email: 'odd@example.com' }] });
		cc.fakes.faults.push({ match: { method: 'GET', pathPrefix: '/contacts/' }, kind: 'status', ...fault });
		const result = await cc.run(contactOp('get', { contact: byId(contacts[0].contact_id) }));

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe("Constant Contact's answer has an unexpected shape");
		expect(result.error?.description).toMatch(/^GET \/contacts\/[-0-9a-f]+: expected a (JSON object|record with "contact_id"), got /);
	});

	test.each(ODD.slice(0, 3))('Contact → Get Many answered with %s fails instead of returning 0 items', async (_name, fault) => {
		cc.fakes.faults.push({ match: { method: 'GET', pathPrefix: '/contacts' }, kind: 'status', ...fault });
		const result = await cc.run(contactOp('getAll', { returnAll: true }));
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe("Constant Contact's answer has an unexpected shape");
	});
});

describe('writes answered with the wrong shape are "unknown", not success', () => {
	const writes: Array<[string, () => INodeParameters, string]> = [
		['Contact → Create', () => contactOp('create', { email: 'w@example.com', createSource: 'Account' }), '/contacts'],
		['List → Create', () => ({ resource: 'list', operation: 'create', name: 'New list' }), '/contact_lists'],
		[
			'Contact → Create or Update',
			() => contactOp('upsert', { email: 'w@example.com', lists: [cc.fakes.admin.seed({ lists: [{ name: 'U' }] }).lists[0].list_id] }),
			'/contacts/sign_up_form',
		],
	];
	test.each(ODD.flatMap(([name, fault]) => writes.map(([op, params, path]) => [op, name, params, path, fault] as const)))(
		'%s answered with %s',
		async (_op, _name, params, path, fault) => {
			const parameters = params();
			cc.fakes.faults.push({ match: { method: 'POST', pathPrefix: path }, kind: 'afterHandle', ...fault });
			const result = await cc.run(parameters);

			expect(result.status).toBe('success');
			expect(result.items).toHaveLength(1);
			expect(result.items[0].json).toMatchObject({ outcome: 'unknown', request: `POST ${path}` });
			expect(String(result.items[0].json.reason)).toMatch(/unexpected shape/);
			expect(result.items[0].json.action).toBeUndefined();
		},
	);
});

describe('pages of any size or shape', () => {
	let hostile: RecordingServer;
	let credential: TestCredential;
	let saved: IDataObject;

	beforeAll(async () => {
		hostile = await startRecordingServer();
		credential = credentialsFor(cc.fakes, { apiBaseUrl: `${hostile.origin}/v3` });
	});
	afterAll(async () => hostile.stop());
	beforeEach(() => {
		saved = { ...transport.transportSettings };
		transport.transportSettings.minSpacingMs = 0;
	});
	afterEach(() => Object.assign(transport.transportSettings, saved));

	test('a page of 150,000 records is collected without "Maximum call stack size exceeded"', async () => {
		const contacts = Array.from({ length: 150_000 }, (_, n) => ({ contact_id: `c-${n}` }));
		hostile.answer(() => ({ body: { contacts } }));
		const result = await runNode({ credential, parameters: contactOp('getAll', { returnAll: true, simplify: false }) });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(150_000);
	});

	test.each([
		['an object instead of a list', { contacts: { contact_id: 'x' } }, '"contacts" should be a list of records, but held {"contact_id":"x"}'],
		['null and a number among the records', { contacts: [null, 5] }, '"contacts" should be a list of records, but held null'],
		['a list instead of a page', [{ contact_id: 'x' }], 'expected a JSON object, got HTTP 200 with [{"contact_id":"x"}]'],
	])('a page holding %s fails with a clear message', async (_name, page, detail) => {
		hostile.answer(() => ({ body: page }));
		const result = await runNode({ credential, parameters: contactOp('getAll', { returnAll: true }) });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe("Constant Contact's answer has an unexpected shape");
		expect(result.error?.description).toContain(detail);
	});
});
