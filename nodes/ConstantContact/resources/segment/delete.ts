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
	description: 'Delete a segment',
	action: 'Delete a segment',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Make sure no scheduled campaign is sent to this segment before deleting it',
		name: 'segmentDeleteNotice',
		type: 'notice',
		default: '',
	},
	pickField('segment'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['segment'], operation: ['delete'] } },
	properties,
);

export async function prepare(this: IExecuteFunctions, i: number): Promise<string> {
	return readPick(this, i, 'segment', 'segment');
}

export async function execute(this: IExecuteFunctions, i: number, segmentId: string): Promise<IDataObject> {
	await constantContactApiRequest.call(this, {
		method: 'DELETE',
		path: apiPath`/segments/${segmentId}`,
		itemIndex: i,
		hints: { 404: notFound(segmentId) },
	});
	return { deleted: true, segment_id: Number(segmentId) };
}
