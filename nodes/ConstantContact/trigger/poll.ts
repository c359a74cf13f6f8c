import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { invalid } from '../shared/validation';
import type { Cursor, CursorOptions, CursorRecord } from './cursor';
import { CURSOR_DEFAULTS, advance, isCursor, newest, prime, windowStart } from './cursor';
import { events } from './events';

/** A manual "Fetch Test Event" shows this many of the newest records. */
export const SAMPLE_SIZE = 3;
/** …looking this far back first (then without a date). */
const SAMPLE_DAYS = 30;
/**
 * Events held back by the cap are read again by the next poll (with everything after them), so a
 * small cap makes a large burst (an import) cost many reads: the default takes a whole burst of
 * up to 10,000 at once, as n8n's own polling triggers do.
 */
export const DEFAULT_MAX_ITEMS = 10_000;
const MAX_ITEMS_LIMIT = 50_000;

const label = (event: string) => event.replace(/([A-Z])/g, ' $1').toLowerCase();

/**
 * One poll. Production polls keep a cursor in the node's static data: the first poll of an
 * activation only notes where "now" is (nothing from before is handed on), every later one hands
 * on the events since the last, each once, oldest first. A manual run hands on the newest few
 * records and leaves the cursor alone.
 */
export async function pollEvents(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const name = this.getNodeParameter('event') as string;
	const event = events[name];
	if (!event) throw new NodeOperationError(this.getNode(), `"${name}" is not an event of this trigger`);
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const maxItems = Number(options.maxItems ?? DEFAULT_MAX_ITEMS);
	if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > MAX_ITEMS_LIMIT) {
		throw invalid(this, undefined, 'Options → Max Events per Poll', `is ${String(options.maxItems)}; use a whole number from 1 to ${MAX_ITEMS_LIMIT}`);
	}
	const cursorOptions: CursorOptions = { ...CURSOR_DEFAULTS, memory: event.memory, maxItems };
	const now = Date.now();

	if (this.getMode() === 'manual') {
		let records = await event.read.call(this, { since: now - SAMPLE_DAYS * 86_400_000, sample: true });
		if (!records.length) records = await event.read.call(this, { sample: true });
		if (!records.length) {
			const where = event.scope ? 'for this campaign' : 'in this Constant Contact account';
			throw new NodeOperationError(this.getNode(), `No ${label(name)} events ${where} yet`, {
				description: `Make one happen in Constant Contact (or in the sandbox), then fetch a test event again. Active, the trigger reports only ${label(name)} events after its activation.`,
			});
		}
		return [this.helpers.returnJsonArray(newest(records, SAMPLE_SIZE).map((r) => r.json))];
	}

	const scope = [name, event.scope?.call(this)].filter(Boolean).join(':');
	const data = this.getWorkflowStaticData('node');
	const stored = data.cursor;
	if (!isCursor(stored) || stored.scope !== scope) {
		// First poll of this event (activation, or the event or campaign changed): start at now.
		const records = await event.read.call(this, { since: event.memory === 'ids' ? undefined : now - cursorOptions.overlapMs });
		data.cursor = prime(scope, records, now, cursorOptions) as unknown as IDataObject;
		return null;
	}
	const records: CursorRecord[] = await event.read.call(this, { since: windowStart(stored, cursorOptions) });
	const { emit, cursor } = advance(stored as Cursor, records, now, cursorOptions);
	data.cursor = cursor as unknown as IDataObject;
	if (!emit.length) return null;
	return [this.helpers.returnJsonArray(emit.map((r) => r.json as IDataObject))];
}
