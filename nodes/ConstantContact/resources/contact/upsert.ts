import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readIdList } from '../../shared/names';
import { collection } from '../../shared/parameters';
import { getContact, readAddress, readCustomFields, readPersonFields } from '../../shared/contact';
import { contactDetailFields, emailField, includeField, listsField, streetAddressField } from '../../shared/descriptions';
import { constantContactRequestFull, createdSince } from '../../shared/transport';
import { LIMITS, checkEmail, checkLength } from '../../shared/validation';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Create or Update',
	value: 'upsert',
	description: 'Create a new record, or update the current one if it already exists (upsert)',
	action: 'Create or update a contact',
	toolNote: 'Constant Contact gives the contact explicit permission to receive email, even if it had unsubscribed.',
};

const properties: INodeProperties[] = [
	{
		displayName:
			'Constant Contact gives contacts added or updated this way explicit permission to send, even if they had unsubscribed. Use it only for people who just asked to hear from you, such as a form sign-up. Lists and custom fields are added to what the contact has; nothing is removed.',
		name: 'upsertNotice',
		type: 'notice',
		default: '',
	},
	{ ...emailField, description: "The contact's e-mail address (at most 50 characters here)" },
	{ ...listsField, required: true },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			...contactDetailFields,
			{
				displayName: 'Phone Number',
				name: 'phoneNumber',
				type: 'string',
				default: '',
				placeholder: 'e.g. +1 555 0100',
			},
			streetAddressField,
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Return Full Contact',
				name: 'returnFullContact',
				type: 'boolean',
				default: false,
				description:
					"Whether to read the contact back after the write and return it as Constant Contact has it (everything it holds, not only what this item sent). Costs one more request per item, of the 10,000 a day your Constant Contact app may send. When off, the item shows what was sent, with contact_id, action and created.",
			},
			{
				...includeField,
				description: 'Parts of the contact returned with it (when Return Full Contact is on)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['upsert'] } },
	properties,
);

interface UpsertInput {
	email: string;
	body: IDataObject;
	/** Sub-resources to read back with the contact; undefined: return only the write's answer. */
	readBack?: { include?: string };
}

export async function prepare(this: IExecuteFunctions, i: number): Promise<UpsertInput> {
	const email = checkEmail(this, i, 'Email', this.getNodeParameter('email', i), LIMITS.signUpFormEmail);
	const lists = await readIdList(this, i, listsField.displayName, this.getNodeParameter('lists', i), {
		min: 1,
		max: LIMITS.lists,
		kind: 'list',
	});
	const fields = collection(this, 'additionalFields', i);

	const body: IDataObject = {
		email_address: email,
		list_memberships: lists,
		...readPersonFields(this, i, fields),
	};
	if (fields.phoneNumber) {
		body.phone_number = checkLength(this, i, 'Phone Number', fields.phoneNumber, LIMITS.phoneNumber).trim();
	}
	const address = ((fields.streetAddress ?? {}) as IDataObject).address as IDataObject | undefined;
	if (address) body.street_address = readAddress(this, i, address, 'Street Address');
	if (fields.customFields) {
		const customFields = await readCustomFields(this, i, fields.customFields, LIMITS.signUpFormCustomFields);
		if (customFields.length) body.custom_fields = customFields;
	}

	const options = collection(this, 'options', i);
	const include = ((options.include as string[] | undefined) ?? (includeField.default as string[])).join(',');
	const readBack = options.returnFullContact === true ? { include: include || undefined } : undefined;
	return { email, body, readBack };
}

export async function execute(this: IExecuteFunctions, i: number, { email, body, readBack }: UpsertInput): Promise<IDataObject> {
	const { statusCode, body: result, afterLostAnswer, firstAttemptAt } = await constantContactRequestFull.call(this, {
		method: 'POST',
		path: '/contacts/sign_up_form',
		body,
		itemIndex: i,
		// Create-or-update by e-mail: sending it twice leaves the same contact.
		idempotent: true,
		expect: { idKey: 'contact_id' },
		hints: {
			409: 'Another request changed this contact at the same moment; run the item again',
		},
	});
	let created = statusCode === 201 || result.action === 'created';
	const outcome: IDataObject = {
		contact_id: result.contact_id,
		email,
		action: result.action ?? (created ? 'created' : 'updated'),
		created,
	};
	// sign_up_form answers only the ID and the action: the contact as it now is takes one GET.
	// After a lost answer the repeat reports "updated" for a contact the lost attempt created;
	// when the contact was created since that attempt, this run created it.
	const contact =
		readBack || (afterLostAnswer && !created)
			? await getContact(this, i, String(result.contact_id), readBack?.include)
			: undefined;
	if (afterLostAnswer && !created && contact && createdSince(contact, firstAttemptAt ?? Date.now())) {
		created = true;
		Object.assign(outcome, { action: 'created', created });
	}
	if (readBack && contact) return { ...outcome, ...contact };
	// Without the read: what was sent (lists and custom fields as written: Constant Contact adds
	// them to what the contact had).
	const sent = Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'email_address'));
	return { ...outcome, ...sent };
}
