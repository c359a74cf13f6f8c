import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { pickField } from '../../shared/descriptions';
import { apiPath, constantContactApiRequest } from '../../shared/transport';
import { readPick } from '../../shared/validation';
import { notFound } from './common';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Delete',
	value: 'delete',
	description: 'Delete a custom field and its values on every contact',
	action: 'Delete a custom field',
	toolNote: 'Its value is removed from every contact, with no way to undo it.',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Deleting a custom field also removes its value from every contact',
		name: 'customFieldDeleteNotice',
		type: 'notice',
		default: '',
	},
	pickField('customField'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customField'], operation: ['delete'] } },
	properties,
);

export async function prepare(this: IExecuteFunctions, i: number): Promise<string> {
	return readPick(this, i, 'customField', 'customField');
}

export async function execute(this: IExecuteFunctions, i: number, customFieldId: string): Promise<IDataObject> {
	await constantContactApiRequest.call(this, {
		method: 'DELETE',
		path: apiPath`/contact_custom_fields/${customFieldId}`,
		itemIndex: i,
		hints: { 404: notFound(customFieldId) },
	});
	return { deleted: true, custom_field_id: customFieldId };
}
