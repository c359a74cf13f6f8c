import { membershipOperation } from '../../shared/membership';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Remove Tags',
	value: 'removeTags',
	description: 'Remove tags from a contact',
	action: 'Remove tags from a contact',
};

export const { description, prepare, execute, useBatch, executeBatch } = membershipOperation({
	operation: 'removeTags',
	target: 'tags',
	activityPath: '/activities/contacts_taggings_remove',
	purpose: 'to take off the contact',
});
