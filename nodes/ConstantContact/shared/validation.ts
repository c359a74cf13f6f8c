/**
 * Input checks that run before any request is sent. Each failure names the field as the user
 * sees it in the node and says what Constant Contact accepts; the item goes into the error's
 * `itemIndex`, which n8n shows as "Item Index" next to the message.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PickKind } from './descriptions';
import { PICKS } from './descriptions';
import { shorten } from './transport';

/** Limits from Constant Contact's v3 specification (ContactResource and friends). */
export const LIMITS = {
	email: 80,
	/** `POST /contacts/sign_up_form` declares a shorter e-mail than the contact resource. */
	signUpFormEmail: 50,
	name: 50,
	anniversary: 10,
	phoneNumber: 25,
	phoneNumbers: 3,
	street: 255,
	addressPart: 50,
	streetAddresses: 3,
	customFieldValue: 255,
	customFields: 25,
	signUpFormCustomFields: 50,
	lists: 50,
	tags: 50,
	listsFilter: 25,
	tagName: 255,
	optOutReason: 255,
};

/** Any n8n context that names the node (executions, polls). */
export type NodeContext = Pick<IExecuteFunctions, 'getNode'>;

/**
 * The error for bad input: `<field label> <problem>`, e.g. `Email "ann@example" is not a valid
 * e-mail address`. The item is not repeated in the message: it goes into `itemIndex` (undefined
 * for node-level settings, the trigger's), which n8n shows with the error.
 */
export function invalid(
	ctx: NodeContext,
	itemIndex: number | undefined,
	field: string,
	problem: string,
	hint?: string,
): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `${field} ${problem}`, {
		itemIndex,
		description: hint,
	});
}

/** A value as a user can recognise it in a message: JSON, shortened. */
export function show(value: unknown): string {
	return shorten(typeof value === 'string' ? JSON.stringify(value) : value, 60);
}

/** What a value is, for "… is <this>; it takes text". */
export function kindOf(value: unknown): string {
	if (Array.isArray(value)) return `a list (${show(value)})`;
	if (value && typeof value === 'object') return `an object (${show(value)})`;
	if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
	return show(value);
}

/**
 * A text value: text as it is, a number as its digits, nothing (null, undefined) as ''. An
 * object or a list is refused, never turned into "[object Object]" or "a,b".
 */
export function asText(ctx: NodeContext, itemIndex: number | undefined, field: string, value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	throw invalid(ctx, itemIndex, field, `is ${kindOf(value)}; it takes text`, 'Map a single value here, e.g. {{ $json.name }}, not an object or a list.');
}

const EMAIL = /^[^\s@"<>(),;:\\[\]]+@[^\s@"<>(),;:\\[\]]+\.[^\s@"<>(),;:\\[\].]{2,}$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function checkEmail(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	max = LIMITS.email,
): string {
	const email = asText(ctx, itemIndex, field, value).trim();
	if (!email) throw invalid(ctx, itemIndex, field, 'is empty', 'Enter the contact\'s e-mail address, e.g. name@example.com.');
	if (!EMAIL.test(email)) {
		throw invalid(ctx, itemIndex, field, `${show(email)} is not a valid e-mail address`, 'Use the form name@example.com.');
	}
	if (email.length > max) {
		throw invalid(ctx, itemIndex, field, `is ${email.length} characters long; Constant Contact accepts at most ${max}`);
	}
	return email;
}

export function checkLength(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	max: number,
): string {
	const text = asText(ctx, itemIndex, field, value);
	if (text.length > max) {
		throw invalid(ctx, itemIndex, field, `is ${text.length} characters long; Constant Contact accepts at most ${max}`);
	}
	return text;
}

export function checkOneOf<T extends string>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	allowed: readonly T[],
): T {
	const v = asText(ctx, itemIndex, field, value).trim().toLowerCase();
	const match = allowed.find((a) => a.toLowerCase() === v);
	if (!match) {
		throw invalid(ctx, itemIndex, field, `${show(value ?? '')} is not one of: ${allowed.join(', ')}`);
	}
	return match;
}

