// @ts-check
'use strict';

/**
 * Fake Constant Contact V3 API (base path /v3), stateful and in memory.
 *
 * Request pipeline (each step can answer and stop):
 *   1. `/__admin/*` → admin endpoints (no auth, not logged, not counted)
 *   2. fault injection (faults.js)
 *   3. gateway: Bearer token must be live or static → else 401 single object (brief §1.9);
 *      daily cap → 429 quota_exceeded; per-second limit → 429 throttled (brief §2). Counting:
 *      every request with a valid token counts toward the daily cap (also the throttled ones, as a
 *      per-app limiter counts every call that reached it); the per-second window counts admitted
 *      requests only. Rejected requests never touch data.
 *   4. scope check (brief §1.5: missing scope → 403)
 *   5. Content-Type / JSON parsing (brief §3.2: 415 for a non-JSON Content-Type)
 *   6. spec validation (specValidator.js, when the spec is available) → 400 `[{"error_key":"fake.spec_violation",...}]`
 *   7. the fake's own query checks (queryRules.js), then the handler, which checks the rest
 * Normal errors are arrays `[{error_key, error_message}]` (brief §3.1).
 */

const { readBody, queryObject, maskAuthorization, send } = require('./httpUtil');
const { defaultFaultBody } = require('./faults');
const { apiError, one, csv, cursors } = require('./apiCommon');
const { EmailApi } = require('./emailApi');
const { checkQuery } = require('./queryRules');
const { customFieldValueProblem } = require('./customFieldValues');
const {
	CONTACT_SCALAR_FIELDS,
	SUB_RESOURCES,
	PERMISSIONS,
	CUSTOM_FIELD_TYPES,
	MAX_LISTS_PER_CONTACT,
	iso,
	dateOnly,
	isUuid,
	byCreated,
} = require('./store');

const BASE = '/v3';
/** Brief §6.1: JSON import payload limit; bytes beyond it are dropped silently. */
const MAX_IMPORT_BYTES = 4_000_000;
/** Brief §6.1: at most 40,000 contacts per import. */
const MAX_IMPORT_ROWS = 40_000;
/** Spec def SegmentData: segment_criteria maxLength. */
const MAX_SEGMENT_CRITERIA = 20_000;
const SOURCES = ['Contact', 'Account'];

/**
 * @typedef {import('./httpUtil').FakeResponse} FakeResponse
 * @typedef {import('./httpUtil').LogEntry} LogEntry
 * @typedef {import('./store').ContactRec} ContactRec
 * @typedef {Record<string, string | string[]>} Query
 * @typedef {{ params: Record<string, string>, query: Query, body: any, raw: string }} Ctx
 *   `raw` is the request body as received (the JSON import needs byte positions, brief §6.1).
 * @typedef {{ method: string, regex: RegExp, operationId: string, scope: string | null, keys: string[], collection?: boolean }} RouteDef
 */

/** @param {string} message */
const badRequest = (message) => apiError(400, 'contacts.api.validation.error', message);

/**
 * Route table. `scope` is the OAuth scope the operation needs (spec `security`, brief §1.5).
 * Spec operations the fake does not implement are listed with operationId only and answer 501.
 * @type {Array<[string, string, string, string | null, boolean?]>} method, template, operationId, scope, collection
 */
const ROUTE_TABLE = [
	['GET', '/contacts', 'getContacts', 'contact_data', true],
	['POST', '/contacts', 'createContact', 'contact_data'],
	['POST', '/contacts/sign_up_form', 'createOrUpdateContact', 'contact_data'],
	['GET', '/contacts/counts', 'countContact', 'contact_data'],
	['GET', '/contacts/contact_id_xrefs', 'getContactIdXrefs', 'contact_data'],
	['PUT', '/contacts/resubscribe/{contact_id}', 'resubscribeContact', 'contact_data'],
	['GET', '/contacts/sms_engagement_history/{contact_id}', 'getSmsEngagementHistory', 'contact_data'],
	['GET', '/contacts/{contact_id}', 'getContact', 'contact_data'],
	['PUT', '/contacts/{contact_id}', 'putContact', 'contact_data'],
	['DELETE', '/contacts/{contact_id}', 'deleteContact', 'contact_data'],
	['GET', '/contact_lists', 'getLists', 'contact_data', true],
	['POST', '/contact_lists', 'createList', 'contact_data'],
	['GET', '/contact_lists/list_id_xrefs', 'getListIdXrefs', 'contact_data'],
	['GET', '/contact_lists/{list_id}', 'getList', 'contact_data'],
	['PUT', '/contact_lists/{list_id}', 'putList', 'contact_data'],
	['DELETE', '/contact_lists/{list_id}', 'deleteListActivity', 'contact_data'],
	['GET', '/contact_tags', 'getTags', 'contact_data', true],
	['POST', '/contact_tags', 'postTag', 'contact_data'],
	['GET', '/contact_tags/{tag_id}', 'getTag', 'contact_data'],
	['PUT', '/contact_tags/{tag_id}', 'putTag', 'contact_data'],
	['DELETE', '/contact_tags/{tag_id}', 'deleteTag', 'contact_data'],
	['GET', '/contact_custom_fields', 'getCustomFields', 'contact_data', true],
	['POST', '/contact_custom_fields', 'postCustomFields', 'contact_data'],
	['GET', '/contact_custom_fields/{custom_field_id}', 'getCustomField', 'contact_data'],
	['PUT', '/contact_custom_fields/{custom_field_id}', 'putCustomField', 'contact_data'],
	['DELETE', '/contact_custom_fields/{custom_field_id}', 'deleteCustomField', 'contact_data'],
	['GET', '/activities', 'getActivityStatusCollection', 'contact_data', true],
	['GET', '/activities/{activity_id}', 'getActivity', 'contact_data'],
	['POST', '/activities/add_list_memberships', 'postListAddContact', 'contact_data'],
	['POST', '/activities/remove_list_memberships', 'postListRemoveContact', 'contact_data'],
	['POST', '/activities/contacts_taggings_add', 'postTagAddContact', 'contact_data'],
	['POST', '/activities/contacts_taggings_remove', 'postTagRemoveContact', 'contact_data'],
	['POST', '/activities/contact_delete', 'postContactDelete', 'contact_data'],
	['POST', '/activities/contacts_json_import', 'bulkImportContactsJSON', 'contact_data'],
	['POST', '/activities/list_delete', 'postListDelete', 'contact_data'],
	['POST', '/activities/contacts_tags_delete', 'postTagDelete', 'contact_data'],
	['POST', '/activities/custom_fields_delete', 'postCustomFieldDelete', 'contact_data'],
	['GET', '/segments', 'getAccountSegments', 'contact_data', true],
	['POST', '/segments', 'createSegment', 'contact_data'],
	['GET', '/segments/{segment_id}', 'getSegmentDetail', 'contact_data'],
	['PUT', '/segments/{segment_id}', 'updateSegment', 'contact_data'],
	['DELETE', '/segments/{segment_id}', 'deleteSegment', 'contact_data'],
	['PATCH', '/segments/{segment_id}/name', 'updateSegmentName', 'contact_data'],
	// Brief §10: the recommended credential test; needs no scope.
	['GET', '/account/user/privileges', 'getUserPrivileges', null],
	// Account (brief §10; emailApi.js).
	['GET', '/account/summary', 'getAccountById', 'account_read'],
	['GET', '/account/summary/physical_address', 'getPhysicalAddress', 'account_read'],
	['GET', '/account/emails', 'retrieveEmailAddresses', 'account_read'],
	['POST', '/account/emails', 'addAccountEmailAddress', 'account_update'],
	// E-mail campaigns (brief §8; emailApi.js).
	['GET', '/emails', 'retrieveEmailCampaignsUsingGET', 'campaign_data', true],
	['POST', '/emails', 'createEmailCampaignUsingPOST', 'campaign_data'],
	['GET', '/emails/campaign_id_xrefs', 'retrieveXrefMappingsUsingGET', 'campaign_data'],
	['GET', '/emails/activities/{campaign_activity_id}', 'retrieveEmailCampaignActivityUsingGET', 'campaign_data'],
	['PUT', '/emails/activities/{campaign_activity_id}', 'updateEmailCampaignActivityUsingPUT', 'campaign_data'],
	['GET', '/emails/activities/{campaign_activity_id}/schedules', 'retrieveEmailSchedulesUsingGET', 'campaign_data'],
	['POST', '/emails/activities/{campaign_activity_id}/schedules', 'scheduleEmailCampaignActivityUsingPOST', 'campaign_data'],
	['DELETE', '/emails/activities/{campaign_activity_id}/schedules', 'unscheduleEmailCampaignActivityUsingDELETE', 'campaign_data'],
	['POST', '/emails/activities/{campaign_activity_id}/tests', 'testSendCampaignActivityUsingPOST', 'campaign_data'],
	['GET', '/emails/activities/{campaign_activity_id}/previews', 'retrieveEmailCampaignActivityPreviewUsingGET', 'campaign_data'],
	['GET', '/emails/activities/{campaign_activity_id}/send_history', 'retrieveEmailSendHistoryUsingGET', 'campaign_data'],
	['GET', '/emails/{campaign_id}', 'retrieveEmailCampaignUsingGET', 'campaign_data'],
	['PATCH', '/emails/{campaign_id}', 'renameEmailCampaignUsingPATCH', 'campaign_data'],
	['DELETE', '/emails/{campaign_id}', 'removeEmailCampaignUsingDELETE', 'campaign_data'],
	// Reporting (brief §9; emailApi.js). Contact reports need contact_data.
	['GET', '/reports/summary_reports/email_campaign_summaries', 'getAllBulkEmailCampaignSummaries', 'campaign_data', true],
	['GET', '/reports/stats/email_campaigns/{campaign_ids}', 'getEmailSummary', 'campaign_data'],
	['GET', '/reports/stats/email_campaign_activities/{campaign_activity_ids}', 'getEmailCampaignActivitySummary', 'campaign_data'],
	['GET', '/reports/email_reports/{campaign_activity_id}/tracking/sends', 'getSends', 'campaign_data', true],
	['GET', '/reports/email_reports/{campaign_activity_id}/tracking/opens', 'getOpens', 'campaign_data', true],
	['GET', '/reports/email_reports/{campaign_activity_id}/tracking/unique_opens', 'getUniqueOpens', 'campaign_data', true],
	['GET', '/reports/email_reports/{campaign_activity_id}/tracking/didnotopens', 'getDidNotOpens', 'campaign_data', true],
	['GET', '/reports/email_reports/{campaign_activity_id}/tracking/clicks', 'getClicks', 'campaign_data', true],
	['GET', '/reports/email_reports/{campaign_activity_id}/tracking/forwards', 'getForwards', 'campaign_data', true],
	['GET', '/reports/email_reports/{campaign_activity_id}/tracking/optouts', 'getOptouts', 'campaign_data', true],
	['GET', '/reports/email_reports/{campaign_activity_id}/tracking/bounces', 'getBounces', 'campaign_data', true],
	['GET', '/reports/contact_reports/{contact_id}/activity_details', 'getContactTracking', 'contact_data', true],
	['GET', '/reports/contact_reports/{contact_id}/open_and_click_rates', 'getContactOpenClickRate', 'contact_data'],
];

