/**
 * No secret reaches an output, an error or a log, in any encoding. A hostile "Constant Contact"
 * echoes the credential's secrets back in 48 shapes (errors and successes, raw, encoded, nested,
 * in headers and redirects, before and after a token refresh); every shape is run four ways:
 * an execution that stops on the error, one that continues on fail, a trigger poll and a list
 * picker. Everything n8n produced is then searched for every secret in every form (an
 * independent check, `leaks()` in servers.ts): the node's output, the error (message,
 * description, stack, context, errorResponse, cause), the serialised run data, and n8n's log.
 */
import type { IDataObject } from 'n8n-workflow';

import { createPoller, credentialsFor, engineLog, listSearch, runNode, transport, type TestCredential } from '../harness';
import { bearerOf, leaks, startRecordingServer, type RecordingServer, type Reply, type Seen } from './servers';

const { startFakes } = require('../../fake');

const CONTACT = '0b8e2a5e-6f43-11ee-9d6e-fa163e56c9b0';

interface Secrets {
	/** The token this request carried. */
	token: string;
	/** Every token requests carried so far (before and after a refresh). */
	tokens: string[];
	refresh: string;
	secret: string;
	clientId: string;
}

type Shape = (s: Secrets, n: number) => Reply;

const b64 = (text: string, encoding: BufferEncoding = 'base64') => Buffer.from(text).toString(encoding);
const nest = (levels: number, inner: unknown): unknown => (levels === 0 ? inner : { error: nest(levels - 1, inner) });
const nestArrays = (levels: number, inner: unknown): unknown => (levels === 0 ? inner : [nestArrays(levels - 1, inner)]);
const ccError = (message: string, key = 'echo.error') => [{ error_key: key, error_message: message }];
const bad = (body: unknown, status = 400, headers?: Record<string, string>): Reply => ({ status, body, headers });

