import { xrefOperation } from './xref';

export const { description, prepare, execute, useBatch, executeBatch } = xrefOperation({
	operation: 'campaignIds',
	what: 'Campaign',
	path: '/emails/campaign_id_xrefs',
	param: 'v2_email_campaign_ids',
	batch: 50,
	oldIdField: 'v2_email_campaign_id',
	newIdFields: ['campaign_id', 'campaign_activity_id'],
});
