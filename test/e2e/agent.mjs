// The node as a tool of n8n's AI Agent, in the real n8n: Webhook → AI Agent with n8n's OpenAI Chat
// Model, whose credential's Base URL points at a stub of OpenAI's API on 127.0.0.1 (openAiStub.mjs),
// and the Constant Contact node attached as tools (`…constantContactTool`) with $fromAI parameters,
// as n8n's editor writes them. The stub plays the model: scripted tool calls, then a final answer.
// Each scenario checks what n8n sent to the stub (the tools, the tool results) and what the fake
// Constant Contact holds afterwards:
//   1. lists given by name ("Newsletter") instead of IDs;
//   2. a mistaken argument (an e-mail without a domain; a misspelt list name) recovered: the tool node
//      continues on error, n8n hands the node's error to the model, the model calls again;
//   3. the description of a send operation (Campaign → Send Now) as the model received it, and the send;
//   4. the same mistake with the tool node's default error setting (n8n 1.x: the workflow ends, the
//      model never sees it; n8n 2.x: the model gets the message only) and with Stop Workflow.
// Called by scenario.mjs once the Constant Contact credential is connected.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';

import { CREDENTIAL_TYPE, NODE_TYPE, REPO, sleep } from '../../scripts/lib/n8n.mjs';
import { apiRequests } from './fakes.mjs';
import { STUB_API_KEY, STUB_MODEL, messageText, startOpenAiStub } from './openAiStub.mjs';

/** The node as n8n offers it to agents: the node type with "Tool" appended. */
export const TOOL_TYPE = `${NODE_TYPE}Tool`;
const AGENT_TYPE = '@n8n/n8n-nodes-langchain.agent';
const CHAT_MODEL_TYPE = '@n8n/n8n-nodes-langchain.lmChatOpenAi';
const PATH_PREFIX = 'cc-e2e-agent-';

/** `$fromAI(...)` as n8n's editor writes it when a parameter is left to the model (✨ button). */
const fromAI = (key, description = '', type = 'string') =>
	`={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('${key}', \`${description}\`, '${type}') }}`;

/** Tool 1: Contact → Create or Update, e-mail, lists and first name from the model. */
const upsertTool = {
	resource: 'contact',
	operation: 'upsert',
	email: fromAI('Email', "The contact's e-mail address"),
	lists: fromAI('List_Names_or_IDs', 'Names or IDs of the lists to put the contact on, comma-separated'),
	additionalFields: { firstName: fromAI('First_Name', 'The first name; empty when not known') },
	options: {},
};

/** Tool 2: Campaign → Send Now to lists, from subject and HTML; name, subject, HTML and lists from the model. */
const sendNowTool = (fromEmail) => ({
	resource: 'campaign',
	operation: 'sendNow',
	content: 'html',
	name: fromAI('Campaign_Name', 'A short name for the campaign'),
	subject: fromAI('Subject', 'The subject line'),
	fromName: 'n8n agent',
	fromEmail,
	replyToEmail: fromEmail,
	htmlContent: fromAI('HTML_Content', 'The e-mail as HTML'),
	sendTo: 'lists',
	lists: fromAI('List_Names_or_IDs', 'Names or IDs of the lists to send to, comma-separated'),
	options: {},
});

/**
 * The description the model is given for a tool node whose Description was left as it is: the
 * default of the node's toolDescription field for the operation (from the built node, as packed):
 * the action and its side effects.
 */
function toolDescriptionOf(resource, operation) {
	const { ConstantContact } = createRequire(import.meta.url)(path.join(REPO, 'dist', 'nodes', 'ConstantContact', 'ConstantContact.node.js'));
	const field = new ConstantContact().description.properties.find(
		(p) => p.name === 'toolDescription' && p.displayOptions?.show?.resource?.includes(resource) && p.displayOptions?.show?.operation?.includes(operation),
	);
	return field?.default;
}

const node = (name, type, typeVersion, position, parameters, extra = {}) => ({ id: randomUUID(), name, type, typeVersion, position, parameters, ...extra });

/**
 * Webhook (POST, answers with the agent's output) → AI Agent ← OpenAI Chat Model, ← tools.
 * `tools`: [{ name, parameters, onError? }] — the node name is what n8n makes the tool's name from.
 */
