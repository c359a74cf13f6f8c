import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collection } from '../../shared/parameters';
import { resolveContacts, runContactJobs } from '../../shared/batch';
import type { ContactRef } from '../../shared/contact';
import { locateContact, readContactLocator } from '../../shared/contact';
import { batchField, contactLocator, waitForCompletionField } from '../../shared/descriptions';
import { apiPath, constantContactApiRequest } from '../../shared/transport';
import type { BatchItem, OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Delete',
	value: 'delete',
	description: 'Delete a contact: it gets no e-mail and no longer counts, until it is added again',
	action: 'Delete a contact',
	toolNote: 'The contact then gets no email until it is added again.',
};

const properties: INodeProperties[] = [
	contactLocator,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			batchField,
			{
				...waitForCompletionField,
				description: `With Batch Items: ${String(waitForCompletionField.description)}`,
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['delete'] } },
	properties,
);

export async function prepare(this: IExecuteFunctions, i: number): Promise<ContactRef> {
	return readContactLocator(this, i);
}

export async function execute(this: IExecuteFunctions, i: number, ref: ContactRef): Promise<IDataObject> {
	const { contactId } = await locateContact(this, i, ref);
	await constantContactApiRequest.call(this, {
		method: 'DELETE',
		path: apiPath`/contacts/${contactId}`,
		itemIndex: i,
		hints: { 404: `Contact ${contactId} does not exist in this Constant Contact account` },
	});
	return { deleted: true, contact_id: contactId };
}

export function useBatch(this: IExecuteFunctions): boolean {
	return (collection(this, 'options', 0)).batch === true;
}

/** One `contact_delete` job per 500 contacts instead of a request per item. */
export async function executeBatch(
	this: IExecuteFunctions,
	items: Array<BatchItem<ContactRef>>,
): Promise<Array<IDataObject | Error>> {
	const results: Array<IDataObject | Error> = new Array(items.length);
	const jobs = await resolveContacts(this, items.map(({ itemIndex, input }) => ({ itemIndex, ref: input })), results);
	const options = collection(this, 'options', 0);
	const wait = (options.waitForCompletion as boolean | undefined) ?? true;
	await runContactJobs(
		this,
		jobs,
		{
			wait,
			request: (contactIds) => ({
				method: 'POST',
				path: '/activities/contact_delete',
				body: { contact_ids: contactIds },
				// Deleting twice leaves the same state.
				idempotent: true,
			}),
			result: (job, activity, batchSize) => ({
				deleted: activity.state === 'completed',
				contact_id: job.contactId,
				activity_id: activity.activity_id,
				state: activity.state,
				batch_size: batchSize,
			}),
		},
		results,
	);
	return results;
}