/** @type {RouteDef[]} */
const ROUTES = ROUTE_TABLE.map(([method, template, operationId, scope, collection]) => {
	/** @type {string[]} */
	const keys = [];
	const re = template.replace(/\{([^}]+)\}/g, (_m, k) => {
		keys.push(k);
		return '([^/]+)';
	});
	return { method, regex: new RegExp(`^${re}/?$`), operationId, scope, keys, collection };
});

/**
 * How many elements of the top-level `import_data` array end within the first `limit` bytes
 * (UTF-8) of a JSON body (brief §6.1: "only imports the first 4 MB and drops the remaining data").
 * A single pass over the text that tracks strings, nesting depth and the current top-level key.
 * @param {string} raw
 * @param {number} limit
 * @returns {number}
 */
function importRowsWithinBytes(raw, limit) {
	let bytes = 0;
	let depth = 0;
	let inString = false;
	let escaped = false;
	let stringStart = -1;
	/** @type {string | null} */
	let lastString = null;
	/** @type {string | null} */
	let key = null;
	let inImport = false;
	let count = 0;
	for (let i = 0; i < raw.length; i++) {
		const ch = raw.charCodeAt(i);
		// UTF-8 length of this UTF-16 code unit (a surrogate pair is 4 bytes: 4 + 0).
		bytes += ch < 0x80 ? 1 : ch < 0x800 ? 2 : ch >= 0xd800 && ch <= 0xdbff ? 4 : ch >= 0xdc00 && ch <= 0xdfff ? 0 : 3;
		// Past the limit inside import_data: no later row can end within it.
		if (inImport && bytes > limit) return count;
		if (inString) {
			if (escaped) escaped = false;
			else if (ch === 0x5c /* \ */) escaped = true;
			else if (ch === 0x22 /* " */) {
				inString = false;
				if (depth === 1) lastString = raw.slice(stringStart, i);
			}
			continue;
		}
		switch (ch) {
			case 0x22: // "
				inString = true;
				stringStart = i + 1;
				break;
			case 0x3a: // :
				if (depth === 1) key = lastString;
				break;
			case 0x7b: // {
			case 0x5b: // [
				depth++;
				if (ch === 0x5b && depth === 2 && key === 'import_data') inImport = true;
				break;
			case 0x7d: // }
			case 0x5d: // ]
				depth--;
				if (inImport && depth === 1) return count; // end of import_data: all rows fit
				if (inImport && depth === 2) count++; // a row object closed within the limit
				break;
			default:
				break;
		}
	}
	return count;
}

class ConstantContactApi {
	/**
	 * @param {{
	 *   arrivals: { now(): number },
	 *   store: import('./store').Store, tokens: import('./tokens').TokenStore,
	 *   validator: import('./specValidator').SpecValidator | null,
	 *   log: LogEntry[], violations: Array<{ method: string, path: string, errors: string[] }>,
	 *   faults: import('./faults').FaultQueue, timers: import('./httpUtil').Timers,
	 *   options: { rateLimitPerSecond: number, rateWindowMs: number, dailyCap: number, activityCompletesAfterPolls: number, segmentProcessingResponses: number, pageDelayMs: number, campaignCompletesAfterPolls: number },
	 *   admin?: any
	 * }} ctx
	 */
	constructor(ctx) {
		this.ctx = ctx;
		this.store = ctx.store;
		this.dailyCount = 0;
		/** @type {number[]} admitted request times (arrival clock) in the last second */
		this.windowTimes = [];
		this.handle = this.handle.bind(this);
		this.emailApi = new EmailApi(this);
	}

	resetDailyCount() {
		this.dailyCount = 0;
	}

	resetCounters() {
		this.dailyCount = 0;
		this.windowTimes = [];
	}

	/**
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 */
	async handle(req, res) {
		const url = new URL(req.url || '/', 'http://127.0.0.1');
		const method = (req.method || 'GET').toUpperCase();
		const raw = await readBody(req);
		const query = queryObject(url.searchParams);

		if (url.pathname.startsWith('/__admin/')) {
			send(res, await this.handleAdmin(method, url.pathname, raw));
			return;
		}

		/** @type {unknown} */
		let loggedBody = raw === '' ? undefined : raw;
		try {
			if (raw !== '') loggedBody = JSON.parse(raw);
		} catch {
			/* keep the raw text in the log */
		}
		/** @type {LogEntry} */
		const entry = {
			server: 'api',
			method,
			path: url.pathname,
			query,
			body: loggedBody,
			status: null,
			at: this.ctx.arrivals.now(),
			authorization: maskAuthorization(req.headers.authorization),
		};
		this.ctx.log.push(entry);

		const fault = this.ctx.faults.take('api', method, url.pathname, BASE);
		if (fault?.kind === 'reset') {
			entry.status = 0;
			entry.fault = 'reset';
			req.socket.destroy();
			return;
		}
		if (fault?.kind === 'status') {
			const status = /** @type {number} */ (fault.status);
			entry.status = status;
			entry.fault = 'status';
			send(res, fault.raw !== undefined ? { status, raw: fault.raw } : { status, body: fault.body ?? defaultFaultBody(status) });
			return;
		}
		if (fault?.kind === 'delay') {
			entry.fault = 'delay';
			if (fault.until) await fault.until;
			else await this.ctx.timers.sleep(fault.ms ?? 0);
		}

		let r = await this.process(method, url.pathname, query, raw, req.headers);

		if (fault?.kind === 'afterHandle') {
			// The effect happened; the answer is lost.
			entry.fault = 'afterHandle';
			if (fault.reset || fault.status === 'reset') {
				entry.status = 0;
				req.socket.destroy();
				return;
			}
			const status = typeof fault.status === 'number' ? fault.status : 500;
			r = fault.raw !== undefined ? { status, raw: fault.raw } : { status, body: fault.body ?? defaultFaultBody(status) };
		}
		entry.status = r.status;
		send(res, r);
	}

