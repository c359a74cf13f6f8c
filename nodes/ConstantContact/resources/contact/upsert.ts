import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readAddress, readCustomFields, readPersonFields } from '../../shared/contact';
import { contactDetailFields, emailField, listsField, streetAddressField } from '../../shared/descriptions';
import { constantContactRequestFull } from '../../shared/transport';
import { LIMITS, checkEmail, checkIdList, checkLength } from '../../shared/validation';

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
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['upsert'] } },
	properties,
);

interface UpsertInput {
	email: string;
	body: IDataObject;
}

export async function prepare(this: IExecuteFunctions, i: number): Promise<UpsertInput> {
	const email = checkEmail(this, i, 'Email', this.getNodeParameter('email', i), LIMITS.signUpFormEmail);
	const lists = checkIdList(this, i, listsField.displayName, this.getNodeParameter('lists', i), {
		min: 1,
		max: LIMITS.lists,
		what: 'lists',
		picker: true,
	});
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;

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

	return { email, body };
}

export async function execute(this: IExecuteFunctions, i: number, { email, body }: UpsertInput): Promise<IDataObject> {
	const { statusCode, body: result } = await constantContactRequestFull.call(this, {
		method: 'POST',
		path: '/contacts/sign_up_form',
		body,
		itemIndex: i,
		// Create-or-update by e-mail: sending it twice leaves the same contact.
		idempotent: true,
		hints: {
			409: 'Another request changed this contact at the same moment; run the item again',
		},
	});
	return {
		contact_id: result.contact_id,
		email,
		action: result.action ?? (statusCode === 201 ? 'created' : 'updated'),
		created: statusCode === 201,
	};
}
