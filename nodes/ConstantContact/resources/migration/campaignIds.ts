import { xrefOperation } from './common';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Map Campaign IDs',
	value: 'campaignIds',
	description: 'Find the v3 campaign and campaign activity of v2 campaign IDs (50 per request)',
	action: 'Translate v2 campaign identifiers to v3',
};

export const { description, prepare, execute, useBatch, executeBatch } = xrefOperation({
	operation: 'campaignIds',
	what: 'Campaign',
	path: '/emails/campaign_id_xrefs',
	param: 'v2_email_campaign_ids',
	batch: 50,
	oldIdField: 'v2_email_campaign_id',
	newIdFields: ['campaign_id', 'campaign_activity_id'],
});