const SHAPES: Array<[string, Shape]> = [
	['the token raw in error_message', (s) => bad(ccError(s.token))],
	['"Bearer <token>" in error_message', (s) => bad(ccError(`Authorization: Bearer ${s.token}`))],
	['"access_token: <token>" as plain text', (s) => bad(`access_token: ${s.token}`)],
	['"access_token=<token>" as plain text', (s) => bad(`access_token=${s.token}&x=1`)],
	['JSON inside a string', (s) => bad(ccError(JSON.stringify({ access_token: s.token, note: 'echo' })))],
	['JSON inside JSON inside a string', (s) => bad(ccError(JSON.stringify({ inner: JSON.stringify({ t: s.token }) })))],
	['percent-encoded', (s) => bad(ccError(`token%3D${encodeURIComponent(s.token)}`))],
	['percent-encoded twice', (s) => bad(ccError(encodeURIComponent(encodeURIComponent(`Bearer ${s.token}`))))],
	['under a key named token', (s) => bad([{ error_key: 'k', error_message: 'm', token: s.token }])],
	['under a key named access_token', (s) => bad({ error_key: 'k', error_message: 'm', access_token: s.token })],
	['under a key named Authorization', (s) => bad({ error_key: 'k', error_message: 'm', Authorization: `Bearer ${s.token}` })],
	['under an innocent key', (s) => bad({ error_key: 'k', error_message: 'm', detail: { value: s.token } })],
	['nested 10 levels deep', (s) => bad(nest(10, { error_message: s.token }))],
	['nested 40 levels deep', (s) => bad(nest(40, { error_message: s.token }))],
	['nested in 12 levels of arrays', (s) => bad(nestArrays(12, ccError(s.token)))],
	['base64', (s) => bad(ccError(b64(s.token)))],
	['base64 of "Bearer <token>"', (s) => bad(ccError(b64(`Bearer ${s.token}`)))],
	['base64url after one byte', (s) => bad(ccError(b64(`x${s.token}`, 'base64url')))],
	['base64 of a JSON object', (s) => bad(ccError(b64(JSON.stringify({ token: s.token }))))],
	['hex', (s) => bad(ccError(Buffer.from(s.token).toString('hex')))],
	['\\u-escaped, as plain text', (s) => bad([...s.token].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''))],
	['JSON-escaped slashes, as plain text', (s) => bad(`{"m":"${JSON.stringify(`a/${s.token}/b`).slice(1, -1).replace(/\//g, '\\/')}"`)],
	['an HTML error page', (s) => bad(`<html><body><h1>Error</h1><pre>token ${s.token}</pre></body></html>`, 500)],
	['a plain-text gateway error', (s) => bad(`Bad Gateway (upstream saw ${s.token})`, 502)],
	['a response header', (s) => bad(ccError('header echo'), 400, { 'X-Echo': s.token, 'WWW-Authenticate': `Bearer ${s.token}` })],
	['the refresh token', (s) => bad(ccError(`your refresh token ${s.refresh} is fine`))],
	['the client secret', (s) => bad(ccError(`client ${s.clientId} secret ${s.secret}`))],
	['a Basic header of client ID and secret', (s) => bad(ccError(`Basic ${b64(`${s.clientId}:${s.secret}`)}`))],
	['all three secrets in one message', (s) => bad(ccError([s.token, s.refresh, s.secret].join(',')))],
	["OAuth's error shape", (s) => bad({ error: 'invalid_request', error_description: `bad ${s.token}` })],
	['an errors array', (s) => bad({ errors: [{ error_key: 'k', error_message: s.token }] })],
	['the token as error_key', (s) => bad([{ error_key: s.token, error_message: 'm' }])],
	['the token as an object key', (s) => bad({ [s.token]: 1, error_message: 'm' })],
	['a 404', (s) => bad(ccError(`No contact for ${s.token}`), 404)],
	['a 409', (s) => bad(ccError(`Conflict ${s.token}`), 409)],
	['a 429 until the retries give up', (s) => bad({ error_key: 'throttled', error_message: `Too Many Requests ${s.token}` }, 429)],
	['a 500 until the retries give up', (s) => bad(ccError(`Internal ${s.token}`), 500)],
	['in upper case', (s) => bad(ccError(s.token.toUpperCase()))],
	['inside a 200 KB message', (s) => bad(ccError(`${'x'.repeat(100_000)}${s.token}${'y'.repeat(100_000)}`))],
	['in a URL', (s) => bad(ccError(`see https://example.test/cb?access_token=${s.token}&state=1`))],
	['in a redirect', (s) => ({ status: 302, headers: { Location: `https://example.test/next?t=${s.token}` } })],
	[
		'after a refresh: the previous and the new token',
		(s, n) => (n === 0 ? bad({ error_key: 'unauthorized', error_message: `expired ${s.token}` }, 401) : bad(ccError(`old ${s.tokens[0]} new ${s.token}`))),
	],
	['a cookie', (s) => bad(ccError(`cookie token=${s.token};`), 400, { 'Set-Cookie': `session=${s.token}; HttpOnly` })],
	['an array of strings', (s) => bad([s.token, `Bearer ${s.token}`])],
	['a sentence naming the header', (s) => bad(ccError(`Request failed: Authorization header "Bearer ${s.token}" rejected`))],
	['a success whose record holds the token', (s) => ({ body: { contacts: [{ contact_id: CONTACT, first_name: s.token, notes: [{ content: b64(s.token) }] }], contact_id: CONTACT, first_name: s.token } })],
	['a success whose record has the token as a key', (s) => ({ body: { contacts: [{ contact_id: CONTACT, [s.token]: 'x' }], contact_id: CONTACT, [s.token]: 'x' } })],
	['a success whose next link carries the token, then an error naming the link', (s, n) =>
		n === 0
			? { body: { contacts: [{ contact_id: CONTACT }], contact_id: CONTACT, _links: { next: { href: `/v3/contacts?cursor=${s.token}` } }, lists: [{ list_id: CONTACT, name: 'L' }] } }
			: bad(ccError('page gone'), 410)],
];

let fakes: any;
let hostile: RecordingServer;
let saved: IDataObject;

beforeAll(async () => {
	fakes = await startFakes({ rateLimitPerSecond: 0, tokenRateLimitPerSecond: 0, validator: null });
	hostile = await startRecordingServer();
});

afterAll(async () => {
	await Promise.all([fakes?.stop(), hostile?.stop()]);
});

beforeEach(() => {
	saved = { ...transport.transportSettings };
	Object.assign(transport.transportSettings, { minSpacingMs: 0, backoffBaseMs: 1, backoffMaxMs: 2, maxAttempts: 2, throttleBudgetMs: 20 });
	transport.resetRateLimiter();
	hostile.seen.length = 0;
});

