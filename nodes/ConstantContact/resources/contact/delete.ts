import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { resolveContactId } from '../../shared/contact';
import { contactLocator } from '../../shared/descriptions';
import { constantContactApiRequest } from '../../shared/transport';

const properties: INodeProperties[] = [contactLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const contactId = await resolveContactId(this, i);
	await constantContactApiRequest.call(this, {
		method: 'DELETE',
		path: `/contacts/${contactId}`,
		itemIndex: i,
		hints: { 404: `Contact ${contactId} does not exist in this Constant Contact account` },
	});
	return { deleted: true, contact_id: contactId };
}
