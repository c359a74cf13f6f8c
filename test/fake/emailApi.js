// @ts-check
'use strict';

/**
 * Handlers of the fake API for the account (brief §10), e-mail campaigns (§8), reporting (§9) and
 * the V2→V3 cross references (§12). Data lives in `store.email` (emailStore.js); paging, the
 * cursor and the pipeline (auth, limits, spec check) are shared with constantContactServer.js,
 * which dispatches `op_<operationId>` here when it has no handler of its own.
 */

const { apiError, one, all, csv, isResponse } = require('./apiCommon');
const { FORBIDDEN_HTML, MAX_HTML, TEST_SENDS_PER_DAY, ROLE_CODES, TRACKING_TYPES, isUuid, newestFirst } = require('./emailStore');

/**
 * @typedef {import('./httpUtil').FakeResponse} FakeResponse
 * @typedef {import('./apiCommon').Query} Query
 * @typedef {{ params: Record<string, string>, query: Query, body: any, raw: string }} Ctx
 * @typedef {import('./emailStore').CampaignRec} CampaignRec
 * @typedef {import('./emailStore').CampaignActivityRec} CampaignActivityRec
 */

const EMAIL_RE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const INCLUDES = ['physical_address_in_footer', 'permalink_url', 'html_content', 'document_properties'];
/** Spec GET /reports/contact_reports/{contact_id}/activity_details: valid tracking activity types. */
const CONTACT_ACTIVITY_TYPES = ['em_sends', 'em_opens', 'em_clicks', 'em_bounces', 'em_optouts', 'em_forwards', 'p_contact_open', 'p_contact_click', 'p_contact_add', 'p_contact_update'];
/** Tracking report path segment → operationId suffix. */
const TRACKING_REPORTS = ['sends', 'opens', 'unique_opens', 'didnotopens', 'clicks', 'forwards', 'optouts', 'bounces'];
const FIVE_YEARS_MS = 5 * 366 * 24 * 3600 * 1000;
/** Spec (EmailCampaign, EmailCampaignName): campaign names have at most 80 characters. */
const MAX_CAMPAIGN_NAME = 80;
/** Spec GET /account/summary `extra_fields` enum (a comma-separated list). */
const EXTRA_FIELDS = ['physical_address', 'company_logo'];
/** Spec GET …/tracking/bounces `bounce_code` enum (repeated parameter, collectionFormat multi). */
const BOUNCE_CODES = ['B', 'D', 'F', 'S', 'V', 'X', 'Z'];

const emailsBad = (/** @type {string} */ m) => apiError(400, 'emails.api.validation.error', m);
const reportsBad = (/** @type {string} */ m) => apiError(400, 'reports.api.validation.error', m);
const accountBad = (/** @type {string} */ m) => apiError(400, 'account.api.validation.error', m);

/**
 * A `limit` query value (integer or integer-as-string, spec) in 1..max, else 400.
 * @param {string | undefined} v
 * @param {number} def
 * @param {number} max
 * @param {(m: string) => FakeResponse} bad
 * @returns {number | FakeResponse}
 */
function limitOf(v, def, max, bad) {
	if (v === undefined) return def;
	const n = Number(v);
	if (!/^\d+$/.test(v) || n < 1 || n > max) return bad(`limit must be an integer from 1 to ${max}.`);
	return n;
}

class EmailApi {
	/** @param {import('./constantContactServer').ConstantContactApi} api */
	constructor(api) {
		this.api = api;
		this.store = api.store;
		this.email = api.store.email;
	}

	get completeAfterPolls() {
		return this.api.ctx.options.campaignCompletesAfterPolls;
	}

	/**
	 * Paged answer: the effective query (own or from the cursor), the items, and `_links.next` when
	 * more follow. `alwaysLinks`: reporting pages carry `_links` ({} on the last page; the spec
	 * marks it required on some of them).
	 * @template T
	 * @param {string} resource
	 * @param {{ q: Query, offset: number }} eq
	 * @param {number} limit
	 * @param {T[]} items
	 * @param {boolean} alwaysLinks
	 */
	page(resource, eq, limit, items, alwaysLinks) {
		const { slice, links } = this.api.page(resource, eq.q, eq.offset, limit, items);
		return { slice, links: links ?? (alwaysLinks ? {} : undefined) };
	}

	// =========================================================================== account (§10)

	/** GET /account/summary (`extra_fields` CSV: physical_address, company_logo). @param {Ctx} ctx */
	op_getAccountById({ query }) {
		const extra = all(query, 'extra_fields').flatMap((v) => csv(v));
		const unknown = extra.filter((f) => !EXTRA_FIELDS.includes(f));
		if (unknown.length) return accountBad(`extra_fields has invalid value(s): ${unknown.join(', ')}; valid: ${EXTRA_FIELDS.join(', ')}.`);
		return { status: 200, body: this.email.renderSummary(extra) };
	}

	/** 200 AccountPhysicalAddress; 404 when the account has none (admin.removePhysicalAddress). */
	op_getPhysicalAddress() {
		const p = this.email.physicalAddress;
		if (!p) return apiError(404, 'account.api.not_found', 'The account has no physical address.');
		return { status: 200, body: { ...p } };
	}

