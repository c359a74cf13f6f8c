#!/usr/bin/env node
// Checks `npm run dev` (sandbox mode) and the four examples the way a newcomer would use them,
// with plain HTTP instead of a browser:
//
//   node examples/verify.mjs [--port 5699] [--sandbox-api-port 5697] [--sandbox-oauth-port 5698] [--keep-user-folder]
//
// 1. starts `npm run dev -- --port … --user-folder <fresh folder>` and waits for its banner
// 2. owner set-up; creates the "Constant Contact OAuth2 API" credential with no client ID or
//    secret (the sandbox's CREDENTIALS_OVERWRITE_DATA supplies them); runs the consent
//    (n8n's auth URL → fake sign-in → n8n's callback); loads the list and tag dropdowns
// 3. imports examples/form-signup-upsert.json the way the editor's Import from File does (new
//    node and webhook IDs, Form Trigger path rules: test/e2e/editorImport.mjs), fills in the
//    picks, activates it, opens the form at /form/newsletter-signup (the address the README and
//    the sticky note give), submits it, and finds the contact on the list with the tag
// 4. imports examples/nightly-tag-updated.json and runs it once as "Execute workflow" does; every
//    contact updated today carries the tag, the one last updated in 2024 does not
// 5. imports examples/order-shipped-send-now.json, picks the sandbox's Done campaign in its
//    campaign picker (listSearch), activates it, calls POST /webhook/order-shipped with a
//    customer's e-mail; exactly one new campaign goes to that address alone, and the webhook
//    answers once the sandbox has sent it (Wait Until Sent: send_status DONE)
// 6. imports examples/new-contact-tag-lead.json (Constant Contact Trigger → Add Tags), polling
//    every minute, activates it; a contact created in the sandbox afterwards comes out of the
//    next poll in one execution and gets the tag; the contacts from before do not
// 7. Ctrl-C (SIGINT to `npm run dev`'s process group, as a terminal sends it): n8n and the
//    sandbox stop, nothing is left running or listening
// Prints PASS/FAIL per step; exit code 0 only when every step passed. The whole output of
// `npm run dev` goes to .cache/verify-dev.log. Plain Node 20 ESM: node: built-ins and test/e2e/editorImport.mjs.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import { formPathOf, importAsEditor } from '../test/e2e/editorImport.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const option = (name, fallback) => {
	const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
	if (i < 0) return fallback;
	return argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
};
const PORT = Number(option('port', 5699));
const API_PORT = Number(option('sandbox-api-port', 5697));
const OAUTH_PORT = Number(option('sandbox-oauth-port', 5698));
const KEEP = argv.includes('--keep-user-folder');
const N8N = `http://localhost:${PORT}`; // what the banner tells the user to open
const SANDBOX = `http://127.0.0.1:${API_PORT}`;
const USER_FOLDER = path.join(REPO, '.cache', `verify-dev-user-${Date.now()}`);
const LOG_FILE = path.join(REPO, '.cache', 'verify-dev.log');
const NODE_TYPE = 'n8n-nodes-constant-contact.constantContact';
const CRED_TYPE = 'constantContactOAuth2Api';
const BROWSER_ID = 'verify-dev-browser';
/** Where the README, the sticky note and the banner send the user: /form/<this>. */
const FORM_PATH = 'newsletter-signup';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- reporting ----------------------------------------------------------------------------------
const results = [];
const t00 = Date.now();
async function check(title, fn) {
	const t0 = Date.now();
	try {
		const detail = await fn();
		results.push({ title, ok: true, ms: Date.now() - t0 });
		console.log(`PASS  ${title} (${((Date.now() - t0) / 1000).toFixed(1)} s)${detail ? `\n      ${detail}` : ''}`);
		return true;
	} catch (error) {
		results.push({ title, ok: false, ms: Date.now() - t0 });
		console.log(`FAIL  ${title} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n      ${String(error.message).split('\n').join('\n      ')}`);
		return false;
	}
}
function assert(condition, message) {
	if (!condition) throw new Error(message);
}

