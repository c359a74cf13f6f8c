// @ts-check
'use strict';

/**
 * In-memory data of the fake Constant Contact account, plus rendering into the API's shapes
 * (brief §5–§7; shapes from the spec definitions ContactResource, ContactList, Tag, CustomField,
 * Activity*) and the seed helpers.
 *
 * Records are kept in Maps keyed by ID. Contacts always carry every sub-resource array internally;
 * `renderContact` returns only the sub-resources that were asked for (brief §5.1: "not returned
 * unless requested with include=").
 */

const crypto = require('node:crypto');
const { EmailStore } = require('./emailStore');

/** Top-level contact properties a PUT replaces (omitted → removed), brief §5.4. */
const CONTACT_SCALAR_FIELDS = /** @type {const} */ ([
	'first_name',
	'last_name',
	'job_title',
	'company_name',
	'birthday_month',
	'birthday_day',
	'anniversary',
]);
/** Sub-resources (brief §5.1); a PUT leaves omitted ones untouched. */
const SUB_RESOURCES = /** @type {const} */ ([
	'custom_fields',
	'phone_numbers',
	'street_addresses',
	'list_memberships',
	'taggings',
	'notes',
]);
const PERMISSIONS = ['explicit', 'implicit', 'not_set', 'pending_confirmation', 'temp_hold', 'unsubscribed'];
/** Brief §7.3: custom field types. */
const CUSTOM_FIELD_TYPES = ['string', 'date', 'datetime', 'single_select', 'currency', 'text_area', 'multi_select', 'number', 'boolean'];
const MAX_LISTS_PER_CONTACT = 50; // brief §7.1
const MAX_TAGS_PER_CONTACT = 50; // brief §7.2

/**
 * @typedef {{
 *   address: string, permission_to_send: string, created_at: string, updated_at: string,
 *   opt_in_source?: string, opt_in_date?: string, opt_out_source?: string, opt_out_date?: string,
 *   opt_out_reason?: string, confirm_status: string
 * }} EmailRec
 * @typedef {{
 *   contact_id: string, email_address: EmailRec | null,
 *   first_name?: string, last_name?: string, job_title?: string, company_name?: string,
 *   birthday_month?: number, birthday_day?: number, anniversary?: string,
 *   create_source: string, update_source: string, created_at: string, updated_at: string, deleted_at?: string,
 *   custom_fields: Array<{ custom_field_id: string, value?: string, choice_ids?: string[] }>,
 *   phone_numbers: Array<Record<string, any>>, street_addresses: Array<Record<string, any>>,
 *   list_memberships: string[], taggings: string[], notes: Array<Record<string, any>>,
 *   sequence_id?: string
 * }} ContactRec
 *   `sequence_id`: the V2 ID of a seeded contact (GET /contacts/contact_id_xrefs, brief §12).
 * @typedef {{ list_id: string, name: string, description?: string, favorite: boolean, created_at: string, updated_at: string, deleted_at?: string, sequence_id?: string }} ListRec
 * @typedef {{ tag_id: string, name: string, tag_source: string, created_at: string, updated_at: string }} TagRec
 * @typedef {{ custom_field_id: string, label: string, name: string, type: string, version: number, metadata?: any, choices?: any[], created_at: string, updated_at: string }} CustomFieldRec
 * @typedef {{
 *   segment_id: number, name: string, segment_criteria: string, contact_ids: Set<string> | null,
 *   created_at: string, edited_at: string, deleted_at?: string, parsedCriteria?: any
 * }} SegmentRec
 *   `contact_ids` is a fixed member set (seeded segments); null = members follow `segment_criteria`.
 * @typedef {{
 *   items_total_count: number, items_completed_count: number, person_count: number, error_count: number,
 *   correctable_count: number, cannot_add_to_list_count: number, list_count: number
 * }} ImportStatus
 * @typedef {{
 *   activity_id: string, kind: string, state: string, created_at: string, updated_at: string, started_at: string,
 *   completed_at?: string, percent_done: number, activity_errors: any[], polls: number,
 *   contactIds: string[], listIds: string[], tagIds: string[], customFieldIds: string[], itemsTotal: number, itemsCompleted: number,
 *   bulk: boolean, importRows?: any[], importStatus?: ImportStatus
 * }} ActivityRec
 */

/** What a segment seeded without criteria reports as its criteria (spec def SegmentData example shape). */
const EMPTY_SEGMENT_CRITERIA = '{"version":"1.0.0","criteria":{"type":"and","group":[]}}';

/** Same e-mail check as the contact endpoints. */
const EMAIL_RE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** Brief §5.1: anniversary formats MM/DD/YYYY, M/D/YYYY, YYYY/MM/DD, YYYY/M/D, YYYY-MM-DD, YYYY-M-D, M-D-YYYY, M-DD-YYYY, MM-DD-YYYY. */
const ANNIVERSARY_RE = /^(?:\d{1,2}\/\d{1,2}\/\d{4}|\d{4}\/\d{1,2}\/\d{1,2}|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{4})$/;
/** Spec POST /activities/contacts_json_import: up to 25 custom fields per contact. */
const MAX_IMPORT_CUSTOM_FIELDS = 25;
/** Import phone keys → kind; the first key of a kind wins (so `other_phone` beats the unprefixed `phone`). */
const IMPORT_PHONE_KEYS = /** @type {const} */ ([
	['home_phone', 'home'],
	['work_phone', 'work'],
	['mobile_phone', 'mobile'],
	['other_phone', 'other'],
	['phone', 'other'],
]);
/**
 * Import address keys per kind (precomputed: the import loop is hot); unprefixed parts fill gaps
 * of the `other_*` address. The spec spells the home country key "home country" (typo, brief
 * §13.11); `home_country` is read too.
 */
const IMPORT_ADDRESS_KEYS = [
	['home_', 'home'],
	['work_', 'work'],
	['other_', 'other'],
	['', 'other'],
].map(([prefix, kind]) => ({
	kind,
	street: `${prefix}street`,
	street2: `${prefix}street2`,
	city: `${prefix}city`,
	state: `${prefix}state`,
	zip: `${prefix}zip`,
	countries: prefix === 'home_' ? ['home country', 'home_country'] : [`${prefix}country`],
}));

/** @param {any} v @returns {v is string} */
function filled(v) {
	return typeof v === 'string' && v !== '';
}

/**
 * Validate and normalise one JSON import row (spec def JsonImportContact). Empty strings count as
 * "not supplied". Returns the error of the first problem found, or the pieces to write.
 * @param {any} row
 * @param {Map<string, string>} cfByName custom field name (lower-case) → id
 * @returns {{ error: string, correctable: boolean } | {
 *   email: string, scalars: Record<string, any>, phones: Array<{ phone_number: string, kind: string }>,
 *   addresses: Array<Record<string, string>>, customFields: Array<{ custom_field_id: string, value: string }>
 * }}
 */
