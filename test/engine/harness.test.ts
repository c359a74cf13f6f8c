/**
 * Proves the engine harness: the built node runs inside n8n-core's WorkflowExecute, signs its
 * requests with n8n's real OAuth2 code, talks over HTTP to the fake Constant Contact servers, and
 * returns what a user sees in n8n.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	clock,
	credentialsFor,
	engineLog,
	expectNoSpecViolations,
	loadOptions,
	runNode,
	transport,
	type TestCredential,
} from './harness';

const { startFakes } = require('../fake');

let fakes: any;
let listId: string;
let seededId: string;

beforeAll(async () => {
	fakes = await startFakes({ rateLimitPerSecond: 0 });
	const seeded = fakes.admin.seed({
		lists: [{ name: 'Engine test list' }],
		contacts: [{ email: 'seeded@example.com', first_name: 'Seeded', list_names: ['Engine test list'] }],
	});
	listId = seeded.lists[0].list_id;
	seededId = seeded.contacts[0].contact_id;
});

afterAll(async () => {
	await fakes?.stop();
});

afterEach(() => {
	expectNoSpecViolations(fakes);
});

const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

/** Requests that reached the fakes since `from` (an index into fakes.log). */
const logSince = (from: number): IDataObject[] => fakes.log.slice(from);
const tokenRequests = (from: number) =>
	logSince(from).filter((e) => e.server === 'oauth' && String(e.path).endsWith('/v1/token'));

describe('a contact through the real n8n engine', () => {
	test('upsert → get → update → get keeps the fields the update did not touch', async () => {
		const credential = credentialsFor(fakes);

		const upsert = await runNode({
			credential,
			parameters: {
				resource: 'contact',
				operation: 'upsert',
				email: 'engine.chain@example.com',
				lists: [listId],
				additionalFields: { firstName: 'Grace', jobTitle: 'Admiral' },
			},
		});
		expect(upsert.error).toBeUndefined();
		expect(upsert.status).toBe('success');
		expect(upsert.items).toHaveLength(1);
		expect(upsert.items[0].pairedItem).toEqual({ item: 0 });
		expect(upsert.items[0].json).toMatchObject({
			contact_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			email: 'engine.chain@example.com',
			action: expect.stringMatching(/^(created|updated)$/),
		});
		const id = upsert.items[0].json.contact_id as string;

		const get = { resource: 'contact', operation: 'get', contact: byId(id) };
		const first = await runNode({ credential, parameters: get });
		expect(first.error).toBeUndefined();
		expect(first.items).toHaveLength(1);
		expect(first.items[0].pairedItem).toEqual({ item: 0 });
		expect(first.items[0].json).toMatchObject({
			contact_id: id,
			email_address: expect.objectContaining({ address: 'engine.chain@example.com' }),
			first_name: 'Grace',
			job_title: 'Admiral',
		});

		const update = await runNode({
			credential,
			parameters: { resource: 'contact', operation: 'update', contact: byId(id), updateFields: { lastName: 'X' } },
		});
		expect(update.error).toBeUndefined();
		expect(update.items).toHaveLength(1);
		expect(update.items[0].pairedItem).toEqual({ item: 0 });
		expect(update.items[0].json).toMatchObject({ contact_id: id, last_name: 'X' });

		const second = await runNode({ credential, parameters: get });
		expect(second.error).toBeUndefined();
		expect(second.items[0].json).toMatchObject({
			contact_id: id,
			first_name: 'Grace',
			job_title: 'Admiral',
			last_name: 'X',
		});
		expect(second.items[0].json.list_memberships).toEqual([listId]);

		console.log(
			[
				'===== ENGINE CHAIN: node outputs as n8n shows them (begin) =====',
				`--- 1. upsert ---\n${JSON.stringify(upsert.items, null, 2)}`,
				`--- 2. get ---\n${JSON.stringify(first.items, null, 2)}`,
				`--- 3. update (updateFields: { lastName: 'X' }) ---\n${JSON.stringify(update.items, null, 2)}`,
				`--- 4. get ---\n${JSON.stringify(second.items, null, 2)}`,
				'===== ENGINE CHAIN (end) =====',
			].join('\n'),
		);
	});

	test('loadOptions runs with n8n-core’s LoadOptionsContext over the OAuth2 credential', async () => {
		const options = await loadOptions('getLists', credentialsFor(fakes));
		expect(options).toContainEqual(expect.objectContaining({ name: 'Engine test list', value: listId }));
	});
});

