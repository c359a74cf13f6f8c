import { contactEvent } from './contactEvent';

/**
 * A deleted contact: `status=deleted&updated_after`. `deleted_at` is a date only, so the time is
 * updated_at, which the deletion sets; a contact deleted, restored and deleted again fires twice.
 */
export const { description, memory, read } = contactEvent({
	qs: { status: 'deleted' },
	after: 'updated_after',
	time: (c) => c.updated_at,
});