// ---- npm run dev ----------------------------------------------------------------------------------
mkdirSync(path.dirname(LOG_FILE), { recursive: true });
const logStream = createWriteStream(LOG_FILE);
const devLines = [];
let dev;
let devExit;
function startDev() {
	const args = ['run', 'dev', '--', '--port', String(PORT), '--sandbox-api-port', String(API_PORT), '--sandbox-oauth-port', String(OAUTH_PORT), '--user-folder', USER_FOLDER];
	console.log(`      $ npm ${args.join(' ')}   (output: ${path.relative(REPO, LOG_FILE)})`);
	// Own process group, so that SIGINT to it is exactly what a terminal's Ctrl-C does.
	dev = spawn('npm', args, { cwd: REPO, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CC_REAL: '' } });
	devExit = new Promise((resolve) => dev.on('exit', (code, signal) => resolve({ code, signal })));
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('no banner within 10 min')), 600_000);
		for (const stream of [dev.stdout, dev.stderr]) {
			createInterface({ input: stream }).on('line', (line) => {
				devLines.push(line);
				logStream.write(line + '\n');
				if (line.includes('Real:') && line.includes('--real')) { clearTimeout(timer); resolve(); } // last banner line
			});
		}
		devExit.then(({ code, signal }) => { clearTimeout(timer); reject(new Error(`npm run dev exited (${signal ?? `code ${code}`}) before its banner:\n${devLines.slice(-15).join('\n')}`)); });
	});
}
process.on('exit', () => { try { process.kill(-dev.pid, 'SIGKILL'); } catch { /* gone */ } });

