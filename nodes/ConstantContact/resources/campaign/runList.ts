/**
 * The recipient list of ONE Send Now run (Contacts From Input Items). Constant Contact mails the
 * members a list has when it performs the send, so a list shared by runs lets one run's import
 * change who another run's campaign reaches. Each run therefore uses a list of its own, with a
 * name no other run can have ("n8n Send Now <time> <random>"), and deletes it once the send is
 * done. Lists of that kind older than `staleAfterMs` are left-overs of runs that stopped before
 * (n8n crashed, Wait Until Sent off): each run removes them, so the account stays far from
 * Constant Contact's 1,000-list ceiling. Nothing here depends on process memory: n8n's queue mode
 * may run two sends at the same moment in two workers.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { activityErrors, pollUntil, startActivity } from '../../shared/activities';
import { apiPath, constantContactApiRequest, redactText } from '../../shared/transport';
import { findListByName } from '../../shared/names';

export const RUN_LIST_PREFIX = 'n8n Send Now ';
const RUN_LIST_NAME = /^n8n Send Now (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,3})?Z) [0-9a-z]{8}$/;

export const runListSettings = {
	/** A run list older than this is a left-over (no run waits that long for its send). */
	staleAfterMs: 60 * 60_000,
	/** How long a run waits for Constant Contact to delete its list (a background job). */
	deleteWaitMs: 30_000,
	/** `GET /contact_lists?limit=`: one page holds every list of an account (at most 1,000). */
	listPageSize: 1000,
	/** `POST /activities/list_delete` takes at most 100 lists. */
	deleteBatch: 100,
};

/** A list name no other run has: the time of the run and 8 random letters or digits. */
export function runListName(now = Date.now()): string {
	let random = '';
	while (random.length < 8) random += Math.random().toString(36).slice(2);
	return `${RUN_LIST_PREFIX}${new Date(now).toISOString()} ${random.slice(0, 8)}`;
}

/** When the run that named a list started, if it is a run list. */
export function runListTime(name: unknown): number | undefined {
	const match = RUN_LIST_NAME.exec(String(name ?? ''));
	return match ? Date.parse(match[1]) : undefined;
}

export interface StaleLists {
	/** Left-over run lists found and handed to a delete job. */
	removed: number;
	note?: string;
}

/**
 * Removes run lists older than `staleAfterMs`: one read of the account's lists and, when there
 * are some, one bulk delete job (not waited for). Housekeeping: a failure is noted, never fatal.
 */
export async function removeStaleRunLists(ctx: IExecuteFunctions, i: number): Promise<StaleLists> {
	try {
		const page = await constantContactApiRequest.call(ctx, {
			method: 'GET',
			path: '/contact_lists',
			qs: { limit: runListSettings.listPageSize },
			itemIndex: i,
		});
		const cutoff = Date.now() - runListSettings.staleAfterMs;
		const stale = ((page.lists as IDataObject[] | undefined) ?? [])
			.filter((l) => {
				const at = runListTime(l.name);
				return at !== undefined && at < cutoff;
			})
			.map((l) => String(l.list_id));
		for (let start = 0; start < stale.length; start += runListSettings.deleteBatch) {
			// Deleting a list twice leaves the same state: safe to send again.
			await startActivity(
				ctx,
				i,
				{ method: 'POST', path: '/activities/list_delete', body: { list_ids: stale.slice(start, start + runListSettings.deleteBatch) }, idempotent: true },
				false,
			);
		}
		return { removed: stale.length };
	} catch (error) {
		return { removed: 0, note: `Left-over Send Now lists could not be checked (${redactText(String((error as Error).message ?? error))}); a later run tries again.` };
	}
}

/** Creates the run's list. The name is unique, so a 409 after an answer that got lost is this run's list. */
export async function createRunList(ctx: IExecuteFunctions, i: number): Promise<{ listId: string; name: string }> {
	const name = runListName();
	const created = await constantContactApiRequest.call(ctx, {
		method: 'POST',
		path: '/contact_lists',
		body: { name, description: 'Recipients of one n8n Send Now run; n8n deletes the list once the campaign is sent' },
		itemIndex: i,
		recoverConflict: async () => await findListByName(ctx, i, name),
	});
	return { listId: String(created.list_id), name };
}

/**
 * Deletes the run's list (Constant Contact runs the delete as a background job) and waits a
 * little for it. Answers true when Constant Contact finished it, else a note; never fails: a list
 * left behind is removed by a later run.
 */
export async function deleteRunList(ctx: IExecuteFunctions, i: number, listId: string): Promise<{ deleted: boolean; note?: string }> {
	try {
		const job = await startActivity(ctx, i, { method: 'DELETE', path: apiPath`/contact_lists/${listId}` }, false);
		const id = String(job.activity_id ?? '');
		const read = async () => await constantContactApiRequest.call(ctx, { method: 'GET', path: apiPath`/activities/${id}`, itemIndex: i });
		const polled = id
			? await pollUntil(job, (a) => ['completed', 'cancelled', 'failed', 'timed_out'].includes(String(a.state)), read, runListSettings.deleteWaitMs)
			: { value: job, done: false };
		if (polled.done && polled.value.state === 'completed' && activityErrors(polled.value).length === 0) return { deleted: true };
		const state = polled.done ? `ended ${String(polled.value.state)}${activityErrors(polled.value).length ? `: ${activityErrors(polled.value).join('; ')}` : ''}` : 'not finished yet';
		return { deleted: false, note: `Deleting the run's recipient list ${listId} ${state}; a later Send Now run removes it after ${Math.round(runListSettings.staleAfterMs / 60_000)} minutes.` };
	} catch (error) {
		// Gone already (an earlier attempt whose answer was lost went through).
		if (String((error as { httpCode?: unknown }).httpCode) === '404') return { deleted: true };
		return {
			deleted: false,
			note: `The run's recipient list ${listId} could not be deleted (${redactText(String((error as Error).message ?? error))}); a later Send Now run removes it after ${Math.round(runListSettings.staleAfterMs / 60_000)} minutes.`,
		};
	}
}
