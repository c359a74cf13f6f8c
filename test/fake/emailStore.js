// @ts-check
'use strict';

/**
 * In-memory account, e-mail campaign and tracking data of the fake (brief §8–§10, §12; shapes from
 * the spec definitions Customer, AccountEmails, EmailCampaign, EmailCampaignActivity,
 * EmailSendHistory, *TrackingActivity, StatsEmail*). Owned by the Store (`store.email`); it reads
 * contacts, lists and segments from there.
 *
 * Model:
 * - A campaign has two activities, `primary_email` (content + recipients; the one that is edited,
 *   tested and scheduled) and `permalink` (web version; shows the primary's content).
 * - The campaign's `current_status` is the primary activity's status in Title case (brief §8.1).
 * - A send ("0" or a date that has passed) is due; each poll (GET /emails/{id} or
 *   GET /emails/activities/{id}) advances a due send: the 1st poll still shows SCHEDULED, polls
 *   2…N show EXECUTING, poll N+1 performs the send and shows DONE (N = campaignCompletesAfterPolls).
 * - Tracking rows (sends, opens, clicks, forwards, optouts, bounces) are recorded per campaign
 *   activity; a send writes one `sends` row per recipient, admin.track adds engagement rows.
 */

const crypto = require('node:crypto');

/** Activity status (UPPER case) → campaign status (Title case), brief §8.1. */
const CAMPAIGN_STATUS = /** @type {const} */ ({
	DRAFT: 'Draft',
	SCHEDULED: 'Scheduled',
	EXECUTING: 'Executing',
	DONE: 'Done',
	ERROR: 'Error',
	REMOVED: 'Removed',
});
/** Tracking row kind → `tracking_activity_type` (spec *TrackingActivity examples, activity_details types). */
const TRACKING_TYPES = /** @type {const} */ ({
	sends: 'em_sends',
	opens: 'em_opens',
	clicks: 'em_clicks',
	forwards: 'em_forwards',
	optouts: 'em_optouts',
	bounces: 'em_bounces',
});
/** admin.track `type` → tracking row kind. */
const TRACK_KINDS = /** @type {const} */ ({ open: 'opens', click: 'clicks', bounce: 'bounces', optout: 'optouts', forward: 'forwards' });
/** Spec GET …/tracking/bounces `bounce_code` and def StatsEmailActivity bounce breakdown. */
const BOUNCE_STATS = /** @type {const} */ ({
	B: 'em_bounces_nonexistent_address',
	D: 'em_bounces_undeliverable',
	F: 'em_bounces_mailbox_full',
	S: 'em_bounces_suspended',
	V: 'em_bounces_vacation',
	X: 'em_bounces_other',
	Z: 'em_bounces_blocked',
});
const DEVICE_TYPES = ['computer', 'mobile', 'tablet', 'other', 'none'];
/** Brief §8.2: custom-code content must not contain these (template-engine markers). */
const FORBIDDEN_HTML = ['[#', '${', '<@'];
/** Spec def EmailCampaignActivityInput.html_content maxLength. */
const MAX_HTML = 150_000;
/** Spec POST …/tests: 50 test recipients per day. */
const TEST_SENDS_PER_DAY = 50;
/** Account e-mail roles (spec GET /account/emails role_code). */
const ROLE_CODES = ['CONTACT', 'BILLING', 'JOURNALING', 'REPLY_TO', 'OTHER'];

/**
 * @typedef {{
 *   email_address: string, email_id: number, confirm_status: 'CONFIRMED' | 'UNCONFIRMED',
 *   confirm_time?: string, confirm_source_type?: string, roles: string[], pending_roles: string[]
 * }} AccountEmailRec
 * @typedef {{
 *   address_line1: string, address_line2?: string, address_line3?: string, city: string,
 *   state_code?: string, state_name?: string, postal_code?: string, country_code: string
 * }} PhysicalAddress
 * @typedef {{
 *   campaign_id: string, name: string, type: string, type_code: number, created_at: string, updated_at: string,
 *   primaryId: string, permalinkId: string, v2_email_campaign_id?: string
 * }} CampaignRec
 * @typedef {{
 *   send_id: number, contact_list_ids: string[], segment_ids: number[], count: number, run_date: string,
 *   send_status: 'COMPLETED' | 'ERRORED', reason_code: number
 * }} SendHistoryRec
 * @typedef {{
 *   campaign_activity_id: string, campaign_id: string, role: 'primary_email' | 'permalink', current_status: string,
 *   format_type: number, from_name?: string, from_email?: string, reply_to_email?: string, subject?: string,
 *   preheader?: string, html_content?: string, physical_address_in_footer?: Record<string, any>,
 *   document_properties?: Record<string, any>, permalink_url?: string,
 *   contact_list_ids: string[], segment_ids: number[],
 *   previous_status?: string, scheduled_date?: string, sendDueAt: number | null, sendPolls: number,
 *   sentContactIds: Set<string>, sendHistory: SendHistoryRec[]
 * }} CampaignActivityRec
 *   `scheduled_date` as answered by GET …/schedules; `sendDueAt` the clock time (ms) from which
 *   polls advance the send (null = no send pending).
 * @typedef {'sends' | 'opens' | 'clicks' | 'forwards' | 'optouts' | 'bounces'} TrackingKind
 * @typedef {{
 *   seq: number, kind: TrackingKind, campaign_activity_id: string, contact_id: string, email_address: string,
 *   created_time: string, device_type?: string, url_id?: string, link_url?: string, bounce_code?: string,
 *   opt_out_reason?: string
 * }} TrackingRow
 * @typedef {{
 *   name: string, from_name?: string, from_email?: string, reply_to_email?: string, subject?: string,
 *   preheader?: string, html_content?: string, physical_address_in_footer?: Record<string, any>,
 *   contact_list_ids?: string[], list_names?: string[], segment_ids?: number[], segment_name?: string,
 *   status?: 'Draft' | 'Scheduled' | 'Done' | 'Removed', scheduled_date?: string, sent_at?: string,
 *   created_at?: string, v2_email_campaign_id?: string | number,
 *   tracking?: Array<Omit<TrackInput, 'campaign_activity_id'>>
 * }} CampaignSeed
 * @typedef {{
 *   campaign_activity_id: string, contact_email?: string, contact_id?: string,
 *   type: 'open' | 'click' | 'bounce' | 'optout' | 'forward', at?: string, url?: string,
 *   bounce_code?: string, device_type?: string, opt_out_reason?: string
 * }} TrackInput
 */

