import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collection } from '../../shared/parameters';
import type { ContactRef } from '../../shared/contact';
import { currentContact, readContactLocator } from '../../shared/contact';
import { contactLocator, includeField } from '../../shared/descriptions';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Get',
	value: 'get',
	description: 'Get a contact by ID or e-mail address',
	action: 'Get a contact',
};

const properties: INodeProperties[] = [
	contactLocator,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [includeField],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['get'] } },
	properties,
);

interface GetInput {
	ref: ContactRef;
	include?: string;
}

export async function prepare(this: IExecuteFunctions, i: number): Promise<GetInput> {
	const options = collection(this, 'options', i);
	const include = ((options.include as string[] | undefined) ?? (includeField.default as string[])).join(',');
	return { ref: readContactLocator(this, i), include: include || undefined };
}

export async function execute(this: IExecuteFunctions, i: number, { ref, include }: GetInput): Promise<IDataObject> {
	// By e-mail the search already answers with the whole contact: one request either way.
	return (await currentContact(this, i, ref, include)).contact;
}
