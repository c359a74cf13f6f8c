// @ts-check
'use strict';

/**
 * The fake's own checks of query parameters that its handlers do not read closely (enums, booleans,
 * numbers), so that it refuses them with or without the official spec (the spec check, when on,
 * refuses them first as `fake.spec_violation`). Values as the spec declares them.
 */

const { apiError, all, csv } = require('./apiCommon');

/**
 * @typedef {{ oneOf: string[] } | { listOf: string[] } | 'boolean' | 'integer'} Rule
 *   oneOf: exactly one of the values; listOf: a comma-separated list of them; boolean: true|false.
 * @typedef {import('./apiCommon').Query} Query
 * @typedef {import('./httpUtil').FakeResponse} FakeResponse
 */

const CONTACT_STATUSES = ['all', 'active', 'deleted', 'not_set', 'pending_confirmation', 'temp_hold', 'unsubscribed'];
const SMS_STATUSES = ['all', 'explicit', 'unsubscribed', 'pending_confirmation', 'not_set'];

/** operationId → { errorKey prefix, parameter → rule }. @type {Record<string, { key: string, params: Record<string, Rule> }>} */
const QUERY_RULES = {
	getContacts: { key: 'contacts', params: { status: { listOf: CONTACT_STATUSES }, sms_status: { listOf: SMS_STATUSES }, include_count: 'boolean' } },
	getContact: { key: 'contacts', params: { include: { listOf: ['custom_fields', 'list_memberships', 'phone_numbers', 'street_addresses', 'taggings', 'notes'] } } },
	getLists: {
		key: 'contact_lists',
		params: { status: { oneOf: ['all', 'active', 'deleted'] }, channel_type: { oneOf: ['email', 'sms'] }, include_count: 'boolean', include_sms_membership_count: 'boolean' },
	},
	getTags: { key: 'tags', params: { include_count: 'boolean' } },
	getTag: { key: 'tags', params: { include_count: 'boolean' } },
	getActivityStatusCollection: { key: 'activities', params: { state: { oneOf: ['processing', 'completed', 'cancelled', 'failed', 'timed_out'] } } },
	retrieveEmailAddresses: {
		key: 'account',
		params: {
			confirm_status: { oneOf: ['CONFIRMED', 'C', 'UNCONFIRMED', 'U'] },
			role_code: { oneOf: ['CONTACT', 'C', 'BILLING', 'B', 'JOURNALING', 'J', 'REPLY_TO', 'R', 'OTHER', 'O'] },
		},
	},
	getClicks: { key: 'reports', params: { url_id: 'integer' } },
	getContactTracking: { key: 'reports', params: { include_campaign_activity_names: 'boolean' } },
};

/**
 * 400 `<resource>.api.validation.error` naming the first parameter that breaks its rule, or null.
 * @param {string} operationId
 * @param {Query} query
 * @returns {FakeResponse | null}
 */
function checkQuery(operationId, query) {
	const rules = QUERY_RULES[operationId];
	if (!rules) return null;
	for (const [name, rule] of Object.entries(rules.params)) {
		for (const value of all(query, name)) {
			const problem = breaks(rule, value);
			if (problem) return apiError(400, `${rules.key}.api.validation.error`, `${name} ${problem}, got "${value}".`);
		}
	}
	return null;
}

/** @param {Rule} rule @param {string} value @returns {string | null} */
function breaks(rule, value) {
	if (rule === 'boolean') return value === 'true' || value === 'false' ? null : 'must be true or false';
	if (rule === 'integer') return /^\d+$/.test(value) ? null : 'must be a whole number';
	if ('oneOf' in rule) return rule.oneOf.includes(value) ? null : `must be one of ${rule.oneOf.join(', ')}`;
	const parts = csv(value);
	return parts.length && parts.every((p) => rule.listOf.includes(p)) ? null : `takes a comma-separated list of ${rule.listOf.join(', ')}`;
}

module.exports = { QUERY_RULES, checkQuery };