function agentWorkflow({ key, major, credential, openAiCredential, tools }) {
	const path = `${PATH_PREFIX}${key}`;
	const nodes = [
		node('Webhook', 'n8n-nodes-base.webhook', 2, [0, 0], { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} }, { webhookId: randomUUID() }),
		// The editor's current versions: Agent 3 on n8n 1.123, 3.1 on 2.41 (both have 3).
		node('AI Agent', AGENT_TYPE, major >= 2 ? 3.1 : 3, [240, 0], { promptType: 'define', text: '={{ $json.body.prompt }}', options: {} }),
		// Chat Model 1.3 with the Responses API off: chat completions, what OpenAI-compatible servers offer.
		node('OpenAI Chat Model', CHAT_MODEL_TYPE, 1.3, [160, 220], {
			model: { __rl: true, mode: 'list', value: STUB_MODEL, cachedResultName: STUB_MODEL },
			responsesApiEnabled: false,
			options: {},
		}, { credentials: { openAiApi: { id: openAiCredential.id, name: openAiCredential.name } } }),
		...tools.map((tool, n) => node(tool.name, TOOL_TYPE, 1, [360 + 160 * n, 220], tool.parameters, {
			credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
			...(tool.onError ? { onError: tool.onError } : {}),
		})),
	];
	const connections = {
		Webhook: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
		'OpenAI Chat Model': { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
	};
	for (const tool of tools) connections[tool.name] = { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] };
	return { path, workflow: { name: `e2e agent ${key}`, nodes, connections, settings: { executionOrder: 'v1' } } };
}

/** n8n's name for a tool: the node name with spaces (and other characters) as underscores. */
const toolName = (nodeName) => nodeName.replace(/[^a-zA-Z0-9_-]+/g, '_');
const UPSERT = 'Constant Contact';
const SEND = 'Send Campaign Now';

const toolMessages = (messages) => messages.filter((m) => m.role === 'tool');
const lastToolText = (messages) => messageText(toolMessages(messages).at(-1));
const parse = (text) => {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
};
/** The model's view of a conversation: one line per message. */
function transcript(messages, answer) {
	const lines = messages.map((m) => {
		const calls = (m.tool_calls ?? []).map((c) => `${c.function?.name}(${c.function?.arguments})`).join(', ');
		const text = messageText(m);
		return `${m.role}${m.tool_call_id ? ` [${m.tool_call_id}]` : ''}: ${[text, calls && `→ ${calls}`].filter(Boolean).join(' ')}`;
	});
	const message = answer?.json?.choices?.[0]?.message;
	if (message) {
		const calls = (message.tool_calls ?? []).map((c) => `${c.function?.name}(${c.function?.arguments})`).join(', ');
		lines.push(`assistant (stub): ${[message.content, calls && `→ ${calls}`].filter(Boolean).join(' ')}`);
	}
	return lines;
}

/**
 * @param {{ client, fakes, credential, checks, T, say, results: object, major: number, lists: { newsletter: string, customers: string } }} ctx
 */
