import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';

import type { CursorRecord } from './cursor';

/** What one poll asks an event for. */
export interface ReadRequest {
	/** Records whose event time is at or after this (ms); undefined: no lower bound. */
	since?: number;
	/** A manual "Fetch Test Event": a few records are enough (one page at most). */
	sample?: boolean;
}

/**
 * One event of the trigger, in its own file: its fields (shown for this event only) and how it
 * reads its records. The poll (poll.ts) owns the cursor; an event only turns Constant Contact's
 * records into keyed, timed events.
 */
export interface TriggerEvent {
	description: INodeProperties[];
	/**
	 * `window`: records carry the event's time and can be read from a point in time (contacts,
	 * tracking rows). `ids`: what comes back does not depend on the time (all lists; campaigns,
	 * whose date filter is their last change, not the send), so the keys are kept.
	 */
	memory: 'window' | 'ids';
	/** What the cursor follows besides the event (the campaign of tracking events). */
	scope?(this: IPollFunctions): string;
	read(this: IPollFunctions, request: ReadRequest): Promise<Array<CursorRecord<IDataObject>>>;
}
