import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collection } from '../../shared/parameters';
import type { ContactRef } from '../../shared/contact';
import {
	currentContact,
	putBodyFrom,
	putContact,
	readCustomFields,
	readPersonFields,
	readPhoneNumbers,
	readContactLocator,
	readStreetAddresses,
	refuseDeleted,
} from '../../shared/contact';
import {
	contactDetailFields,
	contactLocator,
	emailField,
	phoneNumbersField,
	streetAddressesField,
} from '../../shared/descriptions';
import { LIMITS, checkBirthday, checkEmail, invalid } from '../../shared/validation';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Update',
	value: 'update',
	description: 'Change some fields of a contact and keep the rest',
	action: 'Update a contact',
};

const properties: INodeProperties[] = [
	contactLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'Only the fields you add here change. Everything else the contact has stays as it is. A phone number or address replaces the one of the same kind.',
		options: [
			...contactDetailFields,
			{ ...emailField, required: false, description: 'A new e-mail address for the contact' },
			phoneNumbersField,
			streetAddressesField,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['update'] } },
	properties,
);

/**
 * The contact's entries (only their writable parts), each replaced in place by the user's entry
 * of the same kind; the user's other entries follow. Entries without a kind are kept.
 */
function mergeByKind(current: unknown, changes: IDataObject[], parts: string[]): IDataObject[] {
	const existing = ((current as IDataObject[] | undefined) ?? []).map((entry) => {
		const kept: IDataObject = {};
		for (const key of ['kind', ...parts]) if (entry[key] !== undefined && entry[key] !== null) kept[key] = entry[key];
		return kept;
	});
	const pending = new Map(changes.map((c) => [String(c.kind), c]));
	const merged = existing.map((e) => {
		const change = e.kind === undefined ? undefined : pending.get(String(e.kind));
		if (!change) return e;
		pending.delete(String(e.kind));
		return change;
	});
	return [...merged, ...pending.values()];
}

interface UpdateInput {
	ref: ContactRef;
	person: IDataObject;
	birthday?: { month?: unknown; day?: unknown };
	email?: string;
	phones: IDataObject[];
	addresses: IDataObject[];
	customFields: Array<{ custom_field_id: string; value: string }>;
}

export async function prepare(this: IExecuteFunctions, i: number): Promise<UpdateInput> {
	const fields = collection(this, 'updateFields', i);
	if (Object.keys(fields).length === 0) {
		throw invalid(this, i, 'Update Fields', 'is empty', 'Add at least one field to change.');
	}

	// Check everything before the first request. One birthday part alone is completed from the
	// contact's record later (it must be in range already).
	const partialBirthday = (fields.birthdayMonth === undefined) !== (fields.birthdayDay === undefined);
	const { birthdayMonth, birthdayDay, ...otherFields } = fields;
	const person = readPersonFields(this, i, partialBirthday ? otherFields : fields);
	if (partialBirthday) checkBirthday(this, i, birthdayMonth ?? 1, birthdayDay ?? 1);
	const birthday = partialBirthday ? { month: birthdayMonth, day: birthdayDay } : undefined;
	const email = fields.email !== undefined ? checkEmail(this, i, 'Email', fields.email) : undefined;
	const phones = fields.phoneNumbers ? readPhoneNumbers(this, i, fields.phoneNumbers) : [];
	const addresses = fields.streetAddresses ? readStreetAddresses(this, i, fields.streetAddresses) : [];
	const customFields = fields.customFields
		? await readCustomFields(this, i, fields.customFields, LIMITS.customFields)
		: [];

	return { ref: readContactLocator(this, i), person, birthday, email, phones, addresses, customFields };
}

export async function execute(this: IExecuteFunctions, i: number, input: UpdateInput): Promise<IDataObject> {
	const { ref, person, birthday, email, phones, addresses, customFields } = input;
	const include = [
		phones.length ? 'phone_numbers' : '',
		addresses.length ? 'street_addresses' : '',
		customFields.length ? 'custom_fields' : '',
	]
		.filter(Boolean)
		.join(',');
	const { contactId, contact: current } = await currentContact(this, i, ref, include || undefined);
	refuseDeleted(this, i, current, 'Updating');

	const body = { ...putBodyFrom(current), ...person };
	if (birthday) {
		Object.assign(
			body,
			checkBirthday(this, i, birthday.month ?? current.birthday_month, birthday.day ?? current.birthday_day),
		);
	}
	if (email) body.email_address = { ...((body.email_address as IDataObject) ?? {}), address: email };
	if (phones.length) body.phone_numbers = mergeByKind(current.phone_numbers, phones, ['phone_number']);
	if (addresses.length) {
		body.street_addresses = mergeByKind(current.street_addresses, addresses, [
			'street',
			'city',
			'state',
			'postal_code',
			'country',
		]);
	}
	if (customFields.length) {
		const merged = new Map<string, IDataObject>();
		for (const cf of (current.custom_fields as IDataObject[] | undefined) ?? []) {
			// Select-type fields keep their value in choice_ids: carry both over untouched.
			const kept: IDataObject = { custom_field_id: cf.custom_field_id };
			if (cf.value !== undefined && cf.value !== null) kept.value = cf.value;
			if (Array.isArray(cf.choice_ids) && cf.choice_ids.length) kept.choice_ids = cf.choice_ids;
			merged.set(String(cf.custom_field_id), kept);
		}
		for (const cf of customFields) merged.set(cf.custom_field_id, cf);
		if (merged.size > LIMITS.customFields) {
			throw invalid(this, i, 'Custom Fields', `would give the contact ${merged.size} custom fields; Constant Contact keeps at most ${LIMITS.customFields}`);
		}
		body.custom_fields = [...merged.values()];
	}
	if (((body.phone_numbers as unknown[] | undefined)?.length ?? 0) > LIMITS.phoneNumbers) {
		throw invalid(this, i, 'Phone Numbers', `would give the contact more than ${LIMITS.phoneNumbers} numbers`);
	}
	if (((body.street_addresses as unknown[] | undefined)?.length ?? 0) > LIMITS.streetAddresses) {
		throw invalid(this, i, 'Street Addresses', `would give the contact more than ${LIMITS.streetAddresses} addresses`);
	}

	return await putContact(this, i, contactId, body);
}
