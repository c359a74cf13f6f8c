// One n8n major in queue mode, end to end (cluster.mjs starts it): a main, 2 workers with
// concurrency 5, Redis, Postgres, the fake Constant Contact at 4 requests/s with rotating refresh
// tokens, a proxy per n8n process. Checks, as a user of several workers sees them:
//  1. load: 4 webhook executions at once × 100 items of Contact → Create or Update: no item fails,
//     both workers ran executions, the main sent nothing. Requests/s and the share of 429s are
//     printed, not judged: they are figures of the machine, the benchmark's (npm run bench);
//  2. Send Now to input items, rounds of 2 orders at the same moment until 5 rounds ran on two
//     different workers: every customer gets exactly their own campaign, once;
//  3. the polling trigger (only the main polls, every 5 s): each new contact comes out exactly once;
//  4. 6 executions at once on an expired access token: all succeed.
// `short` (1.x): a round that proves the major works: 4 × 10 items, one Send Now round (its
// workers printed, not required to differ), 3 and 4 as above.
import { randomUUID } from 'node:crypto';

import { CREDENTIAL_TYPE, ensureN8n, ensureNode24, sleep, step } from '../../../scripts/lib/n8n.mjs';
import { CLIENT_ID, CLIENT_SECRET, apiRequests, startFakes, tokenRequests } from '../fakes.mjs';
import { N8nClient } from '../n8nClient.mjs';
import { FAST_POLL_TIMES, TRIGGER_TYPE } from '../trigger.mjs';
import { Checks, FatalCheck, http } from '../util.mjs';
import { ccNode, webhookNode } from '../workflows.mjs';
import { ensureServers, startCluster } from './cluster.mjs';

const HTML = '<html><body>[[trackingImage]]<p>Your order is on its way.</p></body></html>';

// ---- workflows ----------------------------------------------------------------------------------

/**
 * Webhook → Split Out (body.contacts) → Create or Update, with the given On Error. Return Full
 * Contact is off: one request per item, the load issue 11 measured (on, each item reads the
 * contact back with a second request).
 */
