#!/usr/bin/env node
// Benchmark 3: the baseline a user has today, without this node. The same 400 upserts as
// benchmark 2 (Constant Contact's sign-up form endpoint, one request per contact), sent by n8n's
// own HTTP Request node in a real n8n 1.123.81 (the one the end-to-end tests install) with a
// generic OAuth2 credential, against the fake Constant Contact enforcing 4 requests/s.
//
//   node bench/baseline.mjs [--contacts-results <file>]   (`npm run bench` runs it after contacts.bench.ts)
//
// The credential is n8n's "OAuth2 API" (oAuth2Api): grant type Authorization Code, the fake's
// authorize and token URLs, its client ID and secret, scope, Authentication: Header; connected
// through the real consent flow. The workflow: Webhook → Split Out (400 items) → HTTP Request
// (POST <fake>/v3/contacts/sign_up_form, Authentication: Generic Credential Type → OAuth2 API,
// JSON body {email_address, list_memberships}). Variants, as n8n's docs describe them
// (docs.n8n.io, "Handling API rate limits"):
//   3a. the node's defaults: no batching, no Retry On Fail, On Error: Stop Workflow;
//   3b. the same with On Error: Continue, so every item reports its outcome;
//   3c. the docs' first advice, Retry On Fail with Wait Between Tries 1000 ms (Max Tries: the default 3),
//       otherwise defaults;
//   3d. the docs' fix for rate limits in the HTTP Request node: Options → Batching, Items per Batch 4,
//       Batch Interval 1000 ms (the API allows 4 requests per second); On Error: Continue.
// Each run measures the requests the fake received, its 429s, failed items, wall time (webhook
// call to answer) and the n8n process's peak RSS. Given the contacts bench's results (its JSON,
// env BENCH_RESULTS_FILE there), prints the combined table and the ratio of wall times of
// 1 (Import, 10,000 contacts) and 3d extrapolated linearly from 400 to 10,000 contacts.
// Env: BENCH_UPSERTS (400), N8N_CACHE_DIR (where n8n is installed).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { N8N_VERSIONS, ensureN8n, sleep, startN8n, step } from '../scripts/lib/n8n.mjs';
import { CLIENT_ID, CLIENT_SECRET, startFakes } from '../test/e2e/fakes.mjs';
import { N8nClient } from '../test/e2e/n8nClient.mjs';
import { http } from '../test/e2e/util.mjs';

const N8N_VERSION = N8N_VERSIONS[1];
const UPSERTS = Number(process.env.BENCH_UPSERTS ?? 400);
/** HTTP Request node version n8n 1.123.81 puts into new workflows (its defaultVersion). */
const HTTP_REQUEST_VERSION = 4.3;
const SCOPE = 'account_read contact_data offline_access';
const prefix = '[baseline]';

const argv = process.argv.slice(2);
const resultsArg = argv.indexOf('--contacts-results');
const contactsResultsFile = resultsArg >= 0 ? argv[resultsArg + 1] : undefined;

const VARIANTS = [
	{
		key: '3a',
		label: 'HTTP Request node, defaults (On Error: Stop)',
		title: 'HTTP Request node defaults (no batching, no retry, On Error: Stop)',
		options: {},
		onError: undefined,
	},
	{
		key: '3b',
		label: 'HTTP Request node, defaults, On Error: Continue',
		title: 'HTTP Request node defaults, On Error: Continue',
		options: {},
		onError: 'continueRegularOutput',
	},
	{
		key: '3c',
		label: 'HTTP Request node, Retry On Fail (1,000 ms, 3 tries), On Error: Stop',
		title: 'HTTP Request node defaults with Retry On Fail (n8n docs: Wait Between Tries 1,000 ms; Max Tries 3), On Error: Stop',
		options: {},
		onError: undefined,
		retry: { retryOnFail: true, maxTries: 3, waitBetweenTries: 1000 },
	},
	{
		key: '3d',
		label: 'HTTP Request node, Batching 4 items per 1,000 ms, On Error: Continue',
		title: 'HTTP Request node, Batching 4 items per 1,000 ms (n8n docs), On Error: Continue',
		options: { batching: { batch: { batchSize: 4, batchInterval: 1000 } } },
		onError: 'continueRegularOutput',
	},
];