function parseImportRow(row, cfByName) {
	if (!row || typeof row !== 'object' || Array.isArray(row)) return { error: 'The row is not an object.', correctable: false };
	const email = filled(row.email) ? row.email.trim() : '';
	if (!email) {
		if (filled(row.sms_number)) return { error: 'SMS-only contacts (sms_number without email) are not supported by the fake.', correctable: false };
		return { error: 'The contact has no e-mail address (minimal contact information is missing).', correctable: true };
	}
	if (!EMAIL_RE.test(email)) return { error: `"${email}" is not a valid e-mail address.`, correctable: true };
	/** @type {Record<string, any>} */
	const scalars = {};
	for (const k of ['first_name', 'last_name', 'job_title', 'company_name']) if (filled(row[k])) scalars[k] = row[k];
	const hasMonth = row.birthday_month !== undefined && row.birthday_month !== null && row.birthday_month !== '';
	const hasDay = row.birthday_day !== undefined && row.birthday_day !== null && row.birthday_day !== '';
	if (hasMonth !== hasDay) return { error: 'birthday_month and birthday_day must be given together.', correctable: true };
	if (hasMonth) {
		const m = Number(row.birthday_month);
		const d = Number(row.birthday_day);
		if (!Number.isInteger(m) || m < 1 || m > 12 || !Number.isInteger(d) || d < 1 || d > 31) {
			return { error: 'birthday_month must be 1–12 and birthday_day 1–31.', correctable: true };
		}
		scalars.birthday_month = m;
		scalars.birthday_day = d;
	}
	if (filled(row.anniversary)) {
		if (!ANNIVERSARY_RE.test(row.anniversary)) return { error: `anniversary "${row.anniversary}" is not in an accepted date format.`, correctable: true };
		scalars.anniversary = row.anniversary;
	}
	/** @type {Array<{ custom_field_id: string, value: string }>} */
	const customFields = [];
	/** @type {string[]} */
	const unknown = [];
	let cfCount = 0;
	for (const k in row) {
		if (k.charCodeAt(0) !== 0x63 /* c */ || !k.startsWith('cf:')) continue;
		cfCount++;
		const id = cfByName.get(k.slice(3).toLowerCase());
		if (!id) unknown.push(k);
		else if (row[k] !== undefined && row[k] !== null && row[k] !== '') customFields.push({ custom_field_id: id, value: String(row[k]) });
	}
	if (cfCount > MAX_IMPORT_CUSTOM_FIELDS) return { error: `A contact can have at most ${MAX_IMPORT_CUSTOM_FIELDS} custom fields (got ${cfCount}).`, correctable: false };
	if (unknown.length) return { error: `Unknown custom field(s): ${unknown.join(', ')}.`, correctable: false };
	/** @type {Array<{ phone_number: string, kind: string }>} */
	const phones = [];
	for (const [key, kind] of IMPORT_PHONE_KEYS) {
		if (filled(row[key]) && !phones.some((p) => p.kind === kind)) phones.push({ phone_number: row[key], kind });
	}
	if (phones.length > 3) return { error: 'A contact can have at most three phone numbers.', correctable: false };
	/** @type {Array<Record<string, string>>} */
	const addresses = [];
	for (const keys of IMPORT_ADDRESS_KEYS) {
		/** @type {Record<string, string> | null} */
		let parts = null;
		const s1 = row[keys.street];
		const s2 = row[keys.street2];
		if (filled(s1) || filled(s2)) (parts ??= {}).street = filled(s1) && filled(s2) ? `${s1}, ${s2}` : filled(s1) ? s1 : s2;
		if (filled(row[keys.city])) (parts ??= {}).city = row[keys.city];
		if (filled(row[keys.state])) (parts ??= {}).state = row[keys.state];
		if (filled(row[keys.zip])) (parts ??= {}).postal_code = row[keys.zip];
		for (const k of keys.countries) {
			if (filled(row[k])) {
				(parts ??= {}).country = row[k];
				break;
			}
		}
		if (!parts) continue;
		const same = addresses.find((x) => x.kind === keys.kind);
		if (same) {
			for (const [k, v] of Object.entries(parts)) if (same[k] === undefined) same[k] = v;
		} else addresses.push({ kind: keys.kind, ...parts });
	}
	return { email, scalars, phones, addresses, customFields };
}

/**
 * Evaluate a segment criteria node for one contact (see Store#segmentMatcher).
 * @param {any} node
 * @param {ContactRec} c
 * @returns {boolean}
 */
function evalCriteria(node, c) {
	if (!node || typeof node !== 'object') return false;
	if (Array.isArray(node.group)) {
		if (!node.group.length) return false;
		return node.type === 'or' ? node.group.some((/** @type {any} */ g) => evalCriteria(g, c)) : node.group.every((/** @type {any} */ g) => evalCriteria(g, c));
	}
	/** @type {Set<string>} */
	const ids = new Set();
	for (const k of ['const_value', 'param', 'value', 'values', 'list_ids', 'tag_ids']) {
		const v = node[k];
		const parts = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : [];
		for (const p of parts) if (typeof p === 'string' && p.trim()) ids.add(p.trim().toLowerCase());
	}
	let hit;
	if (node.source === 'list_membership') hit = c.list_memberships.some((l) => ids.has(l));
	else if (node.source === 'tags') hit = c.taggings.some((t) => ids.has(t));
	else return false;
	return /not|none/i.test(String(node.op ?? '')) ? !hit : hit;
}

/** @param {number} ms */
function iso(ms) {
	return new Date(ms).toISOString();
}

/** @param {number} ms deleted_at is a date only (brief §5.1) */
function dateOnly(ms) {
	return new Date(ms).toISOString().slice(0, 10);
}

/** @param {string} s */
function isUuid(s) {
	return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}

/** Stable order for every collection: created_at, then id. @param {string} aT @param {string} aId @param {string} bT @param {string} bId */
function byCreated(aT, aId, bT, bId) {
	return aT < bT ? -1 : aT > bT ? 1 : aId < bId ? -1 : aId > bId ? 1 : 0;
}

class Store {
	/** @param {import('./tokens').Clock} clock */
	constructor(clock) {
		this.clock = clock;
		/** @type {Map<string, ContactRec>} */
		this.contacts = new Map();
		/** lower-cased e-mail → contact_id, deleted contacts included (brief §5.3). @type {Map<string, string>} */
		this.emailIndex = new Map();
		/** @type {Map<string, ListRec>} */
		this.lists = new Map();
		/** @type {Map<string, TagRec>} */
		this.tags = new Map();
		/** @type {Map<string, CustomFieldRec>} */
		this.customFields = new Map();
		/** @type {Map<string, ActivityRec>} */
		this.activities = new Map();
		/** @type {Map<number, SegmentRec>} */
		this.segments = new Map();
		/** GETs answered per segment (for the 202 "processing" answers). @type {Map<number, number>} */
		this.segmentPolls = new Map();
		this.nextSegmentId = 1;
		/** Next V2 sequence IDs handed to seeded contacts and lists (brief §12). */
		this.nextContactSeq = 1001;
		this.nextListSeq = 1;
		/** @type {Set<string>} */
		this.contactSeqs = new Set();
		/** @type {Set<string>} */
		this.listSeqs = new Set();
		/** Account, campaigns, tracking (emailStore.js). */
		this.email = new EmailStore(this);
	}