export function loadWorkflow(path, credential, onError) {
	const parameters = { operation: 'upsert', email: '={{ $json.email }}', lists: '={{ $json.lists }}', additionalFields: {}, options: { returnFullContact: false } };
	const cc = { ...ccNode('Create or Update', parameters, credential, [480, 0]), ...(onError ? { onError } : {}) };
	return {
		name: `queue ${path}`,
		nodes: [
			webhookNode(path),
			{ id: randomUUID(), name: 'Split Out', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [240, 0], parameters: { fieldToSplitOut: 'body.contacts', include: 'noOtherFields', options: {} } },
			cc,
		],
		connections: { Webhook: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] }, 'Split Out': { main: [[{ node: cc.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

const oneNodeWorkflow = (path, name, parameters, credential) => ({
	name: `queue ${path}`,
	nodes: [webhookNode(path), ccNode(name, parameters, credential, [240, 0])],
	connections: { Webhook: { main: [[{ node: name, type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
});

// ---- the load measurement (also used by bench/queue.mjs) --------------------------------------

/**
 * `executions` webhook calls at once, `items` upserts each. Answers the figures: requests and 429s
 * the fake received, failed items (error items in the answers, or items of executions that
 * stopped), contacts written, wall time and requests/s, executions per worker.
 */
export async function measureLoad({ cluster, fakes, path, listId, executions = 4, items = 100, tag }) {
	await fakes.admin('POST', 'reset-daily-count');
	await sleep(1100); // an empty rate-limit window
	const mark = (await fakes.log()).length;
	const proxyMarks = Object.fromEntries(Object.entries(cluster.proxies).map(([name, p]) => [name, p.log.length]));
	const prefix = `queue-${tag}-${Date.now().toString(36)}`;
	const bodies = Array.from({ length: executions }, (_, e) => ({
		contacts: Array.from({ length: items }, (_, n) => ({ email: `${prefix}-${e}-${n}@example.com`, lists: [listId] })),
	}));
	const t0 = Date.now();
	const answers = await Promise.all(bodies.map((body) => http('POST', `${cluster.url}/webhook/${path}`, { body, timeoutMs: 30 * 60_000 })));
	const seconds = (Date.now() - t0) / 1000;
	// Every API request of the window counts (with Return Full Contact off they are the upserts).
	const api = apiRequests((await fakes.log()).slice(mark));
	const throttled = api.filter((e) => e.status === 429).length;
	const state = await fakes.state();
	const written = state.contacts.filter((c) => c.email_address?.address?.startsWith(`${prefix}-`) && c.list_memberships?.includes(listId)).length;
	let failed = 0;
	let stopped = 0;
	for (const [e, answer] of answers.entries()) {
		if (answer.status === 200 && Array.isArray(answer.body)) failed += answer.body.filter((item) => item && 'error' in item).length;
		else {
			stopped++;
			const mine = state.contacts.filter((c) => c.email_address?.address?.startsWith(`${prefix}-${e}-`)).length;
			failed += items - mine;
		}
	}
	const byProcess = {};
	for (const [name, p] of Object.entries(cluster.proxies)) {
		const sent = p.log.slice(proxyMarks[name]);
		if (sent.length) byProcess[name] = { requests: sent.length, throttled: sent.filter((x) => x.status === 429).length };
	}
	return {
		executions,
		items,
		requests: api.length,
		throttled,
		throttledShare: api.length ? throttled / api.length : 0,
		failed,
		stoppedExecutions: stopped,
		written,
		seconds,
		requestsPerSecond: api.length / seconds,
		upsertsPerSecond: written / seconds,
		byProcess,
		answers: answers.map((a) => a.status),
	};
}

// ---- one major ------------------------------------------------------------------------------------

/**
 * @param {{ label: string, version: string, node24: boolean, short?: boolean, workers?: number, concurrency?: number, strict?: boolean, logN8n?: boolean }} major
 *   short: 10 items per load execution, one Send Now round (see the top of this file).
 */
export async function runQueueMajor({ label, version, node24, short = false, workers = 2, concurrency = 5, strict = false, logN8n = false }) {
	const loadItems = short ? 10 : 100;
	const minCrossRounds = short ? 0 : 5;
	const maxRounds = short ? 1 : 12;
	const prefix = `[queue ${label}]`;
	const checks = new Checks(prefix, { strict });
	const timings = [];
	const results = {};
	const T = (title, fn) => step(title, fn, { timings, prefix });
	const say = (msg) => console.log(`${prefix} ${msg}`);
	let fakes;
	let cluster;
	let nodeVersion = process.version;
	try {
		results.servers = await T('Redis and Postgres (apt-get when missing)', () => ensureServers({ say }));
		let nodeBin = process.execPath;
		let nodeDir;
		if (node24) ({ nodeBin, nodeDir, version: nodeVersion } = await T('Node 24 (install or reuse)', () => ensureNode24({ prefix })));
		const n8nBin = await T(`n8n ${version} (install or reuse)`, () => ensureN8n(version, { nodeBin, nodeDir, prefix }));
		fakes = await T('start the fake Constant Contact (4 requests/s, rotating refresh tokens)', () => startFakes(['--rate-limit', '4', '--refresh-token-type', 'rotating']));
		cluster = await T(`start n8n ${version} in queue mode: main + ${workers} workers (concurrency ${concurrency}), Redis, Postgres`, () =>
			startCluster({ version, nodeBin, n8nBin, apiTarget: fakes.api.url, oauth: fakes.oauth, workers, concurrency, prefix, logN8n }));
		const client = new N8nClient(cluster.url);

		let credential;
		await T('owner, credential, OAuth consent (through the main)', async () => {
			await client.setupOwner();
			const created = await client.createCredential('Constant Contact queue', CREDENTIAL_TYPE, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
			credential = { id: created.id, name: created.name };
			await sleep(1100); // the token endpoint takes one request per second
			const consent = await client.consent(credential.id);
			const stored = await client.getCredential(credential.id);
			checks.must('consent: the credential is connected (token data stored)', consent.authorize.status === 302 && consent.callback?.status === 200 && Boolean(stored?.data?.oauthTokenData),
				{ authorize: consent.authorize.status, callback: consent.callback?.status, stored: stored?.data && Object.keys(stored.data) });
		});

		const seeded = await fakes.seed({
			lists: [{ name: 'Queue load' }],
			contacts: [{ email: 'token.check@example.com', permission_to_send: 'implicit' }],
			campaigns: [{ name: 'Order shipped', subject: 'Your order is on its way', from_email: 'news@example.com', reply_to_email: 'owner@example.com', html_content: HTML, status: 'Done' }],
		});
		const listId = seeded.lists[0].list_id;
		const tokenContact = seeded.contacts[0].contact_id;
		const campaignId = seeded.campaigns[0].campaign_id;

		const ids = {};
		await T('create + activate the workflows', async () => {
			ids.load = await client.deployWorkflow(loadWorkflow('queue-load', credential, 'continueRegularOutput'));
			ids.order = await client.deployWorkflow(oneNodeWorkflow('queue-order', 'Send Now', {
				resource: 'campaign', operation: 'sendNow', content: 'campaign', campaign: { __rl: true, mode: 'id', value: campaignId },
				sendTo: 'items', email: '={{ $json.body.email }}',
			}, credential));
			ids.get = await client.deployWorkflow(oneNodeWorkflow('queue-get', 'Get', { resource: 'contact', operation: 'get', contact: { __rl: true, mode: 'id', value: '={{ $json.body.id }}' }, options: {} }, credential));
		});

		// ---- 1. load -------------------------------------------------------------------------------
		await T(`load: 4 executions at once × ${loadItems} items of Create or Update (On Error: Continue)`, async () => {
			const load = await measureLoad({ cluster, fakes, path: 'queue-load', listId, items: loadItems, tag: 'e2e' });
			results.load = load;
			say(`load: ${JSON.stringify({ ...load, answers: undefined })}`);
			// Figures, not checks: they depend on the machine (npm run bench measures them).
			say(`load: ${load.requestsPerSecond.toFixed(2)} requests/s (${load.upsertsPerSecond.toFixed(2)} contacts/s written), ${load.throttled} of ${load.requests} requests answered 429 (${(load.throttledShare * 100).toFixed(1)} %)`);
			checks.eq('load: every webhook execution answered 200', load.answers, [200, 200, 200, 200]);
			checks.eq(`load: 0 failed items, all ${4 * loadItems} contacts written`, { failed: load.failed, written: load.written }, { failed: 0, written: 4 * loadItems });
			const workersUsed = Object.keys(load.byProcess).filter((p) => p.startsWith('worker')).length;
			if (short) say(`load: ${workersUsed} of 2 workers ran executions`);
			else checks.ok('load: both workers ran executions', workersUsed === 2, load.byProcess);
			checks.ok('load: the main sent no API request (workers run the executions)', !load.byProcess.main, load.byProcess);
		});

		// ---- 2. Send Now, rounds of 2 orders at the same moment -----------------------------------------
		await T(short ? 'Send Now: one round of 2 simultaneous orders' : `Send Now: rounds of 2 simultaneous orders until ${minCrossRounds} ran on two different workers`, async () => {
			const rounds = [];
			const received = {}; // address → campaigns it received, over all rounds
			for (let round = 1; round <= maxRounds && (round === 1 || rounds.filter((r) => r.crossWorker).length < minCrossRounds); round++) {
				const customers = [`r${round}.ann@example.com`, `r${round}.bob@example.com`];
				const answers = await Promise.all(customers.map((email) => http('POST', `${cluster.url}/webhook/queue-order`, { body: { email }, timeoutMs: 10 * 60_000 })));
				const s = await fakes.state();
				const addressById = new Map(s.contacts.map((c) => [c.contact_id, c.email_address?.address]));
				const outs = answers.map((a) => (Array.isArray(a.body) ? a.body[0] : undefined));
				const entry = { round, customers, statuses: answers.map((a) => a.status), workers: [], got: [], outputs: [] };
				for (const [n, out] of outs.entries()) {
					const activity = s.campaignActivities.find((a) => a.campaign_activity_id === out?.campaign_activity_id);
					const to = (activity?.sent_contact_ids ?? []).map((id) => addressById.get(id)).sort();
					entry.got.push(to);
					entry.outputs.push(out && { send_status: out.send_status, recipients: out.recipients, sent_count: out.sent_count, send_verified: out.send_verified, list_deleted: out.recipient_list_deleted });
					// The worker that ran it: the proxy through which its e-mail's recipients were set.
					const proc = Object.values(cluster.proxies).find((p) => p.log.some((x) => x.method === 'PUT' && x.path === `/v3/emails/activities/${out?.campaign_activity_id}`));
					entry.workers.push(proc?.name ?? '?');
					for (const address of to) (received[address] ??= []).push(out?.campaign_id);
				}
				entry.crossWorker = entry.workers[0] !== entry.workers[1] && !entry.workers.includes('?');
				entry.correct = entry.statuses.every((st) => st === 200)
					&& customers.every((c, n) => JSON.stringify(entry.got[n]) === JSON.stringify([c]))
					&& entry.outputs.every((o) => o?.send_status === 'DONE' && o.recipients === 1 && o.sent_count === 1 && o.send_verified === true);
				rounds.push(entry);
				say(`Send Now round ${round}: ${customers[0]} on ${entry.workers[0]} received ${JSON.stringify(entry.got[0])}; ${customers[1]} on ${entry.workers[1]} received ${JSON.stringify(entry.got[1])}${entry.correct ? '' : ` ✖ ${JSON.stringify(entry.outputs)} ${JSON.stringify(answers.map((a) => a.text.slice(0, 200)))}`}`);
			}
			results.sendNow = rounds.map(({ round, customers, workers, got, correct, crossWorker }) => ({ round, customers, workers, got, correct, crossWorker }));
			checks.eq('Send Now: every round correct (each customer received exactly their own campaign; DONE, 1 recipient, send count 1 verified)', rounds.filter((r) => !r.correct).map((r) => r.round), []);
			if (minCrossRounds) {
				checks.ok(`Send Now: at least ${minCrossRounds} rounds ran the two orders on two different workers (${rounds.filter((r) => r.crossWorker).length} of ${rounds.length})`,
					rounds.filter((r) => r.crossWorker).length >= minCrossRounds, results.sendNow.map((r) => r.workers));
			}
			const customers = rounds.flatMap((r) => r.customers);
			checks.eq('Send Now: over all rounds every customer received exactly one campaign, and nobody else received any', Object.fromEntries(Object.entries(received).map(([k, v]) => [k, v.length])), Object.fromEntries(customers.map((c) => [c, 1])));
			const s = await fakes.state();
			checks.eq('Send Now: no run list is left in the account', s.lists.filter((l) => /^n8n Send Now /.test(l.name) && !l.deleted_at).map((l) => l.name), []);
		});

		// ---- 3. the polling trigger ---------------------------------------------------------------------
		await T('trigger: only the main polls; each new contact is emitted exactly once', async () => {
			const trigger = {
				name: 'queue trigger',
				nodes: [{
					id: randomUUID(), name: 'Constant Contact Trigger', type: TRIGGER_TYPE, typeVersion: 1, position: [0, 0],
					parameters: { pollTimes: FAST_POLL_TIMES, event: 'contactCreated', filters: {}, contactOptions: {}, options: {} },
					credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
				}],
				connections: {},
				settings: { executionOrder: 'v1' },
			};
			const polls = (entries) => apiRequests(entries).filter((e) => e.method === 'GET' && e.path === '/v3/contacts' && e.query?.created_after !== undefined);
			const mark = (await fakes.log()).length;
			const proxyMarks = Object.fromEntries(Object.entries(cluster.proxies).map(([name, p]) => [name, p.log.length]));
			ids.trigger = await client.deployWorkflow(trigger);
			try {
				// The activation poll (it only notes "now").
				for (let n = 0; n < 60 && polls((await fakes.log()).slice(mark)).length < 1; n++) await sleep(500);
				checks.must('trigger: activating the workflow polled once (through the main)', polls((await fakes.log()).slice(mark)).length >= 1, { active: (await client.rest('GET', `/workflows/${ids.trigger}`)).active });
				await sleep(1500);
				const created = await fakes.seed({ contacts: ['new.one', 'new.two', 'new.three'].map((name) => ({ email: `${name}@example.com`, permission_to_send: 'implicit' })) });
				const want = created.contacts.map((c) => c.contact_id).sort();
				// Two polls after the contacts were created (one that finds them, one more), then the executions.
				const afterSeed = (await fakes.log()).length;
				for (let n = 0; n < 320 && polls((await fakes.log()).slice(afterSeed)).length < 2; n++) await sleep(500);
				await sleep(3000);
				const list = await client.executions(ids.trigger);
				const emitted = [];
				for (const e of list) {
					const execution = await client.execution(e.id);
					const items = execution.data?.resultData?.runData?.['Constant Contact Trigger']?.[0]?.data?.main?.[0] ?? [];
					emitted.push(...items.map((i) => i.json.contact_id));
				}
				const pollsByProcess = Object.fromEntries(Object.entries(cluster.proxies).map(([name, p]) => [name, p.log.slice(proxyMarks[name]).filter((x) => x.method === 'GET' && x.path === '/v3/contacts').length]));
				results.trigger = { polls: polls((await fakes.log()).slice(mark)).length, executions: list.map((e) => e.status), emitted: emitted.length, pollsByProcess };
				say(`trigger: ${JSON.stringify(results.trigger)}`);
				checks.ok('trigger: polls came from the main only', pollsByProcess.main >= 3 && Object.entries(pollsByProcess).every(([name, n]) => name === 'main' || n === 0), pollsByProcess);
				checks.eq('trigger: the 3 new contacts were emitted exactly once each', emitted.sort(), want);
				checks.ok('trigger: its executions succeeded', list.length >= 1 && list.every((e) => e.status === 'success'), list.map((e) => e.status));
			} finally {
				await client.rest('POST', `/workflows/${ids.trigger}/deactivate`, {}).catch((e) => say(`deactivate failed: ${e.message}`));
			}
		});

		// ---- 4. expired token, 6 executions at once ----------------------------------------------------
		await T('token: 6 executions at once on an expired access token (rotating refresh tokens)', async () => {
			await sleep(1100);
			const mark = (await fakes.log()).length;
			const usedMark = (await fakes.refreshTokensUsed()).length;
			await fakes.expireTokens();
			const answers = await Promise.all(Array.from({ length: 6 }, () => http('POST', `${cluster.url}/webhook/queue-get`, { body: { id: tokenContact }, timeoutMs: 5 * 60_000 })));
			const slice = (await fakes.log()).slice(mark);
			const used = (await fakes.refreshTokensUsed()).slice(usedMark);
			results.token = {
				succeeded: answers.filter((a) => a.status === 200 && a.body?.[0]?.contact_id === tokenContact).length,
				tokenRequests: tokenRequests(slice).map((e) => e.status),
				refreshUses: used.map((u) => (u.accepted ? 'accepted' : `rejected:${u.reason}`)),
			};
			say(`token: ${JSON.stringify(results.token)}`);
			checks.eq('token: all 6 executions succeed', results.token.succeeded, 6);
			await sleep(1100);
			const after = await http('POST', `${cluster.url}/webhook/queue-get`, { body: { id: tokenContact } });
			checks.eq('token: the credential works afterwards', after.status, 200);
		});

		checks.eq('the node sent only requests the Constant Contact spec allows (fake violations)', (await fakes.violations()).length, 0);
	} catch (error) {
		if (!(error instanceof FatalCheck)) checks.fail(`queue-mode scenario ran to the end (${label})`, error);
		if (error?.output) say(`output:\n${String(error.output).split('\n').slice(-40).join('\n')}`);
		if (cluster?.main) say(`last n8n main output:\n${cluster.main.output().split('\n').slice(-25).join('\n')}`);
		for (const w of cluster?.workers ?? []) say(`last ${w.name} output:\n${w.output().split('\n').slice(-15).join('\n')}`);
	} finally {
		await T('stop n8n, Redis, Postgres, proxies and the fake', async () => {
			await Promise.allSettled([cluster?.stop()]);
			await Promise.allSettled([fakes?.stop()]);
		}).catch(() => {});
	}
	return { label, version, nodeVersion, short, checks, timings, results };
}
