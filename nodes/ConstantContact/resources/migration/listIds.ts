import { xrefOperation } from './xref';

export const { description, prepare, execute, useBatch, executeBatch } = xrefOperation({
	operation: 'listIds',
	what: 'List',
	path: '/contact_lists/list_id_xrefs',
	param: 'sequence_ids',
	batch: 500,
	oldIdField: 'sequence_id',
	newIdFields: ['list_id'],
});
