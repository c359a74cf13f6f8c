import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { readIdList } from '../../shared/names';
import { collection } from '../../shared/parameters';
import { simplifyContact } from '../../shared/contact';
import {
	includeField,
	listsField,
	returnAllOrLimit,
	simplifyField,
	tagsField,
} from '../../shared/descriptions';
import { constantContactRequestAllItems } from '../../shared/transport';
import { LIMITS, checkEmail, invalid } from '../../shared/validation';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Get Many',
	value: 'getAll',
	description: 'Get many contacts, optionally filtered',
	action: 'Get many contacts',
};

const PAGE_SIZE = 500;

const dateFilters: Array<[string, string, string]> = [
	['createdAfter', 'created_after', 'Created After'],
	['createdBefore', 'created_before', 'Created Before'],
	['updatedAfter', 'updated_after', 'Updated After'],
	['updatedBefore', 'updated_before', 'Updated Before'],
];

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			...dateFilters.map(
				([name, , displayName]): INodeProperties => ({
					displayName,
					name,
					type: 'dateTime',
					default: '',
				}),
			),
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				default: '',
				placeholder: 'e.g. name@example.com',
				description: 'Only the contact with exactly this e-mail address',
			},
			{ ...listsField, description: 'Only contacts on any of these lists (at most 25)' },
			{
				displayName: 'Segment ID',
				name: 'segmentId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 14',
				description:
					'Only contacts in this segment. Constant Contact allows no other filter together with a segment.',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'multiOptions',
				default: [],
				description: 'Without a status, Constant Contact returns every contact that is not deleted',
				options: [
					{ name: 'Active', value: 'active' },
					{ name: 'All (Including Deleted)', value: 'all' },
					{ name: 'Deleted', value: 'deleted' },
					{ name: 'Not Set', value: 'not_set' },
					{ name: 'Pending Confirmation', value: 'pending_confirmation' },
					{ name: 'Temporary Hold', value: 'temp_hold' },
					{ name: 'Unsubscribed', value: 'unsubscribed' },
				],
			},
			{ ...tagsField, description: 'Only contacts with any of these tags (at most 50)' },
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			// Each included part makes every page heavier: none by default here.
			{ ...includeField, default: [] },
		],
	},
	simplifyField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['getAll'] } },
	properties,
);

function toIsoUtc(ctx: IExecuteFunctions, i: number, label: string, value: unknown): string {
	const text = String(value);
	const parsed = DateTime.fromISO(text, { zone: ctx.getTimezone() });
	if (!parsed.isValid) throw invalid(ctx, i, label, `"${text}" is not a date and time`, 'Use ISO 8601, e.g. 2024-05-01T08:00:00Z.');
	return parsed.toUTC().toISO() as string;
}

interface GetAllInput {
	qs: IDataObject;
	limit?: number;
	simplify: boolean;
}

export async function prepare(this: IExecuteFunctions, i: number): Promise<GetAllInput> {
	const returnAll = this.getNodeParameter('returnAll', i) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', i) as number);
	const filters = collection(this, 'filters', i);
	const options = collection(this, 'options', i);
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;

	const qs: IDataObject = {};
	for (const [name, key, label] of dateFilters) {
		if (filters[name]) qs[key] = toIsoUtc(this, i, label, filters[name]);
	}
	if (filters.email) qs.email = checkEmail(this, i, 'Email', filters.email);
	const lists = await readIdList(this, i, `Filters → ${listsField.displayName}`, filters.lists, { max: LIMITS.listsFilter, kind: 'list' });
	if (lists.length) qs.lists = lists.join(',');
	const tags = await readIdList(this, i, `Filters → ${tagsField.displayName}`, filters.tags, { max: LIMITS.tags, kind: 'tag' });
	if (tags.length) qs.tags = tags.join(',');
	const status = (filters.status as string[] | undefined) ?? [];
	if (status.length) qs.status = status.join(',');
	const include = (options.include as string[] | undefined) ?? [];
	if (include.length) qs.include = include.join(',');

	const segmentId = String(filters.segmentId ?? '').trim();
	if (segmentId) {
		if (!/^\d+$/.test(segmentId)) {
			throw invalid(this, i, 'Segment ID', `"${segmentId}" is not a segment ID`, 'Segment IDs are whole numbers, e.g. 14.');
		}
		const others = Object.keys(qs);
		if (others.length) {
			throw invalid(
				this,
				i,
				'Segment ID',
				'cannot be combined with other filters or included parts',
				`Constant Contact accepts a segment only on its own. Remove: ${others.join(', ')}.`,
			);
		}
		qs.segment_id = segmentId;
	}
	return { qs, limit, simplify };
}

export async function execute(
	this: IExecuteFunctions,
	i: number,
	{ qs, limit, simplify }: GetAllInput,
): Promise<IDataObject[]> {
	const contacts = await constantContactRequestAllItems.call(this, {
		path: '/contacts',
		qs,
		itemsKey: 'contacts',
		pageSize: PAGE_SIZE,
		max: limit,
		itemIndex: i,
	});
	return simplify ? contacts.map(simplifyContact) : contacts;
}