/** @param {number} ms */
function iso(ms) {
	return new Date(ms).toISOString();
}

/** @param {string} s */
function isUuid(s) {
	return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}

/** Percentage 0–100, one decimal; 0 when the denominator is 0. @param {number} n @param {number} d */
function pct(n, d) {
	return d > 0 ? Math.round((n / d) * 1000) / 10 : 0;
}

/** Newest first; rows of one timestamp in reverse insertion order. @param {TrackingRow} a @param {TrackingRow} b */
function newestFirst(a, b) {
	return a.created_time < b.created_time ? 1 : a.created_time > b.created_time ? -1 : b.seq - a.seq;
}

class EmailStore {
	/** @param {import('./store').Store} store */
	constructor(store) {
		this.store = store;
		this.clock = store.clock;
		/** @type {Record<string, string>} */
		this.summary = {};
		/** @type {PhysicalAddress | null} */
		this.physicalAddress = null;
		/** @type {AccountEmailRec[]} */
		this.accountEmails = [];
		this.nextEmailId = 1;
		/** @type {Map<string, CampaignRec>} */
		this.campaigns = new Map();
		/** @type {Map<string, CampaignActivityRec>} */
		this.activities = new Map();
		/** @type {TrackingRow[]} */
		this.tracking = [];
		this.nextTrackingSeq = 1;
		/** campaign_activity_id → link_url → url_id @type {Map<string, Map<string, string>>} */
		this.urlIds = new Map();
		this.nextUrlId = 1_100_000_000_001;
		/** @type {Array<{ campaign_activity_id: string, email_addresses: string[], personal_message?: string, at: string }>} */
		this.testSends = [];
		/** @type {number[]} reason codes for the next sends that should fail (admin.failNextSend) */
		this.failNext = [];
		this.nextV2CampaignId = 1_100_567_546_001;
		this.seedDefaultAccount();
	}

	/** Forget everything and put the default account back. */
	reset() {
		this.summary = {};
		this.physicalAddress = null;
		this.accountEmails = [];
		this.nextEmailId = 1;
		this.campaigns.clear();
		this.activities.clear();
		this.tracking = [];
		this.nextTrackingSeq = 1;
		this.urlIds.clear();
		this.nextUrlId = 1_100_000_000_001;
		this.testSends = [];
		this.failNext = [];
		this.nextV2CampaignId = 1_100_567_546_001;
		this.seedDefaultAccount();
	}

	// ------------------------------------------------------------------ account (brief §10)

	/**
	 * The account every fake starts with: summary, a physical address, and three account e-mail
	 * addresses (two CONFIRMED, one UNCONFIRMED). Missing parts are added back; existing ones stay.
	 */
	seedDefaultAccount() {
		if (!this.summary.encoded_account_id) {
			this.summary = {
				contact_email: 'owner@example.com',
				contact_phone: '+1 555 0100',
				country_code: 'US',
				encoded_account_id: 'a07e1fake0001',
				first_name: 'Olivia',
				last_name: 'Owner',
				organization_name: 'Example Org',
				organization_phone: '+1 555 0199',
				state_code: 'MA',
				time_zone_id: 'US/Eastern',
				website: 'https://www.example.com',
			};
		}
		if (!this.physicalAddress) {
			this.physicalAddress = { address_line1: '123 Main Street', city: 'Boston', state_code: 'MA', postal_code: '02108', country_code: 'US' };
		}
		const at = iso(this.clock.now() - 365 * 24 * 3600 * 1000);
		for (const [address, confirmed, roles] of /** @type {Array<[string, boolean, string[]]>} */ ([
			['owner@example.com', true, ['CONTACT', 'BILLING', 'REPLY_TO']],
			['news@example.com', true, ['OTHER']],
			['pending@example.com', false, ['OTHER']],
		])) {
			if (this.accountEmail(address)) continue;
			this.addAccountEmail(address, roles);
			if (confirmed) this.confirmAccountEmail(address, at);
		}
	}

