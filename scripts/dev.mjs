#!/usr/bin/env node
// `npm run dev [-- --port 5678] [--host 0.0.0.0] [--check]`
// Builds this package, installs a real n8n once into .cache/, loads the package into it the way
// users get it (npm pack, unpacked into <user folder>/.n8n/nodes/node_modules) and starts the editor.
// --check: start n8n, confirm our node and credential were loaded, stop, exit 0/1 (for CI).
// Plain Node 20 ESM, node: built-ins only. Why the install needs the xlsx override, --ignore-scripts,
// a sqlite3 rebuild and the legacy expression engine on Node 20: see the team's n8n e2e recipe.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const N8N_VERSION = '1.123.81';
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PKG = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const N8N_DIR = path.join(REPO, '.cache', `n8n-${N8N_VERSION}`);
const MARKER = path.join(N8N_DIR, '.install-complete'); // written only after a successful install
const USER_DIR = path.join(REPO, '.cache', 'dev-user'); // N8N_USER_FOLDER (n8n uses <it>/.n8n)
const NODE_TYPE = `${PKG.name}.constantContact`;
const CREDENTIAL_TYPE = 'constantContactOAuth2Api';
const READY_LINE = 'Editor is now accessible';
const WIN = process.platform === 'win32';

// ---- helpers --------------------------------------------------------------------------------
const log = (msg) => console.log(`[dev] ${msg}`);
const secs = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
function fail(what, reason, retry) {
	console.error(`\n[dev] ✖ ${what} failed: ${reason}\n[dev]   to retry: ${retry}\n`);
	process.exit(1);
}

// ---- command line ---------------------------------------------------------------------------
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name) => {
	const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
	if (i < 0) return undefined;
	return argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
};
const CHECK = flag('check');
const PORT = Number(option('port') ?? process.env.PORT ?? 5678);
const HOST = option('host') ?? '127.0.0.1';
if (!Number.isInteger(PORT) || PORT < 1 || PORT > 65535) fail('reading the arguments', `invalid port "${option('port') ?? process.env.PORT}"`, 'pass --port <1-65535>');

// npm run leaks the repo's config (.npmrc has ignore-scripts=true) to child processes as env vars;
// drop it so npm in the n8n cache folder behaves as if started there.
function npmEnv() {
	const env = { ...process.env };
	for (const key of Object.keys(env)) {
		if (/^npm_(config_(local_prefix|ignore_scripts)$|package_|lifecycle_)/i.test(key)) delete env[key];
	}
	return env;
}

// Run a command with its output passed through (stdout optionally dropped); rejects on failure.
function run(cmd, args, cwd, stdout = 'inherit') {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd, env: npmEnv(), shell: WIN, stdio: ['ignore', stdout, 'inherit'] });
		child.on('error', reject);
		child.on('exit', (code, signal) =>
			code === 0 ? resolve() : reject(new Error(`\`${cmd} ${args.join(' ')}\` exited with ${signal ?? `code ${code}`}`)),
		);
	});
}

// Run one setup step with timing; on failure explain how to retry and exit non-zero.
async function step(title, retry, fn) {
	const t0 = Date.now();
	log(`${title}…`);
	try {
		await fn();
	} catch (error) {
		fail(title, error.message, retry);
	}
	log(`✔ ${title} (${secs(t0)})`);
}

// ---- 1-3: build, install n8n (once), put the package where n8n loads community nodes --------
log(`repo ${REPO}, Node ${process.version}`);
await step('building the package (npm run build)', 'fix the errors above, then run `npm run dev` again', () =>
	run('npm', ['run', 'build'], REPO),
);

