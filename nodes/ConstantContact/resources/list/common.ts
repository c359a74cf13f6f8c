/**
 * What the list operations share: the list name rule, finding a list by name, the membership
 * count option, the 404 message, reading contact IDs, and the two membership jobs (add / remove
 * contacts).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collection } from '../../shared/parameters';
import { runActivity } from '../../shared/activities';
import { pickField, waitForCompletionField } from '../../shared/descriptions';
import type { Operation } from '../../shared/types';
import { UUID, checkIdList, checkLength, invalid, readPick, listEntries } from '../../shared/validation';

/** `ListInput.name`: required, at most 255 characters, unique in the account (spec). */
export const LIST_NAME_MAX = 255;

/** `source.contact_ids` of the list membership jobs: at most 500 (brief §6.1). */
export const CONTACT_IDS_MAX = 500;

export function checkListName(ctx: IExecuteFunctions, i: number, value: unknown, field = 'Name'): string {
	const name = checkLength(ctx, i, field, value, LIST_NAME_MAX).trim();
	if (!name) throw invalid(ctx, i, field, 'is empty', 'Give the list a name of 1 to 255 characters.');
	return name;
}

export const notFound = (listId: string) => `List ${listId} does not exist in this Constant Contact account`;

/** The list with this name (`GET /contact_lists?name=`, one request), or undefined. Names are unique regardless of case. */
export const nameTaken = (name: string) =>
	`A list named "${name}" already exists (names are unique regardless of upper or lower case)`;

export const descriptionField: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	default: '',
	description: 'Text describing the list',
};

export const favoriteField: INodeProperties = {
	displayName: 'Favorite',
	name: 'favorite',
	type: 'boolean',
	default: false,
	description: 'Whether the list is marked as a favorite in Constant Contact (favorites are shown first)',
};

export const membershipCountField: INodeProperties = {
	displayName: 'Include Membership Count',
	name: 'includeMembershipCount',
	type: 'options',
	default: 'all',
	description: 'Whether to add the number of contacts on the list (membership_count)',
	options: [
		{
			name: 'Active Members Only',
			value: 'active',
			description: 'Only members Constant Contact may e-mail (not unsubscribed)',
		},
		{ name: 'All Members', value: 'all', description: 'Every contact on the list that is not deleted' },
	],
};

/** The `include_membership_count` query parameter, if the option was added. */
export function membershipCountQuery(options: IDataObject): IDataObject {
	const count = options.includeMembershipCount;
	return count === 'all' || count === 'active' ? { include_membership_count: count } : {};
}

/** Contact IDs from an array or a comma-separated string: 1 to 500 UUIDs, duplicates dropped. */
export function readContactIds(ctx: IExecuteFunctions, i: number, value: unknown): string[] {
	const field = 'Contact IDs';
	const ids = listEntries(ctx, i, field, value);
	if (!ids.length) {
		throw invalid(ctx, i, field, 'is empty', 'Give one or more contact IDs, separated by commas, or an expression that returns an array of them.');
	}
	const bad = ids.find((id) => !UUID.test(id));
	if (bad) {
		throw invalid(
			ctx,
			i,
			field,
			`contains "${bad}", which is not a Constant Contact contact ID`,
			'Contact IDs look like 1ec8a3a0-4e6b-11ec-8bd6-fa163e6a92d8 (the contact_id of Contact → Get or Get Many); e-mail addresses are not accepted here.',
		);
	}
	return checkIdList(ctx, i, field, ids, { max: CONTACT_IDS_MAX, what: 'contact IDs' });
}

interface MembershipSpec {
	operation: 'addContacts' | 'removeContacts';
	activityPath: string;
	/** e.g. "to add to the list". */
	purpose: string;
}

interface MembershipInput {
	listId: string;
	contactIds: string[];
	wait: boolean;
}

/** Add Contacts / Remove Contacts: one Constant Contact bulk job per item. */
export function listMembershipOperation(spec: MembershipSpec): Omit<Operation<MembershipInput>, 'operation'> {
	const properties: INodeProperties[] = [
		pickField('list'),
		{
			displayName: 'Contact IDs',
			name: 'contactIds',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 1ec8a3a0-4e6b-11ec-8bd6-fa163e6a92d8, 2fd9b4b1-5f7c-11ec-9ce7-fa163e6a92d8',
			description: `The contacts ${spec.purpose}: their IDs separated by commas, or an expression returning an array of IDs (at most 500 per item)`,
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [waitForCompletionField],
		},
	];

	async function prepare(this: IExecuteFunctions, i: number): Promise<MembershipInput> {
		const listId = readPick(this, i, 'list', 'list');
		const contactIds = readContactIds(this, i, this.getNodeParameter('contactIds', i));
		const options = collection(this, 'options', i);
		return { listId, contactIds, wait: (options.waitForCompletion as boolean | undefined) ?? true };
	}

	async function execute(this: IExecuteFunctions, i: number, { listId, contactIds, wait }: MembershipInput): Promise<IDataObject> {
		// Adding to (or removing from) a list twice leaves the same state: safe to retry.
		const activity = await runActivity(
			this,
			i,
			{
				method: 'POST',
				path: spec.activityPath,
				body: { source: { contact_ids: contactIds }, list_ids: [listId] },
				idempotent: true,
			},
			wait,
		);
		return { list_id: listId, contact_ids: contactIds, activity_id: activity.activity_id, state: activity.state };
	}

	return {
		description: updateDisplayOptions({ show: { resource: ['list'], operation: [spec.operation] } }, properties),
		prepare,
		execute,
	};
}
