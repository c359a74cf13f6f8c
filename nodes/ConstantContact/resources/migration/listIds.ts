import { xrefOperation } from './common';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Map List IDs',
	value: 'listIds',
	description: 'Find the v3 list IDs of v2 list IDs (500 per request)',
	action: 'Translate v2 list identifiers to v3',
};

export const { description, prepare, execute, useBatch, executeBatch } = xrefOperation({
	operation: 'listIds',
	what: 'List',
	path: '/contact_lists/list_id_xrefs',
	param: 'sequence_ids',
	batch: 500,
	oldIdField: 'sequence_id',
	newIdFields: ['list_id'],
});