	/** Forget all data. */
	reset() {
		for (const m of [this.contacts, this.emailIndex, this.lists, this.tags, this.customFields, this.activities, this.segments, this.segmentPolls]) {
			m.clear();
		}
		this.nextSegmentId = 1;
		this.nextContactSeq = 1001;
		this.nextListSeq = 1;
		this.contactSeqs.clear();
		this.listSeqs.clear();
		this.email.reset();
	}

	/**
	 * Set a contact's timestamps explicitly (admin.touchContact), e.g. to give two contacts the
	 * same updated_at. Keys: created_at, updated_at, opt_out_date (e-mail), deleted_at (date only;
	 * a date-time is cut to its date; null revives). Values are ISO-8601 strings.
	 * @param {string} id
	 * @param {{ created_at?: string, updated_at?: string, opt_out_date?: string, deleted_at?: string | null }} t
	 */
	touchContact(id, t = {}) {
		const c = this.getContact(id) ?? this.contactByEmail(id);
		if (!c) throw new Error(`touchContact: unknown contact "${id}"`);
		/** @param {string} k @param {any} v */
		const ts = (k, v) => {
			const ms = typeof v === 'string' ? Date.parse(v) : NaN;
			if (Number.isNaN(ms)) throw new Error(`touchContact: ${k} "${v}" is not an ISO-8601 date-time`);
			return iso(ms);
		};
		for (const k of Object.keys(t)) {
			if (!['created_at', 'updated_at', 'opt_out_date', 'deleted_at'].includes(k)) throw new Error(`touchContact: unknown key "${k}"`);
		}
		if (t.created_at !== undefined) c.created_at = ts('created_at', t.created_at);
		if (t.updated_at !== undefined) c.updated_at = ts('updated_at', t.updated_at);
		if (t.opt_out_date !== undefined) {
			if (!c.email_address || c.email_address.permission_to_send !== 'unsubscribed') throw new Error('touchContact: opt_out_date needs an unsubscribed contact');
			c.email_address.opt_out_date = ts('opt_out_date', t.opt_out_date);
		}
		if (t.deleted_at === null) delete c.deleted_at;
		else if (t.deleted_at !== undefined) c.deleted_at = ts('deleted_at', t.deleted_at).slice(0, 10);
		return this.renderContact(c, []);
	}

	/** ISO timestamp, strictly increasing. */
	stampIso() {
		return iso(this.clock.stamp());
	}

	// ------------------------------------------------------------------ contacts

	/** @param {string} email */
	contactByEmail(email) {
		const id = this.emailIndex.get(email.toLowerCase());
		return id ? this.contacts.get(id) : undefined;
	}

	/** @param {string} id */
	getContact(id) {
		return isUuid(id) ? this.contacts.get(id.toLowerCase()) : undefined;
	}

	/**
	 * Insert a contact without any validation (handlers and seeds validate first).
	 * @param {Partial<ContactRec> & { email?: string, permission_to_send?: string }} input
	 * @param {{ source?: string, at?: string }} [opts]
	 * @returns {ContactRec}
	 */
	insertContact(input, opts = {}) {
		const now = opts.at || this.stampIso();
		const source = input.create_source || opts.source || 'Account';
		/** @type {ContactRec} */
		const c = {
			contact_id: crypto.randomUUID(),
			email_address: null,
			create_source: source,
			update_source: input.update_source || source,
			created_at: input.created_at || now,
			updated_at: input.updated_at || input.created_at || now,
			custom_fields: [],
			phone_numbers: [],
			street_addresses: [],
			list_memberships: [],
			taggings: [],
			notes: [],
		};
		for (const f of CONTACT_SCALAR_FIELDS) if (input[f] !== undefined && input[f] !== null) /** @type {any} */ (c)[f] = input[f];
		const address = input.email ?? input.email_address?.address;
		if (address) {
			c.email_address = this.newEmail(address, input.permission_to_send ?? input.email_address?.permission_to_send ?? 'implicit', source, c.created_at);
			this.emailIndex.set(address.toLowerCase(), c.contact_id);
		}
		for (const k of SUB_RESOURCES) {
			if (Array.isArray(input[k])) /** @type {any} */ (c)[k] = this.normalizeSub(k, /** @type {any[]} */ (input[k]), source, c.created_at);
		}
		if (input.deleted_at) c.deleted_at = input.deleted_at;
		this.contacts.set(c.contact_id, c);
		return c;
	}

	/**
	 * A new EmailAddress. Without a permission the API uses `implicit` and `opt_in_source` is the
	 * create_source (brief §5.3, spec def EmailAddress). Confirmed Opt-In is off in the fake:
	 * confirm_status "off".
	 * @param {string} address
	 * @param {string} permission
	 * @param {string} source
	 * @param {string} at
	 * @returns {EmailRec}
	 */
	newEmail(address, permission, source, at) {
		const e = /** @type {EmailRec} */ ({ address, permission_to_send: permission, created_at: at, updated_at: at });
		if (permission !== 'not_set') {
			e.opt_in_source = source;
			e.opt_in_date = at;
		}
		if (permission === 'unsubscribed') {
			e.opt_out_source = source;
			e.opt_out_date = at;
		}
		e.confirm_status = 'off';
		return e;
	}

	/**
	 * Assign IDs/timestamps to sub-resource entries as the API does.
	 * @param {string} kind
	 * @param {any[]} items
	 * @param {string} source
	 * @param {string} at
	 */
	normalizeSub(kind, items, source, at) {
		switch (kind) {
			case 'list_memberships':
			case 'taggings':
				return [...new Set(items.map((x) => String(x).toLowerCase()))];
			case 'custom_fields':
				return items.map((cf) => ({ ...cf, custom_field_id: String(cf.custom_field_id).toLowerCase() }));
			case 'phone_numbers':
				return items.map((p) => ({
					phone_number_id: crypto.randomUUID(),
					phone_number: p.phone_number,
					kind: p.kind || 'other',
					created_at: at,
					updated_at: at,
					create_source: source,
					update_source: source,
				}));
			case 'street_addresses':
				return items.map((a) => ({
					street_address_id: crypto.randomUUID(),
					...pick(a, ['kind', 'street', 'city', 'state', 'postal_code', 'country']),
					created_at: at,
					updated_at: at,
				}));
			case 'notes':
				return items.map((n) => ({ note_id: n.note_id || crypto.randomUUID(), created_at: n.created_at || at, content: n.content ?? '' }));
			default:
				return items;
		}
	}

