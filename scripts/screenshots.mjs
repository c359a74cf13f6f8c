#!/usr/bin/env node
// `npm run screenshots [-- --n8n 2|1] [--out docs/screenshots] [--keep]`
//
// Pictures of the node in the real n8n editor, for the README: builds and packs this package, starts
// the sandbox (the fake Constant Contact of test/fake/, seeded with demo data) and a real n8n with
// the package loaded (the way `npm run dev` does: scripts/lib/n8n.mjs, CREDENTIALS_OVERWRITE_DATA),
// sets up the owner, a connected credential and three workflows over n8n's REST API, then drives a
// headless Chromium (Debian's `chromium` package, through playwright-core; no browser download)
// through the editor and writes these PNGs (1400×900) to --out:
//
//   credential-connected.png    the credential, connected to the (sandbox) account
//   node-upsert-list-picker.png Contact → Create or Update, its list picker open
//   trigger-events.png          the Constant Contact Trigger's events
//   example-executed.png        examples/nightly-tag-updated.json executed: the canvas with item counts
//   example-output.png          the same run: the last node with its input and output
//
// --n8n 2 (default): n8n 2.41.1 on Node 24; --n8n 1: n8n 1.123.81 on this Node. --keep keeps n8n's
// scratch user folder. Everything it starts (sandbox, n8n, Chromium) is stopped at the end, also
// after a failure or Ctrl-C; a failing step leaves a picture of the page in the scratch folder.
// Chromium: /usr/bin/chromium (apt-get install chromium), or env CHROMIUM_PATH.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { chromium } from 'playwright-core';

import { N8nClient } from '../test/e2e/n8nClient.mjs';
import {
	CREDENTIAL_TYPE, N8N_VERSIONS, NODE_TYPE, REPO, ensureN8n, ensureNode24, installPackageInto, killRunning, run, secs, startN8n, step as libStep,
} from './lib/n8n.mjs';

const require = createRequire(import.meta.url);
const { startFakes } = require('../test/fake/index.js');

const PREFIX = '[screenshots]';
const log = (msg) => console.log(`${PREFIX} ${msg}`);
const step = (title, fn) => libStep(title, fn, { prefix: PREFIX });

// ---- command line -------------------------------------------------------------------------------
const argv = process.argv.slice(2);
const option = (name) => {
	const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
	if (i < 0) return undefined;
	return argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
};
const MAJOR = Number(option('n8n') ?? 2);
if (!N8N_VERSIONS[MAJOR]) {
	console.error(`${PREFIX} --n8n takes 1 or 2`);
	process.exit(2);
}
const N8N_VERSION = N8N_VERSIONS[MAJOR];
const OUT = path.resolve(REPO, option('out') ?? path.join('docs', 'screenshots'));
const KEEP = argv.includes('--keep');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const VIEWPORT = { width: 1400, height: 900 };
const OWNER = { email: 'owner@example.com', password: 'Passw0rd!Passw0rd' };
const CREDENTIAL_NAME = 'Constant Contact account';

if (!existsSync(CHROMIUM)) {
	console.error(`${PREFIX} ✖ no Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH`);
	process.exit(1);
}

// ---- stopping: everything started is stopped, also on failure or a signal -------------------------
const scratch = mkdtempSync(path.join(tmpdir(), 'cc-screenshots-'));
const cleanups = [];
let cleaning;
let failed = false; // keep the scratch folder (with the picture of the failing page)
function cleanup() {
	cleaning ??= (async () => {
		killRunning();
		for (const fn of cleanups.reverse()) {
			try {
				await fn();
			} catch (error) {
				console.error(`${PREFIX} cleanup: ${error.message}`);
			}
		}
		if (!KEEP && !failed) rmSync(scratch, { recursive: true, force: true });
	})();
	return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => {
		log(`${signal}: stopping`);
		cleanup().then(() => process.exit(130));
	});
}

// ---- the pictures ---------------------------------------------------------------------------------
/** A Constant Contact node of our package, with the credential. */
const ccNode = (name, type, parameters, position, credential) => ({
	id: crypto.randomUUID(), name, type, typeVersion: 1, position, parameters,
	credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
});
const manualTrigger = { id: crypto.randomUUID(), name: 'When clicking ‘Execute workflow’', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };

