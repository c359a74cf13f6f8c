import { membershipOperation } from '../../shared/membership';

export const { description, prepare, execute } = membershipOperation({
	operation: 'addToLists',
	target: 'lists',
	activityPath: '/activities/add_list_memberships',
	purpose: 'to add the contact to',
});
