import { xrefOperation } from './common';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Map Contact IDs',
	value: 'contactIds',
	description: 'Find the v3 contact IDs of v2 contact IDs (500 per request)',
	action: 'Translate v2 contact identifiers to v3',
};

export const { description, prepare, execute, useBatch, executeBatch } = xrefOperation({
	operation: 'contactIds',
	what: 'Contact',
	path: '/contacts/contact_id_xrefs',
	param: 'sequence_ids',
	batch: 500,
	oldIdField: 'sequence_id',
	newIdFields: ['contact_id'],
});