afterEach(() => {
	Object.assign(transport.transportSettings, saved);
});

/** A fresh credential (its own tokens) whose API is the hostile server, which answers `shape`. */
function setUp(shape: Shape): { credential: TestCredential; secrets: () => string[] } {
	const credential = credentialsFor(fakes, { apiBaseUrl: `${hostile.origin}/v3` });
	const first = credential.data.oauthTokenData as IDataObject;
	const tokens: string[] = [];
	hostile.answer((req: Seen, n: number) => {
		const token = bearerOf(req);
		if (!tokens.includes(token)) tokens.push(token);
		const now = credential.data.oauthTokenData as IDataObject;
		return shape(
			{ token, tokens, refresh: String(now.refresh_token), secret: String(credential.data.clientSecret), clientId: String(credential.data.clientId) },
			n,
		);
	});
	const secrets = () => [
		...tokens,
		String(first.access_token),
		String(first.refresh_token),
		...credential.tokenUpdates.flatMap((t) => [String(t.access_token), String(t.refresh_token)]),
		String(credential.data.clientSecret),
	];
	return { credential, secrets };
}

/** JSON of anything, cycles cut, errors with their non-enumerable message and stack. */
function serialise(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, (_key, v) => {
		if (v && typeof v === 'object') {
			if (seen.has(v)) return '[cycle]';
			seen.add(v);
			if (v instanceof Error) return { ...v, message: v.message, stack: v.stack, cause: (v as { cause?: unknown }).cause };
		}
		return v;
	}) ?? '';
}

function expectNoLeak(texts: Record<string, unknown>, secrets: string[]): void {
	const found: string[] = [];
	for (const [where, value] of Object.entries(texts)) {
		const text = typeof value === 'string' ? value : serialise(value);
		for (const secret of new Set(secrets)) {
			for (const form of leaks(text, secret)) found.push(`${where}: ${form} (${secret.slice(0, 4)}…)`);
		}
	}
	expect(found).toEqual([]);
}

const getContact = { resource: 'contact', operation: 'get', contact: { __rl: true, mode: 'id', value: CONTACT } };

describe.each(SHAPES)('an answer that echoes secrets: %s', (_name, shape) => {
	test('On Error: Stop — the error, the run data and the log hold no secret', async () => {
		const { credential, secrets } = setUp(shape);
		const logFrom = engineLog.length;
		const result = await runNode({ credential, parameters: getContact });

		expect(hostile.seen.length).toBeGreaterThan(0);
		const error = result.error as (Error & IDataObject) | undefined;
		expectNoLeak(
			{
				output: result.items,
				message: error?.message ?? '',
				description: error?.description ?? '',
				stack: error?.stack ?? '',
				context: error?.context,
				errorResponse: error?.errorResponse,
				cause: error?.cause,
				messages: error?.messages,
				runData: result.runData,
				run: result.run,
				log: engineLog.slice(logFrom),
			},
			secrets(),
		);
	});

	test('Continue On Fail — the output items hold no secret', async () => {
		const { credential, secrets } = setUp(shape);
		const result = await runNode({ credential, parameters: getContact, continueOnFail: true });

		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(1);
		expectNoLeak({ output: result.items, runData: result.runData }, secrets());
	});

	test("the trigger's poll — its error holds no secret", async () => {
		const { credential, secrets } = setUp(shape);
		const logFrom = engineLog.length;
		const { items, error } = await createPoller({ event: 'contactCreated' }, credential).poll();
		expectNoLeak({ items, error, message: error?.message ?? '', stack: error?.stack ?? '', log: engineLog.slice(logFrom) }, secrets());
	});

	test('a list picker — its error holds no secret', async () => {
		const { credential, secrets } = setUp(shape);
		let outcome: unknown;
		try {
			outcome = await listSearch('searchLists', credential);
		} catch (error) {
			outcome = { error, message: (error as Error).message, stack: (error as Error).stack };
		}
		expectNoLeak({ outcome }, secrets());
	});
});

test('the catalogue holds at least 40 shapes', () => {
	expect(SHAPES.length).toBeGreaterThanOrEqual(40);
});
