/**
 * Transport, errors a workflow builder can act on, through real runs: Constant Contact's error
 * shapes (array, single object, OAuth's `{error, error_description}`) become a NodeApiError with
 * a plain message, a description naming `HTTP <status> for <METHOD> <path>` and Constant
 * Contact's error keys, the HTTP code and the failing item — and nothing that authenticates
 * (tokens, client secret, a bearer header) in the error or in the run data n8n stores.
 *
 * Also: the token endpoint's own limit (1 request/s) refusing a refresh is waited out.
 */
import type { ExecutionError, IDataObject } from 'n8n-workflow';

import {
	createPoller,
	credentialsFor,
	expectNoSpecViolations,
	listSearch,
	loadOptions,
	runNode,
	type EngineRun,
	type TestCredential,
} from './harness';
import { apiCallsSince, useTransportFakes } from './transport-suite';

const { startFakes } = require('../fake');


let fakes: any;
let okId: string;

useTransportFakes({ rateLimitPerSecond: 0, tokenRateLimitPerSecond: 0 }, (ready) => {
	fakes = ready;
	okId = fakes.admin.bulkContacts(1, { prefix: 'ok' })[0];
});

const byExpression = { __rl: true, mode: 'id', value: '={{ $json.id }}' };
const getTwo = { resource: 'contact', operation: 'get', contact: byExpression };
/** The HTTP code n8n shows with a node error. */
const httpCodeOf = (error: unknown) => (error as IDataObject | undefined)?.httpCode;
const apiCalls = (from: number): IDataObject[] => apiCallsSince(fakes, from);
const allCalls = (from: number) => fakes.log.slice(from).map((e: IDataObject) => `${e.server} ${e.method} ${e.status}`);
const randomUuid = () => require('node:crypto').randomUUID() as string;

/** Every secret a credential holds now or held before this run. */
function secretsOf(credential: TestCredential, before: IDataObject): string[] {
	const now = credential.data.oauthTokenData as IDataObject;
	const clientId = String(credential.data.clientId);
	const clientSecret = String(credential.data.clientSecret);
	return [
		before.access_token,
		before.refresh_token,
		now.access_token,
		now.refresh_token,
		clientSecret,
		Buffer.from(`${clientId}:${clientSecret}`).toString('base64'),
	].filter((s): s is string => typeof s === 'string' && s.length > 0);
}

function expectNoSecrets(result: EngineRun, secrets: string[]): void {
	const error = result.error!;
	const texts = {
		error: JSON.stringify(error),
		message: error.message,
		description: String(error.description ?? ''),
		runData: JSON.stringify(result.runData),
	};
	expect(secrets.length).toBeGreaterThanOrEqual(4);
	for (const [where, text] of Object.entries(texts)) {
		for (const secret of secrets) {
			if (text.includes(secret)) throw new Error(`${where} contains a secret (${secret.slice(0, 4)}…)`);
		}
		expect({ where, bearer: /Bearer\s+(?!\[redacted\])[A-Za-z0-9._~+/=-]{4,}/i.exec(text)?.[0] }).toEqual({ where, bearer: undefined });
	}
}

/** One sentence or two for a person: no JSON, no stack, no "[object Object]". */
function expectPlain(message: string): void {
	expect(message.length).toBeGreaterThan(10);
	expect(message.length).toBeLessThan(300);
	expect(message.replace(/\[redacted\]/g, '')).not.toMatch(/[{}[\]]|object Object|undefined|Error:|\n/);
}

function expectFailedAt(result: EngineRun, itemIndex: number, httpCode: string): ExecutionError {
	expect(result.status).toBe('error');
	expect(result.items).toEqual([]);
	expect(result.error).toBeDefined();
	const error = result.error!;
	expect(error.name).toBe('NodeApiError');
	expect(httpCodeOf(error)).toBe(httpCode);
	expect(error.context?.itemIndex).toBe(itemIndex);
	expectPlain(error.message);
	return error;
}