describe('OAuth2 through n8n-core’s requestOAuth2', () => {
	test('an expired access token is refreshed once, with Basic client auth, and the rotated refresh token is kept', async () => {
		const credential = credentialsFor(fakes);
		const original = { ...(credential.data.oauthTokenData as IDataObject) };
		fakes.admin.expireAccessTokens();

		const from = fakes.log.length;
		const usesBefore = fakes.admin.refreshTokensUsed().length;
		const result = await runNode({
			credential,
			parameters: { resource: 'contact', operation: 'get', contact: byId(seededId) },
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ first_name: 'Seeded' });

		// GET with the dead token → 401, one refresh, the same GET again with the new token.
		const calls = logSince(from).map((e) => `${e.server} ${e.method} ${e.status}`);
		expect(calls).toEqual(['api GET 401', 'oauth POST 200', 'api GET 200']);
		const [refresh] = tokenRequests(from);
		expect(refresh.body).toMatchObject({ grant_type: 'refresh_token' });
		expect((refresh.body as IDataObject).client_secret).toBeUndefined(); // "header" client auth
		expect(refresh.authorization).toMatch(/^Basic /);
		const uses = fakes.admin.refreshTokensUsed().slice(usesBefore);
		expect(uses).toEqual([expect.objectContaining({ refresh_token: original.refresh_token, accepted: true })]);

		// n8n stored the new token data through the credentials helper: rotating refresh token kept.
		const stored = credential.data.oauthTokenData as IDataObject;
		expect(credential.tokenUpdates).toHaveLength(1);
		expect(stored.access_token).not.toBe(original.access_token);
		expect(stored.refresh_token).toEqual(expect.any(String));
		expect(stored.refresh_token).not.toBe(original.refresh_token);
		expect(engineLog.map((l) => l.message)).toContain(
			'OAuth2 token for "constantContactOAuth2Api" used by node "Constant Contact" has been renewed.',
		);

		// Expired again: the next run refreshes with the newest refresh token (the old one is dead).
		await waitForTokenEndpoint();
		fakes.admin.expireAccessTokens();
		const newest = stored.refresh_token;
		const again = await runNode({
			credential,
			parameters: { resource: 'contact', operation: 'get', contact: byId(seededId) },
		});
		expect(again.error).toBeUndefined();
		expect(fakes.admin.refreshTokensUsed().slice(usesBefore + 1)).toEqual([
			expect.objectContaining({ refresh_token: newest, accepted: true }),
		]);
		expect(credential.tokenUpdates).toHaveLength(2);
		expect((credential.data.oauthTokenData as IDataObject).refresh_token).not.toBe(newest);
	});

	test('a refused refresh (invalid_grant) tells the user to reconnect, without leaking secrets', async () => {
		await waitForTokenEndpoint();
		const credential = credentialsFor(fakes);
		const { access_token, refresh_token } = credential.data.oauthTokenData as IDataObject;
		fakes.tokens.revoke(refresh_token);
		fakes.admin.expireAccessTokens();

		const from = fakes.log.length;
		const result = await runNode({
			credential,
			parameters: { resource: 'contact', operation: 'get', contact: byId(seededId) },
		});
		expect(result.status).toBe('error');
		expect(result.items).toEqual([]);
		expect(result.error).toBeDefined();
		const error = result.error!;
		expect(error.message).toMatch(/reconnect/i);
		expect(error.description).toMatch(/reconnect/i);
		expect(tokenRequests(from)).toHaveLength(1);
		expect(credential.tokenUpdates).toEqual([]);

		for (const secret of [access_token as string, refresh_token as string, 'test-client-secret']) {
			expect(error.message).not.toContain(secret);
			expect(String(error.description ?? '')).not.toContain(secret);
			expect(JSON.stringify(error)).not.toContain(secret);
			// What n8n stores for the execution (and shows in the UI) does not contain it either.
			expect(JSON.stringify(result.runData)).not.toContain(secret);
		}
	});
});

describe('continue on fail', () => {
	test('an invalid item becomes an error item and the valid one is still created', async () => {
		const credential: TestCredential = credentialsFor(fakes);
		const from = fakes.log.length;
		const result = await runNode({
			credential,
			continueOnFail: true,
			inputItems: [{ email: 'not-an-email' }, { email: 'engine.second@example.com' }],
			parameters: { resource: 'contact', operation: 'create', email: '={{ $json.email }}', createSource: 'Account' },
		});

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(2);
		expect(result.items[0]).toEqual({
			json: expect.objectContaining({ error: expect.stringContaining('not-an-email') }),
			pairedItem: { item: 0 },
		});
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		expect(result.items[1].json).toMatchObject({
			contact_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			email_address: expect.objectContaining({ address: 'engine.second@example.com' }),
		});

		const apiCalls = logSince(from).filter((e) => e.server === 'api');
		expect(apiCalls.map((e) => `${e.method} ${e.path}`)).toEqual(['POST /v3/contacts']);
		expect(JSON.stringify(apiCalls)).not.toContain('not-an-email');
	});
});

/** The fake token endpoint admits one request per second (as Constant Contact's does). */
async function waitForTokenEndpoint(): Promise<void> {
	const last = [...fakes.log].reverse().find((e: IDataObject) => e.server === 'oauth');
	const wait = last ? 1100 - (clock.now() - (last.at as number)) : 0;
	if (wait > 0) await clock.advance(wait);
}

describe('the real clock (every other engine test drives the node’s time with the harness’s test clock)', () => {
	test('a paced run of three items on Date.now() and real timers, against a fake enforcing 4/s in real time, finishes with every item', async () => {
		const realFakes = await startFakes({ rateLimitPerSecond: 4, arrivalClock: { now: () => Date.now() } });
		// (The pace's state holds test-clock times: both start afresh on the real clock.)
		transport.setClock(undefined);
		transport.resetRateLimiter();
		try {
			const ids: string[] = realFakes.admin.bulkContacts(3, { prefix: 'real-clock' });
			const result = await runNode({
				credential: credentialsFor(realFakes),
				inputItems: ids.map((id) => ({ id })),
				parameters: { resource: 'contact', operation: 'get', contact: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			});
			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => item.json.contact_id)).toEqual(ids);
			expect(realFakes.log.filter((e: IDataObject) => e.server === 'api').map((e: IDataObject) => e.status)).toEqual([200, 200, 200]);
			expectNoSpecViolations(realFakes);
		} finally {
			transport.setClock(clock);
			transport.resetRateLimiter();
			await realFakes.stop();
		}
	});
});
