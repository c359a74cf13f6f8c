/**
 * Errors a workflow builder can act on: plain message, what to do, where it happened, and
 * Constant Contact's own error keys and messages, all scrubbed of secrets.
 */
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { Failure } from './failures';
import { parseErrorBody } from './failures';
import { shorten } from './origin';
import type { Scrubber } from './redaction';
import type { CcRequest } from './settings';
import { describeRequest } from './settings';

function msUntilUtcMidnight(now = new Date()): number {
	const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
	return next - now.getTime();
}

function formatDuration(ms: number): string {
	const minutes = Math.ceil(ms / 60_000);
	const h = Math.floor(minutes / 60);
	const m = minutes % 60;
	return h > 0 ? `${h} h ${m} min` : `${m} min`;
}

const STATUS_TEXT: Record<number, string> = {
	400: 'Constant Contact rejected the request as invalid',
	401: 'Constant Contact did not accept the connection (HTTP 401)',
	403: 'Constant Contact refused access (HTTP 403)',
	404: 'Constant Contact could not find what was asked for',
	405: 'Constant Contact does not allow this action here',
	409: 'Constant Contact reported a conflict with existing data',
	415: 'Constant Contact refused the request format',
	429: 'Constant Contact kept answering "too many requests"',
	500: 'Constant Contact had an internal problem',
	502: "Constant Contact's gateway answered 502 (bad gateway)",
	503: 'Constant Contact is temporarily unavailable',
	504: 'Constant Contact did not answer in time (gateway timeout)',
};

export const STATUS_ADVICE: Record<number, string> = {
	401: 'n8n already tried to renew the access token. Reconnect the credential if this persists.',
	403: 'The connected Constant Contact user lacks a permission (scope or user privilege) for this action, or the application was deactivated. Use Account → Get User Privileges to see what the user may do, and reconnect the credential so that all scopes are granted.',
	404: 'Check the ID: it may be mistyped, deleted, or belong to another Constant Contact account. The matching Get Many operation lists the IDs that exist.',
	429: 'The limit is 4 requests per second per Constant Contact application, shared by every workflow using it. Run fewer workflows at once or use bulk operations.',
	500: 'This is usually temporary. Try again in a few minutes.',
	502: 'This is usually temporary. Try again in a few minutes.',
	503: 'This is usually temporary. Try again in a few minutes.',
	504: 'This is usually temporary. Try again in a few minutes.',
};

/** Where the IDs of each kind that a person picks are listed. */
const FINDERS: Record<string, string> = { list: 'List → Get Many', tag: 'Tag → Get Many', 'custom field': 'Custom Field → Get Many' };

/**
 * Constant Contact names a picked ID it does not know ("tag … does not exist"): a dropdown keeps
 * IDs, which go stale when the item is deleted or the credential is reconnected to another
 * account. Says to pick it again, as the name path says which names there are.
 */
function staleIdHint(ccText: string): string | undefined {
	const m = /\b(list|tag|custom field) ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}) does not exist/i.exec(ccText);
	if (!m) return undefined;
	const kind = m[1].toLowerCase();
	return `The ${kind} ${m[2]} is not in this Constant Contact account: it was deleted, or the credential now connects to another account (after it was connected again). Pick it again from the dropdown, or give its name; ${FINDERS[kind]} lists them all.`;
}

export function apiError(
	node: INode,
	scrub: Scrubber,
	req: CcRequest,
	f: Failure,
	extra: { message?: string; description?: string } = {},
): NodeApiError {
	const body = scrub.deep(f.body);
	const entries = parseErrorBody(body);
	const ccText = entries
		.map((e) => e.error_message)
		.filter((m): m is string => !!m)
		.join('; ');
	const status = f.status;
	let message = extra.message;
	if (!message) {
		const base =
			(status !== undefined && (req.hints?.[status] ?? STATUS_TEXT[status])) ||
			(status === undefined ? 'Could not reach Constant Contact' : `Constant Contact answered with HTTP ${status}`);
		message = ccText && !req.hints?.[status ?? 0] ? `${base}: ${shorten(ccText, 300)}` : base;
	}
	const keys = entries.map((e) => [e.error_key, e.error_message].filter(Boolean).join(': ')).filter(Boolean);
	const where = describeRequest(req);
	const description = [
		extra.description ?? staleIdHint(ccText) ?? (status !== undefined ? STATUS_ADVICE[status] : undefined),
		status !== undefined ? `HTTP ${status} for ${where}.` : `${where}: ${f.code ?? f.message}.`,
		keys.length ? `Constant Contact said: ${shorten(keys.join(' | '), 1000)}` : undefined,
	]
		.filter(Boolean)
		.join(' ');
	return new NodeApiError(
		node,
		{ httpCode: status !== undefined ? String(status) : '', body: body ?? null } as JsonObject,
		{
			message: scrub.text(message),
			description: scrub.text(description),
			httpCode: status !== undefined ? String(status) : undefined,
			itemIndex: req.itemIndex,
		},
	);
}

