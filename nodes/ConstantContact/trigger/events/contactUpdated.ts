import { contactEvent } from './contactEvent';

/** Created contacts count only when the user asks (Contact Created reports them). */
const NEW_CONTACT_MS = 1000;

/** A changed contact: `updated_after`; each change (contact + its updated_at) once. */
export const { description, memory, read } = contactEvent({
	after: 'updated_after',
	time: (c) => c.updated_at,
	accept: (c, options) =>
		options.includeNew === true || Date.parse(String(c.updated_at)) - Date.parse(String(c.created_at)) > NEW_CONTACT_MS,
});
