#!/usr/bin/env node
// `npm run scan`: n8n's community-package scanner on this repository, before publishing.
//
// `npx @n8n/scan-community-package <name>` is the gate for verified community nodes. For a published
// version it (1) checks the npm provenance attestation, (2) downloads the source at the attested
// commit and (3) lints two legs with n8n's own ESLint config (inline eslint-disable comments ignored):
// the source (package.json + {nodes,credentials}/**/*.{js,ts,json}) and the published tarball
// (**/*.js + package.json). This script runs (3) with the same package (a dev dependency, its own
// analyzePackage and SOURCE_FILE_PATTERNS) on the working tree and on what `npm pack` produces
// (it builds first unless dist/ is current: scripts/lib/build.mjs). (1) and (2) need a version
// published with `npm publish --provenance` from GitHub Actions (.github/workflows/publish.yml) and
// cannot be checked before that; run `npx @n8n/scan-community-package n8n-nodes-constant-contact` after a release.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { buildUnlessCurrent } from './lib/build.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const scannerPath = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs');
const scannerVersion = require('@n8n/scan-community-package/package.json').version;
// The scanner makes a temporary folder when it is loaded; have the `tmp` it uses remove it at exit.
createRequire(scannerPath)('tmp').setGracefulCleanup();
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(scannerPath);
const glob = createRequire(scannerPath)('fast-glob');

const TARBALL_PATTERNS = ['**/*.js', 'package.json']; // what the scanner lints in the published tarball
const count = (dir, patterns) => glob.sync(patterns, { cwd: dir, ignore: ['node_modules/**', '**/package-lock.json'] }).length;

async function leg(name, dir, patterns) {
	const t0 = Date.now();
	const files = count(dir, patterns);
	const result = await analyzePackage(dir, patterns);
	const secs = ((Date.now() - t0) / 1000).toFixed(1);
	console.log(`${result.passed ? '✔' : '✖'} ${name}: ${files} files (${patterns.join(', ')}) ${result.passed ? 'passed' : `failed: ${result.message}`} (${secs} s)`);
	if (!result.passed && result.details) console.log(result.details);
	return result.passed;
}

await buildUnlessCurrent({ prefix: '[scan]' });
console.log(`n8n community-package scanner @n8n/scan-community-package ${scannerVersion}: lint legs (npm provenance cannot be checked before publishing)`);
const work = mkdtempSync(path.join(tmpdir(), 'cc-scan-'));
let ok = false;
try {
	const sourceOk = await leg('source', REPO, SOURCE_FILE_PATTERNS);
	execFileSync('npm', ['pack', '--pack-destination', work, '--silent'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
	const tgz = readdirSync(work).find((f) => f.endsWith('.tgz'));
	if (!tgz) throw new Error('npm pack produced no tarball');
	const unpacked = path.join(work, 'package');
	mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', path.join(work, tgz), '-C', unpacked, '--strip-components=1']);
	const tarballOk = await leg(`npm pack tarball ${tgz}`, unpacked, TARBALL_PATTERNS);
	ok = sourceOk && tarballOk;
} finally {
	rmSync(work, { recursive: true, force: true });
}
console.log(`scan: ${ok ? 'passed' : 'FAILED'} (source and tarball legs; provenance: not checked, needs a version published from CI with --provenance)`);
process.exit(ok ? 0 : 1);