	/** @param {string} address */
	accountEmail(address) {
		const a = address.toLowerCase();
		return this.accountEmails.find((e) => e.email_address.toLowerCase() === a);
	}

	/** New UNCONFIRMED address (POST /account/emails). @param {string} address @param {string[]} [pendingRoles] */
	addAccountEmail(address, pendingRoles = ['OTHER']) {
		/** @type {AccountEmailRec} */
		const e = { email_address: address, email_id: this.nextEmailId++, confirm_status: 'UNCONFIRMED', roles: [], pending_roles: pendingRoles.slice() };
		this.accountEmails.push(e);
		return e;
	}

	/** The user clicked the confirmation link. @param {string} address @param {string} [at] */
	confirmAccountEmail(address, at) {
		const e = this.accountEmail(address);
		if (!e) throw new Error(`no account e-mail address "${address}"`);
		if (e.confirm_status === 'CONFIRMED') return e;
		e.confirm_status = 'CONFIRMED';
		e.confirm_time = at ?? iso(this.clock.now());
		e.confirm_source_type = 'SITE_OWNER';
		e.roles = [...new Set([...e.roles, ...e.pending_roles])];
		e.pending_roles = [];
		return e;
	}

	/** @param {string | undefined} address */
	isConfirmedSender(address) {
		return typeof address === 'string' && this.accountEmail(address)?.confirm_status === 'CONFIRMED';
	}

	/** Spec def AccountEmails item. @param {AccountEmailRec} e */
	renderAccountEmail(e) {
		/** @type {Record<string, any>} */
		const out = { email_address: e.email_address, email_id: e.email_id, confirm_status: e.confirm_status };
		if (e.confirm_time) out.confirm_time = e.confirm_time;
		if (e.confirm_source_type) out.confirm_source_type = e.confirm_source_type;
		out.roles = e.roles.slice();
		out.pending_roles = e.pending_roles.slice();
		return out;
	}

	/** Spec def Customer. @param {string[]} extra `extra_fields` values */
	renderSummary(extra) {
		/** @type {Record<string, any>} */
		const out = { ...this.summary };
		if (extra.includes('physical_address') && this.physicalAddress) out.physical_address = { ...this.physicalAddress };
		// company_logo: the fake account has none ("If a company logo does not exist, nothing is returned").
		return out;
	}

	/** The account's address as an e-mail footer (spec def EmailPhysicalAddress). */
	footerFromAccount() {
		const p = this.physicalAddress;
		if (!p) return undefined;
		/** @type {Record<string, any>} */
		const f = { address_line1: p.address_line1 };
		if (p.address_line2) f.address_line2 = p.address_line2;
		if (p.address_line3) f.address_line3 = p.address_line3;
		f.city = p.city;
		f.country_code = p.country_code;
		f.organization_name = this.summary.organization_name ?? 'Example Org';
		if (p.postal_code) f.postal_code = p.postal_code;
		if (p.state_code) f.state_code = p.state_code;
		return f;
	}

	// ------------------------------------------------------------------ campaigns (brief §8)

	/** Campaign with this name, any status (Removed ones can be restored in the UI, so their names stay taken). @param {string} name */
	campaignByName(name) {
		const n = name.toLowerCase();
		for (const c of this.campaigns.values()) if (c.name.toLowerCase() === n) return c;
		return undefined;
	}

	/**
	 * Create a campaign with its primary_email and permalink activities (no validation).
	 * @param {string} name
	 * @param {Record<string, any>} input EmailCampaignActivityInput
	 * @param {{ at?: string, v2_email_campaign_id?: string }} [opts]
	 */
	insertCampaign(name, input, opts = {}) {
		const now = opts.at ?? this.store.stampIso();
		const campaign_id = crypto.randomUUID();
		/** @type {CampaignActivityRec} */
		const primary = {
			campaign_activity_id: crypto.randomUUID(),
			campaign_id,
			role: 'primary_email',
			current_status: 'DRAFT',
			format_type: 5,
			contact_list_ids: [],
			segment_ids: [],
			sendDueAt: null,
			sendPolls: 0,
			sentContactIds: new Set(),
			sendHistory: [],
		};
		for (const k of ['from_name', 'from_email', 'reply_to_email', 'subject', 'preheader', 'html_content']) {
			if (input[k] !== undefined && input[k] !== null) /** @type {any} */ (primary)[k] = input[k];
		}
		const footer = input.physical_address_in_footer ?? this.footerFromAccount();
		if (footer) primary.physical_address_in_footer = JSON.parse(JSON.stringify(footer));
		primary.document_properties = {};
		/** @type {CampaignActivityRec} */
		const permalink = {
			campaign_activity_id: crypto.randomUUID(),
			campaign_id,
			role: 'permalink',
			current_status: 'DRAFT',
			format_type: 5,
			contact_list_ids: [],
			segment_ids: [],
			sendDueAt: null,
			sendPolls: 0,
			sentContactIds: new Set(),
			sendHistory: [],
		};
		/** @type {CampaignRec} */
		const c = {
			campaign_id,
			name,
			type: 'NEWSLETTER',
			type_code: 10,
			created_at: now,
			updated_at: now,
			primaryId: primary.campaign_activity_id,
			permalinkId: permalink.campaign_activity_id,
		};
		if (opts.v2_email_campaign_id) c.v2_email_campaign_id = opts.v2_email_campaign_id;
		this.campaigns.set(campaign_id, c);
		this.activities.set(primary.campaign_activity_id, primary);
		this.activities.set(permalink.campaign_activity_id, permalink);
		return c;
	}

