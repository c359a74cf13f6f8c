/**
 * Values of typed custom fields, checked before any request in the form Constant Contact accepts
 * (a date field refuses "next tuesday"). The type comes from the account's custom field
 * definitions, read once per run (contact.ts, `accountCustomFields`).
 */
import type { IDataObject } from 'n8n-workflow';

import type { NodeContext } from './validation';
import { invalid, parseCalendarDate, show } from './validation';

export interface TypedCustomField {
	type?: string;
	metadata?: IDataObject;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/** The value to send for a custom field of `def`'s type, or the error naming what it accepts. */
export function checkCustomFieldValue(ctx: NodeContext, i: number, field: string, def: TypedCustomField, text: string): string {
	const value = text.trim();
	if (!value) return text;
	switch (String(def.type ?? 'string').toLowerCase()) {
		case 'date': {
			const parsed = parseCalendarDate(value);
			if ('problem' in parsed) throw invalid(ctx, i, field, `${parsed.problem} (the custom field holds dates)`, parsed.hint);
			return parsed.date;
		}
		case 'datetime':
			if (!DATE_TIME.test(value) || !Number.isFinite(Date.parse(value))) {
				throw invalid(ctx, i, field, `${show(value)} is not a date and time Constant Contact accepts (the custom field holds dates with times)`, 'Use ISO 8601 with a time zone, e.g. 2026-03-01T09:30:00Z ({{ $now.toISO() }} in an expression).');
			}
			return value;
		case 'number':
		case 'currency': {
			if (!NUMBER.test(value)) throw invalid(ctx, i, field, `${show(value)} is not a number (the custom field holds ${def.type === 'currency' ? 'amounts' : 'numbers'})`, 'Write digits with an optional minus and a point for decimals, e.g. 1250.50.');
			const metadata = def.metadata ?? {};
			if (value.startsWith('-') && metadata.allow_negative !== true) throw invalid(ctx, i, field, `${show(value)} is negative; the custom field does not allow negative numbers`);
			const decimals = value.split('.')[1]?.length ?? 0;
			const allowed = metadata.decimal_places;
			if (typeof allowed === 'number' && decimals > allowed) throw invalid(ctx, i, field, `${show(value)} has ${decimals} decimal places; the custom field allows ${allowed}`);
			return value;
		}
		case 'boolean':
			if (!/^(true|false)$/i.test(value)) throw invalid(ctx, i, field, `${show(value)} is not true or false (the custom field is a yes/no field)`);
			return value.toLowerCase();
		default:
			return text;
	}
}
