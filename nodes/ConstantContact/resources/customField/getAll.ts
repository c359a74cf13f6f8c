import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../shared/descriptions';
import { getMany } from '../../shared/getMany';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Get Many',
	value: 'getAll',
	description: 'Get many custom fields',
	action: 'Get many custom fields',
};

const properties: INodeProperties[] = [...returnAllOrLimit()];

export const description = updateDisplayOptions(
	{ show: { resource: ['customField'], operation: ['getAll'] } },
	properties,
);

export async function prepare(this: IExecuteFunctions): Promise<undefined> {
	return undefined;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	// An account has at most 100 custom fields, and 100 is the endpoint's largest page.
	return await getMany(this, i, { path: '/contact_custom_fields', itemsKey: 'custom_fields', pageSize: 100 });
}