	/** @param {CampaignRec} c */
	primaryOf(c) {
		return /** @type {CampaignActivityRec} */ (this.activities.get(c.primaryId));
	}

	/** @param {CampaignRec} c */
	campaignStatus(c) {
		return CAMPAIGN_STATUS[/** @type {keyof typeof CAMPAIGN_STATUS} */ (this.primaryOf(c).current_status)];
	}

	/** Spec def EmailCampaign (withActivities) or EmailCampaigns (list items). @param {CampaignRec} c @param {boolean} withActivities */
	renderCampaign(c, withActivities) {
		/** @type {Record<string, any>} */
		const out = {};
		if (withActivities) {
			out.campaign_activities = [
				{ campaign_activity_id: c.primaryId, role: 'primary_email' },
				{ campaign_activity_id: c.permalinkId, role: 'permalink' },
			];
		}
		out.campaign_id = c.campaign_id;
		out.created_at = c.created_at;
		out.current_status = this.campaignStatus(c);
		out.name = c.name;
		out.type = c.type;
		out.type_code = c.type_code;
		out.updated_at = c.updated_at;
		return out;
	}

	/**
	 * Spec def EmailCampaignActivity. The sub-resources `physical_address_in_footer`,
	 * `permalink_url`, `html_content` and `document_properties` only when asked for (`include`).
	 * A permalink activity shows its primary's content and no recipients.
	 * @param {CampaignActivityRec} a
	 * @param {Iterable<string>} include
	 */
	renderActivity(a, include) {
		const inc = new Set(include);
		const c = /** @type {CampaignRec} */ (this.campaigns.get(a.campaign_id));
		const src = a.role === 'permalink' ? this.primaryOf(c) : a;
		/** @type {Record<string, any>} */
		const out = {
			campaign_activity_id: a.campaign_activity_id,
			campaign_id: a.campaign_id,
			role: a.role,
			contact_list_ids: a.contact_list_ids.slice(),
			segment_ids: a.segment_ids.slice(),
			current_status: a.current_status,
			format_type: a.format_type,
		};
		for (const k of ['from_email', 'from_name', 'reply_to_email', 'subject', 'preheader']) {
			const v = /** @type {any} */ (src)[k];
			if (v !== undefined) out[k] = v;
		}
		if (inc.has('html_content') && src.html_content !== undefined) out.html_content = src.html_content;
		if (inc.has('permalink_url') && src.permalink_url !== undefined) out.permalink_url = src.permalink_url;
		if (inc.has('physical_address_in_footer') && src.physical_address_in_footer) out.physical_address_in_footer = JSON.parse(JSON.stringify(src.physical_address_in_footer));
		if (inc.has('document_properties')) out.document_properties = JSON.parse(JSON.stringify(src.document_properties ?? {}));
		return out;
	}

	/**
	 * Change an activity's status; the campaign's updated_at moves with it (GET /emails?after_date
	 * sees sends and deletions).
	 * @param {CampaignActivityRec} a
	 * @param {string} status
	 * @param {string} [at]
	 */
	setStatus(a, status, at) {
		a.current_status = status;
		const c = this.campaigns.get(a.campaign_id);
		const t = at ?? this.store.stampIso();
		if (c && t > c.updated_at) c.updated_at = t;
	}

	/**
	 * Schedule a primary activity (checks done by the handler). `dueAt` null = "0" (now).
	 * @param {CampaignActivityRec} a
	 * @param {number | null} dueAt
	 * @param {number} completeAfterPolls
	 */
	schedule(a, dueAt, completeAfterPolls) {
		const nowMs = this.clock.now();
		a.previous_status = a.current_status;
		a.scheduled_date = iso(dueAt ?? nowMs);
		a.sendDueAt = dueAt ?? nowMs;
		a.sendPolls = 0;
		this.setStatus(a, 'SCHEDULED');
		if (dueAt === null && completeAfterPolls <= 0) this.finishSend(a);
	}

	/** Back to the status before SCHEDULED (DELETE …/schedules). @param {CampaignActivityRec} a */
	unschedule(a) {
		const back = a.previous_status ?? 'DRAFT';
		a.sendDueAt = null;
		a.sendPolls = 0;
		delete a.scheduled_date;
		delete a.previous_status;
		this.setStatus(a, back);
	}

