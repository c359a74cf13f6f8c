// A stand-in for OpenAI's API on 127.0.0.1 (plain node:http), for n8n's OpenAI Chat Model in the
// AI Agent end-to-end test (agent.mjs). It records every request as n8n sent it (the `tools` array
// included) and answers chat completions from a script: the conversation is found by its user
// message, and the script's turn for it returns tool calls or a final answer.
//
//   const stub = await startOpenAiStub();
//   stub.script('Add ada@example.com to Newsletter', [
//     () => ({ toolCalls: [{ name: 'Constant_Contact', args: { Email: 'ada@example.com' } }] }),
//     (messages) => ({ content: 'Done.' }),
//   ]);
//   … credential url: stub.baseUrl (…/v1) …
//   stub.requests  // [{ method, path, body, authorization, at, answer }]
//   await stub.stop();
//
// Routes: GET /v1/models (the credential test and the model list), POST /v1/chat/completions.
// Everything else answers 404 with an OpenAI-style error and is recorded too, so that a test sees it
// (e.g. POST /v1/responses when the Chat Model's "Use Responses API" is on).
import { createServer } from 'node:http';

export const STUB_MODEL = 'gpt-4o-mini';
export const STUB_API_KEY = 'sk-stub-not-a-real-key-0123456789';

const openAiError = (message, type = 'invalid_request_error') => ({ error: { message, type, param: null, code: null } });

/** The text of a chat message's content (a string, or an array of text parts). */
export function messageText(message) {
	const content = message?.content;
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((part) => (typeof part === 'string' ? part : part?.text ?? '')).join('');
	return '';
}

/**
 * @returns {Promise<{ url: string, baseUrl: string, requests: object[], script: Function, stop: Function }>}
 */
export async function startOpenAiStub() {
	/** @type {Map<string, Array<(messages: object[], request: object) => object>>} prompt → turns */
	const scripts = new Map();
	const requests = [];
	let completionCount = 0;

	const answerCompletion = (body) => {
		const messages = Array.isArray(body?.messages) ? body.messages : [];
		const users = messages.filter((m) => m.role === 'user');
		const prompt = messageText(users[users.length - 1]).trim();
		const turns = scripts.get(prompt);
		if (!turns) return { status: 400, json: openAiError(`stub: no script for the user message ${JSON.stringify(prompt.slice(0, 200))}`) };
		// One turn per model call: the number of tool results already in the conversation.
		const turn = messages.filter((m) => m.role === 'tool').length;
		const step = turns[Math.min(turn, turns.length - 1)];
		const next = step(messages, body);
		completionCount++;
		const message = { role: 'assistant', content: next.content ?? null, refusal: null };
		if (next.toolCalls?.length) {
			message.tool_calls = next.toolCalls.map((call, n) => ({
				id: `call_${completionCount}_${n + 1}`,
				type: 'function',
				function: { name: call.name, arguments: JSON.stringify(call.args ?? {}) },
			}));
		}
		return {
			status: 200,
			json: {
				id: `chatcmpl-stub-${completionCount}`,
				object: 'chat.completion',
				created: Math.floor(Date.now() / 1000),
				model: body?.model ?? STUB_MODEL,
				choices: [{ index: 0, message, logprobs: null, finish_reason: message.tool_calls ? 'tool_calls' : 'stop' }],
				usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
			},
		};
	};

	const server = createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			let body;
			try {
				body = raw ? JSON.parse(raw) : undefined;
			} catch {
				body = raw;
			}
			const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.replace(/\/+$/, '');
			const entry = { method: req.method, path, body, authorization: req.headers.authorization ?? '', at: Date.now() };
			let answer;
			try {
				if (req.method === 'GET' && path === '/v1/models') {
					answer = { status: 200, json: { object: 'list', data: [{ id: STUB_MODEL, object: 'model', created: 1700000000, owned_by: 'stub' }] } };
				} else if (req.method === 'POST' && path === '/v1/chat/completions') {
					answer = body?.stream
						? { status: 400, json: openAiError('stub: streaming is not implemented') }
						: answerCompletion(body);
				} else {
					answer = { status: 404, json: openAiError(`stub: ${req.method} ${path} is not implemented`) };
				}
			} catch (error) {
				answer = { status: 400, json: openAiError(`stub: the script failed: ${error?.message ?? error}`) };
			}
			entry.answer = answer;
			requests.push(entry);
			res.writeHead(answer.status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(answer.json));
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const url = `http://127.0.0.1:${server.address().port}`;
	return {
		url,
		baseUrl: `${url}/v1`,
		requests,
		/** The chat-completion requests, in order. */
		completions: () => requests.filter((r) => r.path === '/v1/chat/completions'),
		/** Script a conversation: `turns[n]` answers the model call that follows n tool results. */
		script: (prompt, turns) => scripts.set(prompt.trim(), turns),
		stop: () => new Promise((resolve) => {
			server.closeAllConnections?.();
			server.close(() => resolve());
		}),
	};
}
