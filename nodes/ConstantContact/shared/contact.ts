/**
 * Contact helpers shared by the contact operations: turning the node's fields into Constant
 * Contact's shapes (after checking them), finding a contact, and writing one back safely.
 */
import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { TypedCustomField } from './customFieldValues';
import { checkCustomFieldValue } from './customFieldValues';
import { ADDRESS_KIND_VALUES, PHONE_KIND_VALUES } from './descriptions';
import { lookupDeferred } from './lookups';
import { apiPath, constantContactApiRequest, constantContactRequestAllItems } from './transport';
import {
	LIMITS,
	UUID,
	checkAnniversary,
	checkBirthday,
	checkEmail,
	checkLength,
	checkOneOf,
	checkUuid,
	invalid,
} from './validation';

export const ALL_SUB_RESOURCES = 'custom_fields,list_memberships,phone_numbers,street_addresses,taggings';

/** Top-level properties a contact PUT may carry; everything else in a GET answer is read-only. */
const WRITABLE_TOP_LEVEL = [
	'first_name',
	'last_name',
	'job_title',
	'company_name',
	'birthday_month',
	'birthday_day',
	'anniversary',
] as const;

// --- Reading the node's fields ---------------------------------------------------------------

/** Names, job, company, birthday and anniversary, checked. Only what the user set is returned. */
export function readPersonFields(ctx: IExecuteFunctions, i: number, fields: IDataObject): IDataObject {
	const out: IDataObject = {};
	const texts: Array<[string, string, string]> = [
		['firstName', 'first_name', 'First Name'],
		['lastName', 'last_name', 'Last Name'],
		['jobTitle', 'job_title', 'Job Title'],
		['companyName', 'company_name', 'Company Name'],
	];
	for (const [param, key, label] of texts) {
		if (fields[param] !== undefined) out[key] = checkLength(ctx, i, label, fields[param], LIMITS.name).trim();
	}
	if (fields.birthdayMonth !== undefined || fields.birthdayDay !== undefined) {
		Object.assign(out, checkBirthday(ctx, i, fields.birthdayMonth, fields.birthdayDay));
	}
	if (fields.anniversary !== undefined) {
		const anniversary = checkAnniversary(ctx, i, fields.anniversary);
		if (anniversary) out.anniversary = anniversary;
	}
	return out;
}

interface PhoneInput {
	kind?: string;
	number?: string;
}

export function readPhoneNumbers(ctx: IExecuteFunctions, i: number, value: unknown): IDataObject[] {
	const entries = (((value ?? {}) as IDataObject).phone as PhoneInput[] | undefined) ?? [];
	if (entries.length > LIMITS.phoneNumbers) {
		throw invalid(ctx, i, 'Phone Numbers', `has ${entries.length} entries; Constant Contact keeps at most ${LIMITS.phoneNumbers}`);
	}
	const seen = new Set<string>();
	return entries.map((p) => {
		const kind = checkOneOf(ctx, i, 'Phone Numbers → Kind', p.kind, PHONE_KIND_VALUES);
		if (seen.has(kind)) throw invalid(ctx, i, 'Phone Numbers', `has two "${kind}" numbers; give at most one per kind`);
		seen.add(kind);
		const number = checkLength(ctx, i, 'Phone Numbers → Number', p.number, LIMITS.phoneNumber).trim();
		if (!number) throw invalid(ctx, i, 'Phone Numbers → Number', 'is empty');
		return { kind, phone_number: number };
	});
}

interface AddressInput {
	kind?: string;
	street?: string;
	city?: string;
	state?: string;
	postalCode?: string;
	country?: string;
}

export function readAddress(ctx: IExecuteFunctions, i: number, a: AddressInput, label: string): IDataObject {
	const kind = checkOneOf(ctx, i, `${label} → Kind`, a.kind, ADDRESS_KIND_VALUES);
	const address: IDataObject = { kind };
	const parts: Array<[keyof AddressInput, string, string, number]> = [
		['street', 'street', 'Street', LIMITS.street],
		['city', 'city', 'City', LIMITS.addressPart],
		['state', 'state', 'State', LIMITS.addressPart],
		['postalCode', 'postal_code', 'Postal Code', LIMITS.addressPart],
		['country', 'country', 'Country', LIMITS.addressPart],
	];
	for (const [param, key, partLabel, max] of parts) {
		const text = checkLength(ctx, i, `${label} → ${partLabel}`, a[param], max).trim();
		if (text) address[key] = text;
	}
	return address;
}