if (existsSync(MARKER) && existsSync(path.join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n'))) {
	log(`n8n ${N8N_VERSION} already installed in ${path.relative(REPO, N8N_DIR)}`);
} else {
	const retryInstall = `check that the npm registry is reachable, then run \`npm run dev\` again (to start clean: rm -rf ${path.relative(REPO, N8N_DIR)})`;
	await step(`installing n8n ${N8N_VERSION} (first run only, ~4 min)`, retryInstall, async () => {
		mkdirSync(N8N_DIR, { recursive: true });
		rmSync(MARKER, { force: true });
		// Own package.json, outside our dependency tree. The xlsx override avoids a CDN tarball
		// that npm cannot always reach; --ignore-scripts skips isolated-vm (needs Node >= 22) and others.
		const manifest = { private: true, dependencies: { n8n: N8N_VERSION }, overrides: { xlsx: '0.18.5' } };
		writeFileSync(path.join(N8N_DIR, 'package.json'), JSON.stringify(manifest, null, '\t') + '\n');
		await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], N8N_DIR);
	});
	// sqlite3 is the one native module n8n needs. Linking Debian's libsqlite3 is much faster than
	// compiling the bundled amalgamation.
	const systemSqlite = existsSync('/usr/include/sqlite3.h');
	const rebuildArgs = ['rebuild', 'sqlite3', '--ignore-scripts=false', '--loglevel=error', ...(systemSqlite ? ['--build-from-source', '--sqlite=/usr'] : [])];
	await step(`building sqlite3 (${systemSqlite ? 'against system libsqlite3' : 'bundled sqlite'})`,
		'install python3, make and a C++ compiler (Debian: apt-get install build-essential python3 libsqlite3-dev), then run `npm run dev` again',
		async () => {
			await run('npm', rebuildArgs, N8N_DIR);
			writeFileSync(MARKER, `n8n ${N8N_VERSION} installed ${new Date().toISOString()} with Node ${process.version}\n`);
		});
}

const pkgDir = path.join(USER_DIR, '.n8n', 'nodes', 'node_modules', PKG.name);
await step(`packing ${PKG.name}@${PKG.version} into the n8n user folder`, 'run `npm pack` in the repo to see the error, then `npm run dev` again', async () => {
	const tmp = mkdtempSync(path.join(tmpdir(), 'n8n-dev-pack-'));
	try {
		await run('npm', ['pack', '--pack-destination', tmp, '--silent'], REPO, 'ignore');
		const tgz = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
		if (!tgz) throw new Error('npm pack produced no .tgz');
		rmSync(pkgDir, { recursive: true, force: true }); // replace the previous copy
		mkdirSync(pkgDir, { recursive: true });
		// tar ships with Linux, macOS and Windows 10+; the tarball's top folder is "package/"
		await run('tar', ['-xzf', path.join(tmp, tgz), '-C', pkgDir, '--strip-components=1'], REPO);
	} finally {
		rmSync(tmp, { recursive: true, force: true });
	}
});

// ---- 4: start n8n ---------------------------------------------------------------------------
const keyFile = path.join(USER_DIR, 'encryption-key'); // fixed key, so saved credentials stay readable
if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(24).toString('hex') + '\n', { mode: 0o600 });
const env = {
	...npmEnv(),
	N8N_USER_FOLDER: USER_DIR,
	N8N_PORT: String(PORT),
	N8N_LISTEN_ADDRESS: HOST,
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
	N8N_SECURE_COOKIE: 'false', // plain http://localhost
	DB_TYPE: 'sqlite',
	N8N_ENCRYPTION_KEY: readFileSync(keyFile, 'utf8').trim(),
	// CREDENTIALS_OVERWRITE_DATA and N8N_RUNNERS_ENABLED pass through from the caller's environment.
};
// The default "vm" expression engine needs isolated-vm, which only ships binaries for Node >= 22.
if (Number(process.versions.node.split('.')[0]) < 22) env.N8N_EXPRESSION_ENGINE = 'legacy';

log(`starting n8n ${N8N_VERSION} on ${HOST}:${PORT}${CHECK ? ' (--check)' : ''}${env.CREDENTIALS_OVERWRITE_DATA ? ' with CREDENTIALS_OVERWRITE_DATA' : ''}`);
const startedAt = Date.now();
// Same Node binary as this script; on POSIX its own process group, so a terminal Ctrl-C reaches
// n8n once (forwarded by us) instead of twice.
const n8n = spawn(process.execPath, [path.join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n'), 'start'], {
	cwd: USER_DIR, env, detached: !WIN, stdio: ['ignore', 'pipe', 'pipe'],
});
process.on('exit', () => n8n.exitCode === null && n8n.signalCode === null && n8n.kill('SIGKILL'));

