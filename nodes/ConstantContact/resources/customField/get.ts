import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { pickField } from '../../shared/descriptions';
import { apiPath, constantContactApiRequest } from '../../shared/transport';
import { readPick } from '../../shared/validation';
import { notFound } from './common';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Get',
	value: 'get',
	description: 'Get a custom field',
	action: 'Get a custom field',
};

const properties: INodeProperties[] = [pickField('customField')];

export const description = updateDisplayOptions(
	{ show: { resource: ['customField'], operation: ['get'] } },
	properties,
);

export async function prepare(this: IExecuteFunctions, i: number): Promise<string> {
	return readPick(this, i, 'customField', 'customField');
}

export async function execute(this: IExecuteFunctions, i: number, customFieldId: string): Promise<IDataObject> {
	return await constantContactApiRequest.call(this, {
		method: 'GET',
		path: apiPath`/contact_custom_fields/${customFieldId}`,
		expect: { idKey: 'custom_field_id' },
		itemIndex: i,
		hints: { 404: notFound(customFieldId) },
	});
}