/** Accepts an array or a comma-separated string (expressions produce both). */
/**
 * The entries of a list field (IDs or names): an array, or text separated by commas. An object,
 * or a list holding one (an expression mistake), is refused before any request, never turned into
 * the name "[object Object]".
 */
export function listEntries(ctx: NodeContext, itemIndex: number | undefined, field: string, value: unknown): string[] {
	const entries = Array.isArray(value) ? value : [value];
	const bad = entries.find((v) => v !== null && v !== undefined && typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v)));
	if (bad !== undefined) {
		throw invalid(
			ctx,
			itemIndex,
			field,
			Array.isArray(value) ? `contains ${kindOf(bad)}; it takes names or IDs` : `is ${kindOf(bad)}; it takes names or IDs`,
			'Map a list of texts here, e.g. {{ $json.lists }} holding ["Newsletter"], or names separated by commas; not objects.',
		);
	}
	return toIdList(value);
}

export function toIdList(value: unknown): string[] {
	const raw = Array.isArray(value) ? value : String(value ?? '').split(',');
	const ids = raw.map((v) => String(v ?? '').trim()).filter((v) => v !== '');
	return [...new Set(ids)];
}

/**
 * A list of IDs (lists, tags, contacts). `what` is the plural ("lists"); `picker` says the field
 * is a "… Names or IDs" dropdown: names are chosen there, and an expression must give IDs.
 */
export function checkIdList(
	ctx: NodeContext,
	itemIndex: number | undefined,
	field: string,
	value: unknown,
	options: { max: number; min?: number; what: string; picker?: boolean; names?: boolean },
): string[] {
	const ids = listEntries(ctx, itemIndex, field, value);
	const one = options.what.replace(/s$/, '');
	const min = options.min ?? 0;
	if (ids.length < min) {
		throw invalid(
			ctx,
			itemIndex,
			field,
			`needs at least ${min === 1 ? `one ${one}` : `${min} ${options.what}`}`,
			options.picker
				? `Choose the ${options.what} from the dropdown, or give their names or IDs (an array, or separated by commas); ${one === 'list' ? 'List' : 'Tag'} → Get Many lists them.`
				: undefined,
		);
	}
	if (ids.length > options.max) {
		throw invalid(ctx, itemIndex, field, `has ${ids.length} ${options.what}; Constant Contact accepts at most ${options.max}`);
	}
	if (options.names) {
		const long = ids.find((id) => id.length > 255);
		if (long) throw invalid(ctx, itemIndex, field, `contains a name of ${long.length} characters; names have at most 255`);
		return ids;
	}
	const bad = ids.find((id) => !UUID.test(id));
	if (bad) {
		throw invalid(
			ctx,
			itemIndex,
			field,
			`contains ${show(bad)}, which is not a Constant Contact ${one.endsWith(' ID') ? one : 'ID'}`,
			'Constant Contact IDs look like 1ec8a3a0-4e6b-11ec-8bd6-fa163e6a92d8.',
		);
	}
	return ids;
}

export function checkUuid(ctx: IExecuteFunctions, itemIndex: number, field: string, value: unknown, finder?: string): string {
	const id = asText(ctx, itemIndex, field, value).trim();
	if (!UUID.test(id)) {
		throw invalid(
			ctx,
			itemIndex,
			field,
			id ? `${show(id)} is not a Constant Contact ID` : 'is empty',
			`Constant Contact IDs look like 1ec8a3a0-4e6b-11ec-8bd6-fa163e6a92d8.${finder ? ` ${finder}` : ''}`,
		);
	}
	return id;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function toInt(value: unknown): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const n = Number(value);
	return Number.isInteger(n) ? n : NaN;
}

