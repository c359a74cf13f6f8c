/**
 * npm run bench — what the node achieves against Constant Contact's limits.
 *
 * The fake Constant Contact runs in a child process (so its memory is not counted) and enforces
 * 4 requests/second per application, like the real API. The built node runs in n8n-core's
 * workflow engine through the test harness. Prints a table; nothing here is a pass/fail test.
 *
 *   1. Import 10,000 contacts in one run (bulk JSON import): requests, wall time.
 *   2. Create or Update, one contact per item (400 items): requests/s, 429s, failed items.
 *   4. Get Many with Return All over 50,000 contacts: pages, requests/s, peak memory.
 * (3, the same upserts through n8n's own HTTP Request node, is bench/baseline.mjs.)
 *
 * With env BENCH_RESULTS_FILE set, the rows are also written there as JSON for bench/baseline.mjs
 * (which prints the combined table and the wall-time ratio of 1 and 3).
 */
import { writeFileSync } from 'node:fs';

import { runNode } from '../test/engine/harness';
import { admin, apiRequests, credentialFor, peakRss, printTable, startSandbox } from './sandbox';

const IMPORTS = Number(process.env.BENCH_IMPORTS ?? 10_000);
const UPSERTS = Number(process.env.BENCH_UPSERTS ?? 400);
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 50_000);

async function main(): Promise<void> {
	const sandbox = await startSandbox();
	const rows: Row[] = [];
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
		rows.push({
			key: 'import',
			items: IMPORTS,
			label: `1. Import, ${count(IMPORTS)} items (${plural(importLog.filter((e) => e.method === 'POST').length, 'import request')} + ${plural(importLog.filter((e) => e.method === 'GET').length, 'status check')})`,
			requests: importLog.length,
			throttled: importLog.filter((e) => e.status === 429).length,
			failed: imported.error ? 'run failed' : imported.items.filter((i) => i.json.status !== 'imported').length,
			seconds,
			peakRssMb: peak / 1024 / 1024,
		});

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
				// The write alone, like the HTTP Request baseline (3): no read-back of each contact.
				options: { returnFullContact: false },
			},
		});
		seconds = (Date.now() - started) / 1000;
		peak = stopMem();
		const upsertLog = (await apiRequests(sandbox)).slice(before);
		const failed = upsert.items.filter((i) => i.json.error).length;
		rows.push({
			key: 'upsert',
			items: UPSERTS,
			label: `2. Create or Update, ${count(UPSERTS)} items`,
			requests: upsertLog.length,
			throttled: upsertLog.filter((e) => e.status === 429).length,
			failed,
			seconds,
			peakRssMb: peak / 1024 / 1024,
		});

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
		rows.push({
			key: 'getAll',
			items: all.items.length,
			label: `4. Get Many, Return All, ${count(all.items.length)} contacts`,
			requests: pages.length,
			throttled: pages.filter((e) => e.status === 429).length,
			failed: all.error ? 'run failed' : 0,
			seconds,
			peakRssMb: peak / 1024 / 1024,
		});
	} finally {
		sandbox.stop();
	}

	printTable(
		['Benchmark', 'Requests', '429s', 'Failed items', 'Wall s', 'Requests/s', 'Peak RSS MB'],
		rows.map((row) => [row.label, count(row.requests), count(row.throttled), row.failed, row.seconds.toFixed(1), (row.requests / row.seconds).toFixed(2), row.peakRssMb.toFixed(0)]),
	);
	if (process.env.BENCH_RESULTS_FILE) {
		writeFileSync(process.env.BENCH_RESULTS_FILE, JSON.stringify({ node: process.version, rows }, null, '\t'));
	}
}

/** 10000 → "10,000". */
function count(n: number): string {
	return n.toLocaleString('en-US');
}

function plural(n: number, noun: string): string {
	return `${count(n)} ${noun}${n === 1 ? '' : 's'}`;
}

/** One benchmark's measurements (also the JSON handed to bench/baseline.mjs). */
interface Row {
	key: 'import' | 'upsert' | 'getAll';
	label: string;
	items: number;
	requests: number;
	throttled: number;
	failed: number | string;
	seconds: number;
	peakRssMb: number;
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