export async function runAgentScenarios({ client, fakes, credential, checks, T, say, results, major, lists }) {
	const agent = (results.agent = { timings: {} });
	const { newsletter, customers } = lists;
	let stub;
	try {
		const paths = {};
		const workflowIds = {};
		const state = () => fakes.state();
		const contactByEmail = async (email) => (await state()).contacts.find((c) => c.email_address?.address === email);
		const logMark = async () => (await fakes.log()).length;
		const logSince = async (mark) => (await fakes.log()).slice(mark);

		/** The newest execution of a workflow with its run data; the Constant Contact tool runs in it. */
		const latestExecution = async (workflowId) => {
			for (let tries = 0; tries < 80; tries++) { // up to 20 s
				const [latest] = await client.executions(workflowId);
				if (latest && latest.status !== 'running' && latest.status !== 'new') return await client.execution(latest.id);
				await sleep(250);
			}
			return undefined;
		};
		const toolRuns = (execution, nodeName) => execution?.data?.resultData?.runData?.[nodeName] ?? [];
		/**
		 * Runs the agent on a prompt: the webhook's answer, the stub's completions, the API requests of
		 * that run, the execution and how long it and the tool nodes' runs took (ms).
		 */
		const ask = async (key, prompt) => {
			const completionsBefore = stub.completions().length;
			const mark = await logMark();
			const res = await client.webhook(paths[key], { prompt });
			const completions = stub.completions().slice(completionsBefore);
			const api = apiRequests(await logSince(mark)).map((e) => `${e.method} ${e.path} ${e.status}`);
			const execution = await latestExecution(workflowIds[key]);
			const ms = {
				webhook: res.ms,
				execution: execution?.stoppedAt && execution?.startedAt ? Date.parse(execution.stoppedAt) - Date.parse(execution.startedAt) : undefined,
				tool: [UPSERT, SEND].flatMap((name) => toolRuns(execution, name).map((r) => r.executionTime)),
			};
			return { res, completions, api, execution, ms };
		};

		// ---- set-up: the stub, the OpenAI credential (tested as the editor does), the workflows -----
		let openAiCredential;
		await T('AI agent: OpenAI stub, OpenAI credential with its Base URL, agent workflows', async () => {
			stub = await startOpenAiStub();
			say(`OpenAI stub at ${stub.baseUrl}`);
			const data = { apiKey: STUB_API_KEY, url: stub.baseUrl };
			const created = await client.createCredential('OpenAI stub', 'openAiApi', data);
			openAiCredential = { id: created.id, name: created.name };
			const tested = await client.rest('POST', '/credentials/test', { credentials: { id: created.id, name: created.name, type: 'openAiApi', data } });
			const modelsCall = stub.requests.find((r) => r.path === '/v1/models');
			checks.ok("agent: the OpenAI credential's test passes against the stub (GET /v1/models with the API key)",
				tested?.status === 'OK' && modelsCall?.authorization === `Bearer ${STUB_API_KEY}`, { tested, modelsCall: modelsCall && { path: modelsCall.path, auth: modelsCall.authorization.slice(0, 12) } });

			const s = await state();
			const fromEmail = s.accountEmails.find((e) => e.confirm_status === 'CONFIRMED')?.email_address;
			const deploy = async (key, tools) => {
				const { path, workflow } = agentWorkflow({ key, major, credential, openAiCredential, tools });
				workflowIds[key] = await client.deployWorkflow(workflow);
				paths[key] = path;
			};
			await deploy('tools', [
				{ name: UPSERT, parameters: upsertTool, onError: 'continueRegularOutput' },
				{ name: SEND, parameters: sendNowTool(fromEmail), onError: 'continueRegularOutput' },
			]);
			await deploy('default', [{ name: UPSERT, parameters: upsertTool }]);
			await deploy('stop', [{ name: UPSERT, parameters: upsertTool, onError: 'stopWorkflow' }]);
			await fakes.seed({ contacts: [{ email: 'alan@example.com', first_name: 'Alan', last_name: 'Turing', permission_to_send: 'implicit', list_names: ['Customers'] }] });
		});

		// ---- 1. lists by name -------------------------------------------------------------------------
		await T('AI agent: Create or Update with the list given by name', async () => {
			const prompt = 'Please sign up ada.agent@example.com, first name Ada, for our Newsletter list.';
			const call = { Email: 'ada.agent@example.com', List_Names_or_IDs: 'Newsletter', First_Name: 'Ada' };
			stub.script(prompt, [
				() => ({ toolCalls: [{ name: toolName(UPSERT), args: call }] }),
				(messages) => ({ content: `Done: ${lastToolText(messages).slice(0, 200)}` }),
			]);
			const { res, completions, api, ms } = await ask('tools', prompt);
			agent.timings.byName = ms;
			checks.ok('agent by name: the webhook answers 200 with the agent\'s final answer', res.status === 200 && /^Done: /.test(res.body?.output ?? ''), { status: res.status, body: res.text.slice(0, 400) });
			checks.eq('agent by name: n8n called the model twice (tool call, then the answer)', completions.length, 2);
			const first = completions[0]?.body ?? {};
			const tools = first.tools ?? [];
			const upsert = tools.find((t) => t.function?.name === toolName(UPSERT));
			const send = tools.find((t) => t.function?.name === toolName(SEND));
			agent.tools = { upsert, send };
			checks.eq('agent: n8n offered both tools, named after their nodes', tools.map((t) => t.function?.name).sort(), [toolName(SEND), toolName(UPSERT)].sort());
			checks.eq("agent: the Create or Update tool's description is the node's tool description, with its side effect", upsert?.function?.description, toolDescriptionOf('contact', 'upsert'));
			checks.ok('agent: the model is told about the explicit permission', /explicit permission/.test(upsert?.function?.description ?? ''), upsert?.function?.description);
			checks.eq('agent: the Create or Update tool takes the three $fromAI parameters, all required',
				{ properties: Object.keys(upsert?.function?.parameters?.properties ?? {}).sort(), required: [...(upsert?.function?.parameters?.required ?? [])].sort() },
				{ properties: ['Email', 'First_Name', 'List_Names_or_IDs'], required: ['Email', 'First_Name', 'List_Names_or_IDs'] });
			const toolResult = parse(messageText(toolMessages(completions[1]?.body?.messages ?? [])[0]));
			const item = Array.isArray(toolResult) ? toolResult[0] : undefined;
			checks.ok('agent by name: the tool result n8n handed to the model is the contact, on the Newsletter list',
				item?.email === 'ada.agent@example.com' && (item?.list_memberships ?? []).includes(newsletter), toolResult);
			const ada = await contactByEmail('ada.agent@example.com');
			checks.ok('agent by name: the fake holds ada.agent@example.com, first name Ada, on Newsletter',
				ada?.first_name === 'Ada' && (ada?.list_memberships ?? []).includes(newsletter), ada && { first: ada.first_name, lists: ada.list_memberships });
			say(`by name: ${JSON.stringify(ms)} ms; API: ${api.join('; ')}`);
			checks.eq('agent by name: the tool read the lists once, wrote the contact and read it back',
				api.map((r) => r.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')),
				['GET /v3/contact_lists 200', 'POST /v3/contacts/sign_up_form 201']);
		});

		// ---- 2a. a mistaken e-mail address, recovered --------------------------------------------------
		await T('AI agent: a mistaken argument (e-mail without a domain) recovered after the error', async () => {
			const prompt = `Put alan@example.com on the Newsletter list (list ID ${newsletter}). Leave his name as it is.`;
			const bad = { Email: 'alan@', List_Names_or_IDs: newsletter, First_Name: '' };
			const good = { ...bad, Email: 'alan@example.com' };
			stub.script(prompt, [
				() => ({ toolCalls: [{ name: toolName(UPSERT), args: bad }] }),
				// The model reads the error n8n handed back and corrects the address it names.
				(messages) => (/not a valid e-mail address/.test(lastToolText(messages))
					? { toolCalls: [{ name: toolName(UPSERT), args: good }] }
					: { content: `stub: expected the node's error about the e-mail address, got ${lastToolText(messages).slice(0, 300)}` }),
				(messages) => ({ content: `Alan is on the Newsletter list now: ${lastToolText(messages).slice(0, 120)}` }),
			]);
			const { res, completions, api, ms } = await ask('tools', prompt);
			agent.timings.recovered = ms;
			checks.ok('agent recovered: the webhook answers 200 with the final answer', res.status === 200 && /^Alan is on the Newsletter list now/.test(res.body?.output ?? ''), { status: res.status, body: res.text.slice(0, 400) });
			checks.eq('agent recovered: three model calls (bad call, corrected call, answer)', completions.length, 3);
			const errorText = messageText(toolMessages(completions[1]?.body?.messages ?? [])[0]);
			const error = parse(errorText)?.[0];
			agent.recoveredError = error;
			checks.ok("agent recovered: the second model call holds a tool message with the node's error (continue on error)",
				/Email "alan@" is not a valid e-mail address/.test(error?.error ?? ''), errorText);
			checks.eq('agent recovered: only the corrected call reached Constant Contact (one sign-up-form write)',
				api.filter((r) => r.startsWith('POST /v3/contacts/sign_up_form')), ['POST /v3/contacts/sign_up_form 200']);
			const last = completions.at(-1);
			agent.transcript = transcript(last?.body?.messages ?? [], last?.answer);
			say(`recovered mistake, the conversation as the model saw it:\n${agent.transcript.map((l) => `      ${l}`).join('\n')}`);
			const alan = await contactByEmail('alan@example.com');
			checks.ok('agent recovered: the fake holds alan@example.com on Newsletter (and still on Customers)',
				[newsletter, customers].every((l) => (alan?.list_memberships ?? []).includes(l)), alan && { lists: alan.list_memberships });
			checks.ok("agent recovered: the model's empty First_Name left the first name as it was (Alan)", alan?.first_name === 'Alan', alan && { first: alan.first_name });
		});

		// ---- 2b. a misspelt list name, recovered from the close match the error names -----------------
		await T('AI agent: a misspelt list name recovered from the close match in the error', async () => {
			const prompt = 'Add grace.agent@example.com to the newsletter.';
			stub.script(prompt, [
				() => ({ toolCalls: [{ name: toolName(UPSERT), args: { Email: 'grace.agent@example.com', List_Names_or_IDs: 'Newsleter', First_Name: '' } }] }),
				(messages) => (/"?Newsletter"?/.test(lastToolText(messages))
					? { toolCalls: [{ name: toolName(UPSERT), args: { Email: 'grace.agent@example.com', List_Names_or_IDs: 'Newsletter', First_Name: '' } }] }
					: { content: `stub: the error named no close match: ${lastToolText(messages).slice(0, 300)}` }),
				(messages) => ({ content: `Added: ${lastToolText(messages).slice(0, 120)}` }),
			]);
			const { res, completions, api, ms } = await ask('tools', prompt);
			agent.timings.misspelt = ms;
			// Each tool call is a run of its own: each reads the lists (once), the failed one writes nothing.
			checks.eq('agent misspelt list: each of the two calls read the lists once; only the second wrote',
				api.map((r) => r.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')),
				['GET /v3/contact_lists 200', 'GET /v3/contact_lists 200', 'POST /v3/contacts/sign_up_form 201']);
			const errorText = messageText(toolMessages(completions[1]?.body?.messages ?? [])[0]);
			agent.misspeltError = parse(errorText)?.[0] ?? errorText;
			say(`misspelt list name: the tool result after the first call was ${errorText.slice(0, 400)}`);
			checks.ok('agent misspelt list: the first call failed with an error the model got (continue on error)', /"error"/.test(errorText), errorText);
			checks.ok('agent misspelt list: the error names the close match "Newsletter"', /Newsletter/.test(parse(errorText)?.[0]?.error ?? '') || /Newsletter/.test(parse(errorText)?.[0]?.description ?? ''), errorText);
			const grace = await contactByEmail('grace.agent@example.com');
			checks.ok('agent misspelt list: after the retry the fake holds grace.agent@example.com on Newsletter',
				res.status === 200 && (grace?.list_memberships ?? []).includes(newsletter), { status: res.status, lists: grace?.list_memberships });
			const last = completions.at(-1);
			agent.misspeltTranscript = transcript(last?.body?.messages ?? [], last?.answer);
			say(`misspelt list name, the conversation as the model saw it:\n${agent.misspeltTranscript.map((l) => `      ${l}`).join('\n')}`);
		});

		// ---- 3. a send operation: its description as the model got it, and the send ------------------
		await T('AI agent: Campaign → Send Now as a tool (its description, the send)', async () => {
			const prompt = `Send our spring news to the Newsletter list (list ID ${newsletter}) now.`;
			const call = { Campaign_Name: 'Agent spring news', Subject: 'Spring is here', HTML_Content: '<html><body><p>Spring is here.</p></body></html>', List_Names_or_IDs: newsletter };
			stub.script(prompt, [
				() => ({ toolCalls: [{ name: toolName(SEND), args: call }] }),
				(messages) => ({ content: `Sent: ${lastToolText(messages).slice(0, 200)}` }),
			]);
			const before = (await state()).campaigns.length;
			const { res, completions, ms } = await ask('tools', prompt);
			agent.timings.send = ms;
			checks.ok('agent send: the webhook answers 200 with the final answer', res.status === 200 && /^Sent: /.test(res.body?.output ?? ''), { status: res.status, body: res.text.slice(0, 400) });
			const send = (completions[0]?.body?.tools ?? []).find((t) => t.function?.name === toolName(SEND));
			agent.tools.send = send;
			const description = send?.function?.description ?? '';
			checks.eq("agent send: the model received the Send Now tool with the node's tool description", description, toolDescriptionOf('campaign', 'sendNow'));
			checks.ok('agent send: the description names the operation', /send/i.test(description) && /campaign/i.test(description) && /\bnow\b/i.test(description), description);
			checks.ok('agent send: the description says the send cannot be undone', /undo|undone|recall|irreversib/i.test(description), description);
			checks.eq('agent send: the Send Now tool takes its four $fromAI parameters, all required',
				[...(send?.function?.parameters?.required ?? [])].sort(), ['Campaign_Name', 'HTML_Content', 'List_Names_or_IDs', 'Subject']);
			const result = parse(messageText(toolMessages(completions[1]?.body?.messages ?? [])[0]))?.[0];
			checks.ok('agent send: the tool result is the new campaign, sent now to Newsletter', result?.send_now === true && JSON.stringify(result?.contact_list_ids) === JSON.stringify([newsletter]) && /^Agent spring news – /.test(result?.campaign_name ?? ''), result);
			await fakes.admin('POST', 'complete-sends', {});
			const s = await state();
			const activity = s.campaignActivities.find((a) => a.campaign_activity_id === result?.campaign_activity_id);
			const sentTo = (activity?.sent_contact_ids ?? []).map((id) => s.contacts.find((c) => c.contact_id === id)?.email_address?.address);
			checks.ok('agent send: the fake holds one new campaign, sent (DONE) to the Newsletter members, alan@example.com among them',
				s.campaigns.length === before + 1 && activity?.current_status === 'DONE' && sentTo.includes('alan@example.com'), { campaigns: s.campaigns.length - before, status: activity?.current_status, sentTo });
		});

		// ---- 4. the tool node's default error setting, and Stop Workflow ------------------------------
		// n8n 1.123 stops the workflow on a tool's error unless the tool node continues on error; n8n 2.x
		// (since n8n PR #31225) continues by default and hands the model the error message only (the
		// node, run as a tool, puts its description into the message), unless the node is explicitly
		// set to Stop Workflow.
		await T("AI agent: a bad argument with the tool node's default error setting, and with Stop Workflow", async () => {
			const run = async (key, email) => {
				const prompt = `Put ${email} on the Newsletter list (list ID ${newsletter}).`;
				stub.script(prompt, [
					() => ({ toolCalls: [{ name: toolName(UPSERT), args: { Email: email, List_Names_or_IDs: newsletter, First_Name: '' } }] }),
					(messages) => ({ content: `I could not add the contact: ${lastToolText(messages).slice(0, 200)}` }),
				]);
				const out = await ask(key, prompt);
				const error = out.execution?.data?.resultData?.error;
				const toolText = messageText(toolMessages(out.completions[1]?.body?.messages ?? [])[0]);
				return { ...out, error, toolText };
			};
			const stops = (r) => r.res.status >= 400 && r.completions.length === 1 && r.execution?.status === 'error' && /not a valid e-mail address/.test(r.error?.message ?? '');

			const byDefault = await run('default', 'bob@');
			agent.defaultSetting = byDefault.completions.length > 1 ? { handedToModel: byDefault.toolText } : { stopped: byDefault.error?.message };
			say(`default error setting: ${JSON.stringify(agent.defaultSetting)}`);
			if (major < 2) {
				checks.ok('agent default setting (n8n 1.x): the bad argument ends the workflow; the model was called once and never saw the error',
					stops(byDefault), { status: byDefault.res.status, completions: byDefault.completions.length, execution: byDefault.execution?.status, error: byDefault.error?.message });
			} else {
				// n8n hands on the message alone; run as a tool, the node puts its hint into the message.
				checks.ok('agent default setting (n8n 2.x): the workflow goes on and the model gets the error message, which holds how to fix it',
					byDefault.res.status === 200 && byDefault.completions.length === 2 && isDeepStrictEqual(parse(byDefault.toolText), [{ error: 'Email "bob@" is not a valid e-mail address. Use the form name@example.com.' }]),
					{ status: byDefault.res.status, completions: byDefault.completions.length, toolText: byDefault.toolText });
			}
			checks.eq('agent default setting: nothing was written to Constant Contact', byDefault.api.filter((r) => !r.startsWith('GET ')), []);

			const stopped = await run('stop', 'carol@');
			agent.stopSetting = stopped.error?.message;
			checks.ok('agent Stop Workflow: the bad argument ends the workflow with the node\'s message; the model was called once',
				stops(stopped), { status: stopped.res.status, completions: stopped.completions.length, execution: stopped.execution?.status, error: stopped.error?.message });
			checks.eq('agent Stop Workflow: nothing was written to Constant Contact', stopped.api.filter((r) => !r.startsWith('GET ')), []);
		});

		// ---- what n8n sent: the tools entries, quoted for the README ------------------------------------
		for (const [label, entry] of [['Create or Update', agent.tools?.upsert], ['Send Now', agent.tools?.send]]) {
			say(`the tools entry n8n sent for ${label}:\n${JSON.stringify(entry, null, 2).split('\n').map((l) => `      ${l}`).join('\n')}`);
		}
		checks.eq('agent: the stub got only the requests n8n\'s OpenAI Chat Model makes (credential test, chat completions)',
			[...new Set(stub.requests.map((r) => `${r.method} ${r.path} ${r.answer?.status}`))].sort(), ['GET /v1/models 200', 'POST /v1/chat/completions 200']);
	} finally {
		await stub?.stop();
	}
}
