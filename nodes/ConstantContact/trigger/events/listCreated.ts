import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';

import { constantContactRequestAllItems } from '../../shared/transport';
import type { CursorRecord } from '../cursor';
import type { ReadRequest } from '../types';

/**
 * A new list. Lists have no date filter, so every poll reads all lists (one request per 500)
 * and hands on the IDs it has not seen: the difference between two snapshots.
 */
export const description: INodeProperties[] = [];
export const memory = 'ids' as const;

export async function read(this: IPollFunctions, request: ReadRequest): Promise<Array<CursorRecord<IDataObject>>> {
	const lists = await constantContactRequestAllItems.call(this, {
		path: '/contact_lists',
		itemsKey: 'lists',
		pageSize: 500,
		max: request.sample ? 500 : undefined,
	});
	return lists.map((list) => ({ key: String(list.list_id), time: Date.parse(String(list.created_at ?? '')) || 0, json: list }));
}
