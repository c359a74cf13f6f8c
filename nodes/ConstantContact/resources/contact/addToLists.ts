import { membershipOperation } from '../../shared/membership';

export const { description, prepare, execute, useBatch, executeBatch } = membershipOperation({
	operation: 'addToLists',
	target: 'lists',
	activityPath: '/activities/add_list_memberships',
	purpose: 'to add the contact to',
});
