/**
 * Field descriptions used by more than one operation. Each field is written once here; the
 * operations compose them (and add `displayOptions` through `updateDisplayOptions`).
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

// --- Picking one contact ---------------------------------------------------------------------

export const contactLocator: INodeProperties = {
	displayName: 'Contact',
	name: 'contact',
	type: 'resourceLocator',
	default: { mode: 'id', value: '' },
	required: true,
	description: 'The contact, by its Constant Contact ID or by its e-mail address',
	modes: [
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 1ec8a3a0-4e6b-11ec-8bd6-fa163e6a92d8',
			validation: [
				{
					type: 'regex',
					properties: { regex: UUID_PATTERN, errorMessage: 'Not a Constant Contact contact ID' },
				},
			],
		},
		{
			displayName: 'By E-Mail',
			name: 'email',
			type: 'string',
			placeholder: 'e.g. name@example.com',
		},
	],
};

// --- Contact properties ----------------------------------------------------------------------

export const emailField: INodeProperties = {
	displayName: 'Email',
	name: 'email',
	type: 'string',
	placeholder: 'e.g. name@example.com',
	default: '',
	required: true,
	description: "The contact's e-mail address (at most 80 characters)",
};

export const createSourceField: INodeProperties = {
	displayName: 'Added By',
	name: 'createSource',
	type: 'options',
	default: 'Account',
	required: true,
	// Constant Contact requires `create_source` and treats it as a compliance statement.
	description:
		'Who is adding this contact. Constant Contact records this for consent and anti-spam compliance.',
	options: [
		{
			name: 'Account (You Add Them)',
			value: 'Account',
			description: 'You, the account owner, add the contact, e.g. from a CRM or an import',
		},
		{
			name: 'Contact (They Signed Up)',
			value: 'Contact',
			description: 'The person signed up themselves, e.g. through a form on your website',
		},
	],
};

export const permissionToSendField: INodeProperties = {
	displayName: 'Permission to Send',
	name: 'permissionToSend',
	type: 'options',
	default: 'implicit',
	description:
		'What the contact agreed to. Constant Contact only e-mails contacts with explicit or implicit permission, and using explicit permission without the person\'s consent breaks anti-spam laws.',
	options: [
		{
			name: 'Explicit',
			value: 'explicit',
			description: 'The person asked to receive your e-mails (e.g. ticked a box on your form)',
		},
		{
			name: 'Implicit',
			value: 'implicit',
			description: 'You have a business relationship (e.g. a customer) but no explicit sign-up',
		},
		{
			name: 'Not Set',
			value: 'not_set',
			description: 'Unknown; the contact cannot be mailed until permission is set',
		},
	],
};

const PHONE_KINDS: INodePropertyOptions[] = [
	{ name: 'Home', value: 'home' },
	{ name: 'Mobile', value: 'mobile' },
	{ name: 'Other', value: 'other' },
	{ name: 'Work', value: 'work' },
];

const ADDRESS_KINDS: INodePropertyOptions[] = [
	{ name: 'Home', value: 'home' },
	{ name: 'Other', value: 'other' },
	{ name: 'Work', value: 'work' },
];

export const PHONE_KIND_VALUES = PHONE_KINDS.map((o) => String(o.value));
export const ADDRESS_KIND_VALUES = ADDRESS_KINDS.map((o) => String(o.value));

export const anniversaryField: INodeProperties = {
	displayName: 'Anniversary',
	name: 'anniversary',
	type: 'string',
	default: '',
	placeholder: 'e.g. 2019-06-21',
	description: 'A date as YYYY-MM-DD or MM/DD/YYYY',
};

export const birthdayMonthField: INodeProperties = {
	displayName: 'Birthday Month',
	name: 'birthdayMonth',
	type: 'number',
	default: 1,
	typeOptions: { minValue: 1, maxValue: 12 },
	description: 'Month of the birthday (1–12). Constant Contact needs Birthday Day too.',
};

export const birthdayDayField: INodeProperties = {
	displayName: 'Birthday Day',
	name: 'birthdayDay',
	type: 'number',
	default: 1,
	typeOptions: { minValue: 1, maxValue: 31 },
	description: 'Day of the birthday (1–31). Constant Contact needs Birthday Month too.',
};

export const companyNameField: INodeProperties = {
	displayName: 'Company Name',
	name: 'companyName',
	type: 'string',
	default: '',
};

const customFieldValue: INodeProperties = {
	displayName: 'Value',
	name: 'value',
	type: 'string',
	default: '',
	description:
		"At most 255 characters, in the form the field's type takes: a date as YYYY-MM-DD or MM/DD/YYYY, a date and time as ISO 8601 with a time zone, a number as digits with a point, a yes/no field as true or false. Checked before anything is sent (one read of the account's custom fields per run).",
};

export const customFieldsField: INodeProperties = {
	displayName: 'Custom Fields',
	name: 'customFields',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	placeholder: 'Add Custom Field',
	options: [
		{
			displayName: 'Field',
			name: 'field',
			values: [
				{
					displayName: 'Field Name or ID',
					name: 'id',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getCustomFields' },
					default: '',
					description:
						'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				},
				customFieldValue,
			],
		},
	],
};

export const firstNameField: INodeProperties = {
	displayName: 'First Name',
	name: 'firstName',
	type: 'string',
	default: '',
};

export const jobTitleField: INodeProperties = {
	displayName: 'Job Title',
	name: 'jobTitle',
	type: 'string',
	default: '',
};

export const lastNameField: INodeProperties = {
	displayName: 'Last Name',
	name: 'lastName',
	type: 'string',
	default: '',
};

export const phoneNumbersField: INodeProperties = {
	displayName: 'Phone Numbers',
	name: 'phoneNumbers',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	placeholder: 'Add Phone Number',
	description: 'Up to 3; one per kind',
	options: [
		{
			displayName: 'Phone Number',
			name: 'phone',
			values: [
				{ displayName: 'Kind', name: 'kind', type: 'options', options: PHONE_KINDS, default: 'mobile' },
				{
					displayName: 'Number',
					name: 'number',
					type: 'string',
					default: '',
					placeholder: 'e.g. +1 555 0100',
				},
			],
		},
	],
};

const addressParts: INodeProperties[] = [
	{ displayName: 'Street', name: 'street', type: 'string', default: '' },
	{ displayName: 'City', name: 'city', type: 'string', default: '' },
	{ displayName: 'State', name: 'state', type: 'string', default: '' },
	{ displayName: 'Postal Code', name: 'postalCode', type: 'string', default: '' },
	{ displayName: 'Country', name: 'country', type: 'string', default: '' },
];

const addressKind: INodeProperties = {
	displayName: 'Kind',
	name: 'kind',
	type: 'options',
	options: ADDRESS_KINDS,
	default: 'home',
};

export const streetAddressesField: INodeProperties = {
	displayName: 'Street Addresses',
	name: 'streetAddresses',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	placeholder: 'Add Street Address',
	description: 'Up to 3; one per kind',
	options: [{ displayName: 'Address', name: 'address', values: [addressKind, ...addressParts] }],
};

/** `sign_up_form` takes a single address instead of a list. */
export const streetAddressField: INodeProperties = {
	displayName: 'Street Address',
	name: 'streetAddress',
	type: 'fixedCollection',
	default: {},
	placeholder: 'Add Street Address',
	options: [{ displayName: 'Address', name: 'address', values: [addressKind, ...addressParts] }],
};