	/**
	 * GET /account/emails: only one of confirm_status, role_code, email_address per request (spec:
	 * "only supports one query parameter at a time") → else 400. Abbreviations C/U and role
	 * initials are accepted; role_code matches current roles (CONFIRMED addresses) and pending
	 * roles (UNCONFIRMED ones).
	 * @param {Ctx} ctx
	 */
	op_retrieveEmailAddresses({ query }) {
		const filters = ['confirm_status', 'role_code', 'email_address'].filter((k) => query[k] !== undefined);
		if (filters.length > 1) return accountBad(`Use only one of confirm_status, role_code and email_address per request (got ${filters.join(', ')}).`);
		let items = this.email.accountEmails;
		const status = one(query, 'confirm_status');
		if (status !== undefined) {
			const want = status.startsWith('C') ? 'CONFIRMED' : 'UNCONFIRMED';
			items = items.filter((e) => e.confirm_status === want);
		}
		const role = one(query, 'role_code');
		if (role !== undefined) {
			const full = ROLE_CODES.find((r) => r === role || r[0] === role);
			items = items.filter((e) => full !== undefined && (e.roles.includes(full) || e.pending_roles.includes(full)));
		}
		const address = one(query, 'email_address');
		if (address !== undefined) items = items.filter((e) => e.email_address.toLowerCase() === address.toLowerCase());
		return { status: 200, body: items.map((e) => this.email.renderAccountEmail(e)) };
	}

	/** POST /account/emails `{email_address}` → 201 UNCONFIRMED; 409 when it exists. @param {Ctx} ctx */
	op_addAccountEmailAddress({ body }) {
		const address = body?.email_address;
		if (typeof address !== 'string' || !EMAIL_RE.test(address)) return accountBad('email_address must be a valid e-mail address.');
		if (this.email.accountEmail(address)) return apiError(409, 'account.api.conflict', `The account e-mail address ${address} already exists.`);
		const e = this.email.addAccountEmail(address);
		return { status: 201, body: { email_address: e.email_address, email_id: e.email_id, confirm_status: e.confirm_status } };
	}

	// =========================================================================== campaigns (§8)

	/** @param {string} id @returns {CampaignRec | FakeResponse} */
	campaignOr404(id) {
		const c = isUuid(id) ? this.email.campaigns.get(id.toLowerCase()) : undefined;
		return c ?? apiError(404, 'emails.api.not_found', `Email campaign ${id} was not found.`);
	}

	/** REMOVED activities cannot be fetched (spec), nor used otherwise. @param {string} id @returns {CampaignActivityRec | FakeResponse} */
	activityOr404(id) {
		const a = isUuid(id) ? this.email.activities.get(id.toLowerCase()) : undefined;
		if (!a || a.current_status === 'REMOVED') return apiError(404, 'emails.api.not_found', `Email campaign activity ${id} was not found.`);
		return a;
	}

	/**
	 * Content checks shared by create and update: senders must be CONFIRMED account addresses;
	 * html_content ≤ 150,000 characters without `[#`, `${`, `<@` (brief §8.2); a US footer needs
	 * a state_code (spec def EmailPhysicalAddress).
	 * @param {any} act
	 */
	checkContent(act) {
		for (const k of ['from_email', 'reply_to_email']) {
			if (act[k] !== undefined && !this.email.isConfirmedSender(act[k])) {
				return emailsBad(`${k} "${act[k]}" must be a CONFIRMED account e-mail address (GET /account/emails?confirm_status=CONFIRMED).`);
			}
		}
		if (typeof act.html_content === 'string') {
			if (act.html_content.length > MAX_HTML) return emailsBad(`html_content must be at most ${MAX_HTML} characters.`);
			const marker = FORBIDDEN_HTML.find((m) => act.html_content.includes(m));
			if (marker) return emailsBad(`html_content must not contain "${marker}".`);
		}
		const f = act.physical_address_in_footer;
		if (f && f.country_code === 'US' && !f.state_code) return emailsBad('physical_address_in_footer.state_code is required for US addresses.');
		return null;
	}

	/**
	 * POST /emails (brief §8.2): 200 (not 201) + EmailCampaign with primary_email and permalink
	 * activities. Name unique (case-insensitive, Removed campaigns included) → 409; exactly one
	 * activity, format_type 5 only.
	 * @param {Ctx} ctx
	 */
	op_createEmailCampaignUsingPOST({ body }) {
		const name = body?.name;
		if (typeof name !== 'string' || !name.trim()) return emailsBad('name is required.');
		if (name.length > MAX_CAMPAIGN_NAME) return emailsBad(`name must be at most ${MAX_CAMPAIGN_NAME} characters.`);
		const acts = body.email_campaign_activities;
		if (!Array.isArray(acts) || acts.length !== 1) return emailsBad('email_campaign_activities must contain exactly one email campaign activity.');
		const act = acts[0];
		if (act.format_type !== 5) return emailsBad(`format_type must be 5 (custom code email); got ${act.format_type}.`);
		for (const k of ['from_name', 'from_email', 'reply_to_email', 'subject', 'html_content']) {
			if (typeof act[k] !== 'string' || act[k] === '') return emailsBad(`${k} is required.`);
		}
		const err = this.checkContent(act);
		if (err) return err;
		if (this.email.campaignByName(name)) return apiError(409, 'emails.api.conflict', `An email campaign named "${name}" already exists.`);
		const c = this.email.insertCampaign(name, act);
		return { status: 200, body: this.email.renderCampaign(c, true) };
	}

