#!/usr/bin/env node
// `npm run screenshots [-- --n8n 1|2] [--out docs/screenshots] [--keep]`
//
// Pictures of the node in the real n8n editor, for the README and docs: builds and packs this
// package, then for each n8n major starts the sandbox (the fake Constant Contact of test/fake/,
// seeded with demo data) and a real n8n with the package loaded (the way `npm run dev` does:
// scripts/lib/n8n.mjs, CREDENTIALS_OVERWRITE_DATA), sets up the owner, a connected credential and
// the workflows over n8n's REST API, then drives a headless Chromium (Debian's `chromium` package,
// through playwright-core; no browser download) through the editor and writes these PNGs
// (1400×900 unless noted) to --out (see PICTURES below):
//
//   credential-1x.png           n8n 1.x: the credential, connected to the (sandbox) account
//   credential-2x.png           n8n 2.x: the same
//   node-upsert-list-picker.png n8n 2.x: Contact → Create or Update, its list picker open
//   trigger-events.png          n8n 2.x: the Constant Contact Trigger, its notice and its events (1400×1200)
//   example-executed.png        n8n 2.x: examples/nightly-tag-updated.json executed: the canvas with item counts
//   example-output.png          n8n 2.x: the same run: the last node with its input and output
//   error-message.png           n8n 2.x: Contact → Create with a list that was deleted in Constant
//                               Contact: the error panel with Constant Contact's "list … does not
//                               exist" and the node's hint to pick it again
//
// and docs/screenshots/manifest.json: { packageVersion, descriptionHash (scripts/lib/descriptionHash.cjs
// of the build), n8n: { 1: version, 2: version }, files: { <name>.png: { major, what } }, takenAt };
// test/unit/screenshotsManifest.test.ts fails when the built descriptions no longer match it.
//
// Both majors by default (n8n 1.123.81 on this Node, n8n 2.41.1 on Node 24); --n8n 1 or --n8n 2 makes
// only that major's pictures and keeps the other's entries of the manifest (its hash is only brought
// up to date when the other major's pictures were taken of the same descriptions). The pictures are
// made in a scratch folder and copied to --out only when every one of them succeeded.
// --keep keeps the scratch folder (n8n's user folder, the browser profile). Everything it starts
// (sandbox, n8n, Chromium) is stopped at the end, also after a failure or Ctrl-C; a failing step
// leaves a picture of the page in the scratch folder.
// Chromium: /usr/bin/chromium (apt-get install chromium), or env CHROMIUM_PATH.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { chromium } from 'playwright-core';

import { N8nClient } from '../test/e2e/n8nClient.mjs';
import { buildUnlessCurrent } from './lib/build.mjs';
import {
	CREDENTIAL_TYPE, N8N_VERSIONS, NODE_TYPE, PACKAGE, REPO, ensureN8n, ensureNode24, installPackageInto, killRunning, secs, startN8n, step as libStep,
} from './lib/n8n.mjs';

const require = createRequire(import.meta.url);
const { startFakes } = require('../test/fake/index.js');
const { descriptionHash } = require('./lib/descriptionHash.cjs');

const PREFIX = '[screenshots]';
const log = (msg) => console.log(`${PREFIX} ${msg}`);
const step = (title, fn) => libStep(title, fn, { prefix: PREFIX });

/** Every picture: the n8n major it is taken on and what it shows (also the manifest's `what`). */
const PICTURES = {
	'credential-1x.png': { major: 1, what: 'n8n 1.x: the Constant Contact OAuth2 API credential, connected to the sandbox account ("Account connected")' },
	'credential-2x.png': { major: 2, what: 'n8n 2.x: the Constant Contact OAuth2 API credential, connected to the sandbox account ("Account connected")' },
	'node-upsert-list-picker.png': { major: 2, what: 'Contact → Create or Update with the List Names or IDs dropdown open (Customers, Events, Newsletter)' },
	'trigger-events.png': { major: 2, what: "the Constant Contact Trigger: its polling notice and the Event dropdown open" },
	'example-executed.png': { major: 2, what: 'examples/nightly-tag-updated.json executed: the canvas with the item counts' },
	'example-output.png': { major: 2, what: 'the same run: Tag each contact with its input and output' },
	'error-message.png': { major: 2, what: 'Contact → Create with a list deleted in Constant Contact: the error panel with Constant Contact\'s "list … does not exist" and the hint to pick it again' },
};