export function readStreetAddresses(ctx: IExecuteFunctions, i: number, value: unknown): IDataObject[] {
	const entries = (((value ?? {}) as IDataObject).address as AddressInput[] | undefined) ?? [];
	if (entries.length > LIMITS.streetAddresses) {
		throw invalid(ctx, i, 'Street Addresses', `has ${entries.length} entries; Constant Contact keeps at most ${LIMITS.streetAddresses}`);
	}
	const seen = new Set<string>();
	return entries.map((a) => {
		const address = readAddress(ctx, i, a, 'Street Addresses');
		if (seen.has(address.kind as string)) {
			throw invalid(ctx, i, 'Street Addresses', `has two "${String(address.kind)}" addresses; give at most one per kind`);
		}
		seen.add(address.kind as string);
		return address;
	});
}

// --- Custom fields: picked by name, sent by ID -----------------------------------------------

export interface CustomFieldDef extends TypedCustomField {
	custom_field_id: string;
	name?: string;
	label?: string;
}

/** One read of the account's custom fields per execution, when a write sets custom fields. */
const customFieldCache = new WeakMap<object, Promise<CustomFieldDef[]>>();

export async function accountCustomFields(ctx: IExecuteFunctions, i: number): Promise<CustomFieldDef[]> {
	let pending = customFieldCache.get(ctx);
	if (!pending) {
		pending = constantContactRequestAllItems
			.call(ctx, { path: '/contact_custom_fields', itemsKey: 'custom_fields', pageSize: 100, itemIndex: i })
			.then((r) => r as unknown as CustomFieldDef[]);
		customFieldCache.set(ctx, pending);
		pending.catch(() => customFieldCache.delete(ctx));
	}
	return await pending;
}

/**
 * The Custom Fields of a write: each picked (ID) or named, its value checked for its type. The
 * account's custom fields are read once per run (after every item passed its own checks) to
 * resolve names, refuse IDs that are not in the account and learn each field's type.
 */
export async function readCustomFields(
	ctx: IExecuteFunctions,
	i: number,
	value: unknown,
	max: number,
): Promise<Array<{ custom_field_id: string; value: string }>> {
	const entries = (((value ?? {}) as IDataObject).field as Array<{ id?: string; value?: unknown }> | undefined) ?? [];
	if (entries.length > max) {
		throw invalid(ctx, i, 'Custom Fields', `has ${entries.length} entries; Constant Contact accepts at most ${max}`);
	}
	const out: Array<{ custom_field_id: string; value: string }> = [];
	for (const entry of entries) {
		const key = String(entry.id ?? '').trim();
		if (!key) throw invalid(ctx, i, 'Custom Fields → Field Name or ID', 'is empty', 'Pick a custom field from the list.');
		let text = checkLength(ctx, i, `Custom Fields → ${key}`, entry.value ?? '', LIMITS.customFieldValue);
		let id = key;
		if (!lookupDeferred(ctx)) {
			const defs = await accountCustomFields(ctx, i);
			const wanted = key.toLowerCase();
			const picked = UUID.test(key);
			const match = picked
				? defs.find((d) => d.custom_field_id.toLowerCase() === wanted)
				: defs.find((d) => d.name?.toLowerCase() === wanted || d.label?.toLowerCase() === wanted);
			if (!match) {
				throw invalid(
					ctx,
					i,
					'Custom Fields → Field Name or ID',
					picked
						? `${key} is not a custom field of this Constant Contact account (deleted, or the credential now connects to another account)`
						: `"${key}" is not a custom field of this Constant Contact account`,
					`${picked ? 'Pick it again from the list. ' : ''}Known custom fields: ${defs.map((d) => d.label ?? d.name).join(', ') || 'none'}.`,
				);
			}
			id = match.custom_field_id;
			text = checkCustomFieldValue(ctx, i, `Custom Fields → ${match.label ?? match.name ?? key}`, match, text);
		}
		if (out.some((o) => o.custom_field_id === id)) {
			throw invalid(ctx, i, 'Custom Fields', `sets "${key}" twice`);
		}
		out.push({ custom_field_id: id, value: text });
	}
	return out;
}

// --- Finding contacts ------------------------------------------------------------------------

export async function findContactByEmail(
	ctx: IExecuteFunctions,
	i: number,
	email: string,
	include?: string,
): Promise<IDataObject | undefined> {
	const qs: IDataObject = { email, status: 'all', limit: 1 };
	if (include) qs.include = include;
	const page = await constantContactApiRequest.call(ctx, { method: 'GET', path: '/contacts', qs, itemIndex: i });
	return ((page.contacts as IDataObject[] | undefined) ?? [])[0];
}

/** A contact as the user picked it: by ID, or by e-mail address (to be looked up). */
export type ContactRef = { contactId: string; email?: undefined } | { email: string; contactId?: undefined };

/** Reads and checks the contact locator; sends nothing. */
export function readContactLocator(ctx: IExecuteFunctions, i: number): ContactRef {
	const locator = ctx.getNodeParameter('contact', i) as INodeParameterResourceLocator;
	if (locator.mode === 'email') return { email: checkEmail(ctx, i, 'Contact', locator.value) };
	return {
		contactId: checkUuid(ctx, i, 'Contact', locator.value, 'Give the contact by e-mail address instead (mode "By E-Mail"), or find its ID with Contact → Get Many.'),
	};
}