	/**
	 * GET /emails: all campaigns including Removed ones, newest created first; `after_date`
	 * (inclusive) / `before_date` (exclusive) on updated_at; limit 1–500 (default 50); cursor paging.
	 * Listing does not advance sends.
	 * @param {Ctx} ctx
	 */
	op_retrieveEmailCampaignsUsingGET({ query }) {
		const eq = this.api.effectiveQuery('emails', query);
		if (isResponse(eq)) return eq;
		const { q } = eq;
		const limit = limitOf(one(q, 'limit'), 50, 500, emailsBad);
		if (typeof limit !== 'number') return limit;
		/** @type {Array<[string, 'after' | 'before', number]>} */
		const ranges = [];
		for (const [k, dir] of /** @type {const} */ ([['after_date', 'after'], ['before_date', 'before']])) {
			const v = one(q, k);
			if (v === undefined) continue;
			const t = Date.parse(v);
			if (Number.isNaN(t)) return emailsBad(`${k} must be an ISO-8601 date-time.`);
			ranges.push([k, dir, t]);
		}
		const items = [...this.email.campaigns.values()]
			.filter((c) => ranges.every(([, dir, t]) => (dir === 'after' ? Date.parse(c.updated_at) >= t : Date.parse(c.updated_at) < t)))
			.sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : a.campaign_id < b.campaign_id ? 1 : -1));
		const { slice, links } = this.page('emails', eq, limit, items, false);
		/** @type {Record<string, any>} */
		const out = { campaigns: slice.map((c) => this.email.renderCampaign(c, false)) };
		if (links) out._links = links;
		return { status: 200, body: out };
	}

	/** GET /emails/{campaign_id}; a poll of a pending send. @param {Ctx} ctx */
	op_retrieveEmailCampaignUsingGET({ params }) {
		const c = this.campaignOr404(params.campaign_id);
		if (isResponse(c)) return c;
		this.email.pollSend(this.email.primaryOf(c), this.completeAfterPolls);
		return { status: 200, body: this.email.renderCampaign(c, true) };
	}

	/** PATCH /emails/{campaign_id} `{name}`: not for Removed campaigns (400); unique (409). @param {Ctx} ctx */
	op_renameEmailCampaignUsingPATCH({ params, body }) {
		const c = this.campaignOr404(params.campaign_id);
		if (isResponse(c)) return c;
		if (this.email.campaignStatus(c) === 'Removed') return emailsBad('A Removed email campaign cannot be renamed.');
		const name = body?.name;
		if (typeof name !== 'string' || !name.trim()) return emailsBad('name is required.');
		if (name.length > MAX_CAMPAIGN_NAME) return emailsBad(`name must be at most ${MAX_CAMPAIGN_NAME} characters.`);
		const other = this.email.campaignByName(name);
		if (other && other !== c) return apiError(409, 'emails.api.conflict', `An email campaign named "${name}" already exists.`);
		c.name = name;
		c.updated_at = this.store.stampIso();
		return { status: 200, body: this.email.renderCampaign(c, true) };
	}

	/**
	 * DELETE /emails/{campaign_id} → 204, status Removed. Refused with 400 while Scheduled (spec; it
	 * declares no 409) and while Executing (the fake's choice); an already Removed campaign → 404.
	 * @param {Ctx} ctx
	 */
	op_removeEmailCampaignUsingDELETE({ params }) {
		const c = this.campaignOr404(params.campaign_id);
		if (isResponse(c)) return c;
		const status = this.email.campaignStatus(c);
		if (status === 'Removed') return apiError(404, 'emails.api.not_found', `Email campaign ${c.campaign_id} was not found.`);
		if (status === 'Scheduled' || status === 'Executing') return emailsBad(`An email campaign cannot be deleted while it is ${status}; unschedule it first.`);
		this.email.removeCampaign(c);
		return { status: 204 };
	}

	/** GET /emails/activities/{id}?include=…; a poll of a pending send (primary_email). @param {Ctx} ctx */
	op_retrieveEmailCampaignActivityUsingGET({ params, query }) {
		const a = this.activityOr404(params.campaign_activity_id);
		if (isResponse(a)) return a;
		const include = all(query, 'include').flatMap((v) => csv(v));
		const badInclude = include.filter((i) => !INCLUDES.includes(i));
		if (badInclude.length) return emailsBad(`include has invalid value(s): ${badInclude.join(', ')}`);
		if (a.role === 'primary_email') this.email.pollSend(a, this.completeAfterPolls);
		return { status: 200, body: this.email.renderActivity(a, include) };
	}

	/**
	 * PUT /emails/activities/{id} (brief §8.3): primary_email in DRAFT or DONE only (400); omitted
	 * properties (from_*, subject, preheader, contact_list_ids, segment_ids) are removed, omitted
	 * sub-resources (html_content, physical_address_in_footer, document_properties) kept — given
	 * ones are merged property by property (html_content replaced). `contact_list_ids` (live lists)
	 * or `segment_ids` (one live segment), never both. Answers the activity with every sub-resource.
	 * @param {Ctx} ctx
	 */
	op_updateEmailCampaignActivityUsingPUT({ params, body }) {
		const a = this.activityOr404(params.campaign_activity_id);
		if (isResponse(a)) return a;
		if (a.role !== 'primary_email') return emailsBad(`Only primary_email activities can be updated (this one is ${a.role}).`);
		if (a.current_status !== 'DRAFT' && a.current_status !== 'DONE') return emailsBad(`Only DRAFT or DONE activities can be updated (this one is ${a.current_status}).`);
		for (const k of ['from_name', 'from_email', 'reply_to_email', 'subject']) {
			if (typeof body?.[k] !== 'string' || body[k] === '') return emailsBad(`${k} is required.`);
		}
		const err = this.checkContent(body);
		if (err) return err;
		const lists = Array.isArray(body.contact_list_ids) ? [...new Set(body.contact_list_ids.map((/** @type {string} */ s) => String(s).toLowerCase()))] : [];
		const segments = Array.isArray(body.segment_ids) ? body.segment_ids.map(Number) : [];
		if (lists.length && segments.length) return emailsBad('Use contact_list_ids or segment_ids, not both.');
		if (segments.length > 1) return emailsBad('segment_ids can contain only one segment ID.');
		for (const id of lists) {
			const l = this.store.lists.get(/** @type {string} */ (id));
			if (!l || l.deleted_at) return emailsBad(`contact_list_ids: list ${id} does not exist.`);
		}
		if (segments.length) {
			const s = this.store.segments.get(segments[0]);
			if (!s || s.deleted_at) return emailsBad(`segment_ids: segment ${segments[0]} does not exist.`);
		}
		for (const k of ['from_name', 'from_email', 'reply_to_email', 'subject', 'preheader']) {
			if (body[k] !== undefined && body[k] !== null) /** @type {any} */ (a)[k] = body[k];
			else delete (/** @type {any} */ (a)[k]);
		}
		a.contact_list_ids = /** @type {string[]} */ (lists);
		a.segment_ids = segments;
		if (typeof body.html_content === 'string') a.html_content = body.html_content;
		if (body.physical_address_in_footer && typeof body.physical_address_in_footer === 'object') {
			a.physical_address_in_footer = { ...(a.physical_address_in_footer ?? {}), ...body.physical_address_in_footer };
		}
		if (body.document_properties && typeof body.document_properties === 'object') {
			a.document_properties = { ...(a.document_properties ?? {}), ...body.document_properties };
		}
		const c = this.email.campaigns.get(a.campaign_id);
		if (c) c.updated_at = this.store.stampIso();
		return { status: 200, body: this.email.renderActivity(a, INCLUDES) };
	}

	/** `[]` unless SCHEDULED, else `[{scheduled_date}]`. @param {Ctx} ctx */
	op_retrieveEmailSchedulesUsingGET({ params }) {
		const a = this.activityOr404(params.campaign_activity_id);
		if (isResponse(a)) return a;
		const body = a.current_status === 'SCHEDULED' && a.scheduled_date ? [{ scheduled_date: a.scheduled_date }] : [];
		return { status: 200, body };
	}

	/**
	 * POST …/schedules `{scheduled_date}`: "0" = now (201 `[]`), or an ISO date / date-time in the
	 * future (201 `[{scheduled_date}]`; a date alone means 00:00 UTC). Only primary_email in DRAFT,
	 * DONE or ERROR; recipients must be set and the account needs a physical address (400 each).
	 * @param {Ctx} ctx
	 */
	op_scheduleEmailCampaignActivityUsingPOST({ params, body }) {
		const a = this.activityOr404(params.campaign_activity_id);
		if (isResponse(a)) return a;
		if (a.role !== 'primary_email') return emailsBad(`Only primary_email activities can be scheduled (this one is ${a.role}).`);
		if (!['DRAFT', 'DONE', 'ERROR'].includes(a.current_status)) return emailsBad(`Only DRAFT, DONE or ERROR activities can be scheduled (this one is ${a.current_status}).`);
		if (!a.contact_list_ids.length && !a.segment_ids.length) {
			return emailsBad('The activity has no recipients: set contact_list_ids or segment_ids with PUT /emails/activities/{campaign_activity_id} first.');
		}
		if (!this.email.physicalAddress) return emailsBad('The account has no physical address; it is required to send email.');
		const v = body?.scheduled_date;
		/** @type {number | null} */
		let due = null;
		if (v !== '0') {
			const t = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? Date.parse(v) : NaN;
			if (Number.isNaN(t)) return emailsBad('scheduled_date must be an ISO-8601 date or date-time, or "0" to send now.');
			if (t <= this.store.clock.now()) return emailsBad('scheduled_date must be in the future (use "0" to send now).');
			due = t;
		}
		this.email.schedule(a, due, this.completeAfterPolls);
		return { status: 201, body: due === null ? [] : [{ scheduled_date: /** @type {string} */ (a.scheduled_date) }] };
	}

	/** DELETE …/schedules: 204 only when SCHEDULED; back to the status before (400 otherwise). @param {Ctx} ctx */
	op_unscheduleEmailCampaignActivityUsingDELETE({ params }) {
		const a = this.activityOr404(params.campaign_activity_id);
		if (isResponse(a)) return a;
		if (a.current_status !== 'SCHEDULED') return emailsBad(`Only SCHEDULED activities can be unscheduled (this one is ${a.current_status}).`);
		this.email.unschedule(a);
		return { status: 204 };
	}

	/**
	 * POST …/tests `{email_addresses (1–5), personal_message?}` → 204; primary_email only. More than
	 * 50 test recipients on one (fake clock, UTC) day → 429 (the spec's rate-limit status), nothing sent.
	 * @param {Ctx} ctx
	 */
	op_testSendCampaignActivityUsingPOST({ params, body }) {
		const a = this.activityOr404(params.campaign_activity_id);
		if (isResponse(a)) return a;
		if (a.role !== 'primary_email') return emailsBad(`Only primary_email activities can be test-sent (this one is ${a.role}).`);
		const addrs = body?.email_addresses;
		if (!Array.isArray(addrs) || addrs.length < 1 || addrs.length > 5) return emailsBad('email_addresses must contain 1 to 5 e-mail addresses.');
		const badAddr = addrs.find((x) => typeof x !== 'string' || !EMAIL_RE.test(x));
		if (badAddr !== undefined) return emailsBad(`"${badAddr}" is not a valid e-mail address.`);
		const used = this.email.testSendsToday();
		if (used + addrs.length > TEST_SENDS_PER_DAY) {
			return apiError(429, 'emails.api.test_send.limit_exceeded', `At most ${TEST_SENDS_PER_DAY} test e-mails per day (${used} sent today).`);
		}
		/** @type {{ campaign_activity_id: string, email_addresses: string[], personal_message?: string, at: string }} */
		const rec = { campaign_activity_id: a.campaign_activity_id, email_addresses: addrs.slice(), at: this.store.stampIso() };
		if (typeof body.personal_message === 'string') rec.personal_message = body.personal_message;
		this.email.testSends.push(rec);
		return { status: 204 };
	}

	/**
	 * GET …/previews: the content with `[[trackingImage]]` removed (HTML as a JSON string) and a
	 * text version without tags. Permalink activities preview their primary's content.
	 * @param {Ctx} ctx
	 */
	op_retrieveEmailCampaignActivityPreviewUsingGET({ params }) {
		const a = this.activityOr404(params.campaign_activity_id);
		if (isResponse(a)) return a;
		const c = /** @type {CampaignRec} */ (this.email.campaigns.get(a.campaign_id));
		const src = this.email.primaryOf(c);
		const html = (src.html_content ?? '').split('[[trackingImage]]').join('');
		const text = html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
		/** @type {Record<string, any>} */
		const out = { campaign_activity_id: a.campaign_activity_id };
		for (const k of ['from_email', 'from_name', 'preheader']) if (/** @type {any} */ (src)[k] !== undefined) out[k] = /** @type {any} */ (src)[k];
		out.preview_html_content = html;
		out.preview_text_content = text;
		for (const k of ['reply_to_email', 'subject']) if (/** @type {any} */ (src)[k] !== undefined) out[k] = /** @type {any} */ (src)[k];
		return { status: 200, body: out };
	}

	/** GET …/send_history: one entry per send, oldest first; `[]` if never sent. @param {Ctx} ctx */
	op_retrieveEmailSendHistoryUsingGET({ params }) {
		const a = this.activityOr404(params.campaign_activity_id);
		if (isResponse(a)) return a;
		return { status: 200, body: a.sendHistory.map((h) => ({ ...h, contact_list_ids: h.contact_list_ids.slice(), segment_ids: h.segment_ids.slice() })) };
	}

	// =========================================================================== V2 cross references (§12)

	/**
	 * @param {Query} query
	 * @param {string} param
	 * @param {number} max
	 * @param {(m: string) => FakeResponse} bad
	 * @returns {string[] | FakeResponse} unique numeric IDs in request order
	 */
	v2Ids(query, param, max, bad) {
		const ids = [...new Set(csv(one(query, param)))];
		if (!ids.length) return bad(`${param} is required (a comma-separated list of V2 IDs).`);
		if (ids.length > max) return bad(`${param} accepts at most ${max} IDs (got ${ids.length}).`);
		const nonNumeric = ids.find((s) => !/^\d+$/.test(s));
		if (nonNumeric !== undefined) return bad(`${param}: "${nonNumeric}" is not a V2 ID (a number).`);
		return ids;
	}

	/** `sequence_ids` ≤ 500; unknown ones are left out; sorted by sequence_id. @param {Ctx} ctx */
	op_getContactIdXrefs({ query }) {
		const ids = this.v2Ids(query, 'sequence_ids', 500, (m) => apiError(400, 'contacts.api.validation.error', m));
		if (!Array.isArray(ids)) return ids;
		const want = new Set(ids);
		const xrefs = [...this.store.contacts.values()]
			.filter((c) => c.sequence_id && want.has(c.sequence_id))
			.map((c) => ({ sequence_id: /** @type {string} */ (c.sequence_id), contact_id: c.contact_id }))
			.sort((a, b) => Number(a.sequence_id) - Number(b.sequence_id));
		return { status: 200, body: { xrefs } };
	}

	/** `sequence_ids` ≤ 500; unknown ones are left out; sorted by sequence_id. @param {Ctx} ctx */
	op_getListIdXrefs({ query }) {
		const ids = this.v2Ids(query, 'sequence_ids', 500, (m) => apiError(400, 'contact_lists.api.validation.error', m));
		if (!Array.isArray(ids)) return ids;
		const want = new Set(ids);
		const xrefs = [...this.store.lists.values()]
			.filter((l) => l.sequence_id && want.has(l.sequence_id))
			.map((l) => ({ sequence_id: /** @type {string} */ (l.sequence_id), list_id: l.list_id }))
			.sort((a, b) => Number(a.sequence_id) - Number(b.sequence_id));
		return { status: 200, body: { xrefs } };
	}

	/** `v2_email_campaign_ids` ≤ 50 → campaign_id + primary campaign_activity_id, in request order. @param {Ctx} ctx */
	op_retrieveXrefMappingsUsingGET({ query }) {
		const ids = this.v2Ids(query, 'v2_email_campaign_ids', 50, emailsBad);
		if (!Array.isArray(ids)) return ids;
		/** @type {Map<string, CampaignRec>} */
		const byV2 = new Map();
		for (const c of this.email.campaigns.values()) if (c.v2_email_campaign_id) byV2.set(c.v2_email_campaign_id, c);
		const xrefs = ids
			.filter((id) => byV2.has(id))
			.map((id) => {
				const c = /** @type {CampaignRec} */ (byV2.get(id));
				return { v2_email_campaign_id: id, campaign_id: c.campaign_id, campaign_activity_id: c.primaryId };
			});
		return { status: 200, body: { xrefs } };
	}

	// =========================================================================== reports (§9)

	/**
	 * GET /reports/summary_reports/email_campaign_summaries: sent, not Removed campaigns, most
	 * recently sent first; `limit` (a string in the spec) 1–500, default 50; `aggregate_percents`
	 * over the campaigns on the page.
	 * @param {Ctx} ctx
	 */
	op_getAllBulkEmailCampaignSummaries({ query }) {
		const resource = 'reports/summary_reports/email_campaign_summaries';
		const eq = this.api.effectiveQuery(resource, query);
		if (isResponse(eq)) return eq;
		const limit = limitOf(one(eq.q, 'limit'), 50, 500, reportsBad);
		if (typeof limit !== 'number') return limit;
		const items = [...this.email.campaigns.values()]
			.filter((c) => this.email.campaignStatus(c) !== 'Removed' && this.email.lastSentDate(c))
			.map((c) => ({ c, last: /** @type {string} */ (this.email.lastSentDate(c)) }))
			.sort((a, b) => (a.last < b.last ? 1 : a.last > b.last ? -1 : a.c.campaign_id < b.c.campaign_id ? -1 : 1));
		const { slice, links } = this.page(resource, eq, limit, items, true);
		const sum = { sends: 0, opens: 0, clicks: 0, bounces: 0, optouts: 0, not_opened: 0 };
		const summaries = slice.map(({ c, last }) => {
			const s = this.email.statsOf(c.primaryId);
			const unique_counts = {
				sends: s.em_sends,
				opens: s.em_opens,
				clicks: s.em_clicks,
				forwards: s.em_forwards,
				optouts: s.em_optouts,
				abuse: s.em_abuse,
				bounces: s.em_bounces,
				not_opened: s.em_not_opened,
			};
			for (const k of /** @type {const} */ (['sends', 'opens', 'clicks', 'bounces', 'optouts', 'not_opened'])) sum[k] += unique_counts[k];
			return { campaign_id: c.campaign_id, campaign_type: 'Newsletter', last_sent_date: last, unique_counts };
		});
		const p = this.email.percentsOf({
			em_sends: sum.sends,
			em_opens: sum.opens,
			em_clicks: sum.clicks,
			em_bounces: sum.bounces,
			em_optouts: sum.optouts,
			em_not_opened: sum.not_opened,
			em_clicks_all: 0,
			em_clicks_all_computer: 0,
			em_clicks_all_mobile: 0,
			em_clicks_all_tablet: 0,
			em_opens_all: 0,
			em_opens_all_computer: 0,
			em_opens_all_mobile: 0,
			em_opens_all_tablet: 0,
		});
		return {
			status: 200,
			body: {
				bulk_email_campaign_summaries: summaries,
				aggregate_percents: { click: p.click, open: p.open, did_not_open: p.did_not_open, bounce: p.bounce, unsubscribe: p.unsubscribe },
				_links: links,
			},
		};
	}

	/**
	 * GET /reports/stats/email_campaigns/{campaign_ids}: CSV of up to 150 campaign IDs (spec
	 * `maximum: 150`; more → 400); one malformed or unknown ID → 404 for all (spec). Stats of the
	 * primary_email activity; a campaign never sent reports zeros.
	 * @param {Ctx} ctx
	 */
	op_getEmailSummary({ params }) {
		const ids = [...new Set(csv(params.campaign_ids).map((s) => s.toLowerCase()))];
		if (ids.length > 150) return reportsBad(`At most 150 campaign IDs per request (got ${ids.length}).`);
		const campaigns = ids.map((id) => (isUuid(id) ? this.email.campaigns.get(id) : undefined));
		const missing = ids.filter((_id, i) => !campaigns[i]);
		if (!ids.length || missing.length) return apiError(404, 'reports.api.not_found', `Email campaign(s) not found: ${missing.join(', ') || '(none given)'}.`);
		const now = this.store.stampIso();
		const results = /** @type {CampaignRec[]} */ (campaigns).map((c) => {
			const s = this.email.statsOf(c.primaryId);
			/** @type {Record<string, number>} */
			const stats = {};
			for (const [k, v] of Object.entries(s)) if (k !== 'em_abuse' && !k.startsWith('em_bounces_')) stats[k] = v;
			return { campaign_id: c.campaign_id, stats, percents: this.email.percentsOf(s), last_refresh_time: now };
		});
		return { status: 200, body: { results, errors: [] } };
	}

	/**
	 * GET /reports/stats/email_campaign_activities/{ids}: up to 10 IDs (more → 400); a malformed ID
	 * → 404 for all; unknown, Removed or never sent activities are listed under `errors` (spec).
	 * @param {Ctx} ctx
	 */
	op_getEmailCampaignActivitySummary({ params }) {
		const ids = [...new Set(csv(params.campaign_activity_ids).map((s) => s.toLowerCase()))];
		if (ids.length > 10) return reportsBad(`At most 10 campaign activity IDs per request (got ${ids.length}).`);
		const malformed = ids.filter((id) => !isUuid(id));
		if (!ids.length || malformed.length) return apiError(404, 'reports.api.not_found', `Malformed campaign activity ID(s): ${malformed.join(', ') || '(none given)'}.`);
		const now = this.store.stampIso();
		/** @type {any[]} */
		const results = [];
		/** @type {Array<{ error_key: string, error_message: string }>} */
		const errors = [];
		for (const id of ids) {
			const a = this.email.activities.get(id);
			if (!a || a.current_status === 'REMOVED') errors.push({ error_key: 'reports.api.not_found', error_message: `Campaign activity ${id} does not exist or was deleted.` });
			else if (!a.sendHistory.some((h) => h.send_status === 'COMPLETED')) errors.push({ error_key: 'reports.api.no_stats', error_message: `Campaign activity ${id} has no stats (never sent).` });
			else results.push({ campaign_id: a.campaign_id, campaign_activity_id: a.campaign_activity_id, stats: this.email.statsOf(a.campaign_activity_id), last_refresh_time: now });
		}
		return { status: 200, body: { results, errors } };
	}

	/**
	 * GET /reports/email_reports/{id}/tracking/{report}: newest first, `limit` 1–500 (default 500;
	 * a string in the spec), cursor paging; `_links` always present (`{}` on the last page).
	 * Unknown, malformed or Removed activities → 404.
	 * @param {string} report
	 * @param {Ctx} ctx
	 */
	trackingReport(report, { params, query }) {
		const id = params.campaign_activity_id;
		const a = isUuid(id) ? this.email.activities.get(id.toLowerCase()) : undefined;
		if (!a || a.current_status === 'REMOVED') return apiError(404, 'reports.api.not_found', `Campaign activity ${id} was not found.`);
		const resource = `reports/email_reports/${a.campaign_activity_id}/tracking/${report}`;
		const eq = this.api.effectiveQuery(resource, query);
		if (isResponse(eq)) return eq;
		const limit = limitOf(one(eq.q, 'limit'), 500, 500, reportsBad);
		if (typeof limit !== 'number') return limit;
		let rows = this.email.report(a.campaign_activity_id, report);
		if (report === 'clicks') {
			const urlId = one(eq.q, 'url_id');
			if (urlId !== undefined) rows = rows.filter((r) => r.url_id === urlId);
		}
		if (report === 'bounces') {
			// One code per parameter, repeated for several (spec: collectionFormat multi, e.g.
			// bounce_code=B&bounce_code=D); a comma-separated value is not a code.
			const codes = all(eq.q, 'bounce_code');
			const bad = codes.find((c) => !BOUNCE_CODES.includes(c));
			if (bad !== undefined) {
				return reportsBad(`bounce_code "${bad}" is not one of ${BOUNCE_CODES.join(', ')}${bad.includes(',') ? '; repeat the parameter for several codes (bounce_code=B&bounce_code=D)' : ''}.`);
			}
			if (codes.length) rows = rows.filter((r) => codes.includes(/** @type {string} */ (r.bounce_code)));
		}
		const { slice, links } = this.page(resource, eq, limit, rows, true);
		const type = report === 'didnotopens' ? 'em_didnotopens' : undefined;
		return { status: 200, body: { tracking_activities: slice.map((r) => this.email.renderTrackingRow(r, type)), _links: links } };
	}

	/** @param {Ctx} ctx */
	op_getSends(ctx) {
		return this.trackingReport('sends', ctx);
	}
	/** @param {Ctx} ctx */
	op_getOpens(ctx) {
		return this.trackingReport('opens', ctx);
	}
	/** @param {Ctx} ctx */
	op_getUniqueOpens(ctx) {
		return this.trackingReport('unique_opens', ctx);
	}
	/** @param {Ctx} ctx */
	op_getDidNotOpens(ctx) {
		return this.trackingReport('didnotopens', ctx);
	}
	/** @param {Ctx} ctx */
	op_getClicks(ctx) {
		return this.trackingReport('clicks', ctx);
	}
	/** @param {Ctx} ctx */
	op_getForwards(ctx) {
		return this.trackingReport('forwards', ctx);
	}
	/** @param {Ctx} ctx */
	op_getOptouts(ctx) {
		return this.trackingReport('optouts', ctx);
	}
	/** @param {Ctx} ctx */
	op_getBounces(ctx) {
		return this.trackingReport('bounces', ctx);
	}

	/** @param {string} id */
	contactOr404(id) {
		const c = isUuid(id) ? this.store.getContact(id) : undefined;
		return c ?? apiError(404, 'contacts.api.not_found', `Contact ${id} was not found.`);
	}

	/**
	 * GET /reports/contact_reports/{contact_id}/activity_details (scope contact_data): exactly one
	 * of `tracking_activities_list` (CSV) and `tracking_activity_type` (repeated) → else 400;
	 * unknown types → 400 (p_* landing-page types are valid and match nothing); newest first;
	 * `limit` 1–100 (default 100); `include_campaign_activity_names` (default true) adds the
	 * campaign name as `campaign_activity_name`.
	 * @param {Ctx} ctx
	 */
	op_getContactTracking({ params, query }) {
		const c = this.contactOr404(params.contact_id);
		if (isResponse(c)) return c;
		const resource = `reports/contact_reports/${c.contact_id}/activity_details`;
		const eq = this.api.effectiveQuery(resource, query);
		if (isResponse(eq)) return eq;
		const { q } = eq;
		const hasList = q.tracking_activities_list !== undefined;
		const hasType = q.tracking_activity_type !== undefined;
		if (hasList === hasType) return reportsBad('Use exactly one of tracking_activities_list (comma-separated) and tracking_activity_type (repeated); they are mutually exclusive.');
		// tracking_activities_list: one comma-separated value; tracking_activity_type: the parameter
		// repeated, one type each (a comma-separated value is not a type).
		const types = hasList ? all(q, 'tracking_activities_list').flatMap((v) => csv(v)) : all(q, 'tracking_activity_type');
		if (!types.length) return reportsBad('Name at least one tracking activity type.');
		const unknown = types.filter((t) => !CONTACT_ACTIVITY_TYPES.includes(t));
		if (unknown.length) return reportsBad(`Unknown tracking activity type(s): ${unknown.join(', ')}; valid: ${CONTACT_ACTIVITY_TYPES.join(', ')}.`);
		const limit = limitOf(one(q, 'limit'), 100, 100, reportsBad);
		if (typeof limit !== 'number') return limit;
		const names = one(q, 'include_campaign_activity_names') !== 'false';
		const rows = this.email.tracking.filter((r) => r.contact_id === c.contact_id && types.includes(TRACKING_TYPES[r.kind])).sort(newestFirst);
		const { slice, links } = this.page(resource, eq, limit, rows, true);
		const tracking_activities = slice.map((r) => {
			const full = this.email.renderTrackingRow(r);
			/** @type {Record<string, any>} */
			const out = { contact_id: r.contact_id, campaign_activity_id: r.campaign_activity_id, created_time: r.created_time, tracking_activity_type: full.tracking_activity_type };
			if (names) {
				const a = this.email.activities.get(r.campaign_activity_id);
				const camp = a && this.email.campaigns.get(a.campaign_id);
				if (camp) out.campaign_activity_name = camp.name;
			}
			for (const k of ['device_type', 'url_id', 'link_url', 'bounce_code', 'opt_out_reason']) if (full[k] !== undefined) out[k] = full[k];
			return out;
		});
		return { status: 200, body: { tracking_activities, _links: links } };
	}

	/**
	 * GET /reports/contact_reports/{contact_id}/open_and_click_rates?start&end (scope contact_data):
	 * both required ISO-8601 (e.g. 2019-01-01T00:00:00-0500), end not before start, at most 5 years
	 * apart (400 otherwise). Counts the campaign activities sent to the contact within the range;
	 * rates are fractions 0–1 of those the contact opened / clicked (spec example 0.6).
	 * @param {Ctx} ctx
	 */
	op_getContactOpenClickRate({ params, query }) {
		const c = this.contactOr404(params.contact_id);
		if (isResponse(c)) return c;
		const start = Date.parse(one(query, 'start') ?? '');
		const end = Date.parse(one(query, 'end') ?? '');
		if (Number.isNaN(start) || Number.isNaN(end)) return reportsBad('start and end must be ISO-8601 date-times (e.g. 2019-01-01T00:00:00-0500).');
		if (end < start) return reportsBad('end must not be before start.');
		const limit = new Date(start);
		limit.setUTCFullYear(limit.getUTCFullYear() + 5);
		if (end > limit.getTime() || end - start > FIVE_YEARS_MS) return reportsBad('The date range cannot exceed 5 years.');
		const sent = new Set(
			this.email.tracking
				.filter((r) => r.kind === 'sends' && r.contact_id === c.contact_id)
				.filter((r) => {
					const t = Date.parse(r.created_time);
					return t >= start && t <= end;
				})
				.map((r) => r.campaign_activity_id),
		);
		const did = (/** @type {'opens' | 'clicks'} */ kind) =>
			new Set(this.email.tracking.filter((r) => r.kind === kind && r.contact_id === c.contact_id && sent.has(r.campaign_activity_id)).map((r) => r.campaign_activity_id)).size;
		const n = sent.size;
		return {
			status: 200,
			body: {
				contact_id: c.contact_id,
				included_activities_count: n,
				average_open_rate: n ? Math.round((did('opens') / n) * 1000) / 1000 : 0,
				average_click_rate: n ? Math.round((did('clicks') / n) * 1000) / 1000 : 0,
			},
		};
	}
}

module.exports = { EmailApi, TRACKING_REPORTS, CONTACT_ACTIVITY_TYPES };