	/**
	 * Everything after fault injection: gateway, validation, handler.
	 * @param {string} method
	 * @param {string} pathname
	 * @param {Query} query
	 * @param {string} raw
	 * @param {import('node:http').IncomingHttpHeaders} headers
	 * @returns {Promise<FakeResponse>}
	 */
	async process(method, pathname, query, raw, headers) {
		const { options, tokens, validator } = this.ctx;

		// --- gateway: authentication (brief §1.9: 401 single object)
		const m = /^Bearer\s+(\S+)$/i.exec(String(headers.authorization || ''));
		const scopes = m ? tokens.accessTokenScopes(m[1]) : null;
		if (!scopes) {
			return {
				status: 401,
				body: { error_key: 'unauthorized', error_message: 'Unauthorized' },
				headers: { 'WWW-Authenticate': 'Bearer realm=api.cc.email' },
			};
		}
		// --- gateway: limits (brief §2)
		this.dailyCount++;
		if (options.dailyCap > 0 && this.dailyCount > options.dailyCap) {
			return { status: 429, body: { error_key: 'quota_exceeded', error_message: 'Limit Exceeded' } };
		}
		if (options.rateLimitPerSecond > 0) {
			const now = this.ctx.arrivals.now();
			this.windowTimes = this.windowTimes.filter((t) => now - t < options.rateWindowMs);
			if (this.windowTimes.length >= options.rateLimitPerSecond) {
				return { status: 429, body: { error_key: 'throttled', error_message: 'Too Many Requests' } };
			}
			this.windowTimes.push(now);
		}

		// --- routing
		const rel = pathname.startsWith(BASE + '/') ? pathname.slice(BASE.length) : null;
		/** @type {{ route: RouteDef, params: Record<string, string> } | null} */
		let found = null;
		if (rel !== null) {
			for (const route of ROUTES) {
				if (route.method !== method) continue;
				const mm = route.regex.exec(rel);
				if (!mm) continue;
				/** @type {Record<string, string>} */
				const params = {};
				route.keys.forEach((k, i) => {
					try {
						params[k] = decodeURIComponent(mm[i + 1]);
					} catch {
						params[k] = mm[i + 1];
					}
				});
				found = { route, params };
				break;
			}
		}

		// --- scope (brief §1.5: missing scope → 403)
		if (found && found.route.scope && !scopes.includes(found.route.scope)) {
			return apiError(403, 'unauthorized', `The access token lacks the required scope "${found.route.scope}".`);
		}

		// --- body parsing (brief §3.2: 400 malformed JSON, 415 wrong Content-Type)
		/** @type {any} */
		let body;
		if (raw !== '') {
			const ct = String(headers['content-type'] || '');
			if (!/^application\/json\b/i.test(ct)) {
				return apiError(415, 'unsupported.media.type', `Content-Type must be application/json, got "${ct}".`);
			}
			try {
				body = JSON.parse(raw);
			} catch (e) {
				return apiError(400, 'json.malformed', `Malformed JSON: ${/** @type {Error} */ (e).message}`);
			}
		}

		// --- spec validation
		if (validator) {
			const v = validator.validateRequest({ method, path: pathname, query, body });
			if (v.errors.length) {
				this.ctx.violations.push({ method, path: pathname, errors: v.errors });
				return apiError(400, 'fake.spec_violation', v.errors.join('; '));
			}
			if (found && v.operationId && v.operationId !== found.route.operationId) {
				return apiError(501, 'fake.not_implemented', `${v.operationId} is not implemented by the fake.`);
			}
			if (!found) return apiError(501, 'fake.not_implemented', `${v.operationId} is not implemented by the fake.`);
		}
		if (!found) return apiError(404, 'not_found', `No route ${method} ${pathname}`);
		const badQuery = checkQuery(found.route.operationId, query);
		if (badQuery) return badQuery;

		// Handlers: op_<operationId> here (contacts, lists, tags, custom fields, activities,
		// segments), else in emailApi.js (account, campaigns, reports, xrefs).
		const name = `op_${found.route.operationId}`;
		const owner = typeof (/** @type {any} */ (this)[name]) === 'function' ? this : typeof (/** @type {any} */ (this.emailApi)[name]) === 'function' ? this.emailApi : null;
		if (!owner) return apiError(501, 'fake.not_implemented', `${found.route.operationId} is not implemented by the fake.`);
		/** @type {(c: Ctx) => FakeResponse} */
		const handler = /** @type {any} */ (owner)[name];
		if (found.route.collection && options.pageDelayMs > 0) await this.ctx.timers.sleep(options.pageDelayMs);
		return handler.call(owner, { params: found.params, query, body, raw });
	}

	/**
	 * Cursor paging shared by every collection (brief §4): `_links.next.href` is a relative path with
	 * /v3 and only `cursor` — the cursor encodes the original query and the offset.
	 * @template T
	 * @param {string} resource path after /v3, e.g. 'contacts'
	 * @param {Query} q original query (without cursor)
	 * @param {number} offset
	 * @param {number} limit
	 * @param {T[]} items all matching items in stable order
	 */
	page(resource, q, offset, limit, items) {
		const slice = items.slice(offset, offset + limit);
		const next = offset + limit < items.length ? { next: { href: `${BASE}/${resource}?cursor=${cursors.encode(resource, q, offset + limit)}` } } : null;
		return { slice, links: next };
	}

	/**
	 * Read the effective query of a collection GET: the request's own, or the one in its cursor.
	 * @param {string} resource
	 * @param {Query} query
	 * @returns {{ q: Query, offset: number } | FakeResponse}
	 */
	effectiveQuery(resource, query) {
		const cursor = one(query, 'cursor');
		if (cursor === undefined) return { q: query, offset: 0 };
		const c = cursors.decode(resource, cursor);
		if (!c) return badRequest('The cursor is invalid.');
		return { q: c.q, offset: c.o };
	}

	/**
	 * @param {string | undefined} v
	 * @param {number} def
	 * @param {number} max
	 * @returns {number | FakeResponse}
	 */
	limitOf(v, def, max) {
		if (v === undefined) return def;
		const n = Number(v);
		if (!/^\d+$/.test(v) || n < 1 || n > max) return badRequest(`limit must be an integer from 1 to ${max}.`);
		return n;
	}

	// =========================================================================== contacts

	/** @param {string} id @returns {ContactRec | FakeResponse} */
	contactOr404(id) {
		if (!isUuid(id)) return apiError(404, 'contacts.api.not_found', 'contact_id is in an invalid format.'); // brief §3.1 example
		const c = this.store.getContact(id);
		if (!c) return apiError(404, 'contacts.api.not_found', `Contact ${id} was not found.`);
		return c;
	}

	/** @param {Ctx} ctx */
	op_getContacts({ query }) {
		const eq = this.effectiveQuery('contacts', query);
		if ('status' in eq && typeof eq.status === 'number') return eq;
		const { q, offset } = /** @type {{ q: Query, offset: number }} */ (eq);
		const limit = this.limitOf(one(q, 'limit'), 50, 500);
		if (typeof limit !== 'number') return limit;
		const include = csv(one(q, 'include'));
		const badInclude = include.filter((i) => !(/** @type {readonly string[]} */ (SUB_RESOURCES).includes(i)));
		if (badInclude.length) return badRequest(`include has invalid value(s): ${badInclude.join(', ')}`);

		/** @type {ContactRec[]} */
		let items;
		const segmentId = one(q, 'segment_id');
		if (segmentId !== undefined) {
			// Brief §5.2: segment_id is only combinable with limit; may answer 202 "processing".
			const others = Object.keys(q).filter((k) => k !== 'segment_id' && k !== 'limit');
			if (others.length) return badRequest(`segment_id can only be combined with limit (got ${others.join(', ')}).`);
			const seg = /^\d+$/.test(segmentId) ? this.store.segments.get(Number(segmentId)) : undefined;
			// A deleted segment can no longer be evaluated (the fake's choice).
			if (!seg || seg.deleted_at) return apiError(404, 'contacts.api.not_found', `Segment ${segmentId} was not found.`);
			if (offset === 0) {
				const polls = this.store.segmentPolls.get(seg.segment_id) ?? 0;
				if (polls < this.ctx.options.segmentProcessingResponses) {
					this.store.segmentPolls.set(seg.segment_id, polls + 1);
					return { status: 202, body: { status: 'processing' } };
				}
			}
			items = this.store.segmentContacts(seg);
		} else {
			const statuses = one(q, 'status') !== undefined ? csv(one(q, 'status')) : null;
			const email = one(q, 'email')?.toLowerCase();
			const lists = csv(one(q, 'lists')).map((s) => s.toLowerCase());
			if (lists.length > 25) return badRequest('lists accepts at most 25 list IDs.');
			const tags = csv(one(q, 'tags')).map((s) => s.toLowerCase());
			if (tags.length > 50) return badRequest('tags accepts at most 50 tag IDs.');
			/** @type {Array<[string, (c: ContactRec) => string | undefined, 'after' | 'before']>} */
			const ranges = [
				['created_after', (c) => c.created_at, 'after'],
				['created_before', (c) => c.created_at, 'before'],
				['updated_after', (c) => c.updated_at, 'after'],
				['updated_before', (c) => c.updated_at, 'before'],
				['optout_after', (c) => c.email_address?.opt_out_date, 'after'],
				['optout_before', (c) => c.email_address?.opt_out_date, 'before'],
			];
			/** @type {Array<[(c: ContactRec) => string | undefined, 'after' | 'before', number]>} */
			const activeRanges = [];
			for (const [name, get, dir] of ranges) {
				const v = one(q, name);
				if (v === undefined) continue;
				const t = Date.parse(v);
				if (Number.isNaN(t)) return badRequest(`${name} must be an ISO-8601 date-time.`);
				activeRanges.push([get, dir, t]);
			}
			items = this.store.sortedContacts().filter((c) => {
				if (!this.store.matchesStatus(c, statuses)) return false;
				if (email !== undefined && c.email_address?.address.toLowerCase() !== email) return false;
				if (lists.length && !c.list_memberships.some((l) => lists.includes(l))) return false;
				if (tags.length && !c.taggings.some((t) => tags.includes(t))) return false;
				for (const [get, dir, t] of activeRanges) {
					const v = get(c);
					if (!v) return false;
					// The fake's reading: *_after is inclusive, *_before exclusive (CC does not document it).
					const ct = Date.parse(v);
					if (dir === 'after' ? ct < t : ct >= t) return false;
				}
				return true;
			});
		}
		const { slice, links } = this.page('contacts', q, offset, limit, items);
		/** @type {Record<string, any>} */
		const body = { contacts: slice.map((c) => this.store.renderContact(c, include)) };
		if (one(q, 'include_count') === 'true') body.contacts_count = items.length;
		if (links) body._links = links;
		return { status: 200, body };
	}

