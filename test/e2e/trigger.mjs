// The Constant Contact Trigger in a real n8n: a workflow with the trigger (Contact Created, a poll
// every 5 s: FAST_POLL_TIMES) is activated; n8n polls at once (the trigger only notes "now" and
// emits nothing), a contact is then created in the fake, the next scheduled poll must start exactly
// one execution with that contact, and the poll after it must start none. Checks the requests the
// polls sent, the executions n8n recorded and the cursor n8n saved in the workflow's static data.
import { randomUUID } from 'node:crypto';

import { CREDENTIAL_TYPE, NODE_TYPE, sleep } from '../../scripts/lib/n8n.mjs';
import { apiRequests } from './fakes.mjs';

export const TRIGGER_TYPE = `${NODE_TYPE}Trigger`;
const TRIGGER_NAME = 'Constant Contact Trigger';
/**
 * Poll Times of the tests' triggers (also queue/scenario.mjs): a poll every 5 s, as 12 entries
 * "S * * * * *" (S = 0, 5, … 55), the shortest n8n allows with the same parameters on both majors.
 * n8n checks each entry's cron on its own: 2.x refuses one whose seconds field is not a single
 * number (n8n-workflow's isSubMinuteCron: "The polling interval is too short. It has to be at least
 * a minute"), so one entry with a step or a list of seconds fails there; 1.x refuses only a "*" in
 * the seconds field. Neither limits the number of entries, and each entry is a cron job of its own.
 */
export const FAST_POLL_TIMES = { item: Array.from({ length: 12 }, (_, n) => ({ mode: 'custom', cronExpression: `${n * 5} * * * * *` })) };
/** A deadline for the next poll, due within 5 s: generous, it only has to catch a poll that never comes. */
const POLL_WAIT_MS = 60_000;

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
				parameters: { pollTimes: FAST_POLL_TIMES, event: 'contactCreated', filters: {}, contactOptions: {}, options: {} },
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
			// n8n answers the activation after its first poll and only then starts the schedule, so the
			// polls seen now are the activation's alone (a scheduled one may follow within 5 s).
			let first = polls(await logSince(mark));
			if (!first.length) first = await waitForPolls(mark, 1, 15_000);
			checks.ok('trigger: activating polls at once (one GET /contacts?created_after)', first.length === 1, first.map((e) => `${e.method} ${e.path} ${JSON.stringify(e.query)}`));
			await sleep(2000);
			checks.eq('trigger: the activation poll starts no execution (history is not replayed)', (await executions()).length, 0);
		});

		let contact;
		await T('trigger: a contact created in the fake comes out of the next poll once', async () => {
			const seeded = await fakes.seed({ contacts: [{ email: 'trigger.once@example.com', first_name: 'Tess', last_name: 'Trigger', permission_to_send: 'implicit' }] });
			const mark = await logMark(); // after the contact exists: the next poll can see it
			contact = seeded.contacts[0];
			trace.contactCreatedAt = contact.created_at ?? new Date().toISOString();
			const seen = await waitForPolls(mark, 1);
			checks.must('trigger: n8n polled again', seen.length >= 1, { waitedMs: POLL_WAIT_MS });
			trace.pollAt = new Date(seen[0].at).toISOString();
			let list = [];
			for (let tries = 0; tries < 120; tries++) { // up to 30 s
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
