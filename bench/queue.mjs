#!/usr/bin/env node
// Benchmark 5: the node in n8n's queue mode. The load of the queue-mode test — 4 webhook
// executions at the same moment × 100 items of Contact → Create or Update — against the fake
// Constant Contact enforcing 4 requests/s, in a real n8n 1.123.81 with Postgres:
//   5a. regular mode, 1 process;
//   5b. queue mode, 1 worker; 5c. 2 workers; 5d. 2 workers with On Error: Stop (n8n's default);
//   5e. 4 workers; 5f. 4 workers, credential "n8n Processes Sharing This App" = 4.
// Workers run with concurrency 5, Redis and Postgres from Debian's packages (test/e2e/queue/cluster.mjs).
// Prints requests, 429s, failed items, wall time and requests/s per row.
//
//   node bench/queue.mjs            (`npm run bench` runs it last; `node bench/run.js queue` alone)
// Env: BENCH_QUEUE_ITEMS (100 per execution), BENCH_QUEUE_EXECUTIONS (4), N8N_CACHE_DIR.
import { CREDENTIAL_TYPE, N8N_VERSIONS, ensureN8n, sleep, step } from '../scripts/lib/n8n.mjs';
import { CLIENT_ID, CLIENT_SECRET, startFakes } from '../test/e2e/fakes.mjs';
import { N8nClient } from '../test/e2e/n8nClient.mjs';
import { ensureServers, startCluster } from '../test/e2e/queue/cluster.mjs';
import { loadWorkflow, measureLoad } from '../test/e2e/queue/scenario.mjs';

const N8N_VERSION = N8N_VERSIONS[1];
const ITEMS = Number(process.env.BENCH_QUEUE_ITEMS ?? 100);
const EXECUTIONS = Number(process.env.BENCH_QUEUE_EXECUTIONS ?? 4);
const prefix = '[bench queue]';

const ROWS = [
	{ key: '5a', label: 'regular mode, 1 process', mode: 'regular', workers: 0, onError: 'continueRegularOutput' },
	{ key: '5b', label: 'queue, 1 worker', mode: 'queue', workers: 1, onError: 'continueRegularOutput' },
	{ key: '5c', label: 'queue, 2 workers', mode: 'queue', workers: 2, onError: 'continueRegularOutput' },
	{ key: '5d', label: 'queue, 2 workers, On Error: Stop (n8n\'s default)', mode: 'queue', workers: 2, onError: undefined },
	{ key: '5e', label: 'queue, 4 workers', mode: 'queue', workers: 4, onError: 'continueRegularOutput' },
	{ key: '5f', label: 'queue, 4 workers, "n8n Processes Sharing This App" = 4', mode: 'queue', workers: 4, onError: 'continueRegularOutput', processes: 4 },
];

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

/** Owner, a connected credential per "processes" value, and a load workflow per row; answers paths by row key. */
async function prepare(client, fakes, rows) {
	await client.setupOwner();
	const credentials = {};
	for (const processes of new Set(rows.map((r) => r.processes ?? 1))) {
		const data = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...(processes > 1 ? { processesSharingApp: processes } : {}) };
		const created = await client.createCredential(`Constant Contact (${processes} process${processes > 1 ? 'es' : ''})`, CREDENTIAL_TYPE, data);
		await sleep(1100); // the token endpoint takes one request per second: the code exchange must not meet a 429
		const consent = await client.consent(created.id);
		const stored = await client.getCredential(created.id);
		if (consent.callback?.status !== 200 || !stored?.data?.oauthTokenData) throw new Error(`consent failed: callback ${consent.callback?.status}, token data stored: ${Boolean(stored?.data?.oauthTokenData)}`);
		credentials[processes] = { id: created.id, name: created.name };
	}
	const paths = {};
	for (const row of rows) {
		paths[row.key] = `bench-${row.key}`;
		await client.deployWorkflow(loadWorkflow(paths[row.key], credentials[row.processes ?? 1], row.onError));
	}
	return paths;
}

async function main() {
	const t0 = Date.now();
	const results = [];
	const servers = await step('Redis and Postgres (apt-get when missing)', () => ensureServers(), { prefix });
	const n8nBin = await step(`n8n ${N8N_VERSION} (install or reuse)`, () => ensureN8n(N8N_VERSION, { prefix }), { prefix });
	const fakes = await step('start the fake Constant Contact (4 requests/s)', () => startFakes(['--rate-limit', '4']), { prefix });
	try {
		const listId = (await fakes.seed({ lists: [{ name: 'Bench queue' }] })).lists[0].list_id;
		for (const mode of ['regular', 'queue']) {
			const rows = ROWS.filter((r) => r.mode === mode);
			const cluster = await step(`start n8n ${N8N_VERSION} (${mode} mode, Postgres${mode === 'queue' ? ', Redis' : ''})`, () =>
				startCluster({ version: N8N_VERSION, n8nBin, apiTarget: fakes.api.url, oauth: fakes.oauth, workers: 0, mode, prefix }), { prefix });
			try {
				const paths = await prepare(new N8nClient(cluster.url), fakes, rows);
				for (const row of rows) {
					if (row.workers) await cluster.startWorkers(row.workers);
					try {
						const load = await step(`${row.key}: ${row.label}, ${EXECUTIONS} executions × ${ITEMS} items`, () =>
							measureLoad({ cluster, fakes, path: paths[row.key], listId, executions: EXECUTIONS, items: ITEMS, tag: row.key }), { prefix });
						results.push({ ...row, ...load });
						console.log(`${prefix} ${row.key}: ${JSON.stringify({ requests: load.requests, throttled: load.throttled, failed: load.failed, seconds: load.seconds, byProcess: load.byProcess })}`);
					} finally {
						await cluster.stopWorkers();
					}
				}
			} finally {
				await cluster.stop();
			}
		}
	} finally {
		await fakes.stop();
	}

	const header = ['Setup', 'Requests', '429s', '429 share', 'Failed items', 'Wall s', 'Contacts/s', 'Requests/s'];
	console.log(`\nnode ${process.version}, n8n ${N8N_VERSION} with Postgres, fake Constant Contact enforcing 4 requests/s; ${EXECUTIONS} webhook executions at once × ${ITEMS} items of Contact → Create or Update; workers with concurrency 5${servers.installed.length ? `; apt-get installed ${servers.installed.join(', ')} in ${(servers.ms / 1000).toFixed(0)} s` : ''}\n`);
	console.log(`| ${header.join(' | ')} |`);
	console.log(`|${header.map(() => '---').join('|')}|`);
	for (const r of results) {
		const failed = r.stoppedExecutions ? `${r.failed} (${r.stoppedExecutions} execution${r.stoppedExecutions > 1 ? 's' : ''} stopped)` : String(r.failed);
		console.log(`| ${r.key}. ${r.label} | ${r.requests} | ${r.throttled} | ${(r.throttledShare * 100).toFixed(1)} % | ${failed} | ${r.seconds.toFixed(1)} | ${r.upsertsPerSecond.toFixed(2)} | ${r.requestsPerSecond.toFixed(2)} |`);
	}
	console.log('');
	for (const r of results) console.log(`- ${r.key}: requests per process ${JSON.stringify(r.byProcess)}; webhook answers ${JSON.stringify(r.answers)}`);
	console.log(`\nqueue bench wall time ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
