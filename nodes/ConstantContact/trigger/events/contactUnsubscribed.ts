import { contactEvent } from './contactEvent';

/** An unsubscribe: `status=unsubscribed&optout_after`; the time is the opt-out date. */
export const { description, memory, read } = contactEvent({
	qs: { status: 'unsubscribed' },
	after: 'optout_after',
	time: (c) => ((c.email_address ?? {}) as { opt_out_date?: string }).opt_out_date,
});
