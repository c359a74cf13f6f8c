import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	ALL_SUB_RESOURCES,
	readCustomFields,
	readPersonFields,
	readPhoneNumbers,
	readStreetAddresses,
	findContactByEmail,
} from '../../shared/contact';
import {
	contactDetailFields,
	createSourceField,
	emailField,
	listsField,
	permissionToSendField,
	phoneNumbersField,
	streetAddressesField,
	tagsField,
} from '../../shared/descriptions';
import { readIdList } from '../../shared/names';
import { collection } from '../../shared/parameters';
import { constantContactApiRequest, createdSince, matchesSent } from '../../shared/transport';
import { LIMITS, checkEmail } from '../../shared/validation';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Create',
	value: 'create',
	description: 'Create a new contact; fails if the e-mail address exists',
	action: 'Create a contact',
};

const properties: INodeProperties[] = [
	emailField,
	createSourceField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			...contactDetailFields,
			listsField,
			permissionToSendField,
			phoneNumbersField,
			streetAddressesField,
			tagsField,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['create'] } },
	properties,
);

interface CreateInput {
	email: string;
	body: IDataObject;
}

export async function prepare(this: IExecuteFunctions, i: number): Promise<CreateInput> {
	const email = checkEmail(this, i, 'Email', this.getNodeParameter('email', i));
	const createSource = this.getNodeParameter('createSource', i) as string;
	const fields = collection(this, 'additionalFields', i);

	const body: IDataObject = {
		email_address: { address: email },
		create_source: createSource,
		...readPersonFields(this, i, fields),
	};
	if (fields.permissionToSend) {
		(body.email_address as IDataObject).permission_to_send = fields.permissionToSend;
	}
	if (fields.phoneNumbers) body.phone_numbers = readPhoneNumbers(this, i, fields.phoneNumbers);
	if (fields.streetAddresses) body.street_addresses = readStreetAddresses(this, i, fields.streetAddresses);
	if (fields.lists !== undefined) {
		body.list_memberships = await readIdList(this, i, listsField.displayName, fields.lists, { max: LIMITS.lists, kind: 'list' });
	}
	if (fields.tags !== undefined) {
		body.taggings = await readIdList(this, i, tagsField.displayName, fields.tags, { max: LIMITS.tags, kind: 'tag' });
	}
	if (fields.customFields) {
		body.custom_fields = await readCustomFields(this, i, fields.customFields, LIMITS.customFields);
	}
	for (const key of ['phone_numbers', 'street_addresses', 'list_memberships', 'taggings', 'custom_fields']) {
		if (Array.isArray(body[key]) && (body[key] as unknown[]).length === 0) delete body[key];
	}

	return { email, body };
}

/**
 * Fields of a create that Constant Contact does not hand back as sent: where the contact came
 * from, and the permission it may set by its own rules.
 */
const UNECHOED_CONTACT_FIELDS = ['create_source', 'permission_to_send'];

export async function execute(this: IExecuteFunctions, i: number, { email, body }: CreateInput): Promise<IDataObject> {
	return await constantContactApiRequest.call(this, {
		method: 'POST',
		path: '/contacts',
		body,
		itemIndex: i,
		hints: {
			409: `A contact with the e-mail address ${email} already exists (deleted contacts count too). Use "Create or Update" or "Update" instead`,
		},
		// If an attempt failed without an answer and the retry hits "already exists", the first
		// attempt created the contact: return it instead of failing or creating a duplicate.
		recoverConflict: async (firstAttemptAt) => {
			const found = await findContactByEmail(this, i, email, ALL_SUB_RESOURCES);
			// Only a live contact created since that attempt (allowing for clock skew) and holding
			// what this item sent is ours; another is a real conflict, which the user must see.
			const ours =
				found && !found.deleted_at && createdSince(found, firstAttemptAt) && matchesSent(found, body, UNECHOED_CONTACT_FIELDS);
			return ours ? found : undefined;
		},
		expect: { idKey: 'contact_id' },
		unknown: {
			what: `created the contact ${email}`,
			check: `Look ${email} up with Contact → Get (by e-mail) before running this item again: if it exists, running it again fails with "already exists".`,
			identify: { email },
		},
	});
}
