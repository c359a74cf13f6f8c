/**
 * Contact → Import: every input item becomes a row of Constant Contact's JSON import
 * (`POST /activities/contacts_json_import`), so thousands of contacts cost a handful of requests
 * instead of one each. A request holds at most 40,000 rows and must stay under 4 MB (Constant
 * Contact silently drops whatever lies beyond 4 MB), so rows are split into as many requests as
 * needed, one per set of lists. Bad rows are reported per item and never stop the good ones.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { readIdList } from '../../shared/names';
import { collection } from '../../shared/parameters';
import { activityErrors, startActivity } from '../../shared/activities';
import { lookupDeferred } from '../../shared/lookups';
import { UnknownOutcome } from '../../shared/transport';
import { accountCustomFields, readPersonFields, readPhoneNumbers, readStreetAddresses } from '../../shared/contact';
import {
	contactDetailFields,
	emailField,
	listsField,
	phoneNumbersField,
	streetAddressesField,
	waitForCompletionField,
} from '../../shared/descriptions';
import type { BatchItem, OperationInfo } from '../../shared/types';
import { LIMITS, UUID, checkEmail, checkLength, invalid, show } from '../../shared/validation';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Import',
	value: 'import',
	description: "Import all input items at once with Constant Contact's bulk import (up to 40,000 per request)",
	action: 'Import contacts in bulk',
	toolNote: 'New contacts get implicit permission to receive email.',
};

/** Constant Contact's limits of one JSON import request. */
export const IMPORT_LIMITS = {
	rows: 40_000,
	/** Bytes of the request body; the API drops what lies beyond 4,000,000. Kept with a margin. */
	bytes: 3_900_000,
	customFields: 25,
	/** `JsonImportContact` declares e-mail, names and phones at most 50 characters. */
	text: 50,
};

const properties: INodeProperties[] = [
	{
		displayName:
			'Imports differ from Create: Constant Contact gives NEW contacts implicit permission to send (opt-in source "Account") and sends them no welcome e-mail; existing contacts keep their permission and only get the fields given; unsubscribed contacts are not added to lists. All items of the run are sent together, in as few requests as possible.',
		name: 'importNotice',
		type: 'notice',
		default: '',
	},
	{ ...emailField, description: "The contact's e-mail address (at most 50 characters in imports)" },
	{ ...listsField, required: true, description: 'Lists to put every imported contact on (1 to 50)' },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [...contactDetailFields, phoneNumbersField, streetAddressesField],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [waitForCompletionField],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['import'] } },
	properties,
);

interface ImportInput {
	email: string;
	lists: string[];
	/** The import row, or why the item cannot be imported. */
	row?: IDataObject;
	rejected?: string;
}

/** Address kinds → the import's column prefixes (the unprefixed columns default to home). */
const ADDRESS_PREFIX: Record<string, string> = { home: '', work: 'work_', other: 'other_' };

/** The item as an import row. Problems of the row itself make it "rejected", not an error. */
export async function prepare(this: IExecuteFunctions, i: number): Promise<ImportInput> {
	// The lists are the request's, not the row's: a bad list stops the node.
	const lists = await readIdList(this, i, listsField.displayName, this.getNodeParameter('lists', i), {
		min: 1,
		max: LIMITS.lists,
		kind: 'list',
	});
	const rawEmail = String(this.getNodeParameter('email', i) ?? '').trim();
	try {
		const email = checkEmail(this, i, 'Email', rawEmail, IMPORT_LIMITS.text);
		const fields = collection(this, 'additionalFields', i);
		const row: IDataObject = { email, ...readPersonFields(this, i, fields) };
		for (const phone of fields.phoneNumbers ? readPhoneNumbers(this, i, fields.phoneNumbers) : []) {
			row[`${String(phone.kind)}_phone`] = phone.phone_number;
		}
		for (const address of fields.streetAddresses ? readStreetAddresses(this, i, fields.streetAddresses) : []) {
			const prefix = ADDRESS_PREFIX[String(address.kind)];
			for (const [part, column] of [
				['street', 'street'],
				['city', 'city'],
				['state', 'state'],
				['postal_code', 'zip'],
				['country', 'country'],
			]) {
				if (address[part]) row[`${prefix}${column}`] = address[part];
			}
		}
		Object.assign(row, await importCustomFields(this, i, fields.customFields));
		return { email, lists, row };
	} catch (error) {
		if (error instanceof NodeOperationError) return { email: rawEmail, lists, rejected: error.message };
		// Not the row's fault (e.g. reading the account's custom fields failed): stop.
		throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex: i });
	}
}

