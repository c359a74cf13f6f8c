/**
 * One request to Constant Contact: to the credential's API address only, signed by n8n
 * (`httpRequestWithAuthentication` adds the bearer token and renews it on a 401), paced by the
 * rate limiter, retried when that is safe, and failing with an error that holds no secret.
 */
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import {
	apiError,
	dailyQuotaError,
	invalidClientError,
	notConnectedError,
	reconnectError,
	redirectError,
	STATUS_ADVICE,
	tokenBusyError,
	unexpectedAnswer,
	unsafeRequestError,
} from './errors';
import { clock } from './clock';
import type { Failure } from './failures';
import {
	answerFailure,
	invalidClient,
	isDailyQuota,
	isThrottle,
	isTransient,
	needsReconnect,
	neverSent,
	notConnected,
	readFailure,
	tokenEndpointBusy,
} from './failures';
import { holdBack, processesOf, succeeded, throttled, waitForSlot } from './limiter';
import type { ApiOrigin } from './origin';
import { UnsafeRequestError, apiOrigin, checkInside, shorten } from './origin';
import { UnknownOutcome } from './outcome';
import type { Scrubber } from './redaction';
import { learnSecrets, relearnSecrets } from './secrets';
import type { CcContext, CcRequest, CcResponse } from './settings';
import { CREDENTIAL_TYPE, describeRequest, plan, transportSettings } from './settings';

/** How far Constant Contact's clock may be behind n8n's when judging who created a record. */
const CLOCK_SKEW_MS = 2 * 60_000;

/**
 * For `recoverConflict`: whether a record Constant Contact reports was created since the first
 * attempt of the request (so that attempt made it), rather than existing before.
 */
export function createdSince(record: IDataObject | undefined, firstAttemptAt: number): boolean {
	const createdAt = Date.parse(String(record?.created_at ?? ''));
	return createdAt >= firstAttemptAt - CLOCK_SKEW_MS;
}

/**
 * For `recoverConflict`: whether a record found after a lost answer is what the request asked
 * for: every value sent is in the record (texts compared trimmed and without regard to case,
 * lists as subsets). A record that differs was made by someone else: a real conflict.
 */
export function matchesSent(record: unknown, sent: unknown, skip: string[] = []): boolean {
	if (sent === undefined || sent === null || sent === '') return true;
	if (Array.isArray(sent)) {
		const have = Array.isArray(record) ? record : [];
		return sent.every((want) => have.some((got) => matchesSent(got, want, skip)));
	}
	if (typeof sent === 'object') {
		if (!record || typeof record !== 'object' || Array.isArray(record)) return false;
		return Object.entries(sent as IDataObject).every(
			([key, want]) => skip.includes(key) || matchesSent((record as IDataObject)[key], want, skip),
		);
	}
	if (typeof sent === 'string') return String(record ?? '').trim().toLowerCase() === sent.trim().toLowerCase();
	return record === sent;
}

/** Requests sent (attempts included) per execution context: what a run cost of the daily quota. */
const sentByContext = new WeakMap<object, number>();

export function requestsSent(ctx: CcContext): number {
	return sentByContext.get(ctx) ?? 0;
}

/** Waits after throttles per node run (execution context): what `throttleBudgetMs` limits. */
const throttleWaitByContext = new WeakMap<object, number>();

/** The credential's API address, its secrets learnt for scrubbing, the rate-limit key and starting pace. */
export async function apiContext(ctx: CcContext): Promise<{ api: ApiOrigin; scrub: Scrubber; appKey: string; processes: number }> {
	const node = ctx.getNode();
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	const scrub = learnSecrets(ctx, credentials);
	const appKey = String(credentials.clientId ?? node.credentials?.[CREDENTIAL_TYPE]?.id ?? 'default');
	return { api: apiOrigin(node, credentials), scrub, appKey, processes: processesOf(credentials.processesSharingApp) };
}

/** Turns a refused link or ID into the node's error, naming the item. */
export function refuse(ctx: CcContext, scrub: Scrubber, error: unknown, itemIndex?: number): never {
	if (error instanceof UnsafeRequestError) throw unsafeRequestError(ctx.getNode(), scrub, error, itemIndex);
	throw error;
}

function backoffDelay(attempt: number): number {
	const exp = Math.min(transportSettings.backoffMaxMs, transportSettings.backoffBaseMs * 2 ** attempt);
	// Full jitter in the upper half: spreads concurrent executions apart.
	return Math.round(exp / 2 + Math.random() * (exp / 2));
}

interface Answer {
	statusCode?: number;
	body?: unknown;
	headers?: IDataObject;
}

/**
 * Never lets n8n follow a redirect, and asks it to hand back every status but 401 as an answer,
 * so that Constant Contact's error body is read the same way on n8n 1.x and 2.x (1.x drops it
 * from the errors it throws). A 401 still throws on 2.x, where n8n then renews the token and
 * repeats the request; 1.x hands it back, so the request is sent once more with status errors on,
 * the path on which 1.x renews.
 */