	/**
	 * One poll of a campaign (GET /emails/{id}) or activity (GET /emails/activities/{id}).
	 * @param {CampaignActivityRec} a
	 * @param {number} completeAfterPolls
	 */
	pollSend(a, completeAfterPolls) {
		if (a.sendDueAt === null || (a.current_status !== 'SCHEDULED' && a.current_status !== 'EXECUTING')) return;
		if (this.clock.now() < a.sendDueAt) return;
		a.sendPolls++;
		if (a.sendPolls > completeAfterPolls) this.finishSend(a);
		else if (a.sendPolls >= 2 && a.current_status === 'SCHEDULED') this.setStatus(a, 'EXECUTING');
	}

	/** Finish every send that is due (admin.completeSends). @returns {number} sends finished */
	completeDueSends() {
		let n = 0;
		for (const a of this.activities.values()) {
			if (a.sendDueAt !== null && this.clock.now() >= a.sendDueAt && (a.current_status === 'SCHEDULED' || a.current_status === 'EXECUTING')) {
				this.finishSend(a);
				n++;
			}
		}
		return n;
	}

	/**
	 * Contacts a send of this activity reaches now (brief §8.3): members of its (live) lists or of
	 * its (live) segment, not deleted, permission explicit/implicit, each once, in contact order.
	 * @param {CampaignActivityRec} a
	 */
	eligibleRecipients(a) {
		const { store } = this;
		if (a.segment_ids.length) {
			const s = store.segments.get(a.segment_ids[0]);
			if (!s || s.deleted_at) return [];
			return store.segmentContacts(s).filter((c) => store.isActive(c));
		}
		const lists = new Set(a.contact_list_ids.filter((id) => {
			const l = store.lists.get(id);
			return l && !l.deleted_at;
		}));
		if (!lists.size) return [];
		return store.sortedContacts().filter((c) => store.isActive(c) && c.list_memberships.some((l) => lists.has(l)));
	}

	/**
	 * Perform the send: one `sends` row per eligible contact not reached by an earlier send of this
	 * activity (brief §8.3: a DONE activity scheduled again only mails new contacts); a send history
	 * entry (reason_code 12, count 0 when nobody is eligible); status DONE. With a queued failure
	 * (admin.failNextSend) nothing is sent, the entry is ERRORED and the status ERROR.
	 * @param {CampaignActivityRec} a
	 * @param {string} [at] run date (seeding); default now
	 */
	finishSend(a, at) {
		const runDate = at ?? this.store.stampIso();
		a.sendDueAt = null;
		a.sendPolls = 0;
		delete a.scheduled_date;
		delete a.previous_status;
		/** @type {SendHistoryRec} */
		const entry = {
			send_id: a.sendHistory.length + 1,
			contact_list_ids: a.contact_list_ids.slice(),
			segment_ids: a.segment_ids.slice(),
			count: 0,
			run_date: runDate,
			send_status: 'COMPLETED',
			reason_code: 0,
		};
		const failure = this.failNext.shift();
		if (failure !== undefined) {
			entry.send_status = 'ERRORED';
			entry.reason_code = failure;
			a.sendHistory.push(entry);
			this.setStatus(a, 'ERROR', runDate);
			return entry;
		}
		const recipients = this.eligibleRecipients(a).filter((c) => !a.sentContactIds.has(c.contact_id));
		for (const c of recipients) {
			a.sentContactIds.add(c.contact_id);
			this.tracking.push({
				seq: this.nextTrackingSeq++,
				kind: 'sends',
				campaign_activity_id: a.campaign_activity_id,
				contact_id: c.contact_id,
				email_address: /** @type {any} */ (c.email_address).address,
				created_time: runDate,
			});
		}
		entry.count = recipients.length;
		if (!recipients.length) entry.reason_code = 12;
		a.sendHistory.push(entry);
		const c = /** @type {CampaignRec} */ (this.campaigns.get(a.campaign_id));
		if (!a.permalink_url) {
			const slug = c.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'email';
			a.permalink_url = `https://myemail.constantcontact.com/${slug}.html?soid=${this.summary.encoded_account_id}&aid=${a.campaign_activity_id.slice(0, 8)}`;
		}
		const permalink = this.activities.get(c.permalinkId);
		if (permalink && permalink.current_status !== 'REMOVED') permalink.current_status = 'DONE';
		this.setStatus(a, 'DONE', runDate);
		return entry;
	}

	/** DELETE /emails/{id}: the campaign and its activities become Removed. @param {CampaignRec} c */
	removeCampaign(c) {
		const now = this.store.stampIso();
		for (const id of [c.primaryId, c.permalinkId]) {
			const a = this.activities.get(id);
			if (a) {
				a.current_status = 'REMOVED';
				a.sendDueAt = null;
			}
		}
		c.updated_at = now;
	}

	/** Stable url_id per link of an activity. @param {string} activityId @param {string} url */
	urlIdFor(activityId, url) {
		let m = this.urlIds.get(activityId);
		if (!m) {
			m = new Map();
			this.urlIds.set(activityId, m);
		}
		let id = m.get(url);
		if (!id) {
			id = String(this.nextUrlId++);
			m.set(url, id);
		}
		return id;
	}