let stopping = false, checkFailed = false, killTimer;
function stop(signal) {
	if (stopping) return; // npm and the terminal may both deliver the same Ctrl-C
	stopping = true;
	log(`stopping n8n (${signal})…`);
	n8n.kill(signal);
	killTimer = setTimeout(() => {
		log('n8n did not stop within 10 s; killing it');
		n8n.kill('SIGKILL');
	}, 10_000);
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
n8n.on('error', (error) => fail('starting n8n', error.message, `rm -rf ${path.relative(REPO, N8N_DIR)} and run \`npm run dev\` again`));
n8n.on('exit', (code, signal) => {
	clearTimeout(killTimer);
	log(`n8n exited (${signal ?? `code ${code}`})`);
	if (stopping) process.exit(checkFailed ? 1 : 0);
	if (CHECK) log('✖ check failed: n8n exited before the editor was up');
	process.exit(CHECK ? code || 1 : (code ?? 1));
});

// ---- 5: stream n8n's output, wait for the ready line ----------------------------------------
let ready = false;
for (const stream of [n8n.stdout, n8n.stderr]) {
	createInterface({ input: stream }).on('line', (line) => {
		console.log(`[n8n] ${line}`);
		if (!ready && line.includes(READY_LINE)) {
			ready = true;
			// let n8n finish printing its URL line first
			setTimeout(() => onReady().catch((error) => {
				log(`✖ ${error.message}`);
				checkFailed = true;
				stop('SIGTERM');
			}), 250);
		}
	});
}
const readyTimeout = CHECK && setTimeout(() => {
	log('✖ check failed: n8n was not ready within 5 min');
	checkFailed = true;
	stop('SIGTERM');
}, 300_000);

async function onReady() {
	clearTimeout(readyTimeout);
	log(`n8n ready after ${secs(startedAt)}`);
	if (CHECK) return check();
	// Same rule as n8n's UrlService: editor base URL, else webhook URL, else http://<N8N_HOST>:<port>.
	const base = env.N8N_EDITOR_BASE_URL || env.WEBHOOK_URL || `http://${env.N8N_HOST || 'localhost'}:${PORT}`;
	const bar = '─'.repeat(78);
	console.log(`
${bar}
  n8n ${N8N_VERSION} is running with ${PKG.name} ${PKG.version}

  Editor:          http://localhost:${PORT}/
  Node:            add a node and search "Constant Contact" in the nodes panel
  OAuth redirect:  ${base.replace(/\/$/, '')}/rest/oauth2-credential/callback
                   (register it as a redirect URI of your app in the Constant Contact developer portal)
  Data:            ${path.relative(REPO, USER_DIR)}/ (first visit: create a local owner account)

  Press Ctrl-C to stop
${bar}
`);
}

// ---- 7: --check: which node and credential types did this n8n load? ---------------------------
// n8n writes the loaded types to <user folder>/.cache/n8n/public/types/*.json and serves them as
// /types/*.json. n8n 1.123 serves those only to a logged-in user (401 otherwise), and the REST
// equivalent (POST /rest/node-types) needs a session too; logging in would mean creating an owner
// account in the dev user folder. So on 401 we read the very file that route sends, and insist it
// was written by this n8n process.
async function loadTypes(name) {
	const res = await fetch(`http://127.0.0.1:${PORT}/types/${name}.json`);
	if (res.ok) return { list: await res.json(), source: `GET /types/${name}.json` };
	if (res.status !== 401) throw new Error(`GET /types/${name}.json answered ${res.status}`);
	const file = path.join(USER_DIR, '.cache', 'n8n', 'public', 'types', `${name}.json`);
	for (let tries = 0; ; tries++) { // n8n may still be writing it
		try {
			if (statSync(file).mtimeMs < startedAt) throw new Error(`${file} is older than this n8n start`);
			return { list: JSON.parse(readFileSync(file, 'utf8')), source: `GET /types/${name}.json → 401 without login; read ${path.relative(REPO, file)}` };
		} catch (error) {
			if (tries >= 20) throw error;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}
}

async function check() {
	const nodes = await loadTypes('nodes');
	const credentials = await loadTypes('credentials');
	const node = nodes.list.find((n) => n.name === NODE_TYPE);
	const credential = credentials.list.find((c) => c.name === CREDENTIAL_TYPE);
	log(`check: ${nodes.list.length} node types (${nodes.source})`);
	log(`check: ${credentials.list.length} credential types (${credentials.source})`);
	log(`check: ${node ? '✔' : '✖'} node ${NODE_TYPE}${node ? ` ("${node.displayName}", version ${node.version})` : ' not loaded'}`);
	log(`check: ${credential ? '✔' : '✖'} credential ${CREDENTIAL_TYPE}${credential ? ` ("${credential.displayName}", extends ${credential.extends})` : ' not loaded'}`);
	checkFailed = !node || !credential;
	log(checkFailed ? '✖ check FAILED' : '✔ check passed');
	stop('SIGTERM');
}
