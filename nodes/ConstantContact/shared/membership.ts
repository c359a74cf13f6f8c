/**
 * Adding a contact to (or removing it from) lists or tags is one Constant Contact bulk job
 * (`/activities/...`) whose source is that one contact. The four operations differ only in the
 * job and the field, so they share this builder.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readIdList } from './names';
import { collection } from './parameters';
import { runActivity } from './activities';
import { resolveContacts, runContactJobs } from './batch';
import type { ContactRef } from './contact';
import { locateContact, readContactLocator } from './contact';
import { batchField, contactLocator, listsField, tagsField, waitForCompletionField } from './descriptions';
import type { BatchItem, Operation } from './types';
import { LIMITS } from './validation';

interface MembershipSpec {
	operation: string;
	target: 'lists' | 'tags';
	activityPath: string;
	/** Short phrase for the field's description, e.g. "to add the contact to". */
	purpose: string;
}

export function membershipOperation(spec: MembershipSpec): Omit<Operation<unknown>, 'operation'> {
	const isLists = spec.target === 'lists';
	const field = isLists ? listsField : tagsField;
	const properties: INodeProperties[] = [
		contactLocator,
		{
			...field,
			required: true,
			description: `The ${spec.target} ${spec.purpose} (at most 50). ${String(field.description)}.`,
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [batchField, waitForCompletionField],
		},
	];

	interface MembershipInput {
		ref: ContactRef;
		ids: string[];
		wait: boolean;
	}

	async function prepare(this: IExecuteFunctions, i: number): Promise<MembershipInput> {
		const ids = await readIdList(this, i, field.displayName, this.getNodeParameter(spec.target, i), {
			min: 1,
			max: isLists ? LIMITS.lists : LIMITS.tags,
			kind: isLists ? 'list' : 'tag',
		});
		const options = collection(this, 'options', i);
		const wait = (options.waitForCompletion as boolean | undefined) ?? true;
		return { ref: readContactLocator(this, i), ids, wait };
	}

	async function execute(this: IExecuteFunctions, i: number, { ref, ids, wait }: MembershipInput): Promise<IDataObject> {
		const { contactId } = await locateContact(this, i, ref);

		const body: IDataObject = { source: { contact_ids: [contactId] } };
		body[isLists ? 'list_ids' : 'tag_ids'] = ids;
		// Adding to a list or tagging twice leaves the same state, so a retry after a lost answer
		// is harmless: the job counts as idempotent.
		const activity = await runActivity(
			this,
			i,
			{ method: 'POST', path: spec.activityPath, body, idempotent: true },
			wait,
		);
		return {
			contact_id: contactId,
			[isLists ? 'list_ids' : 'tag_ids']: ids,
			activity_id: activity.activity_id,
			state: activity.state,
		};
	}

	function useBatch(this: IExecuteFunctions): boolean {
		return (collection(this, 'options', 0)).batch === true;
	}

	/** Items with the same lists (or tags) share jobs of up to 500 contacts. */
	async function executeBatch(
		this: IExecuteFunctions,
		items: Array<BatchItem<MembershipInput>>,
	): Promise<Array<IDataObject | Error>> {
		const results: Array<IDataObject | Error> = new Array(items.length);
		const jobs = await resolveContacts(
			this,
			items.map(({ itemIndex, input }) => ({ itemIndex, ref: input.ref })),
			results,
		);
		const groups = new Map<string, typeof jobs>();
		for (const job of jobs) {
			const { ids, wait } = items[job.n].input;
			const key = `${[...ids].sort().join(',')}|${wait}`;
			groups.set(key, [...(groups.get(key) ?? []), job]);
		}
		for (const group of groups.values()) {
			const { ids, wait } = items[group[0].n].input;
			await runContactJobs(
				this,
				group,
				{
					wait,
					request: (contactIds) => ({
						method: 'POST',
						path: spec.activityPath,
						body: { source: { contact_ids: contactIds }, [isLists ? 'list_ids' : 'tag_ids']: ids },
						idempotent: true,
					}),
					result: (job, activity, batchSize) => ({
						contact_id: job.contactId,
						[isLists ? 'list_ids' : 'tag_ids']: ids,
						activity_id: activity.activity_id,
						state: activity.state,
						batch_size: batchSize,
					}),
				},
				results,
			);
		}
		return results;
	}

	return {
		description: updateDisplayOptions(
			{ show: { resource: ['contact'], operation: [spec.operation] } },
			properties,
		),
		prepare,
		execute,
		useBatch,
		executeBatch,
	};
}
