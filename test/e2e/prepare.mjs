#!/usr/bin/env node
// `node test/e2e/prepare.mjs`: installs ahead of time what the end-to-end and queue-mode tests
// need, so that they find it ready: Redis, Postgres and the SQLite headers from Debian's packages
// (root only; the headers make n8n's sqlite3 build link the system library instead of compiling
// its own), Node 24, and n8n 1.x and 2.x side by side (scripts/lib/n8n.mjs, into the cache folder).
// .ci/run starts it in the background before npm ci (it needs only Node's built-ins), so it runs
// while the project installs and jest runs on one core. Each install happens once; run again, it
// only checks. Exits 1 if an install failed (the tests would then try again and report it).
import { existsSync } from 'node:fs';

import { N8N_VERSIONS, ensureN8n, ensureNode24, secs } from '../../scripts/lib/n8n.mjs';
import { ensureServers, isRoot } from './queue/cluster.mjs';

const prefix = '[prepare]';
const t0 = Date.now();
const timings = [];
try {
	const extra = existsSync('/usr/include/sqlite3.h') ? [] : ['libsqlite3-dev'];
	if (isRoot()) {
		const servers = await ensureServers({ say: (m) => console.log(`${prefix} ${m}`), extra });
		console.log(`${prefix} apt-get: ${servers.installed.length ? `${servers.installed.join(', ')} in ${(servers.ms / 1000).toFixed(1)} s` : 'nothing missing'}`);
	}
	// The two installs wait mostly on the registry and the disk: side by side.
	await Promise.all([
		ensureN8n(N8N_VERSIONS[1], { prefix: `${prefix} [1.x]`, timings }),
		ensureNode24({ prefix: `${prefix} [2.x]`, timings }).then(({ nodeBin, nodeDir }) =>
			ensureN8n(N8N_VERSIONS[2], { nodeBin, nodeDir, prefix: `${prefix} [2.x]`, timings }),
		),
	]);
	console.log(`${prefix} ready in ${secs(t0)}`);
} catch (error) {
	console.error(`${prefix} ✖ ${error.message}`);
	process.exit(1);
}
