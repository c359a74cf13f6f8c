import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getContact, locateContact } from '../../shared/contact';
import { contactLocator, includeField } from '../../shared/descriptions';

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

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const include = ((options.include as string[] | undefined) ?? (includeField.default as string[])).join(',');
	// By e-mail the search already answers with the whole contact: one request either way.
	const { contactId, contact } = await locateContact(this, i, include || undefined);
	return contact ?? (await getContact(this, i, contactId, include || undefined));
}