/** The person's details shared by create, update and upsert (alphabetical, as n8n lists them). */
export const contactDetailFields: INodeProperties[] = [
	anniversaryField,
	birthdayDayField,
	birthdayMonthField,
	companyNameField,
	customFieldsField,
	firstNameField,
	jobTitleField,
	lastNameField,
];

// --- Lists and tags --------------------------------------------------------------------------

export const listsField: INodeProperties = {
	displayName: 'List Names or IDs',
	name: 'lists',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getLists' },
	default: [],
	description:
		'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

export const tagsField: INodeProperties = {
	displayName: 'Tag Names or IDs',
	name: 'tags',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getTags' },
	default: [],
	description:
		'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

// --- Reading -----------------------------------------------------------------------------------

const SUB_RESOURCES: INodePropertyOptions[] = [
	{ name: 'Custom Fields', value: 'custom_fields' },
	{ name: 'List Memberships', value: 'list_memberships' },
	{ name: 'Notes', value: 'notes' },
	{ name: 'Phone Numbers', value: 'phone_numbers' },
	{ name: 'Street Addresses', value: 'street_addresses' },
	{ name: 'Tags', value: 'taggings' },
];

export const includeField: INodeProperties = {
	displayName: 'Include',
	name: 'include',
	type: 'multiOptions',
	options: SUB_RESOURCES,
	default: ['custom_fields', 'list_memberships', 'phone_numbers', 'street_addresses', 'taggings'],
	description: 'Parts of the contact that Constant Contact returns only when asked for',
};

export function returnAllOrLimit(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			displayOptions: { show: { returnAll: [false] } },
			description: 'Max number of results to return',
		},
	];
}