	/** @param {ContactRec} c @param {string | null} address */
	setEmailIndex(c, address) {
		if (c.email_address) this.emailIndex.delete(c.email_address.address.toLowerCase());
		if (address) this.emailIndex.set(address.toLowerCase(), c.contact_id);
	}

	/**
	 * Render a contact as ContactResource with only the requested sub-resources.
	 * @param {ContactRec} c
	 * @param {Iterable<string>} [include]
	 */
	renderContact(c, include = []) {
		/** @type {Record<string, any>} */
		const out = { contact_id: c.contact_id };
		if (c.email_address) out.email_address = { ...c.email_address };
		for (const f of CONTACT_SCALAR_FIELDS) if (c[f] !== undefined) out[f] = c[f];
		out.create_source = c.create_source;
		out.update_source = c.update_source;
		out.created_at = c.created_at;
		out.updated_at = c.updated_at;
		if (c.deleted_at) out.deleted_at = c.deleted_at;
		const inc = new Set(include);
		for (const k of SUB_RESOURCES) if (inc.has(k)) out[k] = JSON.parse(JSON.stringify(c[k]));
		return out;
	}

	/** Not deleted and mailable. @param {ContactRec} c */
	isActive(c) {
		const p = c.email_address?.permission_to_send;
		return !c.deleted_at && (p === 'explicit' || p === 'implicit');
	}

	/**
	 * GET /contacts `status` filter (brief §5.2): default excludes deleted; `all` includes them.
	 * `active` = not deleted and permission explicit/implicit (the fake's reading).
	 * @param {ContactRec} c
	 * @param {string[] | null} statuses
	 */
	matchesStatus(c, statuses) {
		if (!statuses) return !c.deleted_at;
		if (statuses.includes('all')) return true;
		if (c.deleted_at) return statuses.includes('deleted');
		const p = c.email_address?.permission_to_send ?? 'not_set';
		return statuses.some((s) => (s === 'active' ? this.isActive(c) : s === p));
	}

	/**
	 * All contacts in stable order: created_at, then insertion order (Array#sort is stable and the
	 * Map keeps insertion order) — so the rows of one JSON import, which share one timestamp, keep
	 * their row order.
	 */
	sortedContacts() {
		return [...this.contacts.values()].sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
	}

	// ------------------------------------------------------------------ lists / tags / custom fields

	/** @param {{ name: string, description?: string, favorite?: boolean }} p */
	insertList(p) {
		const now = this.stampIso();
		/** @type {ListRec} */
		const l = { list_id: crypto.randomUUID(), name: p.name, favorite: p.favorite ?? false, created_at: now, updated_at: now };
		if (p.description !== undefined) l.description = p.description;
		this.lists.set(l.list_id, l);
		return l;
	}

	/** @param {string} name */
	listByName(name) {
		for (const l of this.lists.values()) if (!l.deleted_at && l.name.toLowerCase() === name.toLowerCase()) return l;
		return undefined;
	}

	/**
	 * @param {ListRec} l
	 * @param {'all' | 'active' | undefined} membershipCount
	 */
	renderList(l, membershipCount) {
		/** @type {Record<string, any>} */
		const out = { list_id: l.list_id, name: l.name, favorite: l.favorite };
		if (l.description !== undefined) out.description = l.description;
		out.created_at = l.created_at;
		out.updated_at = l.updated_at;
		if (l.deleted_at) out.deleted_at = l.deleted_at;
		if (membershipCount) {
			let n = 0;
			for (const c of this.contacts.values()) {
				if (c.deleted_at || !c.list_memberships.includes(l.list_id)) continue;
				if (membershipCount === 'all' || this.isActive(c)) n++;
			}
			out.membership_count = n;
		}
		return out;
	}

	/** @param {{ name: string, tag_source?: string }} p */
	insertTag(p) {
		const now = this.stampIso();
		/** @type {TagRec} */
		const t = { tag_id: crypto.randomUUID(), name: p.name, tag_source: p.tag_source || 'Contact', created_at: now, updated_at: now };
		this.tags.set(t.tag_id, t);
		return t;
	}

	/** @param {string} name */
	tagByName(name) {
		for (const t of this.tags.values()) if (t.name.toLowerCase() === name.toLowerCase()) return t;
		return undefined;
	}

	/** @param {TagRec} t @param {boolean} [withCount] */
	renderTag(t, withCount) {
		/** @type {Record<string, any>} */
		const out = { tag_id: t.tag_id, name: t.name, tag_source: t.tag_source, created_at: t.created_at, updated_at: t.updated_at };
		if (withCount) {
			let n = 0;
			for (const c of this.contacts.values()) if (!c.deleted_at && c.taggings.includes(t.tag_id)) n++;
			out.contacts_count = n;
		}
		return out;
	}

	/**
	 * `name` is derived from the label (spaces → underscores), brief §7.3.
	 * @param {{ label: string, type: string, metadata?: any, choices?: any[], version?: number }} p
	 */
	insertCustomField(p) {
		const now = this.stampIso();
		const id = crypto.randomUUID();
		/** @type {CustomFieldRec} */
		const f = {
			custom_field_id: id,
			label: p.label,
			name: p.label.trim().replace(/\s+/g, '_'),
			type: p.type,
			version: p.version ?? 2,
			created_at: now,
			updated_at: now,
		};
		if (p.metadata) f.metadata = p.metadata;
		if (p.choices) f.choices = p.choices.map((ch, i) => ({ custom_field_id: id, choice_id: i + 1, choice_label: ch.choice_label, display_order: ch.display_order ?? i + 1, created_at: now, updated_at: now }));
		this.customFields.set(id, f);
		return f;
	}

	/** @param {string} label */
	customFieldByLabel(label) {
		for (const f of this.customFields.values()) if (f.label.toLowerCase() === label.toLowerCase()) return f;
		return undefined;
	}

	/** @param {CustomFieldRec} f */
	renderCustomField(f) {
		return JSON.parse(JSON.stringify(f));
	}

	// ------------------------------------------------------------------ activities

	/**
	 * @param {string} kind
	 * @param {{ contactIds?: string[], listIds?: string[], tagIds?: string[], customFieldIds?: string[], importRows?: any[], bulk?: boolean }} plan
	 *   `bulk`: created by a POST /activities/* endpoint (list_delete then reports `status.list_count`).
	 */
	insertActivity(kind, plan) {
		const now = this.stampIso();
		const contactIds = plan.contactIds ?? [];
		const listIds = plan.listIds ?? [];
		const tagIds = plan.tagIds ?? [];
		const customFieldIds = plan.customFieldIds ?? [];
		/** @type {Record<string, number>} */
		const totals = {
			list_delete: listIds.length,
			tag_delete: tagIds.length,
			contacts_tags_delete: tagIds.length,
			custom_fields_delete: customFieldIds.length,
			contacts_json_import: (plan.importRows ?? []).length,
		};
		/** @type {ActivityRec} */
		const a = {
			activity_id: crypto.randomUUID(),
			kind,
			state: 'processing',
			created_at: now,
			updated_at: now,
			started_at: now,
			percent_done: 0,
			activity_errors: [],
			polls: 0,
			contactIds,
			listIds,
			tagIds,
			customFieldIds,
			itemsTotal: totals[kind] ?? contactIds.length,
			itemsCompleted: 0,
			bulk: plan.bulk ?? false,
		};
		if (kind === 'contacts_json_import') {
			a.importRows = plan.importRows ?? [];
			a.importStatus = {
				items_total_count: a.importRows.length,
				items_completed_count: 0,
				person_count: a.importRows.length,
				error_count: 0,
				correctable_count: 0,
				cannot_add_to_list_count: 0,
				list_count: listIds.length,
			};
		}
		this.activities.set(a.activity_id, a);
		return a;
	}