describe('error shapes', () => {
	test('400 with an array of two errors: first error_message in the message, both keys and "HTTP 400 for" in the description', async () => {
		const credential = credentialsFor(fakes);
		const before = { ...(credential.data.oauthTokenData as IDataObject) };
		const badId = randomUuid();
		fakes.faults.push({
			match: { method: 'GET', pathPrefix: `/contacts/${badId}` },
			kind: 'status',
			status: 400,
			body: [
				{ error_key: 'contacts.api.validation.error', error_message: 'The include value "x" is not valid.' },
				{ error_key: 'contacts.api.bad.request', error_message: 'The request could not be read.' },
			],
		});

		const from = fakes.log.length;
		const result = await runNode({ credential, inputItems: [{ id: okId }, { id: badId }], parameters: getTwo });

		const error = expectFailedAt(result, 1, '400');
		expect(error.message).toMatch(/^Constant Contact rejected the request as invalid/);
		expect(error.message).toContain('The include value "x" is not valid.');
		expect(error.description).toContain(`HTTP 400 for GET /contacts/${badId}`);
		expect(error.description).toContain('contacts.api.validation.error');
		expect(error.description).toContain('contacts.api.bad.request');
		// A 400 is not retried.
		expect(apiCalls(from).map((c) => c.status)).toEqual([200, 400]);
		expectNoSecrets(result, secretsOf(credential, before));
	});

	test('an error body that echoes credentials is redacted before it reaches the error or the run data', async () => {
		const credential = credentialsFor(fakes);
		const before = { ...(credential.data.oauthTokenData as IDataObject) };
		const badId = randomUuid();
		fakes.faults.push({
			match: { method: 'GET', pathPrefix: `/contacts/${badId}` },
			kind: 'status',
			status: 400,
			body: [
				{ error_key: 'auth.echo', error_message: `Rejected Authorization: Bearer ${before.access_token as string}`, access_token: before.access_token },
				{ error_key: 'auth.echo2', error_message: `refresh_token=${before.refresh_token as string}&client_secret=${String(credential.data.clientSecret)}` },
			],
		});

		const result = await runNode({ credential, inputItems: [{ id: badId }], parameters: getTwo });

		const error = expectFailedAt(result, 0, '400');
		expect(error.message).toContain('Bearer [redacted]');
		expect(error.description).toContain('refresh_token=[redacted]');
		expect(error.description).toContain('auth.echo2');
		expectNoSecrets(result, secretsOf(credential, before));
	});

	test('401 that survives n8n’s token refresh: one refresh, no retry loop, a plain message', async () => {
		const credential = credentialsFor(fakes);
		const before = { ...(credential.data.oauthTokenData as IDataObject) };
		const id = fakes.admin.bulkContacts(1, { prefix: 'unauth' })[0];
		fakes.faults.push({ match: { method: 'GET', pathPrefix: `/contacts/${id}` }, kind: 'status', status: 401, times: 2 });

		const from = fakes.log.length;
		const result = await runNode({ credential, inputItems: [{ id: okId }, { id }], parameters: getTwo });

		const error = expectFailedAt(result, 1, '401');
		expect(error.message).toMatch(/did not accept the connection/i);
		expect(error.description).toMatch(/renew the access token/);
		expect(error.description).toContain(`HTTP 401 for GET /contacts/${id}`);
		expect(allCalls(from)).toEqual(['api GET 200', 'api GET 401', 'oauth POST 200', 'api GET 401']);
		expect(credential.tokenUpdates).toHaveLength(1); // the refresh did happen: its new tokens must not leak either
		expectNoSecrets(result, secretsOf(credential, before));
	});

	test('403 (the token lacks the scope): advice about the user’s privileges and reconnecting', async () => {
		const credential = credentialsFor(fakes, { scope: 'account_read offline_access' });
		const before = { ...(credential.data.oauthTokenData as IDataObject) };

		const from = fakes.log.length;
		const result = await runNode({ credential, inputItems: [{ id: okId }], parameters: getTwo });

		const error = expectFailedAt(result, 0, '403');
		expect(error.message).toMatch(/refused access/);
		expect(error.message).toContain('contact_data');
		expect(error.description).toMatch(/privilege/i);
		expect(error.description).toContain('Get User Privileges');
		expect(error.description).toMatch(/reconnect/i);
		expect(error.description).toContain(`HTTP 403 for GET /contacts/${okId}`);
		expect(apiCalls(from).map((c) => c.status)).toEqual([403]);
		expectNoSecrets(result, secretsOf(credential, before));
	});

	test('404: a plain message naming the contact, the key in the description, no retry', async () => {
		const credential = credentialsFor(fakes);
		const before = { ...(credential.data.oauthTokenData as IDataObject) };
		const missing = randomUuid();

		const from = fakes.log.length;
		const result = await runNode({ credential, inputItems: [{ id: okId }, { id: missing }], parameters: getTwo });

		const error = expectFailedAt(result, 1, '404');
		expect(error.message).toBe(`Contact ${missing} does not exist in this Constant Contact account`);
		expect(error.description).toContain(`HTTP 404 for GET /contacts/${missing}`);
		expect(error.description).toContain('contacts.api.not_found');
		expect(apiCalls(from).map((c) => c.status)).toEqual([200, 404]);
		expectNoSecrets(result, secretsOf(credential, before));
	});

	test('the token endpoint’s invalid_grant ({error, error_description}): reconnect message, one token request', async () => {
		const credential = credentialsFor(fakes);
		const before = { ...(credential.data.oauthTokenData as IDataObject) };
		fakes.tokens.revoke(before.refresh_token);
		fakes.admin.expireAccessTokens();

		const from = fakes.log.length;
		const result = await runNode({ credential, inputItems: [{ id: okId }], parameters: getTwo });

		const error = expectFailedAt(result, 0, '401');
		expect(error.message).toMatch(/reconnect the credential/i);
		expect(error.description).toMatch(/invalid_grant/);
		expect(error.description).toMatch(/Reconnect/);
		expect(allCalls(from)).toEqual(['api GET 401', 'oauth POST 400']);
		expect(credential.tokenUpdates).toEqual([]);
		expectNoSecrets(result, secretsOf(credential, before));
	});
});

