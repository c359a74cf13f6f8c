/**
 * Constant Contact's bulk endpoints (`/activities/...`), and the deletes of lists and tags, only
 * queue a job: the change happens later. `runActivity` sends the request that starts the job
 * and, if asked, waits until it is finished and reports the rows it could not do.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { CcRequest } from './transport';
import { constantContactApiRequest } from './transport';

export const activitySettings = {
	firstPollMs: 1_000,
	maxPollMs: 10_000,
	/** Give up waiting (the job goes on at Constant Contact) after this long. */
	maxWaitMs: 120_000,
};

const FINISHED = ['completed', 'cancelled', 'failed', 'timed_out'];

function activityErrors(activity: IDataObject): string[] {
	const raw = (activity.activity_errors as unknown[] | undefined) ?? [];
	return raw.map((e) =>
		typeof e === 'string' ? e : String((e as IDataObject)?.message ?? JSON.stringify(e)),
	);
}

export async function runActivity(
	ctx: IExecuteFunctions,
	i: number,
	request: CcRequest,
	wait: boolean,
): Promise<IDataObject> {
	let activity = await constantContactApiRequest.call(ctx, { ...request, itemIndex: i });
	if (!wait) return activity;

	const id = String(activity.activity_id ?? '');
	let waited = 0;
	let delay = activitySettings.firstPollMs;
	while (!FINISHED.includes(String(activity.state))) {
		if (waited >= activitySettings.maxWaitMs) {
			throw new NodeOperationError(ctx.getNode(), `Item ${i}: Constant Contact has not finished the job yet`, {
				itemIndex: i,
				description: `Activity ${id} is still "${String(activity.state)}" after ${Math.round(waited / 1000)} s. It goes on in Constant Contact; turn off "Wait for Completion" to continue without waiting.`,
			});
		}
		await sleep(delay);
		waited += delay;
		delay = Math.min(delay * 2, activitySettings.maxPollMs);
		activity = await constantContactApiRequest.call(ctx, {
			method: 'GET',
			path: `/activities/${id}`,
			itemIndex: i,
		});
	}

	const errors = activityErrors(activity);
	if (activity.state !== 'completed' || errors.length) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Item ${i}: Constant Contact could not complete the job (${String(activity.state)})`,
			{
				itemIndex: i,
				description: `Activity ${id}: ${errors.join('; ') || 'no details given'}`,
			},
		);
	}
	return activity;
}
