// @ts-check
'use strict';

/**
 * What Constant Contact refuses in a contact's value of a typed custom field (brief §7.3: types
 * date, datetime, number, currency, boolean …; `metadata.allow_negative`, `decimal_places`).
 * The fake's model, written apart from the node's checks so that each can catch the other.
 */

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** @param {string} v */
function isCalendarDate(v) {
	const ymd = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})$/.exec(v);
	const mdy = /^(\d{1,2})([-/])(\d{1,2})\2(\d{4})$/.exec(v);
	const [y, m, d] = ymd ? [+ymd[1], +ymd[3], +ymd[4]] : mdy ? [+mdy[4], +mdy[1], +mdy[3]] : [0, 0, 0];
	return y >= 1000 && m >= 1 && m <= 12 && d >= 1 && d <= DAYS[m - 1];
}

/**
 * @param {{ label: string, type: string, metadata?: any }} field
 * @param {unknown} value
 * @returns {string | undefined} why Constant Contact refuses it
 */
function customFieldValueProblem(field, value) {
	if (value === undefined || value === null || value === '') return undefined;
	const v = String(value);
	const bad = `"${v.slice(0, 60)}" is not a valid ${field.type} value for custom field "${field.label}".`;
	switch (field.type) {
		case 'date':
			return isCalendarDate(v) ? undefined : bad;
		case 'datetime':
			return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(v) && Number.isFinite(Date.parse(v)) ? undefined : bad;
		case 'number':
		case 'currency': {
			if (!/^-?\d+(\.\d+)?$/.test(v)) return bad;
			if (v.startsWith('-') && field.metadata?.allow_negative !== true) return `Custom field "${field.label}" does not allow negative values.`;
			const places = field.metadata?.decimal_places;
			if (typeof places === 'number' && (v.split('.')[1]?.length ?? 0) > places) return `Custom field "${field.label}" allows ${places} decimal places.`;
			return undefined;
		}
		case 'boolean':
			return /^(true|false)$/i.test(v) ? undefined : bad;
		default:
			return v.length > 255 ? `The value of custom field "${field.label}" is longer than 255 characters.` : undefined;
	}
}

module.exports = { customFieldValueProblem };
