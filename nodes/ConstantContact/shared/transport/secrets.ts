/**
 * The secret values a run must never hand on: the credential's access token (the current one and
 * those used before a refresh), refresh token and client secret. Learnt whenever the transport
 * reads the credential, kept per execution context, and used to scrub every error and answer.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { Scrubber } from './redaction';
import type { CcContext } from './settings';
import { CREDENTIAL_TYPE } from './settings';

const byContext = new WeakMap<object, Scrubber>();

/** The scrubber of this run (patterns only until the credential has been read). */
export function scrubberFor(ctx: object): Scrubber {
	let scrubber = byContext.get(ctx);
	if (!scrubber) {
		scrubber = new Scrubber();
		byContext.set(ctx, scrubber);
	}
	return scrubber;
}

/** Notes the secrets of credential data as read now. */
export function learnSecrets(ctx: object, credentials: ICredentialDataDecryptedObject | object | undefined): Scrubber {
	const scrubber = scrubberFor(ctx);
	if (!credentials) return scrubber;
	const data = credentials as IDataObject;
	const token = (data.oauthTokenData ?? {}) as IDataObject;
	scrubber.add(token.access_token, token.refresh_token, token.id_token, data.clientSecret);
	return scrubber;
}

/** Reads the credential again (after a refresh it holds the new tokens) and learns its secrets. */
export async function relearnSecrets(ctx: CcContext): Promise<Scrubber> {
	try {
		return learnSecrets(ctx, await ctx.getCredentials(CREDENTIAL_TYPE));
	} catch {
		return scrubberFor(ctx);
	}
}

/**
 * The last guard on every way out of the node (an execution's error, a Continue On Fail item, a
 * poll's error, a picker's error): scrubs the error in place, in every part n8n shows, stores
 * or logs (message, description, stack, messages, context, errorResponse, extra), and drops a
 * cause it cannot vouch for.
 */
export async function guardError<E>(ctx: CcContext, error: E): Promise<E | Error> {
	const scrub = await relearnSecrets(ctx);
	if (!(error instanceof Error)) return new Error(scrub.text(String(error)));
	const e = error as Error & IDataObject;
	e.message = scrub.text(e.message);
	if (typeof e.stack === 'string') e.stack = scrub.text(e.stack);
	if (typeof e.description === 'string') e.description = scrub.text(e.description);
	if (Array.isArray(e.messages)) e.messages = e.messages.map((m) => (typeof m === 'string' ? scrub.text(m) : scrub.deep(m)));
	for (const key of ['context', 'errorResponse', 'extra', 'tags'] as const) {
		if (e[key] !== undefined) e[key] = scrub.deep(e[key]);
	}
	if (e.cause !== undefined) e.cause = e.cause instanceof Error ? undefined : scrub.deep(e.cause);
	return e;
}

type Method<C, A extends unknown[], R> = (this: C, ...args: A) => Promise<R>;

/** A picker or dropdown method whose errors pass `guardError`. */
export function guarded<C extends CcContext, A extends unknown[], R>(method: Method<C, A, R>): Method<C, A, R> {
	return async function (this: C, ...args: A): Promise<R> {
		try {
			return await method.apply(this, args);
		} catch (error) {
			throw await guardError(this, error);
		}
	};
}