export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

export const batchField: INodeProperties = {
	displayName: 'Batch Items',
	name: 'batch',
	type: 'boolean',
	default: false,
	description:
		'Whether to send all input items together in as few Constant Contact bulk jobs as possible (up to 500 contacts each) instead of one job per item. Far faster and cheaper on the daily request limit when there are many items.',
};

export const waitForCompletionField: INodeProperties = {
	displayName: 'Wait for Completion',
	name: 'waitForCompletion',
	type: 'boolean',
	default: true,
	description:
		'Whether to wait until Constant Contact has finished the change (usually a few seconds) so the next node sees it. If off, the node returns at once with the job (activity) ID.',
};

// --- Picking one list, tag, custom field or segment --------------------------------------------

export type PickKind = 'list' | 'tag' | 'customField' | 'segment' | 'campaign';

interface PickSpec {
	label: string;
	searchListMethod: string;
	idPlaceholder: string;
	idPattern: string;
	idError: string;
}

/** Segment IDs are whole numbers; every other Constant Contact ID is a UUID. */
export const PICKS: Record<PickKind, PickSpec> = {
	list: {
		label: 'List',
		searchListMethod: 'searchLists',
		idPlaceholder: 'e.g. 1ec8a3a0-4e6b-11ec-8bd6-fa163e6a92d8',
		idPattern: UUID_PATTERN,
		idError: 'Not a Constant Contact list ID',
	},
	tag: {
		label: 'Tag',
		searchListMethod: 'searchTags',
		idPlaceholder: 'e.g. 1ec8a3a0-4e6b-11ec-8bd6-fa163e6a92d8',
		idPattern: UUID_PATTERN,
		idError: 'Not a Constant Contact tag ID',
	},
	customField: {
		label: 'Custom Field',
		searchListMethod: 'searchCustomFields',
		idPlaceholder: 'e.g. 1ec8a3a0-4e6b-11ec-8bd6-fa163e6a92d8',
		idPattern: UUID_PATTERN,
		idError: 'Not a Constant Contact custom field ID',
	},
	campaign: {
		label: 'Campaign',
		searchListMethod: 'searchCampaigns',
		idPlaceholder: 'e.g. 1ec8a3a0-4e6b-11ec-8bd6-fa163e6a92d8',
		idPattern: UUID_PATTERN,
		idError: 'Not a Constant Contact campaign ID',
	},
	segment: {
		label: 'Segment',
		searchListMethod: 'searchSegments',
		idPlaceholder: 'e.g. 14',
		idPattern: '^[0-9]+$',
		idError: 'Segment IDs are whole numbers',
	},
};

/** "Pick one X": from a searchable list of the whole account, or by ID. */
export function pickField(kind: PickKind, name: string = kind): INodeProperties {
	const spec = PICKS[kind];
	return {
		displayName: spec.label,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: spec.idPlaceholder,
				validation: [{ type: 'regex', properties: { regex: spec.idPattern, errorMessage: spec.idError } }],
			},
		],
	};
}

/** "Include count" of lists and tags (members / tagged contacts). */
export function includeCountField(what: string): INodeProperties {
	return {
		displayName: 'Include Count',
		name: 'includeCount',
		type: 'boolean',
		default: false,
		description: `Whether to include the number of ${what}`,
	};
}
