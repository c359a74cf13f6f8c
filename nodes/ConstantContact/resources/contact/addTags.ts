import { membershipOperation } from '../../shared/membership';

export const { description, prepare, execute, useBatch, executeBatch } = membershipOperation({
	operation: 'addTags',
	target: 'tags',
	activityPath: '/activities/contacts_taggings_add',
	purpose: 'to give the contact',
});