async function send(ctx: CcContext, options: IHttpRequestOptions, appKey: string, processes: number, req: CcRequest): Promise<Answer> {
	const first = (await clock.during(
		ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, {
			...options,
			headers: { ...options.headers },
			ignoreHttpStatusErrors: { ignore: true, except: [401] },
		} as IHttpRequestOptions),
	)) as Answer;
	if (Number(first?.statusCode) !== 401) return first;
	await waitForSlot(appKey, req, processes);
	sentByContext.set(ctx, requestsSent(ctx) + 1);
	return (await clock.during(
		ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, {
			...options,
			headers: { ...options.headers },
			ignoreHttpStatusErrors: false,
		}),
	)) as Answer;
}

/** Why an answer does not have the shape the request expects, or undefined when it does. */
export function shapeProblem(req: CcRequest, statusCode: number, body: unknown): string | undefined {
	const expect = req.expect ?? (req.method === 'DELETE' ? 'none' : 'json');
	if (expect === 'none') return undefined;
	const isObject = !!body && typeof body === 'object' && !Array.isArray(body);
	if (expect === 'array') return Array.isArray(body) ? undefined : `expected a list, got ${describeBody(statusCode, body)}`;
	if (expect === 'json') return isObject || Array.isArray(body) ? undefined : `expected JSON, got ${describeBody(statusCode, body)}`;
	if (!isObject) return `expected a JSON object, got ${describeBody(statusCode, body)}`;
	if (expect === 'object') return undefined;
	const id = (body as IDataObject)[expect.idKey];
	if ((typeof id === 'string' && id.trim() !== '') || (typeof id === 'number' && Number.isFinite(id))) return undefined;
	return `expected a record with "${expect.idKey}", got ${describeBody(statusCode, body)}`;
}

function describeBody(statusCode: number, body: unknown): string {
	if (body === undefined || body === null || body === '') return `an empty answer (HTTP ${statusCode})`;
	if (typeof body === 'string') return `text (HTTP ${statusCode}): "${shorten(body.trim(), 60)}"`;
	return `HTTP ${statusCode} with ${shorten(body, 120)}`;
}

/** A write whose outcome cannot be told: the item's output says so and what to check. */
function unknownOutcome(req: CcRequest, scrub: Scrubber, reason: string): UnknownOutcome {
	const where = describeRequest(req);
	return new UnknownOutcome({
		message: req.unknown
			? `Constant Contact may have ${req.unknown.what}, but its answer was lost or unreadable`
			: `Constant Contact may have carried out ${where}, but its answer was lost or unreadable`,
		check: req.unknown?.check ?? 'Check in Constant Contact whether the change was made before running this item again: running it again could make it twice.',
		reason: scrub.text(reason),
		request: scrub.text(where),
		identify: req.unknown?.identify ? scrub.deep(req.unknown.identify) : undefined,
	});
}

function failureText(f: Failure): string {
	return f.status !== undefined ? `HTTP ${f.status}` : (f.code ?? f.message) || 'no answer';
}