/**
 * Finds the contact of a reference. An e-mail is looked up (deleted contacts included) and the
 * contact found is returned too, with the sub-resources in `include`, so callers need no second
 * read.
 */
export async function locateContact(
	ctx: IExecuteFunctions,
	i: number,
	ref: ContactRef,
	include?: string,
): Promise<{ contactId: string; contact?: IDataObject }> {
	if (ref.email === undefined) return { contactId: ref.contactId };
	const contact = await findContactByEmail(ctx, i, ref.email, include);
	if (!contact) {
		throw new NodeOperationError(ctx.getNode(), `No contact with e-mail ${ref.email} exists`, {
			itemIndex: i,
			description: 'Check the address, or create the contact first (Create or Create or Update).',
		});
	}
	return { contactId: String(contact.contact_id), contact };
}

/** The contact as it is now: from the e-mail look-up, or read by ID. */
export async function currentContact(
	ctx: IExecuteFunctions,
	i: number,
	ref: ContactRef,
	include?: string,
): Promise<{ contactId: string; contact: IDataObject }> {
	const located = await locateContact(ctx, i, ref, include);
	return {
		contactId: located.contactId,
		contact: located.contact ?? (await getContact(ctx, i, located.contactId, include)),
	};
}

export async function getContact(
	ctx: IExecuteFunctions,
	i: number,
	contactId: string,
	include?: string,
): Promise<IDataObject> {
	return await constantContactApiRequest.call(ctx, {
		method: 'GET',
		path: apiPath`/contacts/${contactId}`,
		expect: { idKey: 'contact_id' },
		qs: include ? { include } : undefined,
		itemIndex: i,
		hints: { 404: `Contact ${contactId} does not exist in this Constant Contact account` },
	});
}

// --- Writing a contact back ------------------------------------------------------------------

/** A PUT revives a deleted contact (brief §5.4): never do that as a side effect. */
export function refuseDeleted(ctx: IExecuteFunctions, i: number, contact: IDataObject, action: string): void {
	if (!contact.deleted_at) return;
	throw new NodeOperationError(
		ctx.getNode(),
		`Contact ${String(contact.contact_id)} was deleted on ${String(contact.deleted_at)}`,
		{
			itemIndex: i,
			description: `${action} it would bring it back. To restore a deleted contact on purpose, use "Create or Update" with its e-mail address.`,
		},
	);
}

/** Values a client may set; others (pending_confirmation, temp_hold) belong to Constant Contact. */
const SETTABLE_PERMISSIONS = ['explicit', 'implicit', 'not_set', 'unsubscribed'];

/**
 * Constant Contact's PUT replaces every top-level property: whatever is left out becomes empty.
 * So the body starts as a copy of what the contact has now, and only then takes the changes.
 * Sub-resources that are left out stay as they are.
 */
export function putBodyFrom(existing: IDataObject): IDataObject {
	const body: IDataObject = { update_source: 'Account' };
	for (const key of WRITABLE_TOP_LEVEL) {
		const v = existing[key];
		if (v !== undefined && v !== null && v !== '') body[key] = v;
	}
	const email = existing.email_address as IDataObject | undefined;
	if (email?.address) {
		body.email_address = { address: email.address };
		if (SETTABLE_PERMISSIONS.includes(String(email.permission_to_send))) {
			(body.email_address as IDataObject).permission_to_send = email.permission_to_send;
		}
	}
	return body;
}

export async function putContact(
	ctx: IExecuteFunctions,
	i: number,
	contactId: string,
	body: IDataObject,
): Promise<IDataObject> {
	return await constantContactApiRequest.call(ctx, {
		method: 'PUT',
		path: apiPath`/contacts/${contactId}`,
		body,
		itemIndex: i,
		hints: {
			404: `Contact ${contactId} does not exist in this Constant Contact account`,
			409: 'Another contact already uses this e-mail address',
		},
	});
}

/** A flat view with the fields most workflows need, plus the sub-resources that were included. */
export function simplifyContact(contact: IDataObject): IDataObject {
	const email = (contact.email_address ?? {}) as IDataObject;
	const out: IDataObject = {
		contact_id: contact.contact_id,
		email: email.address,
		permission_to_send: email.permission_to_send,
		first_name: contact.first_name,
		last_name: contact.last_name,
		company_name: contact.company_name,
		created_at: contact.created_at,
		updated_at: contact.updated_at,
	};
	// Parts the user asked for with Include stay in the simplified view.
	for (const key of ['list_memberships', 'taggings', 'custom_fields', 'phone_numbers', 'street_addresses', 'notes']) {
		if (contact[key]) out[key] = contact[key];
	}
	for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
	return out;
}
