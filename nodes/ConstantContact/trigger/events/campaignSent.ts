import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';

import { constantContactRequestAllItems } from '../../shared/transport';
import type { CursorRecord } from '../cursor';
import type { ReadRequest } from '../types';

/**
 * A campaign whose e-mail was sent (its status reached Done). `GET /emails?after_date` filters
 * on the campaign's last change, which the end of a send moves; only Done campaigns count, and
 * each campaign once (renaming it later does not send it again).
 */
export const description: INodeProperties[] = [];
export const memory = 'ids' as const;

export async function read(this: IPollFunctions, request: ReadRequest): Promise<Array<CursorRecord<IDataObject>>> {
	const qs: IDataObject = {};
	if (request.since !== undefined) qs.after_date = new Date(request.since).toISOString();
	const campaigns = await constantContactRequestAllItems.call(this, {
		path: '/emails',
		qs,
		itemsKey: 'campaigns',
		pageSize: 500,
		max: request.sample ? 500 : undefined,
	});
	return campaigns
		.filter((c) => String(c.current_status ?? '').toLowerCase() === 'done')
		.map((c) => ({ key: String(c.campaign_id), time: Date.parse(String(c.updated_at ?? '')) || 0, json: c }));
}
