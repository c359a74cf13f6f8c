import { membershipOperation } from '../../shared/membership';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Add Tags',
	value: 'addTags',
	description: 'Tag a contact',
	action: 'Add tags to a contact',
};

export const { description, prepare, execute, useBatch, executeBatch } = membershipOperation({
	operation: 'addTags',
	target: 'tags',
	activityPath: '/activities/contacts_taggings_add',
	purpose: 'to give the contact',
});
