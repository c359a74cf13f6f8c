import { membershipOperation } from '../../shared/membership';

export const { description, prepare, execute, useBatch, executeBatch } = membershipOperation({
	operation: 'removeTags',
	target: 'tags',
	activityPath: '/activities/contacts_taggings_remove',
	purpose: 'to take off the contact',
});