// ---- n8n REST as the editor uses it ---------------------------------------------------------------
let cookie = '';
async function rest(method, pathname, body, { expect = 200 } = {}) {
	const res = await fetch(`${N8N}/rest${pathname}`, {
		method,
		headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID, ...(cookie ? { cookie } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const setCookie = res.headers.get('set-cookie');
	const auth = setCookie?.match(/n8n-auth=[^;]+/);
	if (auth) cookie = auth[0];
	const text = await res.text();
	if (res.status !== expect) throw new Error(`${method} /rest${pathname} answered ${res.status} (expected ${expect}): ${text.slice(0, 400)}`);
	try {
		const json = JSON.parse(text);
		return json.data ?? json;
	} catch {
		return text;
	}
}
async function sandbox(pathname, body) {
	const res = await fetch(`${SANDBOX}/__admin/${pathname}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	assert(res.ok, `sandbox ${body === undefined ? 'GET' : 'POST'} /__admin/${pathname} answered ${res.status}`);
	return res.json();
}
/** n8n's major version, from the banner of `npm run dev` ("n8n 1.123.81 is running …"). */
let n8nMajor;
/** An example as the editor holds it after Import from File (before the user picks anything). */
function loadExample(file) {
	return importAsEditor(JSON.parse(readFileSync(path.join(REPO, 'examples', file), 'utf8')), n8nMajor);
}
// What a user does in the node panels: pick the credential and the dropdown entries.
function fillIn(workflow, credential, picks) {
	for (const node of workflow.nodes) {
		if (node.type !== NODE_TYPE && node.type !== `${NODE_TYPE}Trigger`) continue;
		node.credentials = { [CRED_TYPE]: { id: credential.id, name: credential.name } };
		Object.assign(node.parameters, picks[node.name] ?? {});
	}
	return workflow;
}
async function waitForExecution(id, timeoutMs = 60_000) {
	const until = Date.now() + timeoutMs;
	for (;;) {
		const execution = await rest('GET', `/executions/${id}`);
		if (execution.finished || ['success', 'error', 'crashed', 'canceled'].includes(execution.status)) return execution;
		assert(Date.now() < until, `execution ${id} not finished after ${timeoutMs / 1000} s (status ${execution.status})`);
		await sleep(500);
	}
}
// GET /rest/executions/:id sends the run data in the "flatted" format: a JSON array whose
// strings are indexes into that array.
function executionError(execution) {
	try {
		const input = JSON.parse(execution.data);
		const done = new Map();
		const revive = (i) => {
			if (done.has(i)) return done.get(i);
			const v = input[i];
			if (typeof v !== 'object' || v === null) return v;
			const out = Array.isArray(v) ? [] : {};
			done.set(i, out);
			for (const [k, x] of Object.entries(v)) out[k] = typeof x === 'string' ? revive(Number(x)) : x;
			return out;
		};
		const error = revive(0).resultData?.error;
		return error ? `${error.node?.name ?? 'workflow'}: ${error.message}${error.description ? ` (${error.description})` : ''}` : `status ${execution.status}`;
	} catch {
		return `status ${execution.status}`;
	}
}

// ---- the steps ---------------------------------------------------------------------------------------
console.log(`verify: npm run dev (sandbox) + examples, n8n on ${N8N}, sandbox on ${SANDBOX}`);
const state = {};
let ok = await check('npm run dev starts n8n and the sandbox and prints the banner', async () => {
	const t0 = Date.now();
	await startDev();
	const text = devLines.join('\n');
	for (const expected of [`Editor:   ${N8N}/`, 'SANDBOX MODE', 'No real Constant Contact is contacted', 'Constant Contact OAuth2 API', 'Connect my account', 'examples/form-signup-upsert.json', 'Ctrl-C (stops n8n and the sandbox)']) {
		assert(text.includes(expected), `banner lacks "${expected}"`);
	}
	const version = text.match(/n8n (\d+)\.\d+\.\d+ is running/);
	assert(version, 'banner lacks "n8n <version> is running"');
	n8nMajor = Number(version[1]);
	const ready = text.match(/n8n ready after ([\d.]+ s)/)?.[1];
	const sandboxData = text.match(/sandbox data: (.*)/)?.[1];
	return `n8n ${version[0].split(' ')[1]}; banner after ${((Date.now() - t0) / 1000).toFixed(1)} s (n8n start ${ready}); sandbox data: ${sandboxData}`;
});

if (ok) ok = await check('owner set-up (POST /rest/owner/setup), session cookie', async () => {
	await rest('POST', '/owner/setup', { email: 'newcomer@example.com', firstName: 'New', lastName: 'Comer', password: 'Passw0rd!Passw0rd' });
	assert(cookie, 'no n8n-auth cookie');
	const me = await rest('GET', '/login');
	return `logged in as ${me.email}`;
});

if (ok) ok = await check('credential form: client ID and secret come from the sandbox overwrite', async () => {
	const res = await fetch(`${N8N}/types/credentials.json`, { headers: { cookie, 'browser-id': BROWSER_ID } });
	assert(res.ok, `GET /types/credentials.json answered ${res.status}`);
	const type = (await res.json()).find((t) => t.name === CRED_TYPE);
	assert(type, `${CRED_TYPE} not loaded`);
	const overwritten = type.__overwrittenProperties ?? [];
	for (const p of ['clientId', 'clientSecret', 'authUrl', 'accessTokenUrl', 'apiBaseUrl']) assert(overwritten.includes(p), `${p} is not overwritten (overwritten: ${overwritten.join(', ') || 'none'})`);
	return `overwritten properties (hidden in the form): ${overwritten.join(', ')}`;
});

if (ok) ok = await check('create the credential with no client ID/secret, then Connect my account', async () => {
	const credential = await rest('POST', '/credentials', { name: 'Constant Contact account', type: CRED_TYPE, data: {} });
	state.credential = { id: credential.id, name: credential.name };
	const authUrl = await rest('GET', `/oauth2-credential/auth?id=${credential.id}`);
	assert(typeof authUrl === 'string' && authUrl.startsWith(`http://127.0.0.1:${OAUTH_PORT}/`), `auth URL is not the sandbox's: ${authUrl}`);
	const q = new URL(authUrl).searchParams;
	assert(q.get('client_id') === 'test-client-id', `client_id=${q.get('client_id')}`);
	assert(q.get('redirect_uri') === `${N8N}/rest/oauth2-credential/callback`, `redirect_uri=${q.get('redirect_uri')}`);
	// The browser follows the sandbox's automatic consent back to n8n's callback.
	const consent = await fetch(authUrl, { redirect: 'manual' });
	const location = consent.headers.get('location') ?? '';
	assert(consent.status === 302 && location.startsWith(`${N8N}/rest/oauth2-credential/callback?`), `sign-in answered ${consent.status} → ${location}`);
	const callback = await fetch(location, { headers: { cookie } });
	const page = await callback.text();
	assert(callback.status === 200, `callback answered ${callback.status}: ${page.slice(0, 300)}`);
	const saved = await rest('GET', `/credentials/${credential.id}?includeData=true`);
	assert(saved.data?.oauthTokenData, 'no token saved in the credential');
	return `credential ${credential.id}; scope ${q.get('scope')}; tokens saved`;
});

if (ok) ok = await check('list and tag dropdowns load through the credential (loadOptions)', async () => {
	const load = async (methodName, p) =>
		rest('POST', '/dynamic-node-parameters/options', {
			nodeTypeAndVersion: { name: NODE_TYPE, version: 1 },
			methodName,
			path: p,
			currentNodeParameters: { resource: 'contact', operation: p === 'lists' ? 'upsert' : 'addTags' },
			credentials: { [CRED_TYPE]: state.credential },
		});
	const lists = await load('getLists', 'lists');
	const tags = await load('getTags', 'tags');
	const pick = (options, name) => {
		const o = options.find((x) => x.name === name);
		assert(o, `"${name}" not offered (got ${options.map((x) => x.name).join(', ')})`);
		return o.value;
	};
	state.newsletter = pick(lists, 'Newsletter');
	state.signupTag = pick(tags, 'Website sign-up');
	state.updatedTag = pick(tags, 'Recently updated');
	state.leadTag = pick(tags, 'Lead');
	return `lists: ${lists.map((x) => x.name).join(', ')}; tags: ${tags.map((x) => x.name).join(', ')}`;
});

if (ok) ok = await check('form example: import as the editor does, activate, open /form/newsletter-signup, submit, contact is on the list with the tag', async () => {
	const example = fillIn(loadExample('form-signup-upsert.json'), state.credential, {
		'Add to list': { lists: [state.newsletter] },
		'Tag the contact': { tags: [state.signupTag] },
	});
	const imported = formPathOf(example.nodes.find((n) => n.type === 'n8n-nodes-base.formTrigger'));
	assert(imported === FORM_PATH, `after Import from File the form's path is "${imported}", not "${FORM_PATH}" as the README and the sticky note say`);
	const workflow = await rest('POST', '/workflows', { ...example, active: false });
	await rest('POST', `/workflows/${workflow.id}/activate`, { versionId: workflow.versionId });
	const formPath = FORM_PATH;
	const page = await fetch(`${N8N}/form/${formPath}`);
	const html = await page.text();
	assert(page.status === 200 && html.includes('Subscribe to our newsletter'), `GET /form/${formPath} answered ${page.status}`);
	// The form page posts multipart/form-data with field-<index> names.
	const form = new FormData();
	form.append('field-0', 'Nora');
	form.append('field-1', 'Newcomer');
	form.append('field-2', 'nora.newcomer@example.com');
	const t0 = Date.now();
	let submit;
	for (let tries = 0; ; tries++) { // the production form may need a moment after activation
		submit = await fetch(`${N8N}/form/${formPath}`, { method: 'POST', body: form });
		if (submit.status !== 404 || tries >= 10) break;
		await sleep(300);
	}
	const answer = await submit.text();
	const ms = Date.now() - t0;
	const executions = await rest('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: workflow.id }))}`);
	const last = (executions.results ?? executions)[0];
	if (submit.status !== 200) {
		const why = last ? executionError(await rest('GET', `/executions/${last.id}`)) : 'no execution';
		throw new Error(`form POST answered ${submit.status}: ${answer.slice(0, 200)}; execution ${last?.id}: ${why}`);
	}
	const data = await sandbox('state');
	const contact = data.contacts.find((c) => c.email_address?.address === 'nora.newcomer@example.com');
	assert(contact, 'no contact nora.newcomer@example.com in the sandbox');
	assert(contact.first_name === 'Nora' && contact.last_name === 'Newcomer', `names: ${contact.first_name} ${contact.last_name}`);
	assert(contact.list_memberships?.includes(state.newsletter), 'contact is not on Newsletter');
	assert(contact.taggings?.includes(state.signupTag), 'contact lacks the tag Website sign-up');
	return `form answered 200 after ${(ms / 1000).toFixed(1)} s; contact ${contact.contact_id} (${contact.email_address.permission_to_send}) on Newsletter, tagged Website sign-up; execution ${last?.id} ${last?.status}`;
});

if (ok) ok = await check('nightly example: import, run once (Execute workflow), contacts updated today are tagged', async () => {
	const example = fillIn(loadExample('nightly-tag-updated.json'), state.credential, {
		'Tag each contact': { tags: [state.updatedTag] },
	});
	const workflow = await rest('POST', '/workflows', { ...example, active: false });
	const trigger = example.nodes.find((n) => n.type === 'n8n-nodes-base.scheduleTrigger').name;
	const t0 = Date.now();
	const started = await rest('POST', `/workflows/${workflow.id}/run`, { workflowData: workflow, triggerToStartFrom: { name: trigger } });
	assert(started.executionId, `no execution started: ${JSON.stringify(started).slice(0, 300)}`);
	const execution = await waitForExecution(started.executionId);
	assert(execution.status === 'success', `execution ${started.executionId}: ${executionError(execution)}`);
	const ms = Date.now() - t0;
	const data = await sandbox('state');
	const tagged = data.contacts.filter((c) => c.taggings?.includes(state.updatedTag)).map((c) => c.email_address.address);
	const untagged = data.contacts.filter((c) => !c.taggings?.includes(state.updatedTag)).map((c) => `${c.email_address.address} (updated ${c.updated_at.slice(0, 10)})`);
	assert(tagged.includes('nora.newcomer@example.com') && tagged.includes('ada@example.com'), `tagged: ${tagged.join(', ')}`);
	assert(!tagged.includes('charles@example.com'), 'charles@example.com (updated 2024) was tagged too');
	assert(untagged.length === 1, `not tagged: ${untagged.join(', ')}`);
	return `execution ${started.executionId} success in ${(ms / 1000).toFixed(1)} s; tagged ${tagged.length}: ${tagged.join(', ')}; left alone: ${untagged.join(', ')}`;
});

if (ok) ok = await check('order-shipped example: import, pick the campaign, activate, call the webhook, one campaign sent to that customer', async () => {
	// The campaign picker (a resource locator with a searchable list), as the node panel loads it.
	const found = await rest('POST', '/dynamic-node-parameters/resource-locator-results', {
		nodeTypeAndVersion: { name: NODE_TYPE, version: 1 },
		methodName: 'searchCampaigns',
		path: 'campaign',
		currentNodeParameters: { resource: 'campaign', operation: 'sendNow', content: 'campaign' },
		credentials: { [CRED_TYPE]: state.credential },
	});
	const offered = found.results ?? [];
	const source = offered.find((r) => r.name.startsWith('Welcome Newsletter'));
	assert(source, `"Welcome Newsletter" not offered by the campaign picker (got ${offered.map((r) => r.name).join(', ') || 'nothing'})`);
	const example = fillIn(loadExample('order-shipped-send-now.json'), state.credential, {
		'Send shipping e-mail': { campaign: { __rl: true, mode: 'list', value: source.value, cachedResultName: source.name } },
	});
	const workflow = await rest('POST', '/workflows', { ...example, active: false });
	await rest('POST', `/workflows/${workflow.id}/activate`, { versionId: workflow.versionId });
	const webhookPath = example.nodes.find((n) => n.type === 'n8n-nodes-base.webhook').parameters.path;
	const before = await sandbox('state');
	const customer = { email: 'ann.shopper@example.com', firstName: 'Ann', orderNumber: '1042' };
	const t0 = Date.now();
	let res;
	for (let tries = 0; ; tries++) { // the production webhook may need a moment after activation
		res = await fetch(`${N8N}/webhook/${webhookPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(customer) });
		if (res.status !== 404 || tries >= 10) break;
		await sleep(300);
	}
	const text = await res.text();
	const ms = Date.now() - t0;
	if (res.status !== 200) {
		const executions = await rest('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: workflow.id }))}`);
		const last = (executions.results ?? executions)[0];
		const why = last ? executionError(await rest('GET', `/executions/${last.id}`)) : 'no execution';
		throw new Error(`POST /webhook/${webhookPath} answered ${res.status}: ${text.slice(0, 200)}; execution ${last?.id}: ${why}`);
	}
	const out = JSON.parse(text);
	assert(out.campaign_id && out.send_now === true && out.recipients === 1 && out.input_addresses === 1 && out.send_status === 'DONE', `webhook answer: ${text.slice(0, 400)}`);
	assert(out.copied_from_campaign_id === source.value && out.campaign_name.startsWith('Welcome Newsletter – '), `not a copy of Welcome Newsletter: ${text.slice(0, 400)}`);
	const data = await sandbox('state');
	const created = data.campaigns.filter((c) => !before.campaigns.some((b) => b.campaign_id === c.campaign_id));
	assert(created.length === 1 && created[0].campaign_id === out.campaign_id, `new campaigns in the sandbox: ${created.map((c) => c.name).join(', ') || 'none'}`);
	// Each run sends through a list of its own and deletes it once the campaign is sent.
	const list = data.lists.find((l) => l.list_id === out.recipient_list_id);
	assert(list && /^n8n Send Now /.test(list.name) && list.deleted_at && out.recipient_list_deleted === true, `the run's recipient list: ${JSON.stringify(list)} (the answer names ${out.recipient_list_id})`);
	const sent = data.campaignActivities.find((a) => a.campaign_activity_id === out.campaign_activity_id);
	assert(JSON.stringify(sent?.contact_list_ids) === JSON.stringify([list.list_id]), `the campaign goes to ${JSON.stringify(sent?.contact_list_ids)}`);
	const contact = data.contacts.find((c) => c.email_address.address === customer.email);
	assert(sent?.current_status === 'DONE', `campaign activity is ${sent?.current_status} when the webhook answered`);
	assert(JSON.stringify(sent.sent_contact_ids) === JSON.stringify([contact?.contact_id]), `sent to ${JSON.stringify(sent.sent_contact_ids)}, expected only ${contact?.contact_id}`);
	const history = data.sendHistory.filter((h) => h.campaign_activity_id === out.campaign_activity_id);
	assert(history.length === 1 && history[0].count === 1 && history[0].send_status === 'COMPLETED', `send history: ${JSON.stringify(history)}`);
	return `webhook answered 200 after ${(ms / 1000).toFixed(1)} s (${out.requests_used} requests): campaign "${out.campaign_name}" to the run's list "${list.name}" (deleted after the send); DONE when it answered, sent to ${customer.email} only (contact ${contact.contact_id}, permission ${contact.email_address.permission_to_send})`;
});

// Always stop, even after a failure.
if (ok) ok = await check('trigger example: activate, create a contact, the next poll tags it (and nobody from before)', async () => {
	const example = fillIn(loadExample('new-contact-tag-lead.json'), state.credential, { 'Tag as lead': { tags: [state.leadTag] } });
	// Poll every minute instead of every 5 (the shortest n8n allows), so the check is quick.
	example.nodes.find((n) => n.name === 'New contact').parameters.pollTimes = { item: [{ mode: 'everyMinute' }] };
	const polls = async () => (await sandbox('log')).filter((e) => e.server === 'api' && e.method === 'GET' && e.path === '/v3/contacts' && e.query?.created_after !== undefined).length;
	const before = await polls();
	const workflow = await rest('POST', '/workflows', { ...example, active: false });
	await rest('POST', `/workflows/${workflow.id}/activate`, { versionId: workflow.versionId });
	const executions = async () => {
		const list = await rest('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: workflow.id }))}`);
		return list.results ?? list;
	};
	for (let t = 0; (await polls()) === before; t++) {
		assert(t < 30, 'the activation poll did not reach the sandbox within 15 s');
		await sleep(500);
	}
	const t0 = Date.now();
	const seeded = await sandbox('seed', { contacts: [{ email: 'trigger.newcomer@example.com', first_name: 'Tia', permission_to_send: 'implicit' }] });
	const contactId = seeded.contacts[0].contact_id;
	let list = [];
	while (!list.length) {
		assert(Date.now() - t0 < 90_000, 'no execution within 90 s of creating the contact');
		await sleep(1000);
		list = await executions();
	}
	const execution = await waitForExecution(list[0].id);
	assert(execution.status === 'success', `execution ${list[0].id}: ${executionError(execution)}`);
	const ms = Date.now() - t0;
	const data = await sandbox('state');
	const tagged = data.contacts.filter((c) => c.taggings?.includes(state.leadTag)).map((c) => c.email_address.address);
	// The demo data tags grace@example.com Lead already; nobody else from before may get it.
	assert(tagged.sort().join(', ') === 'grace@example.com, trigger.newcomer@example.com', `tagged Lead: ${tagged.join(', ') || 'nobody'}`);
	assert((await executions()).length === 1, 'more than one execution');
	await rest('POST', `/workflows/${workflow.id}/deactivate`, {});
	return `contact ${contactId} created; the next poll started execution ${list[0].id} (success) ${(ms / 1000).toFixed(1)} s later; tagged Lead now: ${tagged.join(', ')} (grace@ was before)`;
});

await check('Ctrl-C stops n8n and the sandbox; nothing left running or listening', async () => {
	assert(dev, 'npm run dev was not started');
	const before = ourProcesses();
	const t0 = Date.now();
	try { process.kill(-dev.pid, 'SIGINT'); } catch { /* already gone */ }
	const exit = await Promise.race([devExit, sleep(30_000).then(() => null)]);
	assert(exit, `npm run dev still running 30 s after SIGINT`);
	const ms = Date.now() - t0;
	await sleep(500);
	const left = ourProcesses();
	assert(!left.length, `still running: ${left.map((p) => `${p.pid} ${p.cmd}`).join(' | ')}`);
	for (const port of [PORT, API_PORT, OAUTH_PORT]) assert(!(await listening(port)), `port ${port} still accepts connections`);
	const stopLines = devLines.filter((l) => /^\[dev\] (stopping|stopped)/.test(l)).join(' / ');
	return `exit ${exit.signal ?? `code ${exit.code}`} after ${(ms / 1000).toFixed(1)} s; before: ${before.map((p) => `${p.pid} ${p.cmd}`).join(' | ')}; after: none; ${stopLines}`;
});

// Processes of this run: n8n (and its task runner) have their cwd in our user folder; the sandbox
// is test/fake/cli.js with our API port. (pgrep -af "n8n|cli.js" would also show other users' n8n.)
function ourProcesses() {
	const found = [];
	for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
		try {
			const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
			const cwd = readlinkSync(`/proc/${pid}/cwd`);
			const mine = cwd.startsWith(USER_FOLDER) || (cmd.includes('test/fake/cli.js') && cmd.includes(`--api-port ${API_PORT}`)) || (cmd.includes('scripts/dev.mjs') && cmd.includes(USER_FOLDER));
			if (mine) found.push({ pid, cmd: cmd.replace(REPO + '/', '').slice(0, 90) });
		} catch { /* exited or not ours to read */ }
	}
	return found;
}
function listening(port) {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		socket.once('connect', () => { socket.destroy(); resolve(true); });
		socket.once('error', () => resolve(false));
	});
}

logStream.end();
if (!KEEP) rmSync(USER_FOLDER, { recursive: true, force: true });
const failed = results.filter((r) => !r.ok).length;
const expected = 10;
const summary = `${results.length - failed}/${expected} steps passed in ${((Date.now() - t00) / 1000).toFixed(1)} s`;
writeFileSync(path.join(REPO, '.cache', 'verify-dev.result.json'), JSON.stringify({ results, summary }, null, '\t') + '\n');
console.log(`\n${failed || results.length < expected ? 'FAIL' : 'PASS'}  ${summary}${failed ? `; npm run dev output: ${path.relative(REPO, LOG_FILE)}` : ''}`);
process.exit(failed || results.length < expected ? 1 : 0);
