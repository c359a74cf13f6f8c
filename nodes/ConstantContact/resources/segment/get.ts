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
	description: 'Get a segment with its criteria',
	action: 'Get a segment',
};

const properties: INodeProperties[] = [pickField('segment')];

export const description = updateDisplayOptions(
	{ show: { resource: ['segment'], operation: ['get'] } },
	properties,
);

export async function prepare(this: IExecuteFunctions, i: number): Promise<string> {
	return readPick(this, i, 'segment', 'segment');
}

export async function execute(this: IExecuteFunctions, i: number, segmentId: string): Promise<IDataObject> {
	// Deleted segments stay readable by ID (they only disappear from Get Many).
	return await constantContactApiRequest.call(this, {
		method: 'GET',
		path: apiPath`/segments/${segmentId}`,
		expect: { idKey: 'segment_id' },
		itemIndex: i,
		hints: { 404: notFound(segmentId) },
	});
}
