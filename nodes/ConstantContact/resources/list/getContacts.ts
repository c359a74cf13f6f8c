import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collection } from '../../shared/parameters';
import { simplifyContact } from '../../shared/contact';
import { includeField, pickField, returnAllOrLimit, simplifyField } from '../../shared/descriptions';
import { constantContactRequestAllItems } from '../../shared/transport';
import { readPick } from '../../shared/validation';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Get Contacts',
	value: 'getContacts',
	description: 'Get the contacts on a list',
	action: 'Get contacts of a list',
};

const properties: INodeProperties[] = [
	pickField('list'),
	...returnAllOrLimit(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		// Each included part makes every page heavier: none by default.
		options: [{ ...includeField, default: [] }],
	},
	simplifyField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['list'], operation: ['getContacts'] } },
	properties,
);

interface GetContactsInput {
	qs: IDataObject;
	limit?: number;
	simplify: boolean;
}

export async function prepare(this: IExecuteFunctions, i: number): Promise<GetContactsInput> {
	const qs: IDataObject = { lists: readPick(this, i, 'list', 'list') };
	const returnAll = this.getNodeParameter('returnAll', i) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', i) as number);
	const options = collection(this, 'options', i);
	const include = (options.include as string[] | undefined) ?? [];
	if (include.length) qs.include = include.join(',');
	return { qs, limit, simplify: this.getNodeParameter('simplify', i, true) as boolean };
}

export async function execute(
	this: IExecuteFunctions,
	i: number,
	{ qs, limit, simplify }: GetContactsInput,
): Promise<IDataObject[]> {
	const contacts = await constantContactRequestAllItems.call(this, {
		path: '/contacts',
		qs,
		itemsKey: 'contacts',
		pageSize: 500,
		max: limit,
		itemIndex: i,
	});
	return simplify ? contacts.map(simplifyContact) : contacts;
}