function workflow(variant, credential, apiBaseUrl) {
	const path = `baseline-${variant.key}`;
	const http = {
		id: randomUUID(),
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: HTTP_REQUEST_VERSION,
		position: [480, 0],
		parameters: {
			method: 'POST',
			url: `${apiBaseUrl}/contacts/sign_up_form`,
			authentication: 'genericCredentialType',
			genericAuthType: 'oAuth2Api',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={\n  "email_address": "{{ $json.email }}",\n  "list_memberships": ["{{ $json.listId }}"]\n}',
			options: variant.options,
		},
		credentials: { oAuth2Api: { id: credential.id, name: credential.name } },
		...(variant.onError ? { onError: variant.onError } : {}),
		...(variant.retry ?? {}),
	};
	return {
		path,
		workflow: {
			name: `baseline ${variant.key}`,
			nodes: [
				{
					id: randomUUID(), name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: randomUUID(),
					parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
				},
				{
					id: randomUUID(), name: 'Split Out', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [240, 0],
					parameters: { fieldToSplitOut: 'body.contacts', include: 'noOtherFields', options: {} },
				},
				http,
			],
			connections: {
				Webhook: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
				'Split Out': { main: [[{ node: 'HTTP Request', type: 'main', index: 0 }]] },
			},
			settings: { executionOrder: 'v1' },
		},
	};
}

/** Peak resident memory of a process (Linux /proc), sampled every 100 ms until stopped. */
function peakRss(pid) {
	const read = () => {
		try {
			const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
			return m ? Number(m[1]) * 1024 : 0;
		} catch {
			return 0;
		}
	};
	let peak = read();
	const timer = setInterval(() => { peak = Math.max(peak, read()); }, 100);
	return () => {
		clearInterval(timer);
		return Math.max(peak, read());
	};
}