describe('a credential that is not connected: every path says to connect it, and sends nothing', () => {
	// Never connected (n8n 1.x and 2.x: no token data) and disconnected (n8n 2.x's Disconnect
	// leaves empty token data; n8n's OAuth2 client then fails with "Unable to sign without access token").
	const disconnected: Array<[string, IDataObject | undefined]> = [
		['never connected', undefined],
		['disconnected in n8n 2.x', {}],
	];
	const expectConnectMessage = (error: { message?: string; description?: unknown } | undefined) => {
		expect(error?.message).toBe('The Constant Contact credential is not connected yet');
		expect(String(error?.description)).toMatch(/"Connect my account" \(n8n 1\.x\) or "Connect" \(n8n 2\.x\)/);
	};
	const notConnected = (oauthTokenData: IDataObject | undefined): TestCredential => {
		const credential = credentialsFor(fakes);
		if (oauthTokenData === undefined) delete credential.data.oauthTokenData;
		else credential.data.oauthTokenData = oauthTokenData;
		return credential;
	};

	test.each(disconnected)('%s: an operation (Contact → Get)', async (_case, tokenData) => {
		const from = fakes.log.length;
		const result = await runNode({ credential: notConnected(tokenData), inputItems: [{ id: okId }], parameters: getTwo });
		expectConnectMessage(result.error);
		expect(fakes.log.slice(from)).toEqual([]);
	});

	test.each(disconnected)('%s: the trigger’s Fetch Test Event', async (_case, tokenData) => {
		const poller = createPoller({ event: 'contactCreated' }, notConnected(tokenData));
		const from = fakes.log.length;
		const { error } = await poller.poll('manual');
		expectConnectMessage(error as Error & { description?: string });
		expect(fakes.log.slice(from)).toEqual([]);
	});

	test.each(disconnected)('%s: a picker (From List) and a dropdown', async (_case, tokenData) => {
		const from = fakes.log.length;
		expectConnectMessage(await listSearch('searchLists', notConnected(tokenData)).then(() => undefined, (e: Error) => e));
		expectConnectMessage(await loadOptions('getLists', notConnected(tokenData)).then(() => undefined, (e: Error) => e));
		expect(fakes.log.slice(from)).toEqual([]);
	});
});

describe('token endpoint busy (1 request per second)', () => {
	let busyFakes: any;

	beforeAll(async () => {
		busyFakes = await startFakes({ rateLimitPerSecond: 0, tokenRateLimitPerSecond: 1 });
	});

	afterAll(async () => {
		await busyFakes?.stop();
	});

	afterEach(() => {
		expectNoSpecViolations(busyFakes);
	});

	test('two credentials refreshing at once: the refused refresh is retried, both runs succeed, no refresh token lost', async () => {
		const [idA, idB] = busyFakes.admin.bulkContacts(2, { prefix: 'busy' });
		const a: TestCredential = { ...credentialsFor(busyFakes), id: 'cred-a', name: 'CC A' };
		const b: TestCredential = { ...credentialsFor(busyFakes), id: 'cred-b', name: 'CC B' };
		const refreshA = (a.data.oauthTokenData as IDataObject).refresh_token as string;
		const refreshB = (b.data.oauthTokenData as IDataObject).refresh_token as string;
		expect(refreshA).not.toBe(refreshB);
		busyFakes.admin.expireAccessTokens();

		const from = busyFakes.log.length;
		const usesBefore = busyFakes.admin.refreshTokensUsed().length;
		const [runA, runB] = await Promise.all([
			runNode({ credential: a, inputItems: [{ id: idA }], parameters: getTwo }),
			runNode({ credential: b, inputItems: [{ id: idB }], parameters: getTwo }),
		]);

		expect(runA.error).toBeUndefined();
		expect(runB.error).toBeUndefined();
		expect(runA.items.map((i) => i.json.contact_id)).toEqual([idA]);
		expect(runB.items.map((i) => i.json.contact_id)).toEqual([idB]);

		// The fake's token endpoint did refuse one refresh…
		const tokenCalls = busyFakes.log.slice(from).filter((e: IDataObject) => e.server === 'oauth');
		expect(tokenCalls.filter((e: IDataObject) => e.status === 429).length).toBeGreaterThanOrEqual(1);
		expect(tokenCalls.filter((e: IDataObject) => e.status === 200)).toHaveLength(2);
		// …and each original refresh token was used exactly once, successfully: none was burnt.
		const uses = busyFakes.admin.refreshTokensUsed().slice(usesBefore);
		expect(uses.map((u: IDataObject) => [u.refresh_token, u.accepted]).sort()).toEqual(
			[
				[refreshA, true],
				[refreshB, true],
			].sort(),
		);
		for (const credential of [a, b]) {
			expect(credential.tokenUpdates).toHaveLength(1);
			const stored = credential.data.oauthTokenData as IDataObject;
			expect(busyFakes.tokens.isValidAccessToken(stored.access_token)).toBe(true);
			expect(busyFakes.tokens.refreshTokens.get(stored.refresh_token)?.alive).toBe(true);
		}
	});
});