	// ------------------------------------------------------------------ tracking (brief §9)

	/**
	 * Record engagement after a send (admin.track). The contact must have been sent this activity;
	 * `at` (default now) must not be before that send. An optout also unsubscribes the contact
	 * (opt_out_source Contact, opt_out_date = at).
	 * @param {TrackInput} input
	 */
	track(input) {
		const kind = TRACK_KINDS[/** @type {keyof typeof TRACK_KINDS} */ (input?.type)];
		if (!kind) throw new Error(`track: type must be one of ${Object.keys(TRACK_KINDS).join(', ')}`);
		const a = this.activities.get(String(input.campaign_activity_id).toLowerCase());
		if (!a) throw new Error(`track: unknown campaign_activity_id "${input.campaign_activity_id}"`);
		const contact = input.contact_id ? this.store.getContact(input.contact_id) : input.contact_email ? this.store.contactByEmail(input.contact_email) : undefined;
		if (!contact) throw new Error(`track: unknown contact "${input.contact_id ?? input.contact_email}"`);
		const send = this.tracking.find((r) => r.kind === 'sends' && r.campaign_activity_id === a.campaign_activity_id && r.contact_id === contact.contact_id);
		if (!send) throw new Error(`track: activity ${a.campaign_activity_id} was not sent to ${contact.email_address?.address ?? contact.contact_id}`);
		let at;
		if (input.at !== undefined) {
			const t = Date.parse(input.at);
			if (Number.isNaN(t)) throw new Error(`track: at "${input.at}" is not an ISO-8601 date-time`);
			at = iso(t);
		} else at = this.store.stampIso();
		if (at < send.created_time) throw new Error(`track: at ${at} is before the send (${send.created_time})`);
		/** @type {TrackingRow} */
		const row = {
			seq: this.nextTrackingSeq++,
			kind,
			campaign_activity_id: a.campaign_activity_id,
			contact_id: contact.contact_id,
			email_address: send.email_address,
			created_time: at,
		};
		if (kind === 'opens' || kind === 'clicks') {
			const device = input.device_type ?? 'computer';
			if (!DEVICE_TYPES.includes(device)) throw new Error(`track: device_type must be one of ${DEVICE_TYPES.join(', ')}`);
			row.device_type = device;
		}
		if (kind === 'clicks') {
			row.link_url = input.url ?? 'https://www.example.com/';
			row.url_id = this.urlIdFor(a.campaign_activity_id, row.link_url);
		}
		if (kind === 'bounces') {
			const code = input.bounce_code ?? 'B';
			if (!(code in BOUNCE_STATS)) throw new Error(`track: bounce_code must be one of ${Object.keys(BOUNCE_STATS).join(', ')}`);
			row.bounce_code = code;
		}
		if (kind === 'optouts') {
			if (input.opt_out_reason) row.opt_out_reason = input.opt_out_reason;
			const e = contact.email_address;
			if (e && e.permission_to_send !== 'unsubscribed') {
				e.permission_to_send = 'unsubscribed';
				e.opt_out_source = 'Contact';
				e.opt_out_date = at;
				if (input.opt_out_reason) e.opt_out_reason = input.opt_out_reason;
				e.updated_at = at;
				if (at > contact.updated_at) contact.updated_at = at;
				contact.update_source = 'Contact';
			}
		}
		this.tracking.push(row);
		return this.renderTrackingRow(row);
	}

	/** @param {string} activityId @param {TrackingKind} kind */
	rowsOf(activityId, kind) {
		return this.tracking.filter((r) => r.campaign_activity_id === activityId && r.kind === kind);
	}

	/**
	 * Rows of one tracking report, newest first (spec: "most recent activity first").
	 * `unique_opens`: each contact's last open; `didnotopens`: sent, neither opened nor bounced
	 * (the fake's reading, matching em_not_opened = sends − opens − bounces).
	 * @param {string} activityId
	 * @param {string} report sends | opens | unique_opens | didnotopens | clicks | forwards | optouts | bounces
	 * @returns {TrackingRow[]}
	 */
	report(activityId, report) {
		if (report === 'unique_opens') {
			/** @type {Map<string, TrackingRow>} */
			const last = new Map();
			for (const r of this.rowsOf(activityId, 'opens').sort(newestFirst)) if (!last.has(r.contact_id)) last.set(r.contact_id, r);
			return [...last.values()];
		}
		if (report === 'didnotopens') {
			const seen = new Set([...this.rowsOf(activityId, 'opens'), ...this.rowsOf(activityId, 'bounces')].map((r) => r.contact_id));
			return this.rowsOf(activityId, 'sends').filter((r) => !seen.has(r.contact_id)).sort(newestFirst);
		}
		return this.rowsOf(activityId, /** @type {TrackingKind} */ (report)).sort(newestFirst);
	}

