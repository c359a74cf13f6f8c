/**
 * Batch mode of the bulk operations: many items' contacts in as few Constant Contact jobs as
 * possible (a job takes up to 500 contact IDs), each item still getting its own result.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { activityErrors, startActivity } from './activities';
import type { ContactRef } from './contact';
import { locateContact } from './contact';
import type { CcRequest } from './transport';
import { UnknownOutcome } from './transport';

/** Contact IDs per bulk job (`source.contact_ids` / `contact_ids` accept at most 500). */
export const CONTACTS_PER_JOB = 500;

export interface ContactJob {
	/** Position in the batch (and in the results). */
	n: number;
	itemIndex: number;
	contactId: string;
}

/** Resolves every item's contact; an item whose contact cannot be found gets its error. */
export async function resolveContacts(
	ctx: IExecuteFunctions,
	items: Array<{ itemIndex: number; ref: ContactRef }>,
	results: Array<IDataObject | Error>,
): Promise<ContactJob[]> {
	const jobs: ContactJob[] = [];
	for (const [n, { itemIndex, ref }] of items.entries()) {
		try {
			jobs.push({ n, itemIndex, contactId: (await locateContact(ctx, itemIndex, ref)).contactId });
		} catch (error) {
			results[n] = error as Error;
		}
	}
	return jobs;
}

function itemError(ctx: IExecuteFunctions, itemIndex: number, message: string, description: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
}

/**
 * Runs `jobs` (one group: same target, same wait) in chunks of 500 contacts, one Constant
 * Contact job per chunk. A row error that names a contact fails that item only; a job that
 * failed as a whole, or errors naming no contact, fail every item of the chunk.
 */
export async function runContactJobs(
	ctx: IExecuteFunctions,
	jobs: ContactJob[],
	options: {
		wait: boolean;
		request: (contactIds: string[]) => CcRequest;
		result: (job: ContactJob, activity: IDataObject, batchSize: number) => IDataObject;
	},
	results: Array<IDataObject | Error>,
): Promise<void> {
	for (let start = 0; start < jobs.length; start += CONTACTS_PER_JOB) {
		const chunk = jobs.slice(start, start + CONTACTS_PER_JOB);
		const contactIds = [...new Set(chunk.map((j) => j.contactId))];
		let activity: IDataObject;
		try {
			activity = await startActivity(ctx, chunk[0].itemIndex, options.request(contactIds), options.wait);
		} catch (error) {
			// Exactly this chunk's items share its fate: unknown when the job may have run, failed otherwise.
			if (error instanceof UnknownOutcome) {
				for (const job of chunk) results[job.n] = error.forItem({ contact_id: job.contactId });
				continue;
			}
			const e = error as Error & { description?: string };
			const reason = e.message;
			for (const job of chunk) results[job.n] = itemError(ctx, job.itemIndex, reason, String(e.description ?? ''));
			continue;
		}
		const errors = activityErrors(activity);
		const unattributed = errors.filter((msg) => !chunk.some((j) => msg.includes(j.contactId)));
		const failedWhole = options.wait && (activity.state !== 'completed' || unattributed.length > 0);
		for (const job of chunk) {
			const own = errors.filter((msg) => msg.includes(job.contactId));
			if (failedWhole || own.length) {
				results[job.n] = itemError(
					ctx,
					job.itemIndex,
					`Constant Contact could not complete the job (${String(activity.state)})`,
					`Activity ${String(activity.activity_id ?? '')}: ${(own.length ? own : errors).join('; ') || 'no details given'}`,
				);
			} else {
				results[job.n] = options.result(job, activity, contactIds.length);
			}
		}
	}
}
