import { listMembershipOperation } from './common';

export const { description, prepare, execute } = listMembershipOperation({
	operation: 'removeContacts',
	activityPath: '/activities/remove_list_memberships',
	purpose: 'to take off the list',
});
