import { xrefOperation } from './xref';

export const { description, prepare, execute, useBatch, executeBatch } = xrefOperation({
	operation: 'contactIds',
	what: 'Contact',
	path: '/contacts/contact_id_xrefs',
	param: 'sequence_ids',
	batch: 500,
	oldIdField: 'sequence_id',
	newIdFields: ['contact_id'],
});
