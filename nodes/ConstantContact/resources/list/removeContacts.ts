import { listMembershipOperation } from './common';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Remove Contacts',
	value: 'removeContacts',
	description: 'Take up to 500 contacts off a list',
	action: 'Remove contacts from a list',
};

export const { description, prepare, execute } = listMembershipOperation({
	operation: 'removeContacts',
	activityPath: '/activities/remove_list_memberships',
	purpose: 'to take off the list',
});