	/**
	 * Apply an activity's effect and mark it completed. Unknown IDs become `activity_errors`
	 * entries, not failures (brief §6.2: a completed activity can contain row errors).
	 * @param {ActivityRec} a
	 */
	completeActivity(a) {
		if (a.state !== 'processing') return;
		const now = this.stampIso();
		/** @type {string[]} */
		const errors = [];
		let done = 0;
		/** @param {string} id */
		const contactFor = (id) => {
			const c = this.getContact(id);
			if (!c || (c.deleted_at && a.kind !== 'contact_delete')) {
				errors.push(`Contact ${id} was not found.`);
				return undefined;
			}
			return c;
		};
		switch (a.kind) {
			case 'add_list_memberships':
				for (const id of a.contactIds) {
					const c = contactFor(id);
					if (!c) continue;
					const merged = [...new Set([...c.list_memberships, ...a.listIds])];
					if (merged.length > MAX_LISTS_PER_CONTACT) {
						errors.push(`Contact ${c.contact_id} cannot be a member of more than ${MAX_LISTS_PER_CONTACT} lists.`);
						continue;
					}
					if (merged.length !== c.list_memberships.length) {
						c.list_memberships = merged;
						c.updated_at = now;
					}
					done++;
				}
				break;
			case 'remove_list_memberships':
				for (const id of a.contactIds) {
					const c = contactFor(id);
					if (!c) continue;
					const kept = c.list_memberships.filter((l) => !a.listIds.includes(l));
					if (kept.length !== c.list_memberships.length) {
						c.list_memberships = kept;
						c.updated_at = now;
					}
					done++;
				}
				break;
			case 'contacts_taggings_add':
				for (const id of a.contactIds) {
					const c = contactFor(id);
					if (!c) continue;
					const merged = [...new Set([...c.taggings, ...a.tagIds])];
					if (merged.length > MAX_TAGS_PER_CONTACT) {
						errors.push(`Contact ${c.contact_id} cannot have more than ${MAX_TAGS_PER_CONTACT} tags.`);
						continue;
					}
					if (merged.length !== c.taggings.length) {
						c.taggings = merged;
						c.updated_at = now;
					}
					done++;
				}
				break;
			case 'contacts_taggings_remove':
				for (const id of a.contactIds) {
					const c = contactFor(id);
					if (!c) continue;
					const kept = c.taggings.filter((t) => !a.tagIds.includes(t));
					if (kept.length !== c.taggings.length) {
						c.taggings = kept;
						c.updated_at = now;
					}
					done++;
				}
				break;
			case 'contact_delete':
				for (const id of a.contactIds) {
					const c = contactFor(id);
					if (!c) continue;
					if (!c.deleted_at) {
						c.deleted_at = dateOnly(Date.parse(now));
						c.updated_at = now;
					}
					done++;
				}
				break;
			case 'list_delete': {
				/** @type {Set<string>} */
				const gone = new Set();
				for (const listId of a.listIds) {
					const l = this.lists.get(listId);
					if (!l || l.deleted_at) {
						errors.push(`List ${listId} was not found.`);
						continue;
					}
					gone.add(listId);
					l.deleted_at = now;
					l.updated_at = now;
					done++;
				}
				if (gone.size) {
					for (const c of this.contacts.values()) {
						if (c.list_memberships.some((x) => gone.has(x))) c.list_memberships = c.list_memberships.filter((x) => !gone.has(x));
					}
				}
				break;
			}
			case 'tag_delete':
			case 'contacts_tags_delete': {
				/** @type {Set<string>} */
				const gone = new Set();
				for (const tagId of a.tagIds) {
					if (!this.tags.has(tagId)) {
						errors.push(`Tag ${tagId} was not found.`);
						continue;
					}
					gone.add(tagId);
					this.tags.delete(tagId);
					done++;
				}
				if (gone.size) {
					for (const c of this.contacts.values()) {
						if (c.taggings.some((x) => gone.has(x))) c.taggings = c.taggings.filter((x) => !gone.has(x));
					}
				}
				break;
			}
			case 'custom_fields_delete': {
				/** @type {Set<string>} */
				const gone = new Set();
				for (const id of a.customFieldIds) {
					if (!this.customFields.has(id)) {
						errors.push(`Custom field ${id} was not found.`);
						continue;
					}
					gone.add(id);
					this.customFields.delete(id);
					done++;
				}
				if (gone.size) {
					for (const c of this.contacts.values()) {
						if (c.custom_fields.some((x) => gone.has(x.custom_field_id))) c.custom_fields = c.custom_fields.filter((x) => !gone.has(x.custom_field_id));
					}
				}
				break;
			}
			case 'contacts_json_import':
				done = this.applyImport(a, now, errors);
				break;
			default:
				break;
		}
		a.itemsCompleted = done;
		// DELETE /contact_tags/{id} activities report errors as objects {message} (spec def
		// ActivityGeneric/ActivityErrors); every other activity as strings.
		a.activity_errors = a.kind === 'tag_delete' ? errors.map((message) => ({ message })) : errors;
		a.state = 'completed';
		a.percent_done = 100;
		a.completed_at = now;
		a.updated_at = now;
	}