	/**
	 * Spec defs *TrackingActivity: names and deleted_at come from the contact as it is now.
	 * @param {TrackingRow} r
	 * @param {string} [type] tracking_activity_type to show (didnotopens rows are send rows)
	 */
	renderTrackingRow(r, type) {
		const c = this.store.contacts.get(r.contact_id);
		/** @type {Record<string, any>} */
		const out = {
			contact_id: r.contact_id,
			campaign_activity_id: r.campaign_activity_id,
			tracking_activity_type: type ?? TRACKING_TYPES[r.kind],
			email_address: r.email_address,
		};
		if (c?.first_name !== undefined) out.first_name = c.first_name;
		if (c?.last_name !== undefined) out.last_name = c.last_name;
		if (r.device_type) out.device_type = r.device_type;
		if (r.url_id) out.url_id = r.url_id;
		if (r.link_url) out.link_url = r.link_url;
		if (r.bounce_code) {
			out.bounce_code = r.bounce_code;
			const cur = c?.email_address?.address;
			if (cur && cur !== r.email_address) out.current_email_address = cur;
		}
		if (r.opt_out_reason) out.opt_out_reason = r.opt_out_reason;
		out.created_time = r.created_time;
		if (c?.deleted_at) out.deleted_at = c.deleted_at;
		return out;
	}

	/**
	 * Spec def StatsEmailActivity (a superset of StatsEmail): unique counts per contact, `*_all`
	 * every row, device breakdowns, bounce breakdown by code. em_abuse is always 0 (no spam reports).
	 * @param {string} activityId
	 */
	statsOf(activityId) {
		/** @type {Record<string, number>} */
		const s = {};
		const uniq = (/** @type {TrackingKind} */ k) => new Set(this.rowsOf(activityId, k).map((r) => r.contact_id)).size;
		const opens = this.rowsOf(activityId, 'opens');
		const clicks = this.rowsOf(activityId, 'clicks');
		const bounces = this.rowsOf(activityId, 'bounces');
		s.em_sends = uniq('sends');
		s.em_opens = uniq('opens');
		s.em_opens_all = opens.length;
		s.em_clicks = uniq('clicks');
		s.em_clicks_all = clicks.length;
		for (const d of DEVICE_TYPES) {
			s[`em_opens_all_${d}`] = opens.filter((r) => r.device_type === d).length;
			s[`em_clicks_all_${d}`] = clicks.filter((r) => r.device_type === d).length;
		}
		s.em_forwards = uniq('forwards');
		s.em_optouts = uniq('optouts');
		s.em_bounces = uniq('bounces');
		s.em_not_opened = Math.max(0, s.em_sends - s.em_opens - s.em_bounces);
		s.em_abuse = 0;
		for (const [code, key] of Object.entries(BOUNCE_STATS)) s[key] = bounces.filter((r) => r.bounce_code === code).length;
		return s;
	}

	/**
	 * Spec def PercentsEmail (0–100, one decimal): bounce = bounces/sends; open, did_not_open and
	 * unsubscribe relative to delivered (sends − bounces); click = clickers/openers; desktop/mobile
	 * shares of all opens/clicks (mobile = mobile + tablet).
	 * @param {Record<string, number>} s
	 */
	percentsOf(s) {
		const delivered = s.em_sends - s.em_bounces;
		return {
			bounce: pct(s.em_bounces, s.em_sends),
			click: pct(s.em_clicks, s.em_opens),
			desktop_click: pct(s.em_clicks_all_computer, s.em_clicks_all),
			desktop_open: pct(s.em_opens_all_computer, s.em_opens_all),
			did_not_open: pct(s.em_not_opened, delivered),
			mobile_click: pct(s.em_clicks_all_mobile + s.em_clicks_all_tablet, s.em_clicks_all),
			mobile_open: pct(s.em_opens_all_mobile + s.em_opens_all_tablet, s.em_opens_all),
			open: pct(s.em_opens, delivered),
			unsubscribe: pct(s.em_optouts, delivered),
		};
	}

	/** Latest run date of a send of this campaign, or undefined when never sent. @param {CampaignRec} c */
	lastSentDate(c) {
		const h = this.primaryOf(c).sendHistory.filter((e) => e.send_status === 'COMPLETED');
		return h.length ? h[h.length - 1].run_date : undefined;
	}

	/** Test sends on the fake clock's current UTC day (POST …/tests, 50 per day). */
	testSendsToday() {
		const day = iso(this.clock.now()).slice(0, 10);
		return this.testSends.filter((t) => t.at.slice(0, 10) === day).reduce((n, t) => n + t.email_addresses.length, 0);
	}

	// ------------------------------------------------------------------ seeding

