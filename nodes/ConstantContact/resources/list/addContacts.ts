import { listMembershipOperation } from './common';

export const { description, prepare, execute } = listMembershipOperation({
	operation: 'addContacts',
	activityPath: '/activities/add_list_memberships',
	purpose: 'to put on the list',
});
