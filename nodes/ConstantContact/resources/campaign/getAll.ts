import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collection } from '../../shared/parameters';
import { returnAllOrLimit } from '../../shared/descriptions';
import { constantContactRequestAllItems } from '../../shared/transport';

const PAGE = 500;
import { invalid } from '../../shared/validation';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Get Many',
	value: 'getAll',
	description: 'Get many campaigns',
	action: 'Get many campaigns',
};

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Updated After',
				name: 'updatedAfter',
				type: 'dateTime',
				default: '',
				description: 'Only campaigns changed at or after this time (Constant Contact has no filter on creation date)',
			},
			{
				displayName: 'Updated Before',
				name: 'updatedBefore',
				type: 'dateTime',
				default: '',
				description: 'Only campaigns changed before this time',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Hide Removed Campaigns',
				name: 'hideRemoved',
				type: 'boolean',
				default: true,
				description: 'Whether to leave out deleted campaigns, which Constant Contact lists too',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['getAll'] } }, properties);

interface GetAllInput {
	qs: IDataObject;
	hideRemoved: boolean;
}

export function readDate(ctx: IExecuteFunctions, i: number, field: string, value: unknown): string | undefined {
	const text = String(value ?? '').trim();
	if (!text) return undefined;
	const ms = Date.parse(text);
	if (Number.isNaN(ms)) throw invalid(ctx, i, field, `"${text}" is not a date`, 'Use an ISO date-time, e.g. 2026-03-01T09:00:00Z.');
	return new Date(ms).toISOString();
}

export async function prepare(this: IExecuteFunctions, i: number): Promise<GetAllInput> {
	const filters = collection(this, 'filters', i);
	const options = collection(this, 'options', i);
	const qs: IDataObject = {};
	const after = readDate(this, i, 'Updated After', filters.updatedAfter);
	const before = readDate(this, i, 'Updated Before', filters.updatedBefore);
	if (after && before && Date.parse(after) >= Date.parse(before)) {
		throw invalid(this, i, 'Updated Before', `(${before}) is not after "Updated After" (${after})`);
	}
	if (after) qs.after_date = after;
	if (before) qs.before_date = before;
	return { qs, hideRemoved: (options.hideRemoved as boolean | undefined) ?? true };
}

export async function execute(this: IExecuteFunctions, i: number, { qs, hideRemoved }: GetAllInput): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', i) as boolean;
	const max = returnAll ? undefined : (this.getNodeParameter('limit', i) as number);
	// Constant Contact lists deleted campaigns too; they are left out page by page, so that Limit
	// counts only the campaigns returned.
	const keep = hideRemoved ? (c: IDataObject) => String(c.current_status ?? '').toLowerCase() !== 'removed' : undefined;
	return await constantContactRequestAllItems.call(this, { path: '/emails', itemsKey: 'campaigns', pageSize: PAGE, qs, max, keep, itemIndex: i });
}
