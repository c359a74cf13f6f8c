// API stable: distStale, buildUnlessCurrent
//
// Build once: `npm run scan`, `npm run test:e2e`, `npm run test:queue` and `npm run dev` call
// buildUnlessCurrent() instead of `npm run build`, so after `npm test` (which builds) they use the
// same dist/. dist/ is used as it is when it holds a compiled file for every source file (and the
// icons), and
//  - env CC_USE_BUILT_DIST=1 says the caller built it (.ci/run, after `npm test`), or
//  - it is current: its compiled files are newer than every file and folder under nodes/ and
//    credentials/ (a folder's time covers a file deleted or renamed in it) and than package.json,
//    tsconfig.json and gulpfile.js.
// Otherwise `npm run build` runs. Run alone after an edit, each of them still builds.
// Plain Node ESM, node: built-ins only.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

import { REPO, log, npmEnv, run, step } from './n8n.mjs';

const SOURCE_DIRS = ['nodes', 'credentials'];
const SOURCE_FILES = ['package.json', 'tsconfig.json', 'gulpfile.js'];
/** What the build puts in dist/ for a file under SOURCE_DIRS (tsc: .ts → .js, .json; gulp: the icons), or undefined. */
const outputOf = (rel) => (/\.(ts|json|svg|png)$/.test(rel) ? path.join('dist', rel.replace(/\.ts$/, '.js')) : undefined);

/** Every file and folder under dir (relative to REPO), dir included. */
function walk(dir, out = []) {
	out.push(dir);
	for (const entry of readdirSync(path.join(REPO, dir), { withFileTypes: true })) {
		const rel = path.join(dir, entry.name);
		if (entry.isDirectory()) walk(rel, out);
		else out.push(rel);
	}
	return out;
}

/**
 * Why dist/ has to be built, or undefined when it can be used as it is (see the top of this file).
 * @param {{ trustBuilt?: boolean }} [options] trustBuilt: skip the time comparison (default: env CC_USE_BUILT_DIST=1)
 */
export function distStale({ trustBuilt = process.env.CC_USE_BUILT_DIST === '1' } = {}) {
	const compiled = SOURCE_DIRS.flatMap((dir) => walk(dir));
	let oldestCompiled = Infinity;
	let newestSource = { mtimeMs: 0, rel: '' };
	for (const rel of [...compiled, ...SOURCE_FILES]) {
		const { mtimeMs } = statSync(path.join(REPO, rel));
		if (mtimeMs > newestSource.mtimeMs) newestSource = { mtimeMs, rel };
		const output = compiled.includes(rel) ? outputOf(rel) : undefined;
		if (!output) continue;
		if (!existsSync(path.join(REPO, output))) return `${output} is missing`;
		// gulp keeps the icons' own times; the compiled files carry the time of the build.
		if (/\.(js|json)$/.test(output)) oldestCompiled = Math.min(oldestCompiled, statSync(path.join(REPO, output)).mtimeMs);
	}
	if (trustBuilt) return undefined;
	if (newestSource.mtimeMs > oldestCompiled) return `${newestSource.rel} changed after the last build`;
	return undefined;
}

/**
 * `npm run build` unless dist/ can be used as it is. Resolves true when it built. Options: prefix
 * (log prefix), timings (step() pushes the build's time there), quiet (default true: the build's
 * output only when it fails).
 */
export async function buildUnlessCurrent({ prefix = '[build]', timings, quiet = true } = {}) {
	const stale = distStale();
	if (!stale) {
		log(`dist/ is current${process.env.CC_USE_BUILT_DIST === '1' ? ' (CC_USE_BUILT_DIST=1: built by the caller)' : ''}: no build`, prefix);
		return false;
	}
	await step(`build (npm run build: ${stale})`, () => run('npm', ['run', 'build'], { cwd: REPO, env: npmEnv(), capture: quiet }), { timings, prefix });
	return true;
}
