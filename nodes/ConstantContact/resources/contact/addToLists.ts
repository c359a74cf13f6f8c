import { membershipOperation } from '../../shared/membership';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Add to Lists',
	value: 'addToLists',
	description: 'Put a contact on one or more lists',
	action: 'Add a contact to lists',
};

export const { description, prepare, execute, useBatch, executeBatch } = membershipOperation({
	operation: 'addToLists',
	target: 'lists',
	activityPath: '/activities/add_list_memberships',
	purpose: 'to add the contact to',
});
