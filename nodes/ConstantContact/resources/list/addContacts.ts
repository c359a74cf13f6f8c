import { listMembershipOperation } from './common';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Add Contacts',
	value: 'addContacts',
	description: 'Put up to 500 contacts on a list',
	action: 'Add contacts to a list',
};

export const { description, prepare, execute } = listMembershipOperation({
	operation: 'addContacts',
	activityPath: '/activities/add_list_memberships',
	purpose: 'to put on the list',
});