	/** @param {Ctx} ctx */
	op_getContact({ params, query }) {
		const c = this.contactOr404(params.contact_id);
		if ('status' in c && typeof c.status === 'number') return /** @type {FakeResponse} */ (c);
		const include = csv(one(query, 'include'));
		// A deleted contact is still returned, with deleted_at (brief §5.1).
		return { status: 200, body: this.store.renderContact(/** @type {ContactRec} */ (c), include) };
	}

	/**
	 * Checks shared by create and update. Returns an error response or null.
	 * @param {any} body
	 * @param {ContactRec | null} self contact being updated (for the e-mail uniqueness check)
	 */
	checkContactBody(body, self) {
		if (!body || typeof body !== 'object' || Array.isArray(body)) return badRequest('The request body must be a JSON object.');
		const email = body.email_address;
		if (email !== undefined) {
			if (!email || typeof email.address !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email.address)) {
				return badRequest('email_address.address must be a valid e-mail address.');
			}
			if (email.permission_to_send !== undefined && !PERMISSIONS.includes(email.permission_to_send)) {
				return badRequest(`email_address.permission_to_send must be one of ${PERMISSIONS.join(', ')}.`);
			}
			const other = this.store.contactByEmail(email.address);
			// Brief §3.2/§5.3: 409 also when the e-mail belongs to a deleted contact.
			if (other && other !== self) return apiError(409, 'contacts.api.conflict', 'Validation failed: EmailAddress is not unique');
		}
		if (!email && !body.first_name && !body.last_name) {
			return badRequest('At least one of email_address, first_name or last_name is required.');
		}
		// Brief §5.1/§14.17: birthday_month and birthday_day go together.
		if ((body.birthday_month === undefined) !== (body.birthday_day === undefined)) {
			return badRequest('birthday_month and birthday_day must be provided together.');
		}
		if (body.birthday_month !== undefined && !(Number.isInteger(body.birthday_month) && body.birthday_month >= 1 && body.birthday_month <= 12)) {
			return badRequest('birthday_month must be from 1 through 12.');
		}
		if (body.birthday_day !== undefined && !(Number.isInteger(body.birthday_day) && body.birthday_day >= 1 && body.birthday_day <= 31)) {
			return badRequest('birthday_day must be from 1 through 31.');
		}
		return this.checkSubResources(body);
	}

	/** @param {any} body */
	checkSubResources(body) {
		const { store } = this;
		if (Array.isArray(body.list_memberships)) {
			if (body.list_memberships.length > MAX_LISTS_PER_CONTACT) return badRequest(`A contact can be on at most ${MAX_LISTS_PER_CONTACT} lists.`);
			for (const id of body.list_memberships) {
				const l = store.lists.get(String(id).toLowerCase());
				if (!l || l.deleted_at) return badRequest(`list_memberships: list ${id} does not exist.`);
			}
		}
		if (Array.isArray(body.taggings)) {
			for (const id of body.taggings) if (!store.tags.has(String(id).toLowerCase())) return badRequest(`taggings: tag ${id} does not exist.`);
		}
		if (Array.isArray(body.custom_fields)) {
			for (const cf of body.custom_fields) {
				const field = cf && store.customFields.get(String(cf.custom_field_id).toLowerCase());
				if (!field) return badRequest(`custom_fields: custom field ${cf && cf.custom_field_id} does not exist.`);
				const problem = customFieldValueProblem(field, cf.value);
				if (problem) return badRequest(`custom_fields: ${problem}`);
			}
		}
		if (Array.isArray(body.phone_numbers)) {
			for (const p of body.phone_numbers) {
				if (p.kind !== undefined && !['home', 'work', 'mobile', 'other'].includes(p.kind)) return badRequest('phone_numbers.kind must be home, work, mobile or other.');
			}
		}
		if (Array.isArray(body.street_addresses)) {
			for (const a of body.street_addresses) {
				if (!['home', 'work', 'other'].includes(a.kind)) return badRequest('street_addresses.kind must be home, work or other.');
			}
		}
		return null;
	}

	/** POST /contacts (brief §5.3). @param {Ctx} ctx */
	op_createContact({ body }) {
		if (!body || !SOURCES.includes(body.create_source)) return badRequest('create_source is required and must be Contact or Account.');
		const err = this.checkContactBody(body, null);
		if (err) return err;
		const c = this.store.insertContact({
			...body,
			email: body.email_address?.address,
			permission_to_send: body.email_address?.permission_to_send ?? 'implicit',
			email_address: undefined,
			update_source: body.create_source,
			created_at: undefined,
			updated_at: undefined,
			deleted_at: undefined,
		});
		// 201 with the contact incl. the sub-resources it was given.
		return { status: 201, body: this.store.renderContact(c, SUB_RESOURCES.filter((k) => Array.isArray(body[k]))) };
	}

	/**
	 * PUT /contacts/{id} (brief §5.4): every omitted top-level field is removed; omitted
	 * sub-resources are untouched (given ones replace the set); revives deleted contacts
	 * (update_source must be Account then); 409 when another contact has the e-mail.
	 * @param {Ctx} ctx
	 */
	op_putContact({ params, body }) {
		const found = this.contactOr404(params.contact_id);
		if ('status' in found && typeof found.status === 'number') return /** @type {FakeResponse} */ (found);
		const c = /** @type {ContactRec} */ (found);
		if (!body || !SOURCES.includes(body.update_source)) return badRequest('update_source is required and must be Contact or Account.');
		if (c.deleted_at && body.update_source !== 'Account') {
			return badRequest('A deleted contact can only be restored with update_source "Account".');
		}
		const err = this.checkContactBody(body, c);
		if (err) return err;

		const now = this.store.stampIso();
		for (const f of CONTACT_SCALAR_FIELDS) {
			if (body[f] !== undefined && body[f] !== null) /** @type {any} */ (c)[f] = body[f];
			else delete c[f];
		}
		if (body.email_address) {
			const e = body.email_address;
			const old = c.email_address;
			if (old && old.address.toLowerCase() === e.address.toLowerCase()) {
				old.address = e.address;
				this.applyPermission(c, e.permission_to_send, body.update_source, e.opt_out_reason, now);
			} else {
				this.store.setEmailIndex(c, e.address);
				c.email_address = this.store.newEmail(e.address, e.permission_to_send ?? 'implicit', body.update_source, now);
			}
		} else if (c.email_address) {
			this.store.setEmailIndex(c, null);
			c.email_address = null;
		}
		for (const k of SUB_RESOURCES) {
			if (Array.isArray(body[k])) /** @type {any} */ (c)[k] = this.store.normalizeSub(k, body[k], body.update_source, now);
		}
		c.update_source = body.update_source;
		c.updated_at = now;
		delete c.deleted_at;
		return { status: 200, body: this.store.renderContact(c, SUB_RESOURCES.filter((k) => Array.isArray(body[k]))) };
	}

	/**
	 * Permission change through PUT. Setting `unsubscribed` records opt_out_date and
	 * opt_out_source "Account" (the account, through the integration, unsubscribed the contact)
	 * so the contact matches status=unsubscribed and optout_after. An unsubscribed contact cannot be re-opted-in by PUT
	 * (brief §5.7/§14.16: only the resubscribe flow can): the permission then stays unsubscribed.
	 * @param {ContactRec} c
	 * @param {string | undefined} permission
	 * @param {string} source
	 * @param {string | undefined} reason
	 * @param {string} now
	 */
	applyPermission(c, permission, source, reason, now) {
		const e = /** @type {import('./store').EmailRec} */ (c.email_address);
		if (!permission || permission === e.permission_to_send) return;
		if (e.permission_to_send === 'unsubscribed') return;
		e.permission_to_send = permission;
		e.updated_at = now;
		if (permission === 'unsubscribed') {
			e.opt_out_source = 'Account';
			e.opt_out_date = now;
			if (reason) e.opt_out_reason = reason;
		} else if (permission !== 'not_set') {
			e.opt_in_source = source;
			e.opt_in_date = now;
		}
	}

	/** DELETE /contacts/{id} → 204; deleted_at (date only) and updated_at are set. @param {Ctx} ctx */
	op_deleteContact({ params }) {
		const found = this.contactOr404(params.contact_id);
		if ('status' in found && typeof found.status === 'number') return /** @type {FakeResponse} */ (found);
		const c = /** @type {ContactRec} */ (found);
		if (!c.deleted_at) {
			const now = this.store.stampIso();
			c.deleted_at = dateOnly(Date.parse(now));
			c.updated_at = now;
		}
		return { status: 204 };
	}

	/**
	 * POST /contacts/sign_up_form (brief §5.6): create (201) or partial update (200); lists and
	 * custom fields are appended; permission becomes explicit — also for unsubscribed contacts;
	 * deleted contacts are revived.
	 * @param {Ctx} ctx
	 */
	op_createOrUpdateContact({ body }) {
		const { store } = this;
		if (!body || typeof body.email_address !== 'string') return badRequest('email_address (a string) is required.');
		if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(body.email_address)) return badRequest('email_address must be a valid e-mail address.');
		if (!Array.isArray(body.list_memberships) || body.list_memberships.length < 1 || body.list_memberships.length > 50) {
			return badRequest('list_memberships must contain 1 to 50 list IDs.');
		}
		if ((body.birthday_month === undefined) !== (body.birthday_day === undefined)) {
			return badRequest('birthday_month and birthday_day must be provided together.');
		}
		const subErr = this.checkSubResources({ list_memberships: body.list_memberships, custom_fields: body.custom_fields });
		if (subErr) return subErr;
		if (body.street_address && !['home', 'work', 'other'].includes(body.street_address.kind)) {
			return badRequest('street_address.kind must be home, work or other.');
		}
		const now = store.stampIso();
		const existing = store.contactByEmail(body.email_address);
		const lists = body.list_memberships.map((/** @type {string} */ s) => s.toLowerCase());
		if (!existing) {
			const c = store.insertContact(
				{
					email: body.email_address,
					permission_to_send: 'explicit',
					create_source: 'Contact',
					...pickDefined(body, CONTACT_SCALAR_FIELDS),
					list_memberships: lists,
					custom_fields: (body.custom_fields || []).map((/** @type {any} */ cf) => ({ custom_field_id: cf.custom_field_id.toLowerCase(), value: cf.value })),
					phone_numbers: body.phone_number ? [{ phone_number: body.phone_number, kind: 'other' }] : [],
					street_addresses: body.street_address ? [body.street_address] : [],
				},
				{ at: now },
			);
			return { status: 201, body: { contact_id: c.contact_id, action: 'created' } };
		}
		const c = existing;
		const merged = [...new Set([...c.list_memberships, ...lists])];
		if (merged.length > MAX_LISTS_PER_CONTACT) return badRequest(`A contact can be on at most ${MAX_LISTS_PER_CONTACT} lists.`);
		Object.assign(c, pickDefined(body, CONTACT_SCALAR_FIELDS));
		c.list_memberships = merged;
		for (const cf of body.custom_fields || []) {
			const id = String(cf.custom_field_id).toLowerCase();
			const cur = c.custom_fields.find((x) => x.custom_field_id === id);
			if (cur) cur.value = cf.value;
			else c.custom_fields.push({ custom_field_id: id, value: cf.value });
		}
		if (body.phone_number && !c.phone_numbers.some((p) => p.phone_number === body.phone_number)) {
			const [p] = store.normalizeSub('phone_numbers', [{ phone_number: body.phone_number, kind: 'other' }], 'Contact', now);
			if (c.phone_numbers.length >= 3) c.phone_numbers[c.phone_numbers.length - 1] = p;
			else c.phone_numbers.push(p);
		}
		if (body.street_address) {
			const [a] = store.normalizeSub('street_addresses', [body.street_address], 'Contact', now);
			const i = c.street_addresses.findIndex((x) => x.kind === a.kind);
			if (i >= 0) c.street_addresses[i] = a;
			else if (c.street_addresses.length >= 3) c.street_addresses[c.street_addresses.length - 1] = a;
			else c.street_addresses.push(a);
		}
		const e = /** @type {import('./store').EmailRec} */ (c.email_address);
		if (e.permission_to_send !== 'explicit') {
			e.permission_to_send = 'explicit';
			e.opt_in_source = 'Contact';
			e.opt_in_date = now;
			e.updated_at = now;
			delete e.opt_out_date;
			delete e.opt_out_source;
			delete e.opt_out_reason;
		}
		c.update_source = 'Contact';
		c.updated_at = now;
		delete c.deleted_at;
		return { status: 200, body: { contact_id: c.contact_id, action: 'updated' } };
	}

	// =========================================================================== lists

	/** @param {string} id */
	listOr404(id) {
		const l = isUuid(id) ? this.store.lists.get(id.toLowerCase()) : undefined;
		return l || apiError(404, 'contact_lists.api.not_found', `List ${id} was not found.`);
	}

	/** @param {Ctx} ctx */
	op_getLists({ query }) {
		const eq = this.effectiveQuery('contact_lists', query);
		if ('status' in eq && typeof eq.status === 'number') return eq;
		const { q, offset } = /** @type {{ q: Query, offset: number }} */ (eq);
		// Brief §4: description says 1–500, schema maximum 1000 — the fake follows the schema.
		const limit = this.limitOf(one(q, 'limit'), 50, 1000);
		if (typeof limit !== 'number') return limit;
		const status = one(q, 'status') ?? 'active';
		const name = one(q, 'name');
		const membership = this.membershipCount(q);
		if (typeof membership === 'object') return membership;
		let items = [...this.store.lists.values()]
			.filter((l) => (status === 'all' ? true : status === 'deleted' ? !!l.deleted_at : !l.deleted_at))
			.filter((l) => name === undefined || l.name === name)
			.sort((a, b) => byCreated(a.created_at, a.list_id, b.created_at, b.list_id));
		if (one(q, 'channel_type') === 'sms') items = []; // the fake has no SMS lists
		const { slice, links } = this.page('contact_lists', q, offset, limit, items);
		/** @type {Record<string, any>} */
		const body = { lists: slice.map((l) => this.store.renderList(l, membership)) };
		if (one(q, 'include_count') === 'true') body.lists_count = items.length;
		if (links) body._links = links;
		return { status: 200, body };
	}

	/** @param {Ctx} ctx */
	op_getList({ params, query }) {
		const l = this.listOr404(params.list_id);
		if ('status' in l) return l;
		const membership = this.membershipCount(query);
		if (typeof membership === 'object') return membership;
		return { status: 200, body: this.store.renderList(l, membership) };
	}

	/**
	 * `include_membership_count`: all, active (spec enum) or absent; anything else → 400.
	 * @param {Query} q
	 * @returns {'all' | 'active' | undefined | FakeResponse}
	 */
	membershipCount(q) {
		const v = one(q, 'include_membership_count');
		if (v === undefined || v === 'all' || v === 'active') return v;
		return apiError(400, 'contact_lists.api.validation.error', `include_membership_count must be all or active, got "${v}".`);
	}

	/** @param {any} body @param {string | null} selfId */
	checkListBody(body, selfId) {
		if (!body || typeof body.name !== 'string' || body.name.trim() === '') return badRequest('name is required.');
		if (body.name.length > 255) return badRequest('name must be at most 255 characters.');
		const other = this.store.listByName(body.name);
		if (other && other.list_id !== selfId) return apiError(409, 'contact_lists.api.conflict', `A list named "${body.name}" already exists.`);
		return null;
	}

	/** @param {Ctx} ctx */
	op_createList({ body }) {
		const err = this.checkListBody(body, null);
		if (err) return err;
		const active = [...this.store.lists.values()].filter((l) => !l.deleted_at).length;
		if (active >= 1000) return badRequest('An account can have at most 1000 lists.'); // brief §7.1
		const l = this.store.insertList({ name: body.name, description: body.description, favorite: body.favorite });
		return { status: 201, body: this.store.renderList(l, undefined) };
	}

	/** PUT replaces name, favorite and description. @param {Ctx} ctx */
	op_putList({ params, body }) {
		const l = this.listOr404(params.list_id);
		if ('status' in l) return l;
		const err = this.checkListBody(body, l.list_id);
		if (err) return err;
		l.name = body.name;
		l.favorite = body.favorite ?? false;
		if (body.description !== undefined) l.description = body.description;
		else delete l.description;
		l.updated_at = this.store.stampIso();
		return { status: 200, body: this.store.renderList(l, undefined) };
	}

	/** Asynchronous: 202 + Location + activity (brief §7.1). @param {Ctx} ctx */
	op_deleteListActivity({ params }) {
		const l = this.listOr404(params.list_id);
		if ('status' in l) return l;
		const a = this.store.insertActivity('list_delete', { listIds: [l.list_id] });
		const body = this.store.renderActivity(a);
		return { status: 202, body, headers: { Location: body._links.self.href } };
	}

	// =========================================================================== tags

	/** @param {string} id */
	tagOr404(id) {
		const t = isUuid(id) ? this.store.tags.get(id.toLowerCase()) : undefined;
		return t || apiError(404, 'tags.api.not_found', `Tag ${id} was not found.`);
	}

	/** @param {Ctx} ctx */
	op_getTags({ query }) {
		const eq = this.effectiveQuery('contact_tags', query);
		if ('status' in eq && typeof eq.status === 'number') return eq;
		const { q, offset } = /** @type {{ q: Query, offset: number }} */ (eq);
		const limit = this.limitOf(one(q, 'limit'), 50, 500);
		if (typeof limit !== 'number') return limit;
		const withCount = one(q, 'include_count') === 'true';
		const items = [...this.store.tags.values()].sort((a, b) => byCreated(a.created_at, a.tag_id, b.created_at, b.tag_id));
		const { slice, links } = this.page('contact_tags', q, offset, limit, items);
		/** @type {Record<string, any>} */
		const body = { tags: slice.map((t) => this.store.renderTag(t, withCount)) };
		if (links) body._links = links;
		return { status: 200, body };
	}

	/** @param {Ctx} ctx */
	op_getTag({ params, query }) {
		const t = this.tagOr404(params.tag_id);
		if ('status' in t) return t;
		return { status: 200, body: this.store.renderTag(t, one(query, 'include_count') === 'true') };
	}

	/** @param {any} body @param {string | null} selfId */
	checkTagBody(body, selfId) {
		if (!body || typeof body.name !== 'string' || body.name.length < 1 || body.name.length > 255) {
			return apiError(400, 'tags.api.validation.error', 'name is required (1 to 255 characters).');
		}
		if (/[<>]/.test(body.name)) return apiError(400, 'tags.api.validation.error', 'name must not contain < or >.'); // brief §7.2
		const other = this.store.tagByName(body.name);
		if (other && other.tag_id !== selfId) return apiError(409, 'tags.api.conflict', `A tag named "${body.name}" already exists.`);
		return null;
	}

	/** @param {Ctx} ctx */
	op_postTag({ body }) {
		const err = this.checkTagBody(body, null);
		if (err) return err;
		if (this.store.tags.size >= 500) return apiError(400, 'tags.api.validation.error', 'An account can have at most 500 tags.'); // brief §7.2
		const t = this.store.insertTag({ name: body.name, tag_source: body.tag_source });
		return { status: 201, body: this.store.renderTag(t) };
	}

	/** Renames only (brief §7.2). @param {Ctx} ctx */
	op_putTag({ params, body }) {
		const t = this.tagOr404(params.tag_id);
		if ('status' in t) return t;
		const err = this.checkTagBody(body, t.tag_id);
		if (err) return err;
		t.name = body.name;
		t.updated_at = this.store.stampIso();
		return { status: 200, body: this.store.renderTag(t) };
	}

	/** 202 + activity: untags everyone, then deletes (brief §7.2). @param {Ctx} ctx */
	op_deleteTag({ params }) {
		const t = this.tagOr404(params.tag_id);
		if ('status' in t) return t;
		const a = this.store.insertActivity('tag_delete', { tagIds: [t.tag_id] });
		return { status: 202, body: this.store.renderActivity(a) };
	}

	// =========================================================================== custom fields

	/** @param {string} id */
	customFieldOr404(id) {
		const f = isUuid(id) ? this.store.customFields.get(id.toLowerCase()) : undefined;
		return f || apiError(404, 'custom_fields.api.not_found', `Custom field ${id} was not found.`);
	}

	/** @param {Ctx} ctx */
	op_getCustomFields({ query }) {
		const eq = this.effectiveQuery('contact_custom_fields', query);
		if ('status' in eq && typeof eq.status === 'number') return eq;
		const { q, offset } = /** @type {{ q: Query, offset: number }} */ (eq);
		const limit = this.limitOf(one(q, 'limit'), 50, 100);
		if (typeof limit !== 'number') return limit;
		const items = [...this.store.customFields.values()].sort((a, b) => byCreated(a.created_at, a.custom_field_id, b.created_at, b.custom_field_id));
		const { slice, links } = this.page('contact_custom_fields', q, offset, limit, items);
		/** @type {Record<string, any>} */
		const body = { custom_fields: slice.map((f) => this.store.renderCustomField(f)) };
		if (links) body._links = links;
		return { status: 200, body };
	}

	/** @param {Ctx} ctx */
	op_getCustomField({ params }) {
		const f = this.customFieldOr404(params.custom_field_id);
		if ('status' in f) return f;
		return { status: 200, body: this.store.renderCustomField(f) };
	}

	/** label and type required; type one of nine (brief §7.3); ≤100 per account. @param {Ctx} ctx */
	op_postCustomFields({ body }) {
		const bad = (/** @type {string} */ m) => apiError(400, 'custom_fields.api.validation.error', m);
		if (!body || typeof body.label !== 'string' || !body.label.trim() || body.label.length > 50) return bad('label is required (at most 50 characters).');
		if (!CUSTOM_FIELD_TYPES.includes(body.type)) return bad(`type must be one of ${CUSTOM_FIELD_TYPES.join(', ')}.`);
		if (this.store.customFieldByLabel(body.label)) return apiError(409, 'custom_fields.api.conflict', `A custom field labelled "${body.label}" already exists.`);
		if (this.store.customFields.size >= 100) return bad('An account can have at most 100 custom fields.');
		const f = this.store.insertCustomField(body);
		return { status: 201, body: this.store.renderCustomField(f) };
	}

	/** PUT overwrites omitted properties (brief §7.3); `name` stays. @param {Ctx} ctx */
	op_putCustomField({ params, body }) {
		const f = this.customFieldOr404(params.custom_field_id);
		if ('status' in f) return f;
		if (!body || typeof body.label !== 'string' || !body.label.trim()) return apiError(400, 'custom_fields.api.validation.error', 'label is required.');
		const other = this.store.customFieldByLabel(body.label);
		if (other && other !== f) return apiError(409, 'custom_fields.api.conflict', `A custom field labelled "${body.label}" already exists.`);
		const now = this.store.stampIso();
		f.label = body.label;
		if (Array.isArray(body.choices)) {
			f.choices = body.choices.map((/** @type {any} */ ch, /** @type {number} */ i) => ({ custom_field_id: f.custom_field_id, choice_id: ch.choice_id ?? i + 1, choice_label: ch.choice_label, display_order: ch.display_order ?? i + 1, created_at: now, updated_at: now }));
		} else delete f.choices;
		f.updated_at = now;
		return { status: 200, body: this.store.renderCustomField(f) };
	}

	/** @param {Ctx} ctx */
	op_deleteCustomField({ params }) {
		const f = this.customFieldOr404(params.custom_field_id);
		if ('status' in f) return f;
		this.store.customFields.delete(f.custom_field_id);
		for (const c of this.store.contacts.values()) c.custom_fields = c.custom_fields.filter((x) => x.custom_field_id !== f.custom_field_id);
		return { status: 204 };
	}

	// =========================================================================== activities

	/**
	 * Resolve an activity `source` (exactly one property) to contact IDs (brief §6.1).
	 * Unknown contact IDs are kept — they become activity_errors at completion.
	 * @param {any} source
	 * @param {any} exclude
	 * @param {string[]} allowed source properties for this activity
	 * @returns {string[] | FakeResponse}
	 */
	resolveSource(source, exclude, allowed) {
		const bad = (/** @type {string} */ m) => apiError(400, 'activities.api.validation.error', m);
		if (!source || typeof source !== 'object') return bad('source is required.');
		const keys = Object.keys(source).filter((k) => source[k] !== undefined && source[k] !== false);
		if (keys.length !== 1) return bad(`source must have exactly one of ${allowed.join(', ')}.`);
		const key = keys[0];
		if (!allowed.includes(key)) return bad(`source.${key} is not supported here; use one of ${allowed.join(', ')}.`);
		if (exclude && !['all_active_contacts', 'list_ids'].includes(key)) return bad('exclude can only be used with all_active_contacts or list_ids.');
		const store = this.store;
		/** @type {string[]} */
		let ids;
		const lower = (/** @type {any[]} */ a) => a.map((x) => String(x).toLowerCase());
		switch (key) {
			case 'contact_ids':
				ids = [...new Set(lower(source.contact_ids))];
				break;
			case 'list_ids': {
				const lists = lower(source.list_ids);
				for (const id of lists) if (!store.lists.has(id)) return bad(`source list ${id} does not exist.`);
				ids = store.sortedContacts().filter((c) => !c.deleted_at && c.list_memberships.some((l) => lists.includes(l))).map((c) => c.contact_id);
				break;
			}
			case 'tag_ids': {
				const tags = lower(source.tag_ids);
				for (const id of tags) if (!store.tags.has(id)) return bad(`source tag ${id} does not exist.`);
				ids = store.sortedContacts().filter((c) => !c.deleted_at && c.taggings.some((t) => tags.includes(t))).map((c) => c.contact_id);
				break;
			}
			case 'all_active_contacts':
				ids = store.sortedContacts().filter((c) => store.isActive(c)).map((c) => c.contact_id);
				break;
			case 'new_subscriber': {
				const since = this.store.clock.now() - 30 * 24 * 3600 * 1000;
				ids = store.sortedContacts().filter((c) => store.isActive(c) && Date.parse(c.created_at) >= since).map((c) => c.contact_id);
				break;
			}
			case 'segment_id': {
				const seg = store.segments.get(Number(source.segment_id));
				if (!seg || seg.deleted_at) return bad(`segment ${source.segment_id} does not exist.`);
				ids = store.segmentContacts(seg).map((c) => c.contact_id);
				break;
			}
			default:
				return apiError(501, 'fake.not_implemented', `source.${key} is not implemented by the fake.`);
		}
		if (exclude && Array.isArray(exclude.contact_ids)) {
			const ex = new Set(lower(exclude.contact_ids));
			ids = ids.filter((id) => !ex.has(id));
		}
		return ids;
	}

	/**
	 * @param {'add_list_memberships' | 'remove_list_memberships'} kind
	 * @param {any} body
	 */
	listMembershipActivity(kind, body) {
		const bad = (/** @type {string} */ m) => apiError(400, 'activities.api.validation.error', m);
		if (!body || !Array.isArray(body.list_ids) || body.list_ids.length < 1 || body.list_ids.length > 50) return bad('list_ids must contain 1 to 50 list IDs.');
		const listIds = body.list_ids.map((/** @type {string} */ s) => String(s).toLowerCase());
		for (const id of listIds) {
			const l = this.store.lists.get(id);
			if (!l || l.deleted_at) return bad(`list ${id} does not exist.`);
		}
		const allowed =
			kind === 'add_list_memberships'
				? ['contact_ids', 'list_ids', 'all_active_contacts', 'segment_id', 'tag_ids', 'engagement_level']
				: ['contact_ids', 'list_ids', 'all_active_contacts', 'engagement_level', 'tag_ids'];
		const ids = this.resolveSource(body.source, body.exclude, allowed);
		if (!Array.isArray(ids)) return ids;
		const a = this.store.insertActivity(kind, { contactIds: ids, listIds });
		return { status: 201, body: this.store.renderActivity(a) };
	}

	/**
	 * @param {'contacts_taggings_add' | 'contacts_taggings_remove'} kind
	 * @param {any} body
	 */
	taggingActivity(kind, body) {
		const bad = (/** @type {string} */ m) => apiError(400, 'activities.api.validation.error', m);
		if (!body || !Array.isArray(body.tag_ids) || body.tag_ids.length < 1 || body.tag_ids.length > 50) return bad('tag_ids must contain 1 to 50 tag IDs.');
		const tagIds = body.tag_ids.map((/** @type {string} */ s) => String(s).toLowerCase());
		for (const id of tagIds) if (!this.store.tags.has(id)) return bad(`tag ${id} does not exist.`);
		const ids = this.resolveSource(body.source, body.exclude, ['contact_ids', 'list_ids', 'tag_ids', 'all_active_contacts', 'new_subscriber']);
		if (!Array.isArray(ids)) return ids;
		const a = this.store.insertActivity(kind, { contactIds: ids, tagIds });
		return { status: 201, body: this.store.renderActivity(a) };
	}

	/** @param {Ctx} ctx */
	op_postListAddContact({ body }) {
		return this.listMembershipActivity('add_list_memberships', body);
	}

	/** @param {Ctx} ctx */
	op_postListRemoveContact({ body }) {
		return this.listMembershipActivity('remove_list_memberships', body);
	}

	/** @param {Ctx} ctx */
	op_postTagAddContact({ body }) {
		return this.taggingActivity('contacts_taggings_add', body);
	}

	/** @param {Ctx} ctx */
	op_postTagRemoveContact({ body }) {
		return this.taggingActivity('contacts_taggings_remove', body);
	}

	/** `{contact_ids}` (≤500) xor `{list_ids}` (≤50) (brief §6.1). @param {Ctx} ctx */
	op_postContactDelete({ body }) {
		const bad = (/** @type {string} */ m) => apiError(400, 'activities.api.validation.error', m);
		const hasContacts = Array.isArray(body?.contact_ids);
		const hasLists = Array.isArray(body?.list_ids);
		if (hasContacts === hasLists) return bad('Provide either contact_ids or list_ids (mutually exclusive).');
		const ids = this.resolveSource(hasContacts ? { contact_ids: body.contact_ids } : { list_ids: body.list_ids }, undefined, ['contact_ids', 'list_ids']);
		if (!Array.isArray(ids)) return ids;
		const listIds = hasLists ? [...new Set(body.list_ids.map((/** @type {string} */ s) => String(s).toLowerCase()))] : [];
		const a = this.store.insertActivity('contact_delete', { contactIds: ids, listIds: /** @type {string[]} */ (listIds), bulk: true });
		return { status: 201, body: this.store.renderActivity(a) };
	}

	/**
	 * POST /activities/contacts_json_import (brief §6.1, §14.18, §14.20): 201 + import activity; the
	 * rows are applied on completion (Store#applyImport). `list_ids` 1–50 existing lists (else 400);
	 * more than 40,000 rows in the body → 400. A body over 4,000,000 bytes is accepted, but only the
	 * rows that end within the first 4,000,000 bytes are kept — the rest is dropped silently, as if
	 * never sent (the other top-level properties count wherever they are). `sms_permission_to_send`
	 * is accepted and ignored (the fake has no SMS).
	 * @param {Ctx} ctx
	 */
	op_bulkImportContactsJSON({ body, raw }) {
		const bad = (/** @type {string} */ m) => apiError(400, 'activities.api.validation.error', m);
		if (!body || !Array.isArray(body.import_data)) return bad('import_data (an array of contacts) is required.');
		if (!Array.isArray(body.list_ids) || body.list_ids.length < 1 || body.list_ids.length > 50) return bad('list_ids must contain 1 to 50 list IDs.');
		/** @type {string[]} */
		const listIds = [...new Set(body.list_ids.map((/** @type {string} */ s) => String(s).toLowerCase()))];
		for (const id of listIds) {
			const l = this.store.lists.get(id);
			if (!l || l.deleted_at) return bad(`list ${id} does not exist.`);
		}
		if (body.import_data.length < 1) return bad('import_data must contain at least one contact.');
		if (body.import_data.length > MAX_IMPORT_ROWS) {
			return bad(`import_data can contain at most ${MAX_IMPORT_ROWS} contacts (got ${body.import_data.length}).`);
		}
		let rows = body.import_data;
		if (Buffer.byteLength(raw, 'utf8') > MAX_IMPORT_BYTES) rows = rows.slice(0, importRowsWithinBytes(raw, MAX_IMPORT_BYTES));
		const a = this.store.insertActivity('contacts_json_import', { importRows: rows, listIds, bulk: true });
		return { status: 201, body: this.store.renderActivity(a) };
	}

	/**
	 * Bulk deletes by ID (brief §6.1): unknown IDs are not rejected up front; they become
	 * `activity_errors` on completion.
	 * @param {any} body
	 * @param {string} prop
	 * @param {number} max
	 * @param {string} kind
	 * @param {'listIds' | 'tagIds' | 'customFieldIds'} planKey
	 */
	bulkDeleteActivity(body, prop, max, kind, planKey) {
		const ids = body?.[prop];
		if (!Array.isArray(ids) || ids.length < 1 || ids.length > max) {
			return apiError(400, 'activities.api.validation.error', `${prop} must contain 1 to ${max} IDs.`);
		}
		const unique = [...new Set(ids.map((/** @type {string} */ s) => String(s).toLowerCase()))];
		const a = this.store.insertActivity(kind, { [planKey]: unique, bulk: true });
		return { status: 201, body: this.store.renderActivity(a) };
	}

	/** `{list_ids}` ≤ 100 (spec def ListIdList100); members lose the lists. @param {Ctx} ctx */
	op_postListDelete({ body }) {
		return this.bulkDeleteActivity(body, 'list_ids', 100, 'list_delete', 'listIds');
	}

	/** `{tag_ids}` ≤ 500 (spec def TagIdList500Limit); contacts are untagged. @param {Ctx} ctx */
	op_postTagDelete({ body }) {
		return this.bulkDeleteActivity(body, 'tag_ids', 500, 'contacts_tags_delete', 'tagIds');
	}

	/** `{custom_field_ids}` ≤ 100 (spec def CustomFieldId100); values are removed from contacts. @param {Ctx} ctx */
	op_postCustomFieldDelete({ body }) {
		return this.bulkDeleteActivity(body, 'custom_field_ids', 100, 'custom_fields_delete', 'customFieldIds');
	}

	/**
	 * Each GET advances the activity: `processing` on the first `activityCompletesAfterPolls`
	 * GETs, then the change is applied and it reports `completed` / percent_done 100.
	 * @param {Ctx} ctx
	 */
	op_getActivity({ params }) {
		const a = isUuid(params.activity_id) ? this.store.activities.get(params.activity_id.toLowerCase()) : undefined;
		if (!a) return apiError(404, 'activities.api.not_found', `Activity ${params.activity_id} was not found.`);
		this.store.pollActivity(a, this.ctx.options.activityCompletesAfterPolls);
		return { status: 200, body: this.store.renderActivity(a) };
	}

	/** Newest first; listing does not advance activities. @param {Ctx} ctx */
	op_getActivityStatusCollection({ query }) {
		const eq = this.effectiveQuery('activities', query);
		if ('status' in eq && typeof eq.status === 'number') return eq;
		const { q, offset } = /** @type {{ q: Query, offset: number }} */ (eq);
		const limit = this.limitOf(one(q, 'limit'), 50, 500);
		if (typeof limit !== 'number') return limit;
		const state = one(q, 'state');
		const items = [...this.store.activities.values()]
			.filter((a) => state === undefined || a.state === state)
			.sort((a, b) => -byCreated(a.created_at, a.activity_id, b.created_at, b.activity_id));
		const { slice, links } = this.page('activities', q, offset, limit, items);
		/** @type {Record<string, any>} */
		const body = { activities: slice.map((a) => this.store.renderActivity(a)) };
		if (links) body._links = links;
		return { status: 200, body };
	}

	// =========================================================================== segments

	/**
	 * @param {string} id
	 * @param {boolean} allowDeleted GET by ID still shows deleted segments (brief §7.4)
	 * @returns {import('./store').SegmentRec | FakeResponse}
	 */
	segmentOr404(id, allowDeleted) {
		const s = /^\d+$/.test(id) ? this.store.segments.get(Number(id)) : undefined;
		if (!s || (s.deleted_at && !allowDeleted)) return apiError(404, 'segments.api.not_found', `Segment ${id} was not found.`);
		return s;
	}

	/**
	 * GET /segments (brief §4, §7.4): deleted segments excluded; `limit` default 1000 (the spec's
	 * default; it states no maximum, the fake allows 1–1000); `sort_by` `date` (default: most
	 * recently edited first) or `name` (ascending, case-insensitive); cursor paging.
	 * @param {Ctx} ctx
	 */
	op_getAccountSegments({ query }) {
		const eq = this.effectiveQuery('segments', query);
		if ('status' in eq && typeof eq.status === 'number') return eq;
		const { q, offset } = /** @type {{ q: Query, offset: number }} */ (eq);
		const limit = this.limitOf(one(q, 'limit'), 1000, 1000);
		if (typeof limit !== 'number') return limit;
		const sortBy = one(q, 'sort_by') ?? 'date';
		if (sortBy !== 'date' && sortBy !== 'name') return apiError(400, 'segments.api.validation.error', 'sort_by must be name or date.');
		const items = [...this.store.segments.values()]
			.filter((s) => !s.deleted_at)
			.sort((a, b) => {
				if (sortBy === 'name') {
					const x = a.name.toLowerCase();
					const y = b.name.toLowerCase();
					return x < y ? -1 : x > y ? 1 : a.segment_id - b.segment_id;
				}
				return a.edited_at < b.edited_at ? 1 : a.edited_at > b.edited_at ? -1 : b.segment_id - a.segment_id;
			});
		const { slice, links } = this.page('segments', q, offset, limit, items);
		/** @type {Record<string, any>} */
		const out = { segments: slice.map((s) => this.store.renderSegmentMaster(s)) };
		if (links) out._links = links;
		return { status: 200, body: out };
	}

	/**
	 * name: non-empty, unique among live segments (case-insensitive) → 409; segment_criteria: a
	 * string ≤ 20,000 characters that parses as a JSON object; a top-level `criteria.type`, when
	 * present, must be "and" (spec def SegmentData).
	 * @param {any} body
	 * @param {number | null} selfId
	 * @param {boolean} needCriteria
	 */
	checkSegmentBody(body, selfId, needCriteria) {
		const bad = (/** @type {string} */ m) => apiError(400, 'segments.api.validation.error', m);
		if (!body || typeof body.name !== 'string' || !body.name.trim()) return bad('name is required.');
		if (needCriteria) {
			const sc = body.segment_criteria;
			if (typeof sc !== 'string' || !sc.trim()) return bad('segment_criteria is required (a JSON document serialized into a string).');
			if (sc.length > MAX_SEGMENT_CRITERIA) return bad(`segment_criteria must be at most ${MAX_SEGMENT_CRITERIA} characters.`);
			let doc;
			try {
				doc = JSON.parse(sc);
			} catch (e) {
				return bad(`segment_criteria is not valid JSON: ${/** @type {Error} */ (e).message}`);
			}
			if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return bad('segment_criteria must be a JSON object.');
			if (doc.criteria && typeof doc.criteria === 'object' && doc.criteria.type !== undefined && doc.criteria.type !== 'and') {
				return bad('The top-level criteria group type must be "and".');
			}
		}
		const other = this.store.segmentByName(body.name);
		if (other && other.segment_id !== selfId) return apiError(409, 'segments.api.conflict', `A segment named "${body.name}" already exists.`);
		return null;
	}

	/** 201 SegmentDetail; members follow the criteria. @param {Ctx} ctx */
	op_createSegment({ body }) {
		const err = this.checkSegmentBody(body, null, true);
		if (err) return err;
		const s = this.store.insertSegment({ name: body.name, segment_criteria: body.segment_criteria });
		return { status: 201, body: this.store.renderSegmentDetail(s) };
	}

	/** Deleted segments stay readable by ID (brief §7.4). @param {Ctx} ctx */
	op_getSegmentDetail({ params }) {
		const s = this.segmentOr404(params.segment_id, true);
		if ('status' in s) return s;
		return { status: 200, body: this.store.renderSegmentDetail(s) };
	}

	/**
	 * Both name and segment_criteria required (brief §7.4). New criteria replace a seeded fixed
	 * member set, and the segment answers 202 "processing" again on GET /contacts?segment_id.
	 * @param {Ctx} ctx
	 */
	op_updateSegment({ params, body }) {
		const s = this.segmentOr404(params.segment_id, false);
		if ('status' in s) return s;
		const err = this.checkSegmentBody(body, s.segment_id, true);
		if (err) return err;
		s.name = body.name;
		if (body.segment_criteria !== s.segment_criteria) {
			s.segment_criteria = body.segment_criteria;
			s.contact_ids = null;
			this.store.segmentPolls.delete(s.segment_id);
		}
		s.edited_at = this.store.stampIso();
		return { status: 200, body: this.store.renderSegmentDetail(s) };
	}

	/** PATCH /segments/{id}/name `{name}` → 200 SegmentDetail. @param {Ctx} ctx */
	op_updateSegmentName({ params, body }) {
		const s = this.segmentOr404(params.segment_id, false);
		if ('status' in s) return s;
		const err = this.checkSegmentBody(body, s.segment_id, false);
		if (err) return err;
		s.name = body.name;
		s.edited_at = this.store.stampIso();
		return { status: 200, body: this.store.renderSegmentDetail(s) };
	}

	/** 204; a deleted segment leaves the list, stays readable by ID, and its name is free again. @param {Ctx} ctx */
	op_deleteSegment({ params }) {
		const s = this.segmentOr404(params.segment_id, false);
		if ('status' in s) return s;
		s.deleted_at = this.store.stampIso();
		return { status: 204 };
	}

	// =========================================================================== account

	/** Brief §10: works for any valid token. */
	op_getUserPrivileges() {
		const names = ['contacts:read', 'contacts:write', 'contacts:lists:read', 'contacts:lists:write', 'campaign:read', 'campaign:create', 'campaign:send', 'campaign:delete', 'ui:campaign:metrics', 'account:read', 'account:update'];
		return { status: 200, body: names.map((privilege_name, i) => ({ privilege_id: i + 1, privilege_name })) };
	}

	// =========================================================================== admin over HTTP

	/**
	 * @param {string} method
	 * @param {string} pathname
	 * @param {string} raw
	 * @returns {Promise<FakeResponse>}
	 */
	async handleAdmin(method, pathname, raw) {
		const admin = this.ctx.admin;
		/** @type {any} */
		let body = {};
		try {
			body = raw ? JSON.parse(raw) : {};
		} catch {
			return { status: 400, body: { error: 'admin body must be JSON' } };
		}
		const route = `${method} ${pathname.replace(/\/$/, '')}`;
		try {
			switch (route) {
				case 'POST /__admin/seed':
					return { status: 200, body: body.demo ? admin.seedDemo() : admin.seed(body) };
				case 'POST /__admin/bulk-contacts':
					return { status: 200, body: { contact_ids: admin.bulkContacts(Number(body.n), body) } };
				case 'GET /__admin/state':
					return { status: 200, body: admin.state() };
				case 'POST /__admin/expire-tokens':
					admin.expireAccessTokens();
					if (body.refresh) admin.expireRefreshTokens();
					return { status: 204 };
				case 'POST /__admin/issue-tokens':
					return { status: 200, body: admin.issueTokens(body) };
				case 'GET /__admin/refresh-tokens-used':
					return { status: 200, body: admin.refreshTokensUsed() };
				case 'POST /__admin/faults':
					for (const f of Array.isArray(body) ? body : [body]) this.ctx.faults.push(f);
					return { status: 200, body: { pending: this.ctx.faults.length } };
				case 'DELETE /__admin/faults':
					this.ctx.faults.clear();
					return { status: 204 };
				case 'GET /__admin/log':
					return { status: 200, body: this.ctx.log };
				case 'GET /__admin/violations':
					return { status: 200, body: this.ctx.violations };
				case 'POST /__admin/complete-activities':
					admin.completeActivities();
					return { status: 204 };
				case 'POST /__admin/reset-daily-count':
					admin.resetDailyCount();
					return { status: 204 };
				case 'POST /__admin/advance-time':
					admin.advanceTime(Number(body.ms));
					return { status: 204 };
				case 'POST /__admin/reset':
					admin.reset();
					return { status: 204 };
				case 'POST /__admin/confirm-account-email':
					return { status: 200, body: admin.confirmAccountEmail(body.email_address) };
				case 'POST /__admin/remove-physical-address':
					admin.removePhysicalAddress();
					return { status: 204 };
				case 'POST /__admin/set-physical-address':
					admin.setPhysicalAddress(body);
					return { status: 204 };
				case 'POST /__admin/track':
					return { status: 200, body: admin.track(body) };
				case 'POST /__admin/touch-contact': {
					const { contact_id, ...t } = body;
					return { status: 200, body: admin.touchContact(contact_id, t) };
				}
				case 'POST /__admin/complete-sends':
					return { status: 200, body: { completed: admin.completeSends() } };
				case 'POST /__admin/fail-next-send':
					admin.failNextSend(body.reason_code);
					return { status: 204 };
				default:
					return { status: 404, body: { error: `no admin route ${route}` } };
			}
		} catch (e) {
			return { status: 400, body: { error: /** @type {Error} */ (e).message } };
		}
	}
}

/** @param {Record<string, any>} o @param {readonly string[]} keys */
function pickDefined(o, keys) {
	/** @type {Record<string, any>} */
	const out = {};
	for (const k of keys) if (o[k] !== undefined && o[k] !== null) out[k] = o[k];
	return out;
}

module.exports = { ConstantContactApi, ROUTE_TABLE, cursors, BASE, iso, importRowsWithinBytes, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS };
