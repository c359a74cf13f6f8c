#!/usr/bin/env node
// `npm run test:queue [-- --only 1|2] [--log-n8n]`
// The node in n8n's queue mode (main + Redis + Postgres + 2 workers with concurrency 5), started by
// this script on 127.0.0.1 and stopped at the end, also after a failure or Ctrl-C (scenario.mjs).
// n8n 1.123.81 on this machine's Node, a short round that proves the major works: load of 4 × 10
// upserts, one Send Now round, the polling trigger, 6 executions on an expired token. Then n8n
// 2.41.1 on Node 24 in full: load of 4 × 100 upserts, Send Now rounds until 5 ran on different
// workers, the trigger, the expired token. Checks correctness only; requests/s and the share of
// 429s are printed, not judged (`npm run bench` measures them: bench/queue.mjs). Builds first
// unless dist/ is current (scripts/lib/build.mjs). Redis and Postgres come from Debian's packages
// (apt-get when missing; needs root). Prints a summary per major and `queue: N passed, M failed`;
// exits 1 if a check failed. Env N8N_CACHE_DIR moves the n8n/Node installs (shared with npm run
// test:e2e).
import { buildUnlessCurrent } from '../../../scripts/lib/build.mjs';
import { N8N_VERSIONS, REPO, log } from '../../../scripts/lib/n8n.mjs';
import { runQueueMajor } from './scenario.mjs';

const MAJORS = [
	{ key: '1', label: '1.x', version: N8N_VERSIONS[1], node24: false, short: true },
	{ key: '2', label: '2.x', version: N8N_VERSIONS[2], node24: true },
];

const argv = process.argv.slice(2);
const optionValue = (name) => {
	const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
	if (i < 0) return undefined;
	return argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
};
const only = optionValue('only');
if (only !== undefined && !MAJORS.some((m) => m.key === only)) {
	console.error(`--only takes 1 or 2 (got "${only}")`);
	process.exit(2);
}
const selected = MAJORS.filter((m) => !only || m.key === only);

// Ctrl-C / SIGTERM: exit; the exit hooks stop every process started (cluster.mjs, n8n.mjs).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => {
		console.error(`\n[queue] ${signal}: stopping`);
		process.exit(130);
	});
}

const t0 = Date.now();
const fmt = (ms) => `${(ms / 1000).toFixed(1)} s`;
const runs = [];
let buildFailed = false;
log(`repo ${REPO}, Node ${process.version}, majors: ${selected.map((m) => `${m.label} (n8n ${m.version})`).join(', ')}`, '[queue]');
try {
	await buildUnlessCurrent({ prefix: '[queue]' });
} catch (error) {
	buildFailed = true;
	console.error(error.message);
}
if (!buildFailed) {
	for (const major of selected) runs.push(await runQueueMajor({ ...major, logN8n: argv.includes('--log-n8n') }));
}

console.log('');
for (const r of runs) {
	console.log(`\nqueue mode, n8n ${r.version} on Node ${r.nodeVersion} (${r.label}${r.short ? ', short round' : ''}): ${r.checks.passed} passed, ${r.checks.failed} failed`);
	const width = Math.max(...r.timings.map((t) => t.title.length), 4);
	for (const t of r.timings) console.log(`  ${t.title.padEnd(width)}  ${fmt(t.ms).padStart(8)}${t.ok ? '' : '  ✖'}`);
	const { load, sendNow, trigger, token, servers } = r.results;
	if (servers?.installed?.length) console.log(`  apt-get installed ${servers.installed.join(', ')} in ${fmt(servers.ms)}`);
	if (load) {
		console.log(`  load ${load.executions} × ${load.items} upserts: ${load.requests} requests, ${load.throttled} answered 429 (${(load.throttledShare * 100).toFixed(1)} %), ${load.failed} failed items, ${load.written} written, ${load.seconds.toFixed(1)} s, ${load.requestsPerSecond.toFixed(2)} requests/s, ${load.upsertsPerSecond.toFixed(2)} contacts/s (printed, not judged; npm run bench measures them); per process ${JSON.stringify(load.byProcess)}`);
	}
	for (const round of sendNow ?? []) {
		console.log(`  Send Now round ${round.round}: ${round.customers[0]} (${round.workers[0]}) got ${JSON.stringify(round.got[0])}; ${round.customers[1]} (${round.workers[1]}) got ${JSON.stringify(round.got[1])} — ${round.correct ? 'correct' : 'WRONG'}${round.crossWorker ? ', different workers' : ', same worker'}`);
	}
	if (trigger) console.log(`  trigger: ${JSON.stringify(trigger)}`);
	if (token) console.log(`  token: ${JSON.stringify(token)}`);
	for (const f of r.checks.failures) console.log(`  ✖ ${f}`);
}
const passed = runs.reduce((a, r) => a + r.checks.passed, 0);
const failed = runs.reduce((a, r) => a + r.checks.failed, 0) + (buildFailed ? 1 : 0);
console.log(`\nqueue total wall time ${fmt(Date.now() - t0)}`);
console.log(`queue: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
