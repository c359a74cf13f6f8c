import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ContactRef } from '../../shared/contact';
import { locateContact, readContactLocator } from '../../shared/contact';
import { contactLocator } from '../../shared/descriptions';
import { constantContactApiRequest } from '../../shared/transport';

const properties: INodeProperties[] = [contactLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['delete'] } },
	properties,
);

export async function prepare(this: IExecuteFunctions, i: number): Promise<ContactRef> {
	return readContactLocator(this, i);
}

export async function execute(this: IExecuteFunctions, i: number, ref: ContactRef): Promise<IDataObject> {
	const { contactId } = await locateContact(this, i, ref);
	await constantContactApiRequest.call(this, {
		method: 'DELETE',
		path: `/contacts/${contactId}`,
		itemIndex: i,
		hints: { 404: `Contact ${contactId} does not exist in this Constant Contact account` },
	});
	return { deleted: true, contact_id: contactId };
}