	/**
	 * Apply a JSON import (brief §6.1, §6.2, §14.16, §14.18; spec POST /activities/contacts_json_import,
	 * def JsonImportContact). Rows are matched on e-mail (case-insensitive, deleted contacts
	 * included — those are revived). New contacts: permission implicit, opt_in_source Account,
	 * create_source Account. Existing contacts: only supplied (non-empty) fields change, the
	 * permission never does. Unsubscribed contacts are updated but not added to the lists
	 * (`cannot_add_to_list_count`). A bad row is skipped as a whole and reported in
	 * `activity_errors` ("Row n (email): message"); the spec's correctable errors (invalid e-mail,
	 * birthday/anniversary format, no e-mail) count in `correctable_count`, all others in `error_count`.
	 * All changes carry one timestamp (a bulk insert, and the clock is not pushed into the future).
	 * @param {ActivityRec} a
	 * @param {string} now
	 * @param {string[]} errors
	 * @returns {number} rows imported (created or updated)
	 */
	applyImport(a, now, errors) {
		const st = /** @type {ImportStatus} */ (a.importStatus);
		const rows = a.importRows ?? [];
		/** @type {Map<string, string>} custom field name (lower-case) → id */
		const cfByName = new Map();
		for (const f of this.customFields.values()) cfByName.set(f.name.toLowerCase(), f.custom_field_id);
		const listIds = a.listIds;
		let done = 0;
		for (let i = 0; i < rows.length; i++) {
			const row = rows[i];
			const parsed = parseImportRow(row, cfByName);
			const label = () => `Row ${i + 1} (${typeof row?.email === 'string' && row.email ? row.email : 'no e-mail'})`;
			if ('error' in parsed) {
				errors.push(`${label()}: ${parsed.error}`);
				if (parsed.correctable) st.correctable_count++;
				else st.error_count++;
				continue;
			}
			const existing = this.contactByEmail(parsed.email);
			if (!existing) {
				this.insertContact(
					{
						email: parsed.email,
						permission_to_send: 'implicit',
						create_source: 'Account',
						...parsed.scalars,
						phone_numbers: parsed.phones,
						street_addresses: parsed.addresses,
						custom_fields: parsed.customFields,
						list_memberships: listIds,
					},
					{ at: now },
				);
				done++;
				continue;
			}
			const c = existing;
			const unsubscribed = c.email_address?.permission_to_send === 'unsubscribed';
			/** @type {string[] | null} */
			let merged = null;
			if (!unsubscribed) {
				merged = c.list_memberships.slice();
				for (const l of listIds) if (!merged.includes(l)) merged.push(l);
				if (merged.length > MAX_LISTS_PER_CONTACT) {
					errors.push(`${label()}: the contact cannot be a member of more than ${MAX_LISTS_PER_CONTACT} lists.`);
					st.error_count++;
					continue;
				}
			}
			Object.assign(c, parsed.scalars);
			for (const p of parsed.phones) {
				const j = c.phone_numbers.findIndex((x) => x.kind === p.kind);
				if (j >= 0) {
					c.phone_numbers[j].phone_number = p.phone_number;
					c.phone_numbers[j].updated_at = now;
					c.phone_numbers[j].update_source = 'Account';
				} else {
					const [np] = this.normalizeSub('phone_numbers', [p], 'Account', now);
					if (c.phone_numbers.length >= 3) c.phone_numbers[c.phone_numbers.length - 1] = np;
					else c.phone_numbers.push(np);
				}
			}
			for (const ad of parsed.addresses) {
				const j = c.street_addresses.findIndex((x) => x.kind === ad.kind);
				if (j >= 0) Object.assign(c.street_addresses[j], ad, { updated_at: now });
				else {
					const [na] = this.normalizeSub('street_addresses', [ad], 'Account', now);
					if (c.street_addresses.length >= 3) c.street_addresses[c.street_addresses.length - 1] = na;
					else c.street_addresses.push(na);
				}
			}
			for (const cf of parsed.customFields) {
				const cur = c.custom_fields.find((x) => x.custom_field_id === cf.custom_field_id);
				if (cur) cur.value = cf.value;
				else c.custom_fields.push(cf);
			}
			if (merged) c.list_memberships = merged;
			else st.cannot_add_to_list_count++;
			c.update_source = 'Account';
			c.updated_at = now;
			delete c.deleted_at;
			done++;
		}
		st.items_completed_count = done;
		a.importRows = undefined; // processed; free the memory
		return done;
	}

	/**
	 * One GET /activities/{id}: processing on the first `completeAfterPolls` GETs, then completed.
	 * @param {ActivityRec} a
	 * @param {number} completeAfterPolls
	 */
	pollActivity(a, completeAfterPolls) {
		if (a.state !== 'processing') return;
		if (a.polls >= completeAfterPolls) {
			this.completeActivity(a);
			return;
		}
		a.polls++;
		a.percent_done = Math.floor((a.polls / (completeAfterPolls + 1)) * 100);
		a.updated_at = this.stampIso();
	}

	/**
	 * Render in the shape of the operation that created it (spec defs ActivityListsMembership,
	 * ActivityTagging, ActivityDeleteStatus, ActivityDeleteListResponse, ActivityDeleteListsResponse,
	 * ActivityDeleteCustomFields, ActivityImport, ActivityGeneric).
	 * @param {ActivityRec} a
	 */
	renderActivity(a) {
		/** @type {Record<string, any>} */
		const out = { activity_id: a.activity_id, state: a.state, started_at: a.started_at };
		if (a.completed_at) out.completed_at = a.completed_at;
		out.created_at = a.created_at;
		out.updated_at = a.updated_at;
		out.percent_done = a.percent_done;
		out.activity_errors = JSON.parse(JSON.stringify(a.activity_errors));
		if (a.kind === 'contacts_json_import') {
			out.status = { ...a.importStatus };
		} else {
			/** @type {Record<string, number>} */
			const status = { items_total_count: a.itemsTotal, items_completed_count: a.itemsCompleted };
			if (a.kind === 'add_list_memberships' || a.kind === 'remove_list_memberships') status.list_count = a.listIds.length;
			if (a.kind === 'contact_delete' && a.listIds.length) status.list_count = a.listIds.length;
			if (a.kind === 'list_delete' && a.bulk) status.list_count = a.listIds.length;
			// DELETE /contact_lists/{id} (ActivityDeleteListResponse) has no status object.
			if (a.kind !== 'list_delete' || a.bulk) out.status = status;
		}
		out._links = { self: { href: `/v3/activities/${a.activity_id}` } };
		return out;
	}

	// ------------------------------------------------------------------ segments

	/**
	 * Brief §7.4: integer IDs, unique names, criteria a JSON string. `contact_ids` given → a fixed
	 * member set (seeding); otherwise members follow the criteria (see segmentMatcher).
	 * @param {{ name: string, segment_criteria?: string, contact_ids?: string[] }} p
	 */
	insertSegment(p) {
		const now = this.stampIso();
		/** @type {SegmentRec} */
		const s = {
			segment_id: this.nextSegmentId++,
			name: p.name,
			segment_criteria: p.segment_criteria ?? EMPTY_SEGMENT_CRITERIA,
			contact_ids: p.contact_ids ? new Set(p.contact_ids.map((x) => String(x).toLowerCase())) : null,
			created_at: now,
			edited_at: now,
		};
		this.segments.set(s.segment_id, s);
		return s;
	}

	/** Live segment with this name (case-insensitive); deleted segments free their name. @param {string} name */
	segmentByName(name) {
		const n = name.toLowerCase();
		for (const s of this.segments.values()) if (!s.deleted_at && s.name.toLowerCase() === n) return s;
		return undefined;
	}