async function main() {
	const t0 = Date.now();
	const rows = [];
	const notes = [];
	let fakes, n8n, userFolder;
	try {
		const n8nBin = await step(`n8n ${N8N_VERSION} (install or reuse)`, () => ensureN8n(N8N_VERSION, { prefix }), { prefix });
		userFolder = mkdtempSync(path.join(tmpdir(), 'cc-baseline-'));
		fakes = await step('start the fake Constant Contact (4 requests/s)', () => startFakes(['--rate-limit', '4']), { prefix });
		n8n = await step(`start n8n ${N8N_VERSION}`, () => startN8n({ version: N8N_VERSION, n8nBin, userFolder, env: { N8N_HOST: '127.0.0.1' } }), { prefix });
		const client = new N8nClient(n8n.url);

		// The generic OAuth2 credential, connected through the consent flow.
		let credential;
		await step('owner, generic OAuth2 credential, consent', async () => {
			await client.setupOwner();
			const created = await client.createCredential('Constant Contact (generic OAuth2)', 'oAuth2Api', {
				grantType: 'authorizationCode',
				authUrl: fakes.oauth.authorizeUrl,
				accessTokenUrl: fakes.oauth.tokenUrl,
				clientId: CLIENT_ID,
				clientSecret: CLIENT_SECRET,
				scope: SCOPE,
				authQueryParameters: '',
				authentication: 'header',
			});
			credential = { id: created.id, name: created.name };
			const consent = await client.consent(credential.id);
			if (consent.authorize.status !== 302 || consent.callback?.status !== 200) {
				throw new Error(`consent failed: authorize ${consent.authorize.status} ${consent.authorize.text.slice(0, 200)}, callback ${consent.callback?.status} ${consent.callback?.text.slice(0, 200)}`);
			}
		}, { prefix });

		const seeded = await fakes.seed({ lists: [{ name: 'Baseline' }] });
		const listId = seeded.lists[0].list_id;
		const paths = {};
		const workflowIds = {};
		await step('create + activate the workflows', async () => {
			for (const variant of VARIANTS) {
				const { path: p, workflow: w } = workflow(variant, credential, fakes.api.baseUrl);
				paths[variant.key] = p;
				workflowIds[variant.key] = await client.deployWorkflow(w);
			}
		}, { prefix });

		for (const variant of VARIANTS) {
			await fakes.admin('POST', 'reset-daily-count');
			await sleep(1100); // an empty rate-limit window for every run
			const emails = Array.from({ length: UPSERTS }, (_, i) => `baseline-${variant.key}-${i}@example.com`);
			const mark = (await fakes.log()).length;
			const stopRss = peakRss(n8n.child.pid);
			const result = await step(`${variant.key}: ${variant.title}, ${UPSERTS} items`, async () => {
				const started = Date.now();
				const res = await http('POST', `${n8n.url}/webhook/${paths[variant.key]}`, {
					body: { contacts: emails.map((email) => ({ email, listId })) },
					timeoutMs: 30 * 60_000,
				});
				return { res, seconds: (Date.now() - started) / 1000 };
			}, { prefix });
			const rssMb = stopRss() / 1024 / 1024;
			const api = (await fakes.log()).slice(mark).filter((e) => e.server === 'api');
			const upserts = api.filter((e) => e.path.endsWith('/contacts/sign_up_form'));
			const throttled = upserts.filter((e) => e.status === 429).length;
			const state = await fakes.state();
			const written = state.contacts.filter((c) => c.email_address?.address?.startsWith(`baseline-${variant.key}-`) && c.list_memberships?.includes(listId)).length;
			let failed;
			if (result.res.status === 200 && Array.isArray(result.res.body)) {
				failed = result.res.body.filter((item) => item && 'error' in item).length;
				const sample = result.res.body.find((item) => item && 'error' in item)?.error;
				if (sample) notes.push(`${variant.key}: a failed item's error: ${JSON.stringify({ message: sample.message, description: sample.description, httpCode: sample.httpCode ?? sample.statusCode }).slice(0, 400)}`);
			} else {
				failed = `run failed: ${count(UPSERTS - written)} of ${count(UPSERTS)} not written`;
				const message = await lastExecutionError(client, workflowIds[variant.key]);
				notes.push(`${variant.key}: the webhook answered ${result.res.status}; the execution stopped with "${message}"`);
			}
			notes.push(`${variant.key}: ${written} of ${UPSERTS} contacts on the list in the fake afterwards; API requests by status: ${JSON.stringify(countBy(api.map((e) => e.status)))}`);
			rows.push({
				key: variant.key,
				items: UPSERTS,
				label: `${variant.key}. ${variant.label}, ${count(UPSERTS)} items`,
				requests: api.length,
				throttled,
				failed,
				written,
				seconds: result.seconds,
				peakRssMb: rssMb,
			});
		}
	} finally {
		await Promise.allSettled([n8n?.stop(), fakes?.stop()]);
		if (userFolder) rmSync(userFolder, { recursive: true, force: true });
	}

	// ---- report -------------------------------------------------------------------------------
	let contacts;
	if (contactsResultsFile && existsSync(contactsResultsFile)) contacts = JSON.parse(readFileSync(contactsResultsFile, 'utf8'));
	const ordered = [
		...(contacts?.rows.filter((r) => r.key !== 'getAll') ?? []),
		...rows,
		...(contacts?.rows.filter((r) => r.key === 'getAll') ?? []),
	];
	const header = ['Benchmark', 'Requests', '429s', 'Failed items', 'Wall s', 'Requests/s', 'Peak RSS MB'];
	console.log(`\nnode ${process.version}, fake Constant Contact enforcing 4 requests/s; 1, 2, 4: this node in n8n's workflow engine; 3: n8n ${N8N_VERSION}'s HTTP Request node (Peak RSS: the whole n8n server process)\n`);
	console.log(`| ${header.join(' | ')} |`);
	console.log(`|${header.map(() => '---').join('|')}|`);
	for (const row of ordered) {
		const cells = [row.label, count(row.requests), count(row.throttled), row.failed, row.seconds.toFixed(1), (row.requests / row.seconds).toFixed(2), row.peakRssMb.toFixed(0)];
		console.log(`| ${cells.join(' | ')} |`);
	}
	console.log('');
	for (const note of notes) console.log(`- ${note}`);

	const imported = contacts?.rows.find((r) => r.key === 'import');
	const batched = rows.find((r) => r.key === '3d');
	if (imported && batched) {
		const per10k = (r) => (r.seconds * 10_000) / r.items;
		const baseline10k = (batched.seconds * 10_000) / batched.written;
		const extrapolated = imported.items === 10_000 ? 'measured' : `measured with ${count(imported.items)} items, extrapolated linearly`;
		console.log(`\nWall time per 10,000 contacts: (1) Import ${per10k(imported).toFixed(1)} s (${extrapolated}, ${count(imported.requests)} requests); `
			+ `(3d) HTTP Request node with batching ${count(Math.round(per10k(batched)))} s (${batched.seconds.toFixed(1)} s for ${count(batched.items)} items, extrapolated linearly to 10,000; ${count(Math.round((batched.requests * 10_000) / batched.items))} requests)`
			+ `${batched.written < batched.items ? `, ${count(Math.round(baseline10k))} s per 10,000 contacts actually written` : ''}.`);
		console.log(`Ratio of wall times per 10,000 contacts, (3d) / (1): ${(per10k(batched) / per10k(imported)).toFixed(0)}×. (3d) sends one request per contact: 10,000 contacts use up a Constant Contact application's whole daily limit of 10,000 requests.`);
	} else if (!contacts) {
		console.log('\n(no contacts bench results given: run `npm run bench` for the ratio of 1 and 3)');
	}
	console.log(`\nbaseline wall time ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

/** 10000 → "10,000". */
function count(n) {
	return n.toLocaleString('en-US');
}

function countBy(values) {
	const out = {};
	for (const v of values) out[v] = (out[v] ?? 0) + 1;
	return out;
}

/** The error message of the workflow's newest failed execution (n8n's executions REST API). */
async function lastExecutionError(client, workflowId) {
	for (let tries = 0; tries < 20; tries++) {
		const failed = (await client.executions(workflowId)).find((e) => e.status === 'error');
		if (failed) {
			const error = (await client.execution(failed.id)).data?.resultData?.error;
			return `${error?.message ?? 'unknown'}${error?.description ? ` (${error.description})` : ''}`;
		}
		await sleep(250);
	}
	return 'no failed execution found';
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
