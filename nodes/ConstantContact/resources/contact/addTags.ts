import { membershipOperation } from '../../shared/membership';

export const { description, prepare, execute } = membershipOperation({
	operation: 'addTags',
	target: 'tags',
	activityPath: '/activities/contacts_taggings_add',
	purpose: 'to give the contact',
});
