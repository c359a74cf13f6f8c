import { membershipOperation } from '../../shared/membership';

export const { description, prepare, execute } = membershipOperation({
	operation: 'removeTags',
	target: 'tags',
	activityPath: '/activities/contacts_taggings_remove',
	purpose: 'to take off the contact',
});
