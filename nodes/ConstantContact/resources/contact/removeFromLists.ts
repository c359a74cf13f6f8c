import { membershipOperation } from '../../shared/membership';

export const { description, prepare, execute, useBatch, executeBatch } = membershipOperation({
	operation: 'removeFromLists',
	target: 'lists',
	activityPath: '/activities/remove_list_memberships',
	purpose: 'to remove the contact from',
});
