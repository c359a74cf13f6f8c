/**
 * Constant Contact's bulk endpoints (`/activities/...`), and the deletes of lists and tags, only
 * queue a job: the change happens later. `runActivity` sends the request that starts the job
 * and, if asked, waits until it is finished and reports the rows it could not do.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CcRequest } from './transport';
import { apiPath, clock, constantContactApiRequest, UnknownOutcome, UnsafeRequestError } from './transport';

export const activitySettings = {
	firstPollMs: 1_000,
	maxPollMs: 10_000,
	/** Give up waiting (the job goes on at Constant Contact) after this long. */
	maxWaitMs: 120_000,
	/** Send Now to input items: how long to wait for Constant Contact to send the campaign. */
	maxSendWaitMs: 300_000,
};

const FINISHED = ['completed', 'cancelled', 'failed', 'timed_out'];

export function activityErrors(activity: IDataObject): string[] {
	const raw = (activity.activity_errors as unknown[] | undefined) ?? [];
	return raw.map((e) =>
		typeof e === 'string' ? e : String((e as IDataObject)?.message ?? JSON.stringify(e)),
	);
}

/**
 * Sends the request that starts a job and, if `wait`, polls it (with growing pauses) until it is
 * finished. Returns the activity as Constant Contact last reported it, errors included.
 */
export async function startActivity(
	ctx: IExecuteFunctions,
	i: number,
	request: CcRequest,
	wait: boolean,
): Promise<IDataObject> {
	const activity = await constantContactApiRequest.call(ctx, {
		expect: { idKey: 'activity_id' },
		unknown: { what: 'started the job', check: 'Look for a job of this kind started just now with Activity → Get Many before running this item again.' },
		...request,
		itemIndex: i,
	});
	if (!wait) return activity;

	const id = String(activity.activity_id ?? '');
	let polled: Awaited<ReturnType<typeof pollUntil<IDataObject>>> | undefined;
	let failure: unknown;
	try {
		polled = await pollUntil(
			activity,
			(a) => FINISHED.includes(String(a.state)),
			async () => await constantContactApiRequest.call(ctx, { method: 'GET', path: apiPath`/activities/${id}`, itemIndex: i, expect: { idKey: 'activity_id' } }),
			activitySettings.maxWaitMs,
		);
	} catch (error) {
		failure = error;
	}
	if (!polled) {
		// The job was accepted; only its result could not be read. (A refused ID in the answer is
		// a hostile answer, not an unclear one: it stays an error.)
		if (failure instanceof UnknownOutcome || failure instanceof UnsafeRequestError) throw failure;
		throw new UnknownOutcome({
			message: 'Constant Contact accepted the job, but its result could not be read',
			check: `Look the job up with Activity → Get (ID ${id}) to see whether it completed before running this item again.`,
			reason: (failure as Error)?.message,
			request: `${request.method} ${request.path ?? ''}`,
			identify: { activity_id: id },
		});
	}
	if (!polled.done) {
		throw new NodeOperationError(ctx.getNode(), `Constant Contact has not finished the job yet`, {
			itemIndex: i,
			description: `Activity ${id} is still "${String(polled.value.state)}" after ${Math.round(polled.waitedMs / 1000)} s. It goes on in Constant Contact; turn off "Wait for Completion" to continue without waiting.`,
		});
	}
	return polled.value;
}

/**
 * Reads again (with growing pauses: `firstPollMs`, doubling up to `maxPollMs`) until `done` says
 * so or `maxWaitMs` has passed. Answers the last value read and whether it is done.
 */
export async function pollUntil<T>(
	first: T,
	done: (value: T) => boolean,
	read: () => Promise<T>,
	maxWaitMs: number,
): Promise<{ value: T; done: boolean; waitedMs: number }> {
	let value = first;
	let waitedMs = 0;
	let delay = activitySettings.firstPollMs;
	while (!done(value)) {
		if (waitedMs >= maxWaitMs) return { value, done: false, waitedMs };
		await clock.sleep(delay);
		waitedMs += delay;
		delay = Math.min(delay * 2, activitySettings.maxPollMs);
		value = await read();
	}
	return { value, done: true, waitedMs };
}

/** The error to report for a finished job that failed or has row errors; undefined if it went well. */
export function activityFailure(ctx: IExecuteFunctions, i: number, activity: IDataObject): NodeOperationError | undefined {
	const errors = activityErrors(activity);
	if (activity.state === 'completed' && errors.length === 0) return undefined;
	return new NodeOperationError(
		ctx.getNode(),
		`Constant Contact could not complete the job (${String(activity.state)})`,
		{
			itemIndex: i,
			description: `Activity ${String(activity.activity_id ?? '')}: ${errors.join('; ') || 'no details given'}`,
		},
	);
}

/** `startActivity`, failing when a job it waited for did not fully succeed. */
export async function runActivity(
	ctx: IExecuteFunctions,
	i: number,
	request: CcRequest,
	wait: boolean,
): Promise<IDataObject> {
	const activity = await startActivity(ctx, i, request, wait);
	const failure = wait ? activityFailure(ctx, i, activity) : undefined;
	if (failure) throw failure;
	return activity;
}

/** Deletes that Constant Contact runs as a job (lists, tags): the outcome as one item. */
export async function deleteInBackground(
	ctx: IExecuteFunctions,
	i: number,
	target: { path: string; idKey: string; id: string; notFound: string },
	wait: boolean,
): Promise<IDataObject> {
	const activity = await runActivity(ctx, i, { method: 'DELETE', path: target.path, hints: { 404: target.notFound } }, wait);
	return {
		deleted: activity.state === 'completed',
		[target.idKey]: target.id,
		activity_id: activity.activity_id,
		state: activity.state,
	};
}