/** Custom fields go into the row as `cf:<field name>` columns (the API's import format). */
async function importCustomFields(ctx: IExecuteFunctions, i: number, value: unknown): Promise<IDataObject> {
	const entries = (((value ?? {}) as IDataObject).field as Array<{ id?: string; value?: unknown }> | undefined) ?? [];
	if (!entries.length) return {};
	if (entries.length > IMPORT_LIMITS.customFields) {
		throw invalid(ctx, i, 'Custom Fields', `has ${entries.length} entries; an import row takes at most ${IMPORT_LIMITS.customFields}`);
	}
	if (lookupDeferred(ctx)) return {};
	const defs = await accountCustomFields(ctx, i);
	const columns: IDataObject = {};
	for (const entry of entries) {
		const key = String(entry.id ?? '').trim().toLowerCase();
		const def = defs.find((d) =>
			UUID.test(key) ? d.custom_field_id === key : d.name?.toLowerCase() === key || d.label?.toLowerCase() === key,
		);
		if (!def?.name) {
			throw invalid(ctx, i, 'Custom Fields → Field Name or ID', `${show(entry.id)} is not a custom field of this Constant Contact account`);
		}
		columns[`cf:${def.name}`] = checkLength(ctx, i, `Custom Fields → ${def.label ?? def.name}`, entry.value ?? '', LIMITS.customFieldValue);
	}
	return columns;
}

export function useBatch(): boolean {
	return true;
}

export async function execute(this: IExecuteFunctions, i: number, input: ImportInput): Promise<IDataObject> {
	const [result] = await executeBatch.call(this, [{ itemIndex: i, input }]);
	if (result instanceof Error) throw result;
	return result;
}

interface Chunk {
	lists: string[];
	rows: Array<BatchItem<ImportInput> & { n: number }>;
	bytes: number;
}

/** Whether an error message names this e-mail address as a whole (ann@ is not in joann@). */
function mentions(message: string, email: string): boolean {
	const escaped = email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return new RegExp(`(^|[^\\w.+-])${escaped}($|[^\\w.-])`, 'i').test(message);
}

const byteLength = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** Rows grouped by their lists, then cut so that each request stays within the limits. */
function chunksOf(items: Array<BatchItem<ImportInput>>): Chunk[] {
	const open = new Map<string, Chunk>();
	const done: Chunk[] = [];
	items.forEach((item, n) => {
		if (!item.input.row) return;
		const key = [...item.input.lists].sort().join(',');
		const rowBytes = byteLength(item.input.row) + 1;
		let chunk = open.get(key);
		if (chunk && (chunk.rows.length >= IMPORT_LIMITS.rows || chunk.bytes + rowBytes > IMPORT_LIMITS.bytes)) {
			done.push(chunk);
			chunk = undefined;
		}
		if (!chunk) {
			chunk = { lists: item.input.lists, rows: [], bytes: byteLength({ import_data: [], list_ids: item.input.lists }) };
			open.set(key, chunk);
		}
		chunk.rows.push({ ...item, n });
		chunk.bytes += rowBytes;
	});
	return [...done, ...open.values()];
}

/** What one row of a request that failed as a whole gets: unknown when it may have run. */
function chunkFailure(ctx: IExecuteFunctions, error: unknown, itemIndex: number, email: string, rows: number): Error {
	if (error instanceof UnknownOutcome) return error.forItem({ email, rows_in_request: rows });
	const e = error as Error & { description?: string; httpCode?: string };
	const refused = /^4\d\d$/.test(String(e.httpCode ?? ''));
	return new NodeOperationError(ctx.getNode(), `The import request for this item failed: ${e.message}`, {
		itemIndex,
		description: `${e.description ?? ''} ${
			refused
				? `Constant Contact refused this request: none of its ${rows} rows was imported.`
				: `Constant Contact may or may not have imported this request's ${rows} rows; importing them again is safe (it leaves the same contacts).`
		} Rows of the run's other requests keep their own results.`.trim(),
	});
}

export async function executeBatch(
	this: IExecuteFunctions,
	items: Array<BatchItem<ImportInput>>,
): Promise<Array<IDataObject | Error>> {
	const options = collection(this, 'options', 0);
	const wait = (options.waitForCompletion as boolean | undefined) ?? true;
	const results: Array<IDataObject | Error> = items.map(({ input }) =>
		input.rejected ? { email: input.email, status: 'rejected', error: input.rejected } : {},
	);

	for (const chunk of chunksOf(items)) {
		let activity: IDataObject;
		try {
			activity = await startActivity(
				this,
				chunk.rows[0].itemIndex,
				{
					method: 'POST',
					path: '/activities/contacts_json_import',
					body: { import_data: chunk.rows.map((r) => r.input.row as IDataObject), list_ids: chunk.lists },
					// Importing the same rows again leaves the same contacts: safe to retry.
					idempotent: true,
				},
				wait,
			);
		} catch (error) {
			// Exactly this request's rows share its fate; the other requests' rows keep theirs.
			for (const row of chunk.rows) results[row.n] = chunkFailure(this, error, row.itemIndex, row.input.email, chunk.rows.length);
			continue;
		}
		const errors = activityErrors(activity);
		const finished = activity.state === 'completed';
		const counts = (activity.status as IDataObject | undefined) ?? {};
		for (const row of chunk.rows) {
			const own = errors.filter((message) => mentions(message, row.input.email));
			const status = own.length || (wait && !finished) ? 'failed' : wait ? 'imported' : 'queued';
			const result: IDataObject = {
				email: row.input.email,
				status,
				activity_id: activity.activity_id,
				state: activity.state,
				rows_in_request: chunk.rows.length,
				import_counts: counts,
			};
			if (own.length) result.error = own.join('; ');
			else if (status === 'failed') result.error = errors.join('; ') || `The import ended "${String(activity.state)}"`;
			results[row.n] = result;
		}
	}
	return results;
}
