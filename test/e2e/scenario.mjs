// One n8n major, end to end: install/reuse n8n, load the packed package, fakes + `n8n start`,
// OAuth consent, every contact operation through webhook workflows, an error case, the other
// resources (resources.mjs) and campaign/account/migration (campaigns.mjs), refresh with
// rotating refresh tokens, a 20-item burst and 5 concurrent executions on an expired token.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
	CREDENTIAL_TYPE, ensureN8n, ensureNode24, freePort, installPackageInto, runN8nCommand, sleep, startN8n, step,
} from '../../scripts/lib/n8n.mjs';
import { BASIC_MASKED, CLIENT_ID, CLIENT_SECRET, apiRequests, startFakes, tokenRequests } from './fakes.mjs';
import { N8nClient } from './n8nClient.mjs';
import { runCampaignOperations } from './campaigns.mjs';
import { runResourceOperations } from './resources.mjs';
import { runFormExample } from './examples.mjs';
import { runTrigger } from './trigger.mjs';
import { runAgentScenarios } from './agent.mjs';
import { Checks, FatalCheck } from './util.mjs';
import { OPERATIONS, burstWorkflow, operationWorkflow } from './workflows.mjs';

const SCOPES = ['account_read', 'account_update', 'contact_data', 'campaign_data', 'offline_access'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The fake token endpoint, like Constant Contact's, admits one request per second. */
const TOKEN_GAP_MS = 1100;
const sorted = (a) => [...(a ?? [])].sort();
const statuses = (entries) => entries.map((e) => e.status);
const RECONNECT_MESSAGE = 'The Constant Contact connection has expired: reconnect the credential';
/**
 * @param {{ label: string, version: string, node24: boolean, keepUserFolder?: boolean, strict?: boolean, agentOnly?: boolean }} major
 *   agentOnly: after the consent only the AI Agent step (agent.mjs).
 * @returns {Promise<{ label, version, nodeVersion, checks: Checks, timings: Array<{title, ms, ok}>, results: object }>}
 */
export async function runMajor({ label, version, node24, keepUserFolder = false, strict = false, agentOnly = false }) {
	const prefix = `[e2e ${label}]`;
	const checks = new Checks(prefix, { strict });
	const timings = [];
	const results = {};
	const T = (title, fn) => step(title, fn, { timings, prefix });
	const say = (msg) => console.log(`${prefix} ${msg}`);
	let fakes, n8n, userFolder, removeOnExit, nodeVersion = process.version;
	/** Every step but the consent and the AI Agent step; off with --agent-only. */
	const full = !agentOnly;

	try {
		// ---- 1. n8n, Node, our package ------------------------------------------------------------
		let nodeBin = process.execPath, nodeDir;
		if (node24) {
			({ nodeBin, nodeDir, version: nodeVersion } = await T('Node 24 (install or reuse)', () => ensureNode24({ prefix })));
		}
		const n8nBin = await T(`n8n ${version} (install or reuse)`, () => ensureN8n(version, { nodeBin, nodeDir, prefix }));
		userFolder = mkdtempSync(path.join(tmpdir(), `cc-e2e-${label}-`));
		process.on('exit', removeOnExit = () => !keepUserFolder && rmSync(userFolder, { recursive: true, force: true })); // Ctrl-C
		await T('pack + unpack the package into a fresh user folder', () => installPackageInto(userFolder, { prefix }));

		// ---- 2. fakes and n8n ---------------------------------------------------------------------
		fakes = await T('start the fakes', () => startFakes(['--rate-limit', '4', '--refresh-token-type', 'rotating']));
		say(`fake API ${fakes.api.baseUrl}, fake OAuth ${fakes.oauth.url}`);
		const overwrite = { [CREDENTIAL_TYPE]: { authUrl: fakes.oauth.authorizeUrl, accessTokenUrl: fakes.oauth.tokenUrl, apiBaseUrl: fakes.api.baseUrl } };
		const port = await freePort();
		const n8nOpts = { version, nodeBin, n8nBin, userFolder };
		n8n = await T(`start n8n ${version} (Node ${nodeVersion})`, () => startN8n({
			...n8nOpts, port,
			// N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE is removed from n8n's environment: since n8n 1.85 community
			// nodes are tools without it, and the AI Agent step (agent.mjs) shows that they are.
			env: { CREDENTIALS_OVERWRITE_DATA: JSON.stringify(overwrite), N8N_HOST: '127.0.0.1', N8N_LOG_LEVEL: 'info', N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: undefined },
		}));
		say(`n8n at ${n8n.url} (ready after ${(n8n.readyMs / 1000).toFixed(1)} s), user folder ${userFolder}`);
		const client = new N8nClient(n8n.url);
		const exportCredential = async (id) => {
			const file = path.join(userFolder, `cred-${Date.now()}.json`);
			await runN8nCommand(['export:credentials', `--id=${id}`, '--decrypted', `--output=${file}`], n8nOpts);
			const [cred] = JSON.parse(readFileSync(file, 'utf8'));
			rmSync(file, { force: true });
			return cred;
		};
		const logSince = async (mark) => (await fakes.log()).slice(mark);
		const logMark = async () => (await fakes.log()).length;

		// ---- 3. owner, credential, consent ----------------------------------------------------------
		let credential;
		let storedRefreshToken;
		await T('owner set-up, credential, OAuth consent', async () => {
			await client.setupOwner();
			const created = await client.createCredential('Constant Contact e2e', CREDENTIAL_TYPE, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
			credential = { id: created.id, name: created.name };
			const mark = await logMark();
			const c = await client.consent(credential.id);
			const q = c.authorizeUrl.searchParams;
			const redirectUri = `${n8n.url}/rest/oauth2-credential/callback`;
			checks.eq('consent: n8n sends the browser to the fake authorize endpoint', `${c.authorizeUrl.origin}${c.authorizeUrl.pathname}`, fakes.oauth.authorizeUrl);
			checks.eq('consent: client_id is the credential\'s', q.get('client_id'), CLIENT_ID);
			checks.eq('consent: redirect_uri is n8n\'s callback', q.get('redirect_uri'), redirectUri);
			checks.eq('consent: response_type=code', q.get('response_type'), 'code');
			checks.ok('consent: a state is sent', (q.get('state') ?? '').length > 0);
			const scopes = (q.get('scope') ?? '').split(' ');
			checks.ok('consent: scope has offline_access and the four other scopes (space-separated)', SCOPES.every((s) => scopes.includes(s)), q.get('scope'));
			checks.must('consent: the fake authorize endpoint accepted client id, redirect URI and state (302 back to n8n)', c.authorize.status === 302 && c.callbackUrl, { status: c.authorize.status, body: c.authorize.text.slice(0, 300) });
			checks.eq('consent: the redirect carries the same state', c.callbackUrl.searchParams.get('state'), q.get('state'));
			checks.must('consent: n8n\'s callback answers 200', c.callback.status === 200, { status: c.callback.status, body: c.callback.text.slice(0, 500) });
			const tokens = tokenRequests(await logSince(mark));
			checks.eq('consent: n8n exchanged the code once (grant_type=authorization_code, Basic client auth, redirect_uri) → 200',
				tokens.map((e) => ({ grant: e.body?.grant_type, redirect: e.body?.redirect_uri, auth: e.authorization, status: e.status })),
				[{ grant: 'authorization_code', redirect: redirectUri, auth: BASIC_MASKED, status: 200 }]);
			const rest = await client.getCredential(credential.id);
			checks.ok('consent: the REST API shows the credential connected (oauthTokenData)', Boolean(rest?.data?.oauthTokenData), rest?.data);
			const stored = await exportCredential(credential.id);
			const tokenData = stored?.data?.oauthTokenData ?? {};
			checks.must('consent: access and refresh token stored (export:credentials --decrypted)', tokenData.access_token && tokenData.refresh_token, Object.keys(tokenData));
			storedRefreshToken = tokenData.refresh_token;
		});

		// ---- 4. workflows for every contact operation -------------------------------------------------
		const seeded = await fakes.seed({
			lists: [{ name: 'Newsletter' }, { name: 'Customers' }, { name: 'VIP' }],
			tags: [{ name: 'Hot' }, { name: 'Cold' }],
			contacts: [{ email: 'grace@example.com', first_name: 'G.', last_name: 'Hopper', permission_to_send: 'implicit', list_names: ['Customers'] }],
		});
		const [newsletter, customers, vip] = seeded.lists.map((l) => l.list_id);
		const [hot, cold] = seeded.tags.map((t) => t.tag_id);
		const graceId = seeded.contacts[0].contact_id;
		const paths = {};
		const workflowIds = {};
		if (full) await T('create + activate workflows', async () => {
			for (const key of Object.keys(OPERATIONS)) {
				const { path: p, workflow } = operationWorkflow(key, credential);
				workflowIds[key] = await client.deployWorkflow(workflow);
				paths[key] = p;
			}
			const burst = burstWorkflow(credential);
			workflowIds.burst = await client.deployWorkflow(burst.workflow);
			paths.burst = burst.path;
		});
		const call = (key, body) => client.webhook(paths[key], body);
		/** The newest failed execution of a workflow, with its run data (waits until it is stored). */
		const failedExecution = async (workflowId) => {
			for (let tries = 0; tries < 80; tries++) { // up to 20 s
				const list = await client.executions(workflowId);
				const failed = list.find((e) => e.status === 'error' || e.status === 'crashed' || e.finished === false);
				if (failed && failed.status !== 'running') return await client.execution(failed.id);
				await sleep(250);
			}
			return undefined;
		};
		const items = async (name, key, body) => {
			const res = await call(key, body);
			checks.must(`${name}: webhook answers 200 with items`, res.status === 200 && Array.isArray(res.body), { status: res.status, body: res.text.slice(0, 800) });
			return res.body;
		};

		let adaId;
		if (full) await T('contact operations (12 executions)', async () => {
			const [created] = await items('create', 'create', { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', lists: [newsletter], tags: [hot] });
			checks.ok('create: returns the new contact', UUID.test(created?.contact_id ?? '') && created?.email_address?.address === 'ada@example.com' && created?.first_name === 'Ada', created);
			adaId = created?.contact_id;

			const upserted = await items('upsert', 'upsert', { email: 'grace@example.com', firstName: 'Grace', lists: [newsletter] });
			const u = upserted?.[0] ?? {};
			checks.eq('upsert: existing contact → updated, one request, and the item is what was sent with contact_id, action and created',
				{ n: upserted?.length, item: u },
				{ n: 1, item: { contact_id: graceId, email: 'grace@example.com', action: 'updated', created: false, list_memberships: [newsletter], first_name: 'Grace' } });

			const [byId] = await items('get by id', 'getById', { id: adaId });
			checks.eq('get by id: contact with lists and tags', { id: byId?.contact_id, first: byId?.first_name, last: byId?.last_name, lists: byId?.list_memberships, tags: byId?.taggings },
				{ id: adaId, first: 'Ada', last: 'Lovelace', lists: [newsletter], tags: [hot] });

			const [byEmail] = await items('get by e-mail', 'getByEmail', { email: 'grace@example.com' });
			checks.eq('get by e-mail: upserted name and both lists', { id: byEmail?.contact_id, first: byEmail?.first_name, last: byEmail?.last_name, lists: sorted(byEmail?.list_memberships) },
				{ id: graceId, first: 'Grace', last: 'Hopper', lists: sorted([customers, newsletter]) });

			const many = await items('getAll', 'getAll', { lists: [newsletter] });
			checks.eq('getAll filtered by list: both newsletter contacts, simplified', sorted(many.map((c) => c.email)), ['ada@example.com', 'grace@example.com']);

			const [updated] = await items('update', 'update', { id: adaId, jobTitle: 'Analyst', lastName: 'King' });
			checks.eq('update: changed fields set, others kept', { first: updated?.first_name, last: updated?.last_name, job: updated?.job_title }, { first: 'Ada', last: 'King', job: 'Analyst' });

			const [added] = await items('addToLists', 'addToLists', { id: adaId, lists: [customers, vip] });
			checks.eq('addToLists: job completed', { id: added?.contact_id, lists: added?.list_ids, state: added?.state }, { id: adaId, lists: [customers, vip], state: 'completed' });
			const [removed] = await items('removeFromLists', 'removeFromLists', { id: adaId, lists: [newsletter] });
			checks.eq('removeFromLists: job completed', { id: removed?.contact_id, state: removed?.state }, { id: adaId, state: 'completed' });
			const [tagged] = await items('addTags', 'addTags', { id: adaId, tags: [cold] });
			checks.eq('addTags: job completed', { id: tagged?.contact_id, tags: tagged?.tag_ids, state: tagged?.state }, { id: adaId, tags: [cold], state: 'completed' });
			const [untagged] = await items('removeTags', 'removeTags', { id: adaId, tags: [hot] });
			checks.eq('removeTags: job completed', { id: untagged?.contact_id, state: untagged?.state }, { id: adaId, state: 'completed' });

			const midState = await fakes.state();
			const adaMid = midState.contacts.find((c) => c.contact_id === adaId);
			checks.eq('fake state after list/tag jobs: ada on Customers+VIP, tagged Cold only', { lists: sorted(adaMid?.list_memberships), tags: sorted(adaMid?.taggings) }, { lists: sorted([customers, vip]), tags: [cold] });

			const [unsub] = await items('unsubscribe', 'unsubscribe', { email: 'grace@example.com', reason: 'Asked by phone' });
			checks.eq('unsubscribe: permission unsubscribed', { id: unsub?.contact_id, permission: unsub?.email_address?.permission_to_send }, { id: graceId, permission: 'unsubscribed' });

			checks.eq('delete: returns deleted', await items('delete', 'delete', { id: adaId }), [{ deleted: true, contact_id: adaId }]);

			const state = await fakes.state();
			const ada = state.contacts.find((c) => c.contact_id === adaId);
			const grace = state.contacts.find((c) => c.contact_id === graceId);
			checks.ok('fake state: ada deleted, job title and last name updated', Boolean(ada?.deleted_at) && ada?.job_title === 'Analyst' && ada?.last_name === 'King', ada);
			checks.eq('fake state: grace unsubscribed with the reason, name from the upsert, on Customers+Newsletter',
				{ permission: grace?.email_address?.permission_to_send, reason: grace?.email_address?.opt_out_reason, first: grace?.first_name, lists: sorted(grace?.list_memberships) },
				{ permission: 'unsubscribed', reason: 'Asked by phone', first: 'Grace', lists: sorted([customers, newsletter]) });
			checks.eq('fake state: exactly two contacts', state.contacts.length, 2);
		});

		// ---- error case ---------------------------------------------------------------------------
		if (full) await T('error case: create with an existing e-mail', async () => {
			const before = (await fakes.state()).contacts.length;
			const res = await call('create', { email: 'grace@example.com', firstName: 'Again', lists: [newsletter], tags: [] });
			results.errorWebhook = { status: res.status, body: res.text.slice(0, 200) };
			checks.ok('error case: the webhook does not answer 200', res.status >= 400, { status: res.status, body: res.text.slice(0, 300) });
			const execution = await failedExecution(workflowIds.create);
			const error = execution?.data?.resultData?.error;
			results.errorMessage = error?.message;
			checks.ok('error case: execution failed with the node\'s message (executions REST API)',
				execution?.status === 'error' && /A contact with the e-mail address grace@example\.com already exists/.test(error?.message ?? ''),
				{ status: execution?.status, error: error && { message: error.message, description: error.description } });
			checks.ok('error case: no secret in the error', !/test-client-secret|Bearer [A-Za-z0-9_-]{10}/.test(JSON.stringify(error ?? {})));
			checks.eq('error case: no contact created', (await fakes.state()).contacts.length, before);
		});

		// ---- an API refusal shows Constant Contact's own reason (n8n 1.x drops the body from errors) --
		if (full) await T("API refusal: a tag that does not exist shows Constant Contact's own message", async () => {
			const staleTag = randomUUID();
			const res = await call('addTags', { id: graceId, tags: [staleTag] });
			checks.ok('stale tag: the webhook does not answer 200', res.status >= 400, { status: res.status, body: res.text.slice(0, 300) });
			const error = (await failedExecution(workflowIds.addTags))?.data?.resultData?.error;
			results.staleTagError = error && { message: error.message, description: error.description };
			say(`stale tag: the editor's error is ${JSON.stringify(results.staleTagError)}`);
			checks.ok("stale tag: the message holds Constant Contact's error_message", (error?.message ?? '').includes(`tag ${staleTag} does not exist.`), results.staleTagError);
			checks.ok("stale tag: the details hold Constant Contact's error key", (error?.description ?? '').includes('activities.api.validation.error'), results.staleTagError);
			checks.ok('stale tag: the message does not repeat the item', !/\[item \d+\]/.test(error?.message ?? ''), results.staleTagError);
		});

		// ---- 4b. list, tag, custom field, segment, activity; import; Batch Items ----------------------
		if (full) try {
			await runResourceOperations({ client, fakes, credential, checks, T, say, addTagsPath: paths.addTags });
		} catch (error) {
			// A broken step there must not hide the token checks below.
			if (error instanceof FatalCheck) throw error;
			checks.fail('list/tag/custom field/segment/activity/bulk operations ran to the end', error);
		}

		// ---- 4c. campaign, account, migration; Contact → Get Activity -----------------------------------
		if (full) try {
			await runCampaignOperations({ client, fakes, credential, checks, T, say, results });
		} catch (error) {
			if (error instanceof FatalCheck) throw error;
			checks.fail('campaign/account/migration/get activity operations ran to the end', error);
		}

		// ---- 4d. the node as a tool of n8n's AI Agent (OpenAI stub) ------------------------------------
		try {
			await runAgentScenarios({ client, fakes, credential, checks, T, say, results, major: Number(version.split('.')[0]), lists: { newsletter, customers } });
		} catch (error) {
			if (error instanceof FatalCheck) throw error;
			checks.fail('AI agent steps ran to the end', error);
		}

		// ---- 5. refresh with rotating refresh tokens, three times -------------------------------------
		if (full) results.refresh = [];
		if (full) await T('refresh ×3 (expire → execution → rotated token)', async () => {
			let previous; // the refresh token n8n presented in the round before
			for (let round = 1; round <= 3; round++) {
				await sleep(TOKEN_GAP_MS);
				const mark = await logMark();
				const usedMark = (await fakes.refreshTokensUsed()).length;
				await fakes.expireTokens();
				const res = await call('getById', { id: graceId });
				const slice = await logSince(mark);
				const tokens = tokenRequests(slice);
				const used = (await fakes.refreshTokensUsed()).slice(usedMark);
				const presented = used[0]?.refresh_token;
				const r = `refresh ${round}`;
				checks.ok(`${r}: execution succeeds after the token expired`, res.status === 200 && res.body?.[0]?.contact_id === graceId, { status: res.status, body: res.text.slice(0, 300) });
				checks.eq(`${r}: one token request, grant_type=refresh_token with Basic client auth → 200`,
					tokens.map((e) => ({ grant: e.body?.grant_type, auth: e.authorization, status: e.status })), [{ grant: 'refresh_token', auth: BASIC_MASKED, status: 200 }]);
				// n8n 2.x renews when the 401 throws and repeats the request. The node asks n8n to hand back
				// error answers (so that Constant Contact's error body is readable on 1.x too); 1.x then hands
				// back the 401, and the node sends the request once more on the path where 1.x renews.
				if (label === '2.x') checks.eq(`${r}: API saw 401 then the retried request 200`, statuses(apiRequests(slice)), [401, 200]);
				else checks.eq(`${r}: API saw 401, the request again on n8n 1.x's renewing path (401), then 200`, statuses(apiRequests(slice)), [401, 401, 200]);
				// With rotating tokens only the newest refresh token is accepted: acceptance of a token
				// other than last round's proves n8n stored the rotated one.
				checks.eq(`${r}: n8n presented ${round === 1 ? 'the refresh token from the consent' : 'the rotated refresh token of the previous round'}, accepted`,
					used.map((u) => ({ newest: round === 1 ? u.refresh_token === storedRefreshToken : u.refresh_token !== previous, accepted: u.accepted })), [{ newest: true, accepted: true }]);
				// The token n8n just used is dead now.
				await sleep(TOKEN_GAP_MS);
				const probe = await fakes.refreshWith(presented ?? 'none');
				checks.eq(`${r}: the refresh token used before is dead now (invalid_grant)`, { status: probe.status, error: probe.body?.error }, { status: 400, error: 'invalid_grant' });
				results.refresh.push({ round, tokenRequests: tokens.length, status: res.status, presentedNewest: Boolean(used[0]?.accepted), previousDead: probe.status === 400 });
				previous = presented;
			}
			const stored = (await exportCredential(credential.id))?.data?.oauthTokenData?.refresh_token;
			checks.ok('refresh: n8n stored the refresh token of the last rotation', stored && stored !== previous && stored !== storedRefreshToken, { stored: stored?.slice(0, 6) });
			storedRefreshToken = stored;
		});

		// ---- 6a. one execution, 20 items, expired token --------------------------------------------
		if (full) await T('burst: 20 items in one execution on an expired token', async () => {
			await sleep(TOKEN_GAP_MS);
			const mark = await logMark();
			const usedMark = (await fakes.refreshTokensUsed()).length;
			await fakes.expireTokens();
			const contacts = Array.from({ length: 20 }, (_, i) => ({ email: `burst${String(i + 1).padStart(2, '0')}@example.com`, firstName: `Burst ${i + 1}`, lists: [vip] }));
			const res = await call('burst', { contacts });
			const slice = await logSince(mark);
			const tokens = tokenRequests(slice);
			const used = (await fakes.refreshTokensUsed()).slice(usedMark);
			const out = Array.isArray(res.body) ? res.body : [];
			const api = apiRequests(slice);
			results.burst20 = {
				status: res.status, ms: res.ms, items: out.length, created: out.filter((o) => o.created === true).length,
				tokenRequests: tokens.length, tokenStatuses: statuses(tokens), api401: api.filter((e) => e.status === 401).length, api429: api.filter((e) => e.status === 429).length, apiRequests: api.length,
			};
			say(`burst of 20: ${JSON.stringify(results.burst20)}`);
			checks.ok('burst 20: all 20 items succeed (created)', res.status === 200 && out.length === 20 && out.every((o) => o.created === true), { status: res.status, body: res.text.slice(0, 300) });
			checks.eq('burst 20: exactly one refresh (only the first item meets the 401)', tokens.map((e) => e.status), [200]);
			checks.eq('burst 20: the stored (newest) refresh token was presented and accepted', used.map((u) => ({ token: u.refresh_token, accepted: u.accepted })), [{ token: storedRefreshToken, accepted: true }]);
			const state = await fakes.state();
			checks.eq('burst 20: fake state has the 20 contacts on VIP', state.contacts.filter((c) => /^burst\d+@/.test(c.email_address?.address) && c.list_memberships?.includes(vip)).length, 20);
			await sleep(TOKEN_GAP_MS);
			const mark2 = await logMark();
			const after = await call('getById', { id: graceId });
			results.burst20.usableAfter = after.status === 200;
			checks.ok('burst 20: credential still usable afterwards, without another refresh', after.status === 200 && tokenRequests(await logSince(mark2)).length === 0, { status: after.status });
		});

		// ---- 6b. five concurrent executions, expired token, slow token endpoint --------------------
		if (full) await T('concurrent: 5 executions at once on an expired token (token endpoint +1.5 s)', async () => {
			await sleep(TOKEN_GAP_MS);
			const mark = await logMark();
			const usedMark = (await fakes.refreshTokensUsed()).length;
			await fakes.addFaults({ match: { server: 'oauth', method: 'POST', pathPrefix: '/oauth2/default/v1/token' }, kind: 'delay', ms: 1500, times: 10 });
			await fakes.expireTokens();
			const responses = await Promise.all(Array.from({ length: 5 }, () => call('getById', { id: graceId })));
			await fakes.clearFaults();
			const slice = await logSince(mark);
			const tokens = tokenRequests(slice);
			const used = (await fakes.refreshTokensUsed()).slice(usedMark);
			// failed executions: their messages
			const messages = [];
			if (responses.some((r) => r.status !== 200)) {
				const list = await client.executions(workflowIds.getById);
				for (const e of list.slice(0, 5)) {
					if (e.status === 'success') continue;
					const full = await client.execution(e.id);
					const err = full.data?.resultData?.error;
					messages.push(err ? `${err.message}${err.description ? ` (${err.description})` : ''}` : e.status);
				}
			}
			await sleep(TOKEN_GAP_MS);
			const mark2 = await logMark();
			const after = await call('getById', { id: graceId });
			const afterTokens = tokenRequests(await logSince(mark2));
			results.concurrent = {
				succeeded: responses.filter((r) => r.status === 200 && r.body?.[0]?.contact_id === graceId).length,
				failed: responses.filter((r) => r.status !== 200).length,
				tokenRequests: tokens.length,
				tokenStatuses: statuses(tokens),
				refreshTokensPresented: new Set(used.map((u) => u.refresh_token)).size,
				refreshUses: used.map((u) => (u.accepted ? 'accepted' : `rejected:${u.reason}`)),
				errors: [...new Set(messages)],
				usableAfter: after.status === 200,
				afterTokenRequests: statuses(afterTokens),
			};
			say(`concurrent: ${JSON.stringify(results.concurrent)}`);
			if (label === '2.x') {
				checks.eq('concurrent (2.x): all 5 executions succeed', results.concurrent.succeeded, 5);
				checks.eq('concurrent (2.x): refreshes serialised: one token request', results.concurrent.tokenStatuses, [200]);
				checks.ok('concurrent (2.x): credential usable afterwards', results.concurrent.usableAfter);
			} else {
				// n8n 1.x has no refresh lock: record what happens (see README Troubleshooting).
				checks.ok('concurrent (1.x): every execution ended (success or error), n8n still answers', responses.every((r) => r.status > 0) && after.status > 0);
				checks.ok('concurrent (1.x): a refresh refused by the busy token endpoint (429) is retried, not reported as "Could not reach Constant Contact"',
					!messages.some((m) => /Could not reach Constant Contact.*Too many token requests/s.test(m)), results.concurrent.errors);
				checks.ok('concurrent (1.x): an execution that presented a spent refresh token says "reconnect the credential"',
					!messages.some((m) => /refresh token is\s+invalid/.test(m) && !m.startsWith(RECONNECT_MESSAGE)), results.concurrent.errors);
			}
		});

		// ---- revoked refresh token → reconnect message; a new consent repairs the credential --------
		if (full) await T('revoked refresh token, then reconnect', async () => {
			await sleep(TOKEN_GAP_MS);
			await fakes.admin('POST', 'expire-tokens', { refresh: true });
			const res = await call('getById', { id: graceId });
			checks.ok('revoked: the execution fails', res.status >= 400, { status: res.status });
			let error;
			for (let tries = 0; tries < 80 && !error; tries++) { // up to 20 s
				const [latest] = await client.executions(workflowIds.getById);
				if (latest && latest.status === 'error') error = (await client.execution(latest.id)).data?.resultData?.error;
				else await sleep(250);
			}
			results.revokedMessage = error?.message;
			checks.eq('revoked: the execution error says to reconnect the credential', { message: error?.message }, { message: RECONNECT_MESSAGE });
			await sleep(TOKEN_GAP_MS);
			const mark = await logMark();
			const again = await client.consent(credential.id);
			checks.ok('reconnect: a new consent succeeds', again.callback?.status === 200, { status: again.callback?.status });
			const after = await call('getById', { id: graceId });
			const tokens = tokenRequests(await logSince(mark));
			checks.ok('reconnect: the credential works again (one code exchange, no refresh)', after.status === 200 && tokens.length === 1 && tokens[0].body?.grant_type === 'authorization_code',
				{ status: after.status, tokens: tokens.map((e) => `${e.body?.grant_type} ${e.status}`) });
		});

		// ---- the form example, imported as this major's editor imports a file ----------------------------
		if (full) try {
			await runFormExample({ client, fakes, credential, checks, T, say, major: Number(version.split('.')[0]), list: newsletter, tag: hot });
		} catch (error) {
			if (error instanceof FatalCheck) throw error;
			checks.fail('form example step ran to the end', error);
		}

		// ---- the polling trigger: activate, a contact created in the fake, emitted once -----------------
		if (full) await runTrigger({ client, fakes, credential, checks, T, say, results });

		const violations = await fakes.violations();
		checks.eq('the node sent only requests the Constant Contact spec allows (fake violations)', violations.length, 0);
	} catch (error) {
		if (!(error instanceof FatalCheck)) checks.fail(`scenario ran to the end (${label})`, error);
		if (n8n) {
			const tail = n8n.output().split('\n').slice(-40).join('\n');
			say(`last n8n output:\n${tail}`);
		} else if (error.output) say(`n8n output:\n${error.output.split('\n').slice(-40).join('\n')}`);
	} finally {
		await T('stop n8n and the fakes', async () => {
			await Promise.allSettled([n8n?.stop(), fakes?.stop()]);
		}).catch(() => {});
		if (removeOnExit) process.off('exit', removeOnExit);
		const failed = checks.failed > 0;
		if (userFolder) {
			if (failed || keepUserFolder) {
				if (n8n) writeFileSync(path.join(userFolder, 'n8n.log'), n8n.output());
				say(`kept the user folder for inspection: ${userFolder}${n8n ? ' (n8n.log)' : ''}`);
			} else rmSync(userFolder, { recursive: true, force: true });
		}
	}
	return { label, version, nodeVersion, checks, timings, results };
}