	/**
	 * Membership test for a segment. Fixed member sets are used as they are. Criteria are read in a
	 * deliberately simple way (CC documents the criteria language only by example):
	 * `{criteria: {type: 'and'|'or', group: [...]}}`, nested groups allowed; a leaf with
	 * `source: 'list_membership'` matches contacts on any list whose ID appears in its
	 * `const_value` / `param` / `value` / `values` / `list_ids` (string, CSV or array), `source: 'tags'`
	 * likewise for tag IDs; an `op` containing "not" or "none" negates the leaf. Every other leaf
	 * (tracking, contact details) and an empty group match nobody — the fake has no tracking data.
	 * @param {SegmentRec} s
	 * @returns {(c: ContactRec) => boolean}
	 */
	segmentMatcher(s) {
		if (s.contact_ids) {
			const ids = s.contact_ids;
			return (c) => ids.has(c.contact_id);
		}
		let doc;
		try {
			doc = JSON.parse(s.segment_criteria);
		} catch {
			return () => false;
		}
		const root = doc && typeof doc === 'object' && doc.criteria ? doc.criteria : doc;
		return (c) => evalCriteria(root, c);
	}

	/** Non-deleted members in stable order. @param {SegmentRec} s */
	segmentContacts(s) {
		const m = this.segmentMatcher(s);
		return this.sortedContacts().filter((c) => !c.deleted_at && m(c));
	}

	/** Spec def SegmentDetail. @param {SegmentRec} s */
	renderSegmentDetail(s) {
		return { name: s.name, segment_criteria: s.segment_criteria, segment_id: s.segment_id, created_at: s.created_at, edited_at: s.edited_at };
	}

	/** Spec def SegmentMaster (GET /segments items). @param {SegmentRec} s */
	renderSegmentMaster(s) {
		return { name: s.name, segment_id: s.segment_id, created_at: s.created_at, edited_at: s.edited_at };
	}

	/** Admin view: detail + current members + deleted_at. @param {SegmentRec} s */
	renderSegment(s) {
		/** @type {Record<string, any>} */
		const out = { ...this.renderSegmentDetail(s), contact_ids: this.segmentContacts(s).map((c) => c.contact_id) };
		if (s.deleted_at) out.deleted_at = s.deleted_at;
		return out;
	}

	// ------------------------------------------------------------------ seeding

	/**
	 * Seed data directly (no validation beyond name lookups).
	 * contacts: { email, first_name, last_name, job_title, company_name, permission_to_send,
	 *   list_names?, tag_names?, list_ids?, tag_ids?, custom_fields?: {label: value} | [{custom_field_id, value}],
	 *   phone_numbers?, street_addresses?, notes?, create_source?, created_at?, updated_at?, deleted?: boolean }
	 * segments: { name, segment_criteria?, contact_emails? | emails?: string[], contact_ids?: string[] } —
	 *   with contact_emails/emails/contact_ids a fixed member set, otherwise members follow the
	 *   criteria (segmentMatcher); an existing live segment of that name is reused
	 *   campaigns: see EmailStore#seedCampaign. Seeded contacts and lists get a V2 `sequence_id` (given
 *   or the next free number: contacts from 1001, lists from 1), campaigns a `v2_email_campaign_id`.
 * @param {{ lists?: any[], tags?: any[], customFields?: any[], contacts?: any[], segments?: any[], campaigns?: import('./emailStore').CampaignSeed[] }} spec
	 */
	seed(spec = {}) {
		const lists = (spec.lists || []).map((l) => {
			const existing = this.listByName(l.name);
			if (existing) return existing;
			const seq = this.takeSeq('list', l.sequence_id);
			const created = this.insertList(l);
			created.sequence_id = seq;
			return created;
		});
		const tags = (spec.tags || []).map((t) => this.tagByName(t.name) || this.insertTag(t));
		const customFields = (spec.customFields || []).map((f) => this.customFieldByLabel(f.label) || this.insertCustomField(f));
		const contacts = (spec.contacts || []).map((raw) => {
			/** @param {string} n */
			const listId = (n) => {
				const l = this.listByName(n);
				if (!l) throw new Error(`seed: unknown list name "${n}"`);
				return l.list_id;
			};
			/** @param {string} n */
			const tagId = (n) => {
				const t = this.tagByName(n);
				if (!t) throw new Error(`seed: unknown tag name "${n}"`);
				return t.tag_id;
			};
			let customFieldsIn = raw.custom_fields;
			if (customFieldsIn && !Array.isArray(customFieldsIn)) {
				customFieldsIn = Object.entries(customFieldsIn).map(([label, value]) => {
					const f = this.customFieldByLabel(label);
					if (!f) throw new Error(`seed: unknown custom field label "${label}"`);
					return { custom_field_id: f.custom_field_id, value: String(value) };
				});
			}
			const input = {
				...raw,
				email: raw.email ?? raw.email_address?.address ?? raw.email_address,
				list_memberships: [...(raw.list_ids || []), ...(raw.list_names || []).map(listId)],
				taggings: [...(raw.tag_ids || []), ...(raw.tag_names || []).map(tagId)],
				custom_fields: customFieldsIn,
			};
			if (typeof input.email !== 'string') delete input.email;
			delete input.email_address;
			delete input.sequence_id;
			const seq = this.takeSeq('contact', raw.sequence_id);
			const c = this.insertContact(input);
			c.sequence_id = seq;
			if (raw.deleted || raw.deleted_at) {
				c.deleted_at = raw.deleted_at || dateOnly(Date.parse(c.updated_at));
			}
			return c;
		});
		const segments = (spec.segments || []).map((s) => {
			const existing = this.segmentByName(s.name);
			if (existing) return existing;
			const fixed = s.contact_ids || s.contact_emails || s.emails;
			/** @type {string[] | undefined} */
			let ids;
			if (fixed) {
				ids = [...(s.contact_ids || [])];
				for (const e of [...(s.contact_emails || []), ...(s.emails || [])]) {
					const c = this.contactByEmail(e);
					if (!c) throw new Error(`seed: unknown segment e-mail "${e}"`);
					ids.push(c.contact_id);
				}
			}
			return this.insertSegment({ name: s.name, segment_criteria: s.segment_criteria, contact_ids: ids });
		});
		const campaigns = (spec.campaigns || []).map((c) => this.email.seedCampaign(c));
		return {
			lists: lists.map((l) => this.renderList(l, 'all')),
			tags: tags.map((t) => this.renderTag(t, true)),
			customFields: customFields.map((f) => this.renderCustomField(f)),
			contacts: contacts.map((c) => this.renderContact(c, SUB_RESOURCES)),
			segments: segments.map((s) => this.renderSegment(s)),
			campaigns: campaigns.map((c) => /** @type {Record<string, any>} */ ({ ...this.email.renderCampaign(c, true), v2_email_campaign_id: c.v2_email_campaign_id })),
		};
	}

