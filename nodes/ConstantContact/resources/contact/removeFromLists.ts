import { membershipOperation } from '../../shared/membership';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Remove From Lists',
	value: 'removeFromLists',
	description: 'Take a contact off one or more lists',
	action: 'Remove a contact from lists',
};

export const { description, prepare, execute, useBatch, executeBatch } = membershipOperation({
	operation: 'removeFromLists',
	target: 'lists',
	activityPath: '/activities/remove_list_memberships',
	purpose: 'to remove the contact from',
});