export function dailyQuotaError(node: INode, scrub: Scrubber, req: CcRequest, f: Failure): NodeApiError {
	return apiError(node, scrub, req, f, {
		message: "Constant Contact's daily limit of 10,000 requests for this application is used up",
		description: `Nothing more can be sent until the limit resets at midnight UTC (in about ${formatDuration(
			msUntilUtcMidnight(),
		)}). The limit is per Constant Contact application and shared by every workflow using it; bulk operations use far fewer requests.`,
	});
}

export function redirectError(node: INode, scrub: Scrubber, req: CcRequest, f: Failure): NodeApiError {
	return apiError(node, scrub, req, f, {
		message: `Constant Contact answered with a redirect (HTTP ${f.status}), which the node does not follow`,
		description: `The answer pointed at "${scrub.text(shorten(f.location ?? 'nowhere'))}". The node sends the access token only to the credential's API address and never follows redirects, so nothing was sent there. If this persists, check the credential's API address.`,
	});
}

export function reconnectError(node: INode, itemIndex?: number): NodeApiError {
	return new NodeApiError(
		node,
		{ error: 'invalid_grant' },
		{
			message: 'The Constant Contact connection has expired: reconnect the credential',
			description:
				'Constant Contact refused to renew access (invalid_grant). This happens when the refresh token was already used by another run (Constant Contact\'s default "Rotating" refresh tokens are single-use; choose "Long Lived" in the developer portal), when it went unused for 180 days, or when access was revoked. Open the Constant Contact credential in n8n and connect it again ("Reconnect" in n8n 1.x, "Switch account" in n8n 2.x).',
			httpCode: '401',
			itemIndex,
		},
	);
}

export function invalidClientError(node: INode, itemIndex?: number): NodeApiError {
	return new NodeApiError(
		node,
		{ error: 'invalid_client' },
		{
			message: "Constant Contact's sign-in server did not accept the credential's Client ID or Client Secret",
			description:
				'Renewing access failed with invalid_client. Check the credential\'s Client ID (the application\'s API Key) and Client Secret in the Constant Contact developer portal (a regenerated secret replaces the old one), save them in the credential, and reconnect.',
			httpCode: '401',
			itemIndex,
		},
	);
}

export function notConnectedError(node: INode, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(node, 'The Constant Contact credential is not connected yet', {
		description:
			'Open the credential and connect it: click "Connect my account" (n8n 1.x) or "Connect" (n8n 2.x) and sign in to Constant Contact once. After a Disconnect the credential must be connected again.',
		itemIndex,
	});
}

export function tokenBusyError(node: INode, attempts: number, itemIndex?: number): NodeApiError {
	return new NodeApiError(node, { error: 'rate_limited' }, {
		message: "Constant Contact's sign-in server kept refusing to renew access (too many requests)",
		description: `Constant Contact allows one token renewal per second. Gave up after ${attempts} attempts; run the workflow again.`,
		itemIndex,
	});
}

export function unsafeRequestError(node: INode, scrub: Scrubber, error: { message: string; description: string }, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(node, scrub.text(error.message), { description: scrub.text(error.description), itemIndex });
}

export function unexpectedAnswer(node: INode, scrub: Scrubber, req: CcRequest, problem: string): NodeOperationError {
	return new NodeOperationError(node, "Constant Contact's answer has an unexpected shape", {
		description: scrub.text(`${describeRequest(req)}: ${problem}. Nothing was handed on from this answer; if it persists, check the credential's API address.`),
		itemIndex: req.itemIndex,
	});
}
