import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiPath, constantContactApiRequest, constantContactRequestAllItems, createdSince } from '../../shared/transport';
import { checkSegmentName, criteriaField, nameTaken, serializeCriteria } from './common';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Create',
	value: 'create',
	description: 'Create a segment',
	action: 'Create a segment',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Did not open the last 5 campaigns',
		description: 'Unique in the account',
	},
	criteriaField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['segment'], operation: ['create'] } },
	properties,
);

export async function prepare(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	return {
		name: checkSegmentName(this, i, 'Name', this.getNodeParameter('name', i)),
		segment_criteria: serializeCriteria(this, i, this.getNodeParameter('segmentCriteria', i)),
	};
}


export async function execute(this: IExecuteFunctions, i: number, body: IDataObject): Promise<IDataObject> {
	const name = String(body.name);
	return await constantContactApiRequest.call(this, {
		method: 'POST',
		path: '/segments',
		body,
		itemIndex: i,
		hints: { 409: nameTaken(name) },
		expect: { idKey: 'segment_id' },
		// If an attempt failed without an answer and the retry hits "already exists", the first
		// attempt created the segment: return it (same name and criteria, created since then).
		recoverConflict: async (firstAttemptAt) => {
			const segments = await constantContactRequestAllItems.call(this, {
				path: '/segments',
				qs: { sort_by: 'name' },
				itemsKey: 'segments',
				pageSize: 1000,
				itemIndex: i,
			});
			const found = segments.find((s) => String(s.name ?? '').toLowerCase() === name.toLowerCase());
			if (!found || !createdSince(found, firstAttemptAt)) return undefined;
			const detail = await constantContactApiRequest.call(this, {
				method: 'GET',
				path: apiPath`/segments/${String(found.segment_id)}`,
				itemIndex: i,
			});
			return detail.segment_criteria === body.segment_criteria ? detail : undefined;
		},
	});
}