async function main() {
	const t0 = Date.now();
	log(`n8n ${N8N_VERSION}, Chromium ${CHROMIUM}, pictures to ${path.relative(REPO, OUT) || OUT}`);
	await step('building the package (npm run build)', () => run('npm', ['run', 'build'], { cwd: REPO, capture: true }));
	const node24 = MAJOR === 2 ? await ensureNode24({ prefix: PREFIX }) : undefined;
	const nodeBin = node24?.nodeBin ?? process.execPath;
	const n8nBin = await ensureN8n(N8N_VERSION, { nodeBin, nodeDir: node24?.nodeDir, prefix: PREFIX });
	const userFolder = path.join(scratch, 'n8n-user');
	await installPackageInto(userFolder, { prefix: PREFIX });

	// The sandbox: demo data plus the tag the nightly example asks for.
	const fakes = await step('starting the sandbox (fake Constant Contact, demo data)', async () => {
		const f = await startFakes({ seed: 'demo' });
		cleanups.push(() => f.stop());
		f.admin.seed({ tags: [{ name: 'Recently updated' }] });
		return f;
	});
	const overwrite = {
		[CREDENTIAL_TYPE]: {
			authUrl: fakes.oauth.authorizeUrl, accessTokenUrl: fakes.oauth.tokenUrl, apiBaseUrl: fakes.api.baseUrl,
			clientId: 'test-client-id', clientSecret: 'test-client-secret',
		},
	};
	const n8n = await step(`starting n8n ${N8N_VERSION}`, async () => {
		const started = await startN8n({ version: N8N_VERSION, nodeBin, n8nBin, userFolder, readyTimeoutMs: 300_000, env: { CREDENTIALS_OVERWRITE_DATA: JSON.stringify(overwrite) } });
		cleanups.push(() => started.stop());
		return started;
	});

	// Owner, credential (connected through the sandbox's consent), workflows: over the REST API.
	const client = new N8nClient(n8n.url);
	const { credential, workflows } = await step('owner, credential (OAuth2 consent) and workflows over REST', async () => {
		await client.rest('POST', '/owner/setup', { email: OWNER.email, firstName: 'Ada', lastName: 'Lovelace', password: OWNER.password });
		const cred = await client.createCredential(CREDENTIAL_NAME, CREDENTIAL_TYPE, {});
		const consent = await client.consent(cred.id);
		if (consent.callback?.status !== 200) throw new Error(`consent callback answered ${consent.callback?.status}`);
		const state = fakes.admin.state();
		const tag = state.tags.find((t) => t.name === 'Recently updated');
		const newsletter = state.lists.find((l) => l.name === 'Newsletter');
		const create = async (workflow) => (await client.rest('POST', '/workflows', { active: false, settings: { executionOrder: 'v1' }, ...workflow })).id;
		const upsert = ccNode('Add to Constant Contact', NODE_TYPE, {
			resource: 'contact', operation: 'upsert', email: '={{ $json.email }}', lists: [newsletter.list_id],
			additionalFields: { firstName: '={{ $json.firstName }}' },
		}, [260, 0], cred);
		const trigger = ccNode('Constant Contact Trigger', `${NODE_TYPE}Trigger`, { event: 'contactCreated' }, [0, 0], cred);
		// The nightly example as a user imports it, with the credential and the tag picked.
		const example = JSON.parse(readFileSync(path.join(REPO, 'examples', 'nightly-tag-updated.json'), 'utf8'));
		for (const node of example.nodes) {
			if (!node.type.startsWith('n8n-nodes-constant-contact.')) continue;
			node.credentials = { [CREDENTIAL_TYPE]: { id: cred.id, name: cred.name } };
			if (node.parameters.operation === 'addTags') node.parameters.tags = [tag.tag_id];
		}
		return {
			credential: cred,
			workflows: {
				upsert: await create({ name: 'New subscriber → Constant Contact', nodes: [manualTrigger, upsert], connections: { [manualTrigger.name]: { main: [[{ node: upsert.name, type: 'main', index: 0 }]] } } }),
				trigger: await create({ name: 'When a contact is created', nodes: [trigger], connections: {} }),
				example: await create({ name: example.name ?? 'Nightly: tag the contacts updated today', nodes: example.nodes, connections: example.connections }),
			},
		};
	});
	log(`credential ${credential.id}; workflows ${JSON.stringify(workflows)}`);

	// The browser: a fresh profile in the scratch folder; no background traffic (the network is closed).
	const userDataDir = path.join(scratch, 'chromium-profile');
	const context = await step('starting Chromium (headless)', () => chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
		viewport: VIEWPORT,
		deviceScaleFactor: 1,
		locale: 'en-US',
		timezoneId: 'UTC',
	}));
	cleanups.push(() => context.close());
	const page = context.pages()[0] ?? (await context.newPage());
	page.setDefaultTimeout(30_000);
	const url = (p) => `${n8n.url}${p}`;
	mkdirSync(OUT, { recursive: true });
	const made = [];

	/** One picture: runs `prepare`, then writes <name>.png; a failure leaves failed-<name>.png in the scratch folder. */
	async function shoot(name, what, prepare) {
		await step(`${name}.png: ${what}`, async () => {
			try {
				await prepare();
				// n8n's toasts ("Workflow executed successfully") would cover part of the picture.
				for (const close of await page.locator('.el-notification__closeBtn:visible').all()) await close.click().catch(() => {});
				await page.waitForTimeout(800); // let animations (dropdowns, toasts) settle
				const file = path.join(OUT, `${name}.png`);
				await page.screenshot({ path: file });
				made.push(file);
			} catch (error) {
				const failed = path.join(scratch, `failed-${name}.png`);
				await page.screenshot({ path: failed }).catch(() => {});
				throw new Error(`${error.message.split('\n')[0]} (page as it was: ${failed}; kept)`);
			}
		});
	}

	await step('signing in', async () => {
		await page.goto(url('/signin'));
		await page.locator('input[type="email"], input[name="email"]').first().fill(OWNER.email);
		await page.locator('input[type="password"]').first().fill(OWNER.password);
		await page.getByRole('button', { name: /sign in/i }).click();
		await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
	});

	await shoot('credential-connected', 'the credential, connected', async () => {
		await page.goto(url('/home/credentials'));
		await page.getByText(CREDENTIAL_NAME, { exact: true }).first().click();
		await page.getByText(/account connected/i).first().waitFor();
	});

	/** Opens the dropdown of the options / multiOptions parameter `name` in the open node. */
	const openSelect = async (name) => {
		const field = page.locator(`[data-test-id="parameter-input-${name}"]`).first();
		// Disabled while n8n loads the options (for the lists: from the sandbox).
		await field.locator('.el-select:not(.el-select--disabled)').first().waitFor();
		await field.locator('.select-trigger').first().click();
	};
	/** Throws with the text of n8n's error toast, if one shows. */
	const noErrorToast = async () => {
		const toast = page.locator('.el-notification--error:visible, .el-notification:visible').filter({ hasText: /problem|error/i });
		if (await toast.count()) throw new Error(`n8n says: ${(await toast.first().innerText()).replace(/\s+/g, ' ')}`);
	};

	const openNode = async (workflowId, nodeName) => {
		await page.goto(url(`/workflow/${workflowId}`));
		const node = page.locator('[data-test-id="canvas-node"]').filter({ hasText: nodeName }).first();
		await node.waitFor();
		await node.dblclick();
		await page.locator('[data-test-id="ndv"]').first().waitFor();
	};

	await shoot('node-upsert-list-picker', 'Contact → Create or Update with the list picker open', async () => {
		await openNode(workflows.upsert, 'Add to Constant Contact');
		await openSelect('lists');
		await page.locator('.el-select-dropdown__item:visible').filter({ hasText: 'Customers' }).first().waitFor();
	});

	await shoot('trigger-events', "the trigger's events", async () => {
		await openNode(workflows.trigger, 'Constant Contact Trigger');
		await openSelect('event');
		await page.locator('.el-select-dropdown__item:visible').filter({ hasText: 'Email Bounced' }).first().waitFor();
	});

	await shoot('example-executed', 'examples/nightly-tag-updated.json executed: the canvas', async () => {
		await page.goto(url(`/workflow/${workflows.example}`));
		await page.locator('[data-test-id="canvas-node"]').first().waitFor();
		await page.locator('[data-test-id="execute-workflow-button"]').first().click();
		const last = page.locator('[data-test-id="canvas-node"]').filter({ hasText: 'Tag each contact' }).first();
		const done = last.locator('[data-test-id="canvas-node-status-success"]').first();
		for (let waited = 0; !(await done.isVisible()); waited += 500) {
			await noErrorToast();
			if (waited > 120_000) throw new Error('the workflow did not finish within 2 minutes');
			await page.waitForTimeout(500);
		}
		await page.locator('[data-test-id="zoom-to-fit"]').first().click().catch(() => page.keyboard.press('1'));
	});

	await shoot('example-output', 'the same run: the last node with its input and output', async () => {
		const last = page.locator('[data-test-id="canvas-node"]').filter({ hasText: 'Tag each contact' }).first();
		await last.dblclick();
		await page.locator('[data-test-id="ndv"]').first().waitFor();
		await page.locator('[data-test-id="ndv"] table, [data-test-id="ndv"] [data-test-id="run-data-table"]').first().waitFor();
	});

	log(`✔ ${made.length} pictures in ${secs(t0)}:`);
	for (const f of made) log(`  ${path.relative(REPO, f)}`);
}

let code = 0;
try {
	await main();
} catch (error) {
	console.error(`${PREFIX} ✖ ${error.message}`);
	code = 1;
	failed = true;
} finally {
	await cleanup();
	if (code) console.error(`${PREFIX} scratch folder kept: ${scratch}`);
}
process.exit(code);
