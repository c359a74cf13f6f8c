/**
 * node bench/run.js trigger.bench.ts — what the Constant Contact Trigger costs per poll.
 *
 * The fake Constant Contact (child process, 4 requests/s) and the built trigger polled by
 * n8n-core's PollContext through the engine harness, its static data kept between polls as n8n
 * does. Prints a table; nothing here is a pass/fail test.
 *
 *   a. The activation poll and a quiet poll (nothing new): requests, time.
 *   b. A poll after N contacts were created at once (the default Max Events per Poll, 10,000):
 *      items, requests, time, the size of the static data n8n stores, peak memory.
 *   c. The polls after that burst while it is inside the 10-minute overlap window.
 *   d. The same burst with Max Events per Poll 500: polls and requests until all are out.
 */
import { createPoller } from '../test/engine/harness';
import { admin, apiRequests, credentialFor, peakRss, printTable, startSandbox } from './sandbox';

const BURST = Number(process.env.BENCH_TRIGGER_CONTACTS ?? 5_000);

interface Row {
	label: string;
	polls: number;
	items: number;
	requests: number;
	seconds: number;
	staticKb: number;
	peakRssMb: number;
}

async function main(): Promise<void> {
	const sandbox = await startSandbox();
	const rows: Row[] = [];
	try {
		const tokens = await admin(sandbox, 'POST', 'issue-tokens', {});
		const credential = credentialFor(sandbox, tokens);
		const requestCount = async () => (await apiRequests(sandbox)).length;

		/** Polls `times` times (or until a poll emits nothing, with `untilQuiet`) and records a row. */
		async function measure(label: string, poller: ReturnType<typeof createPoller>, times: number, untilQuiet = false): Promise<void> {
			const before = await requestCount();
			const stopMem = peakRss();
			const started = Date.now();
			let polls = 0;
			let items = 0;
			for (;;) {
				const out = await poller.poll();
				if (out.error) throw out.error;
				polls++;
				items += out.items.length;
				if (untilQuiet ? out.items.length === 0 : polls >= times) break;
			}
			rows.push({
				label,
				polls,
				items,
				requests: (await requestCount()) - before,
				seconds: (Date.now() - started) / 1000,
				staticKb: Buffer.byteLength(JSON.stringify(poller.staticData())) / 1024,
				peakRssMb: stopMem() / 1024 / 1024,
			});
		}

		const big = createPoller({ event: 'contactCreated', options: {} }, credential);
		await measure('a. activation poll (notes "now")', big, 1);
		await measure('a. quiet poll', big, 1);
		await admin(sandbox, 'POST', 'bulk-contacts', { n: BURST, prefix: 'burst' });
		await measure(`b. poll after ${BURST.toLocaleString('en-US')} new contacts (default cap 10,000)`, big, 1);
		await measure('c. 3 polls after it, burst inside the overlap window', big, 3);

		const capped = createPoller({ event: 'contactCreated', options: { maxItems: 500 } }, credential);
		await capped.poll();
		await admin(sandbox, 'POST', 'bulk-contacts', { n: BURST, prefix: 'capped' });
		await measure(`d. ${BURST.toLocaleString('en-US')} new contacts, cap 500: polls until quiet`, capped, 0, true);
	} finally {
		sandbox.stop();
	}

	printTable(
		['Benchmark', 'Polls', 'Items', 'Requests', 'Wall s', 'Static data KB', 'Peak RSS MB'],
		rows.map((r) => [r.label, r.polls, r.items.toLocaleString('en-US'), r.requests, r.seconds.toFixed(1), r.staticKb.toFixed(1), r.peakRssMb.toFixed(0)]),
	);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
