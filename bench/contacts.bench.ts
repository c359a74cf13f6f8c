/**
 * npm run bench — what the node achieves against Constant Contact's limits.
 *
 * The fake Constant Contact runs in a child process (so its memory is not counted) and enforces
 * 4 requests/second per application, like the real API. The built node runs in n8n-core's
 * workflow engine through the test harness. Prints a table; nothing here is a pass/fail test.
 *
 *   1. Import 10,000 contacts in one run (bulk JSON import): requests, wall time.
 *   2. Create or Update, one contact per item (400 items): requests/s, 429s, failed items.
 *   3. Get Many with Return All over 50,000 contacts: pages, requests/s, peak memory.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

import { credentialsFor, runNode } from '../test/engine/harness';

const ROOT = path.resolve(__dirname, '..');
const IMPORTS = Number(process.env.BENCH_IMPORTS ?? 10_000);
const UPSERTS = Number(process.env.BENCH_UPSERTS ?? 400);
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 50_000);

interface Sandbox {
	api: { url: string; baseUrl: string };
	oauth: { url: string; authorizeUrl: string; tokenUrl: string };
	stop(): void;
}

async function startSandbox(): Promise<Sandbox> {
	const child = spawn(process.execPath, [path.join(ROOT, 'test/fake/cli.js'), '--rate-limit', '4'], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const line = await new Promise<string>((resolve, reject) => {
		const rl = readline.createInterface({ input: child.stdout! });
		rl.once('line', resolve);
		child.once('exit', (code) => reject(new Error(`fake exited with ${code}`)));
	});
	const info = JSON.parse(line) as Omit<Sandbox, 'stop'>;
	return { ...info, stop: () => child.kill('SIGTERM') };
}

async function admin(sandbox: Sandbox, method: string, route: string, body?: unknown): Promise<any> {
	const res = await fetch(`${sandbox.api.url}/__admin/${route}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (!res.ok) throw new Error(`admin ${route}: ${res.status} ${await res.text()}`);
	return res.status === 204 ? null : await res.json();
}

function credentialFor(sandbox: Sandbox, tokens: { access_token: string; refresh_token: string }) {
	// credentialsFor needs only these parts of the in-process fakes object.
	return credentialsFor({
		api: sandbox.api,
		oauth: sandbox.oauth,
		admin: { issueTokens: () => tokens },
	} as never);
}

function peakRss(): () => number {
	let peak = process.memoryUsage().rss;
	const timer = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().rss);
	}, 50);
	return () => {
		clearInterval(timer);
		return Math.max(peak, process.memoryUsage().rss);
	};
}

async function apiRequests(sandbox: Sandbox): Promise<Array<{ status: number; method: string }>> {
	const log = (await admin(sandbox, 'GET', 'log')) as Array<{ server: string; status: number; method: string }>;
	return log.filter((e) => e.server === 'api');
}

async function main(): Promise<void> {
	const sandbox = await startSandbox();
	const rows: string[][] = [];
	try {
		const tokens = await admin(sandbox, 'POST', 'issue-tokens', {});
		const credential = credentialFor(sandbox, tokens);
		const seeded = await admin(sandbox, 'POST', 'seed', { lists: [{ name: 'Bench' }] });
		const listId = seeded.lists[0].list_id as string;

		// 1. Import, all items in as few requests as the limits allow.
		const beforeImport = (await apiRequests(sandbox)).length;
		let stopMem = peakRss();
		let started = Date.now();
		const imported = await runNode({
			credential,
			inputItems: Array.from({ length: IMPORTS }, (_, n) => ({ email: `import${n}@example.com` })),
			parameters: { resource: 'contact', operation: 'import', email: '={{ $json.email }}', lists: [listId] },
		});
		let seconds = (Date.now() - started) / 1000;
		let peak = stopMem();
		const importLog = (await apiRequests(sandbox)).slice(beforeImport);
		rows.push([
			`Import, ${IMPORTS} items (${importLog.filter((e) => e.method === 'POST').length} import requests + ${importLog.filter((e) => e.method === 'GET').length} status checks)`,
			String(importLog.length),
			String(importLog.filter((e) => e.status === 429).length),
			imported.error ? 'run failed' : String(imported.items.filter((i) => i.json.status !== 'imported').length),
			seconds.toFixed(1),
			(importLog.length / seconds).toFixed(2),
			(peak / 1024 / 1024).toFixed(0),
		]);

		// 2. Upserts, one per item.
		await admin(sandbox, 'POST', 'reset-daily-count');
		const before = (await apiRequests(sandbox)).length;
		const items = Array.from({ length: UPSERTS }, (_, n) => ({ email: `bench${n}@example.com` }));
		stopMem = peakRss();
		started = Date.now();
		const upsert = await runNode({
			credential,
			continueOnFail: true,
			inputItems: items,
			parameters: {
				resource: 'contact',
				operation: 'upsert',
				email: '={{ $json.email }}',
				lists: [listId],
				additionalFields: {},
			},
		});
		seconds = (Date.now() - started) / 1000;
		peak = stopMem();
		const upsertLog = (await apiRequests(sandbox)).slice(before);
		const failed = upsert.items.filter((i) => i.json.error).length;
		rows.push([
			`Create or Update, ${UPSERTS} items`,
			String(upsertLog.length),
			String(upsertLog.filter((e) => e.status === 429).length),
			String(failed),
			seconds.toFixed(1),
			(upsertLog.length / seconds).toFixed(2),
			(peak / 1024 / 1024).toFixed(0),
		]);

		// 3. Get Many over many contacts.
		await admin(sandbox, 'POST', 'bulk-contacts', { n: CONTACTS });
		const before2 = (await apiRequests(sandbox)).length;
		stopMem = peakRss();
		started = Date.now();
		const all = await runNode({
			credential,
			parameters: { resource: 'contact', operation: 'getAll', returnAll: true, filters: {}, options: {}, simplify: true },
		});
		seconds = (Date.now() - started) / 1000;
		peak = stopMem();
		const pages = (await apiRequests(sandbox)).slice(before2);
		rows.push([
			`Get Many, Return All, ${all.items.length} contacts`,
			String(pages.length),
			String(pages.filter((e) => e.status === 429).length),
			all.error ? 'run failed' : '0',
			seconds.toFixed(1),
			(pages.length / seconds).toFixed(2),
			(peak / 1024 / 1024).toFixed(0),
		]);
	} finally {
		sandbox.stop();
	}

	const header = ['Benchmark', 'Requests', '429s', 'Failed items', 'Wall s', 'Requests/s', 'Peak RSS MB'];
	console.log(`\nnode ${process.version}, fake Constant Contact enforcing 4 requests/s\n`);
	console.log(`| ${header.join(' | ')} |`);
	console.log(`|${header.map(() => '---').join('|')}|`);
	for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