/** One request with rate limiting, retries and error mapping; returns status and body. */
export async function constantContactRequestFull(this: CcContext, req: CcRequest): Promise<CcResponse> {
	const node = this.getNode();
	const { api, scrub, appKey, processes } = await apiContext(this);
	let url: string;
	try {
		url = checkInside(api, req.url ?? `${api.base}${req.path ?? ''}`, 'a request');
	} catch (error) {
		refuse(this, scrub, error, req.itemIndex);
	}
	const idempotent = req.idempotent ?? ['GET', 'PUT', 'DELETE', 'HEAD'].includes(req.method);

	const options: IHttpRequestOptions = {
		method: req.method,
		url,
		json: true,
		returnFullResponse: true,
		disableFollowRedirect: true,
		// An array in the query is the parameter repeated (bounce_code=B&bounce_code=D), as the spec's
		// collectionFormat multi wants; n8n's default would write bounce_code[0]=B.
		arrayFormat: 'repeat',
		timeout: transportSettings.requestTimeoutMs,
		headers: { Accept: 'application/json' },
	};
	if (req.qs && Object.keys(req.qs).length) options.qs = req.qs;
	if (req.body !== undefined) {
		options.body = req.body;
		options.headers = { ...options.headers, 'Content-Type': 'application/json' };
	}

	let waited = 0;
	/**
	 * Before giving up after an attempt whose answer was lost: whether that attempt made the record
	 * (then it is the answer), looked up once more; a look-up that fails makes the outcome unknown.
	 */
	const madeByLostAttempt = async (f: Failure): Promise<IDataObject | undefined> => {
		if (!lostAnswer || idempotent || !req.recoverConflict) return undefined;
		try {
			return await req.recoverConflict(firstAttemptAt);
		} catch {
			throw unknownOutcome(req, scrub, `${failureText(f)} after an attempt whose answer was lost`);
		}
	};
	let lostAnswer = false;
	let firstAttemptAt = 0;
	let throttles = 0;
	for (let attempt = 0, sent = 0; ; sent++) {
		const sentAt = await waitForSlot(appKey, req, processes);
		sentByContext.set(this, requestsSent(this) + 1);
		if (sent === 0) firstAttemptAt = Date.now();
		let f: Failure | undefined;
		let tokenBusy = false;
		let answer: Answer | undefined;
		try {
			answer = await send(this, options, appKey, processes, req);
		} catch (error) {
			if (notConnected(error)) throw notConnectedError(node, req.itemIndex);
			if (needsReconnect(error)) throw reconnectError(node, req.itemIndex);
			if (invalidClient(error)) throw invalidClientError(node, req.itemIndex);
			f = readFailure(error);
			tokenBusy = tokenEndpointBusy(error, f);
		}
		if (!f) {
			answer ??= {};
			const statusCode = Number(answer.statusCode ?? 200);
			if (statusCode >= 200 && statusCode < 300) {
				const body = answer.body;
				const problem = shapeProblem(req, statusCode, body);
				if (problem) {
					if (req.method !== 'GET') throw unknownOutcome(req, scrub, `Constant Contact's answer has an unexpected shape: ${problem}`);
					throw unexpectedAnswer(node, scrub, req, problem);
				}
				succeeded(appKey);
				const json = (body && typeof body === 'object' ? body : {}) as IDataObject;
				return {
					statusCode,
					body: scrub.holdsSecret(JSON.stringify(json)) ? scrub.deep(json) : json,
					afterLostAnswer: lostAnswer,
					firstAttemptAt,
				};
			}
			f = answerFailure(statusCode, answer.body, answer.headers);
		}
		// A refresh may have happened: its new token is a secret too.
		if (f.status === 401 || f.status === undefined) await relearnSecrets(this);

		if (f.status !== undefined && f.status >= 300 && f.status < 400) throw redirectError(node, scrub, req, f);

		if (f.status === 409) {
			const existing = await madeByLostAttempt(f);
			if (existing) return { statusCode: 200, body: existing };
		}

		if (f.status === 429 && isDailyQuota(f)) throw dailyQuotaError(node, scrub, req, f);
		if (f.status === 429 && isThrottle(f)) {
			// "Later", not a failure: the gateway refused it before doing anything (any method may
			// be sent again). The pace of this process is cut; the request waits its turn again,
			// within the run's throttle budget.
			const { wait, rate } = throttled(appKey, sentAt, backoffDelay(throttles++));
			const spent = throttleWaitByContext.get(this) ?? 0;
			if (spent + wait > transportSettings.throttleBudgetMs) {
				const existing = await madeByLostAttempt(f);
				if (existing) return { statusCode: 200, body: existing };
				throw apiError(node, scrub, req, f, {
					description: `${STATUS_ADVICE[429]} This run waited ${Math.round(spent / 1000)} s in all for Constant Contact to accept its requests (at most ${Math.round(transportSettings.throttleBudgetMs / 1000)} s per run) and gave up after ${sent + 1} attempts of this request.`,
				});
			}
			throttleWaitByContext.set(this, spent + wait);
			await clock.sleep(plan('backoff', wait, req, { throttled: true, rate }));
			continue;
		}

		let retry = false;
		if (tokenBusy) {
			retry = true;
		} else if (isTransient(f)) {
			lostAnswer = true;
			if (idempotent) retry = true;
			// A write that may have taken effect: repeated only when a repeat can find what the
			// first made (a 409 then leads to recoverConflict); otherwise its outcome is unknown.
			else if (req.recoverConflict) retry = true;
			else throw unknownOutcome(req, scrub, failureText(f));
		} else if (neverSent(f)) {
			retry = true;
		}

		const delay = backoffDelay(attempt);
		if (!retry || attempt + 1 >= transportSettings.maxAttempts || waited + delay > transportSettings.maxTotalRetryWaitMs) {
			// (A 409 was looked up above: what it found was not this request's, a real conflict.)
			const existing = f.status === 409 ? undefined : await madeByLostAttempt(f);
			if (existing) return { statusCode: 200, body: existing };
			if (tokenBusy) throw tokenBusyError(node, attempt + 1, req.itemIndex);
			// A write repeated because its answers were lost (a 5xx, a reset, a timeout) may have
			// taken effect at any attempt: the gateway can answer 502 or drop the connection after
			// Constant Contact did it. Its outcome is unknown, not failed.
			if (retry && lostAnswer && req.method !== 'GET') {
				throw unknownOutcome(req, scrub, `${failureText(f)} on each of ${attempt + 1} attempts`);
			}
			throw apiError(
				node,
				scrub,
				req,
				f,
				retry ? { description: `${STATUS_ADVICE[f.status ?? 0] ?? ''} Gave up after ${attempt + 1} attempts.`.trim() } : {},
			);
		}
		attempt++;
		if (tokenBusy) holdBack(appKey, delay);
		waited += delay;
		await clock.sleep(plan('backoff', delay, req));
	}
}

/** One request; returns the parsed JSON body (empty object for 204). */
export async function constantContactApiRequest(this: CcContext, req: CcRequest): Promise<IDataObject> {
	const { body } = await constantContactRequestFull.call(this, req);
	return body;
}