	/**
	 * A V2 sequence ID for a seeded contact or list: the given one (must be unused) or the next free
	 * number.
	 * @param {'contact' | 'list'} kind
	 * @param {string | number | undefined} given
	 */
	takeSeq(kind, given) {
		const taken = kind === 'contact' ? this.contactSeqs : this.listSeqs;
		let v;
		if (given !== undefined) {
			v = String(given);
			if (!/^\d+$/.test(v)) throw new Error(`seed: sequence_id "${v}" must be a number`);
			if (taken.has(v)) throw new Error(`seed: ${kind} sequence_id ${v} is taken`);
		} else {
			const key = kind === 'contact' ? 'nextContactSeq' : 'nextListSeq';
			while (taken.has(String(this[key]))) this[key]++;
			v = String(this[key]++);
		}
		taken.add(v);
		return v;
	}

	/**
	 * A small demo account: 3 lists, 3 tags, 2 custom fields, 5 contacts, 1 segment, the default
	 * account data (summary, physical address, sender addresses) and one Done campaign ("Welcome
	 * Newsletter", sent to Newsletter + Customers: ada, grace, alan) with tracking rows (ada opened,
	 * clicked and forwarded, grace opened on mobile; alan did not open).
	 */
	seedDemo() {
		this.email.seedDefaultAccount();
		const campaign = this.email.campaignByName('Welcome Newsletter')
			? []
			: [
					{
						name: 'Welcome Newsletter',
						subject: 'Welcome to Example Org',
						preheader: 'News from Example Org',
						html_content: '<html><body>[[trackingImage]]<h1>Welcome!</h1><p><a href="https://www.example.com/spring-sale">Spring sale</a></p></body></html>',
						list_names: ['Newsletter', 'Customers'],
						status: /** @type {const} */ ('Done'),
						tracking: [
							{ contact_email: 'ada@example.com', type: /** @type {const} */ ('open'), device_type: 'computer' },
							{ contact_email: 'grace@example.com', type: /** @type {const} */ ('open'), device_type: 'mobile' },
							{ contact_email: 'ada@example.com', type: /** @type {const} */ ('click'), url: 'https://www.example.com/spring-sale' },
							{ contact_email: 'ada@example.com', type: /** @type {const} */ ('forward') },
						],
					},
				];
		return this.seed({
			lists: [
				{ name: 'Newsletter', description: 'Monthly newsletter', favorite: true },
				{ name: 'Customers', description: 'Paying customers' },
				{ name: 'Events' },
			],
			tags: [{ name: 'VIP' }, { name: 'Lead' }, { name: 'Webinar 2024' }],
			customFields: [
				{ label: 'Favorite Color', type: 'string' },
				{ label: 'Member Since', type: 'date' },
			],
			contacts: [
				{ email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace', company_name: 'Analytical Engines', permission_to_send: 'explicit', list_names: ['Newsletter', 'Customers'], tag_names: ['VIP'], custom_fields: { 'Favorite Color': 'green' } },
				{ email: 'grace@example.com', first_name: 'Grace', last_name: 'Hopper', job_title: 'Rear Admiral', list_names: ['Newsletter'], tag_names: ['Lead'], phone_numbers: [{ phone_number: '+1 555 0100', kind: 'work' }] },
				{ email: 'alan@example.com', first_name: 'Alan', last_name: 'Turing', list_names: ['Customers', 'Events'], birthday_month: 6, birthday_day: 23 },
				{ email: 'katherine@example.com', first_name: 'Katherine', last_name: 'Johnson', permission_to_send: 'unsubscribed', list_names: ['Events'] },
				{ email: 'edsger@example.com', first_name: 'Edsger', last_name: 'Dijkstra', tag_names: ['Webinar 2024'], street_addresses: [{ kind: 'work', street: '1 Main St', city: 'Austin', state: 'TX', postal_code: '78701', country: 'US' }] },
			],
			segments: [{ name: 'Engaged readers', emails: ['ada@example.com', 'grace@example.com'] }],
			campaigns: campaign,
		});
	}

	/**
	 * Create n contacts fast (pagination tests). Created_at values are distinct, 1 ms apart, in the
	 * past, in index order; e-mails `${prefix}-00001@example.com`….
	 * @param {number} n
	 * @param {{ prefix?: string, listNames?: string[], permission_to_send?: string }} [opts]
	 * @returns {string[]} contact IDs in creation order
	 */
	bulkContacts(n, opts = {}) {
		const prefix = opts.prefix ?? `bulk${this.contacts.size}`;
		const listIds = (opts.listNames || []).map((name) => {
			const l = this.listByName(name) || this.insertList({ name });
			return l.list_id;
		});
		const base = this.clock.now() - n - 1;
		const width = Math.max(5, String(n).length);
		/** @type {string[]} */
		const ids = [];
		for (let i = 0; i < n; i++) {
			const at = iso(base + i);
			const c = this.insertContact(
				{
					email: `${prefix}-${String(i + 1).padStart(width, '0')}@example.com`,
					first_name: 'Bulk',
					last_name: `Contact ${i + 1}`,
					permission_to_send: opts.permission_to_send ?? 'implicit',
					list_memberships: listIds,
				},
				{ at },
			);
			c.sequence_id = this.takeSeq('contact', undefined);
			ids.push(c.contact_id);
		}
		return ids;
	}

	/** Plain-data snapshot of everything (admin state). */
	snapshot() {
		return {
			contacts: this.sortedContacts().map((c) => this.renderContact(c, SUB_RESOURCES)),
			lists: [...this.lists.values()].map((l) => this.renderList(l, 'all')),
			tags: [...this.tags.values()].map((t) => this.renderTag(t, true)),
			customFields: [...this.customFields.values()].map((f) => this.renderCustomField(f)),
			segments: [...this.segments.values()].map((s) => this.renderSegment(s)),
			activities: [...this.activities.values()].map((a) => ({ kind: a.kind, ...this.renderActivity(a) })),
			...this.email.snapshot(),
			// V2 IDs of seeded records (brief §12).
			xrefs: {
				contacts: [...this.contacts.values()].filter((c) => c.sequence_id).map((c) => ({ sequence_id: c.sequence_id, contact_id: c.contact_id })),
				lists: [...this.lists.values()].filter((l) => l.sequence_id).map((l) => ({ sequence_id: l.sequence_id, list_id: l.list_id })),
				campaigns: [...this.email.campaigns.values()].filter((c) => c.v2_email_campaign_id).map((c) => ({ v2_email_campaign_id: c.v2_email_campaign_id, campaign_id: c.campaign_id, campaign_activity_id: c.primaryId })),
			},
		};
	}
}

/** @param {Record<string, any>} o @param {string[]} keys */
function pick(o, keys) {
	/** @type {Record<string, any>} */
	const out = {};
	for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
	return out;
}

module.exports = {
	Store,
	CONTACT_SCALAR_FIELDS,
	SUB_RESOURCES,
	PERMISSIONS,
	CUSTOM_FIELD_TYPES,
	MAX_LISTS_PER_CONTACT,
	MAX_TAGS_PER_CONTACT,
	iso,
	dateOnly,
	isUuid,
	byCreated,
};