// ---- command line -------------------------------------------------------------------------------
const argv = process.argv.slice(2);
const option = (name) => {
	const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
	if (i < 0) return undefined;
	return argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
};
const ONLY = option('n8n');
if (ONLY !== undefined && !N8N_VERSIONS[Number(ONLY)]) {
	console.error(`${PREFIX} --n8n takes 1 or 2 (without it: both)`);
	process.exit(2);
}
const MAJORS = ONLY === undefined ? [1, 2] : [Number(ONLY)];
const OUT = path.resolve(REPO, option('out') ?? path.join('docs', 'screenshots'));
const MANIFEST = path.join(OUT, 'manifest.json');
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
const shotsDir = path.join(scratch, 'pictures'); // copied to OUT once every picture is made
const cleanups = [];
let cleaning;
let failed = false; // keep the scratch folder (with the picture of the failing page)
/** Runs (and forgets) the cleanups registered since index `from`, newest first. */
async function stopFrom(from) {
	while (cleanups.length > from) {
		const fn = cleanups.pop();
		try {
			await fn();
		} catch (error) {
			console.error(`${PREFIX} cleanup: ${error.message}`);
		}
	}
}
function cleanup() {
	cleaning ??= (async () => {
		killRunning();
		await stopFrom(0);
		if (!KEEP && !failed) rmSync(scratch, { recursive: true, force: true });
	})();
	return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => {
		log(`${signal}: stopping`);
		failed = true;
		cleanup().then(() => process.exit(130));
	});
}

// ---- the workflows ------------------------------------------------------------------------------
/** A Constant Contact node of our package, with the credential. */
const ccNode = (name, type, parameters, position, credential) => ({
	id: crypto.randomUUID(), name, type, typeVersion: 1, position, parameters,
	credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
});
const manualTrigger = () => ({ id: crypto.randomUUID(), name: 'When clicking ‘Execute workflow’', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} });
const chain = (first, second) => ({ [first.name]: { main: [[{ node: second.name, type: 'main', index: 0 }]] } });

/** The workflows of the 2.x pictures, created over REST; returns their ids. */
async function createWorkflows(client, fakes, cred) {
	const state = fakes.admin.state();
	const tag = state.tags.find((t) => t.name === 'Recently updated');
	const newsletter = state.lists.find((l) => l.name === 'Newsletter');
	// A list picked in the node and deleted in Constant Contact afterwards: its ID is stale.
	const [gone] = fakes.admin.seed({ lists: [{ name: 'Spring promotion' }] }).lists;
	const deleted = await fetch(`${fakes.api.baseUrl}/contact_lists/${gone.list_id}`, { method: 'DELETE', headers: { Authorization: 'Bearer test-access-token' } });
	if (!deleted.ok) throw new Error(`deleting the list in the sandbox answered ${deleted.status}`);
	fakes.admin.completeActivities(); // the deletion is a bulk job (202 + activity)
	if (!fakes.admin.state().lists.find((l) => l.list_id === gone.list_id)?.deleted_at) throw new Error('the sandbox did not delete the list');

	const create = async (workflow) => (await client.rest('POST', '/workflows', { active: false, settings: { executionOrder: 'v1' }, ...workflow })).id;
	const upsertTrigger = manualTrigger();
	const upsert = ccNode('Add to Constant Contact', NODE_TYPE, {
		resource: 'contact', operation: 'upsert', email: '={{ $json.email }}', lists: [newsletter.list_id],
		additionalFields: { firstName: '={{ $json.firstName }}' },
	}, [260, 0], cred);
	const trigger = ccNode('Constant Contact Trigger', `${NODE_TYPE}Trigger`, { event: 'contactCreated' }, [0, 0], cred);
	const errorTrigger = manualTrigger();
	const stale = ccNode('Add to Constant Contact', NODE_TYPE, {
		resource: 'contact', operation: 'create', email: 'grace.hopper@example.com',
		additionalFields: { firstName: 'Grace', lastName: 'Hopper', lists: [gone.list_id] },
	}, [260, 0], cred);
	// The nightly example as a user imports it, with the credential and the tag picked.
	const example = JSON.parse(readFileSync(path.join(REPO, 'examples', 'nightly-tag-updated.json'), 'utf8'));
	for (const node of example.nodes) {
		if (!node.type.startsWith('n8n-nodes-constant-contact.')) continue;
		node.credentials = { [CREDENTIAL_TYPE]: { id: cred.id, name: cred.name } };
		if (node.parameters.operation === 'addTags') node.parameters.tags = [tag.tag_id];
	}
	return {
		upsert: await create({ name: 'New subscriber → Constant Contact', nodes: [upsertTrigger, upsert], connections: chain(upsertTrigger, upsert) }),
		trigger: await create({ name: 'When a contact is created', nodes: [trigger], connections: {} }),
		example: await create({ name: example.name ?? 'Nightly: tag the contacts updated today', nodes: example.nodes, connections: example.connections }),
		error: await create({ name: 'Add Grace to the spring promotion', nodes: [errorTrigger, stale], connections: chain(errorTrigger, stale) }),
	};
}

