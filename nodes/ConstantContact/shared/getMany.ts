import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { constantContactRequestAllItems } from './transport';

/** Get Many: Return All follows every next link; Limit asks for just enough. */
export async function getMany(
	ctx: IExecuteFunctions,
	i: number,
	request: { path: string; itemsKey: string; pageSize: number; qs?: IDataObject },
): Promise<IDataObject[]> {
	const returnAll = ctx.getNodeParameter('returnAll', i) as boolean;
	const max = returnAll ? undefined : (ctx.getNodeParameter('limit', i) as number);
	return await constantContactRequestAllItems.call(ctx, { ...request, max, itemIndex: i });
}