/** Birthday is two integers that Constant Contact only takes together. */
export function checkBirthday(
	ctx: IExecuteFunctions,
	itemIndex: number,
	monthValue: unknown,
	dayValue: unknown,
): { birthday_month: number; birthday_day: number } | undefined {
	const month = toInt(monthValue);
	const day = toInt(dayValue);
	if (month === undefined && day === undefined) return undefined;
	if (month === undefined || day === undefined) {
		throw invalid(
			ctx,
			itemIndex,
			month === undefined ? 'Birthday Month' : 'Birthday Day',
			'is missing',
			'Constant Contact stores a birthday only as month and day together: set both or neither.',
		);
	}
	if (!(month >= 1 && month <= 12)) {
		throw invalid(ctx, itemIndex, 'Birthday Month', `is ${String(monthValue)}; it must be a whole number from 1 to 12`);
	}
	if (!(day >= 1 && day <= DAYS_IN_MONTH[month - 1])) {
		throw invalid(
			ctx,
			itemIndex,
			'Birthday Day',
			`is ${String(dayValue)}; month ${month} has days 1 to ${DAYS_IN_MONTH[month - 1]}`,
		);
	}
	return { birthday_month: month, birthday_day: day };
}

/**
 * Constant Contact accepts anniversaries as MM/DD/YYYY, M/D/YYYY, YYYY/MM/DD, YYYY/M/D,
 * YYYY-MM-DD, YYYY-M-D, MM-DD-YYYY or M-D-YYYY (at most 10 characters). An ISO date-time from
 * n8n's date picker or an expression is reduced to its date.
 */
/**
 * A calendar date in a form Constant Contact accepts: YYYY-MM-DD or YYYY/MM/DD, MM/DD/YYYY or
 * MM-DD-YYYY (one-digit months and days too), or an ISO date-time (n8n's date picker, `$now`),
 * of which the date is taken. Answers the date as written (without a time), or why it is not one.
 */
export function parseCalendarDate(input: string): { date: string } | { problem: string; hint?: string } {
	let text = input;
	const iso = /^(\d{4}-\d{2}-\d{2})T[\d:.]+(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
	if (iso) text = iso[1];
	let year: number, month: number, day: number;
	const ymd = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})$/.exec(text);
	const mdy = /^(\d{1,2})([-/])(\d{1,2})\2(\d{4})$/.exec(text);
	if (ymd) [year, month, day] = [Number(ymd[1]), Number(ymd[3]), Number(ymd[4])];
	else if (mdy) [year, month, day] = [Number(mdy[4]), Number(mdy[1]), Number(mdy[3])];
	else return { problem: `${show(input)} is not a date Constant Contact accepts`, hint: 'Use YYYY-MM-DD (e.g. 2019-06-21) or MM/DD/YYYY (e.g. 06/21/2019).' };
	const valid = month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1] && year >= 1000;
	return valid ? { date: text } : { problem: `${show(text)} is not a real date` };
}

export function checkAnniversary(ctx: IExecuteFunctions, itemIndex: number, value: unknown): string | undefined {
	const text = asText(ctx, itemIndex, 'Anniversary', value).trim();
	if (!text) return undefined;
	const parsed = parseCalendarDate(text);
	if ('problem' in parsed) throw invalid(ctx, itemIndex, 'Anniversary', parsed.problem, parsed.hint);
	return parsed.date;
}

/** The ID of a "pick one X" field (resource locator), checked against that kind's ID format. */
export function readPick(ctx: IExecuteFunctions, itemIndex: number, name: string, kind: PickKind): string {
	const spec = PICKS[kind];
	const value = asText(ctx, itemIndex, spec.label, ctx.getNodeParameter(name, itemIndex, '', { extractValue: true })).trim();
	if (!new RegExp(spec.idPattern).test(value)) {
		throw invalid(
			ctx,
			itemIndex,
			spec.label,
			value ? `${show(value)} is not a Constant Contact ${spec.label.toLowerCase()} ID` : 'is empty',
			`${spec.idError}, e.g. ${spec.idPlaceholder.replace('e.g. ', '')}. Pick one from the list, or find its ID with ${spec.label} → Get Many.`,
		);
	}
	return value;
}