	/**
	 * Seed one campaign (admin.seed `campaigns`). Recipients by `list_names`/`contact_list_ids` or
	 * `segment_name`/`segment_ids`; `status` Draft (default), Scheduled (needs `scheduled_date` in
	 * the future), Done (sent at `sent_at`, default now, then `tracking` rows are added) or Removed.
	 * Seeded campaigns get a V2 ID (`v2_email_campaign_id`, given or generated).
	 * @param {CampaignSeed} spec
	 */
	seedCampaign(spec) {
		const { store } = this;
		if (!spec || typeof spec.name !== 'string' || !spec.name) throw new Error('seed: a campaign needs a name');
		if (this.campaignByName(spec.name)) throw new Error(`seed: a campaign named "${spec.name}" exists`);
		const sender = this.accountEmails.find((e) => e.confirm_status === 'CONFIRMED')?.email_address ?? 'owner@example.com';
		const v2 = spec.v2_email_campaign_id !== undefined ? String(spec.v2_email_campaign_id) : String(this.nextV2CampaignId++);
		for (const other of this.campaigns.values()) if (other.v2_email_campaign_id === v2) throw new Error(`seed: v2_email_campaign_id ${v2} is taken`);
		const c = this.insertCampaign(
			spec.name,
			{
				from_name: spec.from_name ?? this.summary.organization_name,
				from_email: spec.from_email ?? sender,
				reply_to_email: spec.reply_to_email ?? spec.from_email ?? sender,
				subject: spec.subject ?? spec.name,
				preheader: spec.preheader,
				html_content: spec.html_content ?? `<html><body>[[trackingImage]]<p>${spec.name}</p></body></html>`,
				physical_address_in_footer: spec.physical_address_in_footer,
			},
			{
				// A campaign seeded as sent in the past was created an hour before that.
				at: spec.created_at ? iso(Date.parse(spec.created_at)) : spec.sent_at ? iso(Date.parse(spec.sent_at) - 3600_000) : undefined,
				v2_email_campaign_id: v2,
			},
		);
		const a = this.primaryOf(c);
		const listIds = [...(spec.contact_list_ids ?? [])].map((x) => String(x).toLowerCase());
		for (const n of spec.list_names ?? []) {
			const l = store.listByName(n);
			if (!l) throw new Error(`seed: unknown list name "${n}"`);
			listIds.push(l.list_id);
		}
		a.contact_list_ids = [...new Set(listIds)];
		if (spec.segment_name !== undefined) {
			const s = store.segmentByName(spec.segment_name);
			if (!s) throw new Error(`seed: unknown segment "${spec.segment_name}"`);
			a.segment_ids = [s.segment_id];
		} else if (spec.segment_ids) a.segment_ids = spec.segment_ids.slice(0, 1).map(Number);
		const status = spec.status ?? 'Draft';
		if (status === 'Done') {
			this.finishSend(a, spec.sent_at ? iso(Date.parse(spec.sent_at)) : undefined);
			for (const t of spec.tracking ?? []) this.track({ ...t, campaign_activity_id: a.campaign_activity_id });
		} else if (status === 'Scheduled') {
			const due = spec.scheduled_date ? Date.parse(spec.scheduled_date) : NaN;
			if (Number.isNaN(due)) throw new Error('seed: a Scheduled campaign needs a scheduled_date');
			this.schedule(a, due, 1);
		} else if (status === 'Removed') this.removeCampaign(c);
		else if (status !== 'Draft') throw new Error(`seed: campaign status must be Draft, Scheduled, Done or Removed (got ${status})`);
		return c;
	}

	/** Plain-data view for admin.state(). */
	snapshot() {
		const campaigns = [...this.campaigns.values()].map((c) => {
			const out = this.renderCampaign(c, true);
			if (c.v2_email_campaign_id) out.v2_email_campaign_id = c.v2_email_campaign_id;
			return out;
		});
		const campaignActivities = [...this.activities.values()].map((a) => ({
			...this.renderActivity(a, ['physical_address_in_footer', 'permalink_url', 'html_content', 'document_properties']),
			sent_contact_ids: [...a.sentContactIds],
		}));
		const schedules = [...this.activities.values()]
			.filter((a) => a.current_status === 'SCHEDULED' || a.current_status === 'EXECUTING')
			.map((a) => ({ campaign_activity_id: a.campaign_activity_id, current_status: a.current_status, scheduled_date: a.scheduled_date, due: a.sendDueAt !== null && this.clock.now() >= a.sendDueAt, polls: a.sendPolls }));
		const sendHistory = [...this.activities.values()].flatMap((a) => a.sendHistory.map((h) => ({ campaign_activity_id: a.campaign_activity_id, ...h })));
		const tracking = this.tracking.slice().sort(newestFirst).map((r) => this.renderTrackingRow(r));
		return {
			account: { summary: this.renderSummary(['physical_address']), physical_address: this.physicalAddress ? { ...this.physicalAddress } : null },
			accountEmails: this.accountEmails.map((e) => this.renderAccountEmail(e)),
			campaigns,
			campaignActivities,
			schedules,
			sendHistory,
			tracking,
			testSends: this.testSends.map((t) => ({ ...t, email_addresses: t.email_addresses.slice() })),
		};
	}
}

module.exports = {
	EmailStore,
	CAMPAIGN_STATUS,
	TRACKING_TYPES,
	TRACK_KINDS,
	BOUNCE_STATS,
	FORBIDDEN_HTML,
	MAX_HTML,
	TEST_SENDS_PER_DAY,
	ROLE_CODES,
	isUuid,
	newestFirst,
};
