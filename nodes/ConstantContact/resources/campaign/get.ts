import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { campaignLocator, getCampaign, readCampaignId, withActivityId } from '../../shared/campaigns';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Get',
	value: 'get',
	description: 'Get a campaign',
	action: 'Get a campaign',
};

const properties: INodeProperties[] = [campaignLocator];

export const description = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['get'] } }, properties);

export async function prepare(this: IExecuteFunctions, i: number): Promise<string> {
	return readCampaignId(this, i);
}

export async function execute(this: IExecuteFunctions, i: number, campaignId: string): Promise<IDataObject> {
	return withActivityId(await getCampaign(this, i, campaignId));
}
