// The Constant Contact Trigger in a real n8n: a workflow with the trigger (Contact Created, poll
// every minute) is activated; n8n polls at once (the trigger only notes "now" and emits nothing),
// a contact is then created in the fake, the next scheduled poll must start exactly one execution
// with that contact, and the poll after it must start none. Checks the requests the polls sent,
// the executions n8n recorded and the cursor n8n saved in the workflow's static data.
import { randomUUID } from 'node:crypto';

import { CREDENTIAL_TYPE, NODE_TYPE, sleep } from '../../scripts/lib/n8n.mjs';
import { apiRequests } from './fakes.mjs';

export const TRIGGER_TYPE = `${NODE_TYPE}Trigger`;
const TRIGGER_NAME = 'Constant Contact Trigger';
/** A scheduled poll comes within a minute (n8n adds a random second); allow for a slow start. */
const POLL_WAIT_MS = 80_000;

function triggerWorkflow(credential) {
	return {
		name: 'e2e trigger: contact created',
		nodes: [
			{
				id: randomUUID(),
				name: TRIGGER_NAME,
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, event: 'contactCreated', filters: {}, contactOptions: {}, options: {} },
				credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

/** The trigger's polls in a slice of the fake's log: `GET /v3/contacts?created_after=…`. */
const polls = (entries) => apiRequests(entries).filter((e) => e.method === 'GET' && e.path === '/v3/contacts' && e.query?.created_after !== undefined);

/**
 * @param {{ client, fakes, credential, checks, T, say, results }} ctx
 */
export async function runTrigger({ client, fakes, credential, checks, T, say, results }) {
	let workflowId;
	const logMark = async () => (await fakes.log()).length;
	const logSince = async (mark) => (await fakes.log()).slice(mark);
	/** Waits until the fake has seen `count` polls since `mark`; answers them. */
	const waitForPolls = async (mark, count, waitMs = POLL_WAIT_MS) => {
		const t0 = Date.now();
		for (;;) {
			const seen = polls(await logSince(mark));
			if (seen.length >= count || Date.now() - t0 > waitMs) return seen;
			await sleep(500);
		}
	};
	const executions = async () => (await client.executions(workflowId)) ?? [];
	const settled = (list) => list.every((e) => e.status !== 'running' && e.status !== 'new');

	const trace = { activatedAt: undefined, contactCreatedAt: undefined, pollAt: undefined, items: undefined };
	try {
		await T('trigger: activate (first poll only notes "now")', async () => {
			const mark = await logMark();
			const created = await client.rest('POST', '/workflows', { ...triggerWorkflow(credential), active: false });
			workflowId = created.id;
			await client.rest('POST', `/workflows/${workflowId}/activate`, { versionId: created.versionId });
			trace.activatedAt = new Date().toISOString();
			const first = await waitForPolls(mark, 1, 15_000);
			checks.ok('trigger: activating polls at once (one GET /contacts?created_after)', first.length === 1, first.map((e) => `${e.method} ${e.path} ${JSON.stringify(e.query)}`));
			await sleep(2000);
			checks.eq('trigger: the activation poll starts no execution (history is not replayed)', (await executions()).length, 0);
		});

		let contact;
		await T('trigger: a contact created in the fake comes out of the next poll once', async () => {
			const mark = await logMark();
			const seeded = await fakes.seed({ contacts: [{ email: 'trigger.once@example.com', first_name: 'Tess', last_name: 'Trigger', permission_to_send: 'implicit' }] });
			contact = seeded.contacts[0];
			trace.contactCreatedAt = contact.created_at ?? new Date().toISOString();
			const seen = await waitForPolls(mark, 1);
			checks.must('trigger: n8n polled again within the minute', seen.length >= 1, { waitedMs: POLL_WAIT_MS });
			trace.pollAt = new Date(seen[0].at).toISOString();
			let list = [];
			for (let tries = 0; tries < 40; tries++) {
				list = await executions();
				if (list.length && settled(list)) break;
				await sleep(250);
			}
			checks.eq('trigger: that poll started exactly one execution, which succeeded', list.map((e) => e.status), ['success']);
			if (list[0]) {
				const execution = await client.execution(list[0].id);
				const items = execution.data?.resultData?.runData?.[TRIGGER_NAME]?.[0]?.data?.main?.[0] ?? [];
				trace.items = items.map((i) => ({ contact_id: i.json.contact_id, email: i.json.email_address?.address, first_name: i.json.first_name, created_at: i.json.created_at }));
				checks.eq('trigger: the execution holds the new contact, once', trace.items.map((i) => [i.contact_id, i.email]), [[contact.contact_id, 'trigger.once@example.com']]);
			}
		});

		await T('trigger: the next poll emits nothing new', async () => {
			const mark = await logMark();
			const seen = await waitForPolls(mark, 1);
			checks.must('trigger: n8n polled once more', seen.length >= 1, { waitedMs: POLL_WAIT_MS });
			await sleep(2000);
			const list = await executions();
			checks.eq('trigger: still exactly one execution (the contact was emitted once)', list.length, 1);
			const wf = await client.rest('GET', `/workflows/${workflowId}`);
			const cursor = wf.staticData?.[`node:${TRIGGER_NAME}`]?.cursor;
			checks.ok('trigger: n8n saved the cursor in the static data (scope, mark, the contact among the seen keys)',
				cursor?.scope === 'contactCreated' && typeof cursor.mark === 'number' && contact.contact_id in (cursor.seen ?? {}), wf.staticData);
			trace.polls = seen.length + 2;
		});
	} finally {
		if (workflowId) await client.rest('POST', `/workflows/${workflowId}/deactivate`, {}).catch((e) => say(`deactivate failed: ${e.message}`));
		results.trigger = trace;
	}
}
