import { contactEvent } from './contactEvent';

/** A new contact: `created_after`; a contact is created once. */
export const { description, memory, read } = contactEvent({
	after: 'created_after',
	time: (c) => c.created_at,
	oncePerContact: true,
});
