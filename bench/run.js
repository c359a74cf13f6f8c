'use strict';
// Entry point of `npm run bench`: node bench/run.js [file.bench.ts | baseline | queue]
//   no argument: contacts.bench.ts (benchmarks 1, 2 and 4: this node in n8n's workflow engine), then
//                baseline.mjs (benchmark 3: the same upserts through a real n8n's HTTP Request node),
//                which prints the combined table and the wall-time ratio of 1 and 3, then queue.mjs
//                (benchmark 5: the node in a real n8n, regular mode and queue mode with 1, 2, 4 workers);
//   file.bench.ts: only that TypeScript benchmark; baseline: only baseline.mjs; queue: only queue.mjs.
const { spawnSync } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

const arg = process.argv[2];
if (arg === 'baseline' || arg === 'queue') {
	process.exitCode = spawnSync(process.execPath, [path.join(__dirname, `${arg}.mjs`)], { stdio: 'inherit' }).status ?? 1;
} else if (arg) {
	require('./register-ts');
	require(path.resolve(__dirname, arg));
} else {
	const dir = mkdtempSync(path.join(tmpdir(), 'cc-bench-'));
	const results = path.join(dir, 'contacts.json');
	try {
		const contacts = spawnSync(process.execPath, [__filename, 'contacts.bench.ts'], {
			stdio: 'inherit',
			env: { ...process.env, BENCH_RESULTS_FILE: results },
		});
		const baseline = spawnSync(process.execPath, [path.join(__dirname, 'baseline.mjs'), '--contacts-results', results], { stdio: 'inherit' });
		const queue = spawnSync(process.execPath, [path.join(__dirname, 'queue.mjs')], { stdio: 'inherit' });
		process.exitCode = contacts.status === 0 && baseline.status === 0 && queue.status === 0 ? 0 : 1;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