// ---- one major: sandbox, n8n, browser, its pictures ------------------------------------------------
async function session(major, { nodeBin, n8nBin }) {
	const version = N8N_VERSIONS[major];
	const mine = cleanups.length; // what this major starts is stopped before the next one starts
	const made = [];
	try {
		const userFolder = path.join(scratch, `n8n-${major}-user`);
		await installPackageInto(userFolder, { prefix: PREFIX });

		// The sandbox: demo data plus the tag the nightly example asks for.
		const fakes = await step(`n8n ${major}.x: starting the sandbox (fake Constant Contact, demo data)`, async () => {
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
		const n8n = await step(`starting n8n ${version}`, async () => {
			const started = await startN8n({ version, nodeBin, n8nBin, userFolder, readyTimeoutMs: 300_000, env: { CREDENTIALS_OVERWRITE_DATA: JSON.stringify(overwrite) } });
			cleanups.push(() => started.stop());
			return started;
		});

		// Owner, credential (connected through the sandbox's consent), workflows: over the REST API.
		const client = new N8nClient(n8n.url);
		const { credential, workflows } = await step(`n8n ${major}.x: owner, credential (OAuth2 consent)${major === 2 ? ' and workflows' : ''} over REST`, async () => {
			await client.rest('POST', '/owner/setup', { email: OWNER.email, firstName: 'Ada', lastName: 'Lovelace', password: OWNER.password });
			const cred = await client.createCredential(CREDENTIAL_NAME, CREDENTIAL_TYPE, {});
			const consent = await client.consent(cred.id);
			if (consent.callback?.status !== 200) throw new Error(`consent callback answered ${consent.callback?.status}`);
			return { credential: cred, workflows: major === 2 ? await createWorkflows(client, fakes, cred) : {} };
		});
		log(`credential ${credential.id}; workflows ${JSON.stringify(workflows)}`);

		// The browser: a fresh profile in the scratch folder; no background traffic (the network is closed).
		const userDataDir = path.join(scratch, `chromium-profile-${major}`);
		const context = await step('starting Chromium (headless)', async () => {
			const ctx = await chromium.launchPersistentContext(userDataDir, {
				executablePath: CHROMIUM,
				headless: true,
				args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
				viewport: VIEWPORT,
				deviceScaleFactor: 1,
				locale: 'en-US',
				timezoneId: 'UTC',
			});
			cleanups.push(() => ctx.close());
			return ctx;
		});
		const page = context.pages()[0] ?? (await context.newPage());
		page.setDefaultTimeout(30_000);
		const url = (p) => `${n8n.url}${p}`;

		/**
		 * One picture: runs `prepare`, then writes <name>; a failure leaves failed-<name> in the scratch
		 * folder. `height`: a taller page for this picture (the viewport's height otherwise).
		 */
		async function shoot(name, prepare, { height } = {}) {
			const picture = PICTURES[name];
			if (picture.major !== major) throw new Error(`${name} belongs to n8n ${picture.major}.x`);
			await step(`${name}: ${picture.what}`, async () => {
				try {
					if (height) await page.setViewportSize({ ...VIEWPORT, height });
					await prepare();
					// n8n's toasts ("Workflow executed successfully") would cover part of the picture.
					for (const close of await page.locator('.el-notification__closeBtn:visible').all()) await close.click().catch(() => {});
					await page.mouse.move(VIEWPORT.width - 5, VIEWPORT.height - 5); // no hover tooltips
					await page.waitForTimeout(800); // let animations (dropdowns, toasts) settle
					await page.screenshot({ path: path.join(shotsDir, name) });
					made.push(name);
				} catch (error) {
					const failedShot = path.join(scratch, `failed-${name}`);
					await page.screenshot({ path: failedShot }).catch(() => {});
					throw new Error(`${error.message.split('\n')[0]} (page as it was: ${failedShot}; kept)`);
				} finally {
					if (height) await page.setViewportSize(VIEWPORT);
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

		await shoot(`credential-${major}x.png`, async () => {
			await page.goto(url('/home/credentials'));
			await page.getByText(CREDENTIAL_NAME, { exact: true }).first().click();
			await page.getByText(/account connected/i).first().waitFor();
		});
		if (major !== 2) return made;

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

		await shoot('node-upsert-list-picker.png', async () => {
			await openNode(workflows.upsert, 'Add to Constant Contact');
			await openSelect('lists');
			await page.locator('.el-select-dropdown__item:visible').filter({ hasText: 'Customers' }).first().waitFor();
		});

		// Taller than the others: at 900 px the Event dropdown opens upwards, over the polling notice.
		await shoot('trigger-events.png', async () => {
			await openNode(workflows.trigger, 'Constant Contact Trigger');
			// The notice has to show its current text (the build's), not only some notice.
			const notice = page.getByText('asks at every poll set in Poll Times').first();
			await notice.waitFor();
			await openSelect('event');
			const dropdown = page.locator('.el-select-dropdown:visible').first();
			await dropdown.locator('.el-select-dropdown__item').filter({ hasText: 'Email Bounced' }).first().waitFor();
			await page.waitForTimeout(500); // the dropdown's placement settles
			const [n, d] = [await notice.boundingBox(), await dropdown.boundingBox()];
			if (!n || !d || d.y < n.y + n.height) throw new Error('the Event dropdown covers the polling notice');
		}, { height: 1200 });

		await shoot('example-executed.png', async () => {
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

		await shoot('example-output.png', async () => {
			const last = page.locator('[data-test-id="canvas-node"]').filter({ hasText: 'Tag each contact' }).first();
			await last.dblclick();
			await page.locator('[data-test-id="ndv"]').first().waitFor();
			await page.locator('[data-test-id="ndv"] table, [data-test-id="ndv"] [data-test-id="run-data-table"]').first().waitFor();
		});

		await shoot('error-message.png', async () => {
			await openNode(workflows.error, 'Add to Constant Contact');
			await page.locator('[data-test-id="ndv"] [data-test-id="node-execute-button"]').first().click();
			const message = page.locator('[data-test-id="ndv"] [data-test-id="node-error-message"]').first();
			await message.waitFor({ timeout: 60_000 });
			const text = await message.innerText();
			if (!/does not exist/.test(text)) throw new Error(`the error panel says "${text}", not Constant Contact's "list … does not exist"`);
			// The details (the node's hint, the request, Constant Contact's words) are in the description.
			await page.locator('[data-test-id="ndv"] [data-test-id="node-error-description"]').first().waitFor();
			// …and Constant Contact's answer as it came, under Error details.
			const answer = page.locator('[data-test-id="ndv"]').getByText('From Constant Contact', { exact: true }).first();
			if (await answer.isVisible()) await answer.click();
		});
		return made;
	} finally {
		await stopFrom(mine);
	}
}

// ---- the manifest ---------------------------------------------------------------------------------
function readManifest() {
	try {
		return JSON.parse(readFileSync(MANIFEST, 'utf8'));
	} catch {
		return undefined;
	}
}

/**
 * The manifest after this run. A run of both majors writes everything new; a run of one major keeps
 * the other major's pictures, and records the new descriptions hash only when those were taken of
 * the same descriptions and package version (otherwise the old hash stays, and the test stays red,
 * until both majors are taken again).
 */
function nextManifest(old, made, hash) {
	const takenAt = new Date().toISOString();
	const files = {};
	for (const [name, entry] of Object.entries(old?.files ?? {})) {
		if (!MAJORS.includes(entry.major) && PICTURES[name]) files[name] = entry;
	}
	for (const name of made) files[name] = { major: PICTURES[name].major, what: PICTURES[name].what };
	const n8n = { ...(old?.n8n ?? {}) };
	for (const major of MAJORS) n8n[major] = N8N_VERSIONS[major];
	const ordered = Object.fromEntries(Object.keys(PICTURES).filter((name) => files[name]).map((name) => [name, files[name]]));
	const othersCurrent = MAJORS.length === Object.keys(N8N_VERSIONS).length || !old || (old.descriptionHash === hash && old.packageVersion === PACKAGE.version);
	if (!othersCurrent) {
		log(`⚠ the n8n ${Object.keys(N8N_VERSIONS).filter((m) => !MAJORS.includes(Number(m))).join(', ')}.x pictures were taken of other descriptions or another version:`);
		log('  the manifest keeps their hash and version; run `npm run screenshots` (both majors) to bring them up to date');
	}
	return {
		packageVersion: othersCurrent ? PACKAGE.version : old.packageVersion,
		descriptionHash: othersCurrent ? hash : old.descriptionHash,
		n8n: Object.fromEntries(Object.keys(n8n).sort().map((k) => [k, n8n[k]])),
		files: ordered,
		takenAt: othersCurrent ? takenAt : old.takenAt,
	};
}

async function main() {
	const t0 = Date.now();
	log(`n8n ${MAJORS.map((m) => N8N_VERSIONS[m]).join(' and ')}, Chromium ${CHROMIUM}, pictures to ${path.relative(REPO, OUT) || OUT}`);
	await buildUnlessCurrent({ prefix: PREFIX });
	const hash = descriptionHash(path.join(REPO, 'dist'));
	log(`descriptions hash of the build: ${hash}`);
	mkdirSync(shotsDir, { recursive: true });

	const made = [];
	for (const major of MAJORS) {
		const node24 = major === 2 ? await ensureNode24({ prefix: PREFIX }) : undefined;
		const nodeBin = node24?.nodeBin ?? process.execPath;
		const n8nBin = await ensureN8n(N8N_VERSIONS[major], { nodeBin, nodeDir: node24?.nodeDir, prefix: PREFIX });
		made.push(...(await session(major, { nodeBin, n8nBin })));
	}

	// All made: copy them over, drop pictures of earlier runs that are no longer made, write the manifest.
	const old = readManifest();
	mkdirSync(OUT, { recursive: true });
	for (const name of made) copyFileSync(path.join(shotsDir, name), path.join(OUT, name));
	for (const name of Object.keys(old?.files ?? {})) {
		if (!PICTURES[name] && existsSync(path.join(OUT, name))) {
			rmSync(path.join(OUT, name));
			log(`removed ${name} (no longer made)`);
		}
	}
	const manifest = nextManifest(old, made, hash);
	writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, '\t')}\n`);

	log(`✔ ${made.length} picture${made.length === 1 ? '' : 's'} in ${secs(t0)}:`);
	for (const name of made) log(`  ${path.relative(REPO, path.join(OUT, name))}`);
	log(`  ${path.relative(REPO, MANIFEST)} (package ${manifest.packageVersion}, descriptions ${manifest.descriptionHash.slice(0, 12)}…)`);
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
