import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collection } from '../../shared/parameters';
import { pickField } from '../../shared/descriptions';
import { apiPath, constantContactApiRequest } from '../../shared/transport';
import { invalid, readPick } from '../../shared/validation';
import { checkSegmentName, nameTaken, newCriteriaField, notFound, serializeCriteria } from './common';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Update',
	value: 'update',
	description: 'Rename a segment or change its criteria',
	action: 'Update a segment',
};

const properties: INodeProperties[] = [
	pickField('segment'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'What you leave out keeps its current value',
		options: [
			{
				displayName: 'New Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Unique in the account',
			},
			newCriteriaField,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['segment'], operation: ['update'] } },
	properties,
);

interface UpdateInput {
	segmentId: string;
	name?: string;
	criteria?: string;
}

export async function prepare(this: IExecuteFunctions, i: number): Promise<UpdateInput> {
	const segmentId = readPick(this, i, 'segment', 'segment');
	const fields = collection(this, 'updateFields', i);
	const input: UpdateInput = { segmentId };
	if (fields.name !== undefined) input.name = checkSegmentName(this, i, 'New Name', fields.name);
	if (fields.segmentCriteria !== undefined) {
		input.criteria = serializeCriteria(this, i, fields.segmentCriteria);
	}
	if (input.name === undefined && input.criteria === undefined) {
		throw invalid(this, i, 'Update Fields', 'is empty', 'Add New Name or Segment Criteria: those are what can change.');
	}
	return input;
}

export async function execute(this: IExecuteFunctions, i: number, input: UpdateInput): Promise<IDataObject> {
	const { segmentId, name, criteria } = input;
	const hints = { 404: notFound(segmentId) };
	if (criteria === undefined) {
		// Only the name: Constant Contact's rename leaves the criteria alone (one request, no read).
		return await constantContactApiRequest.call(this, {
			method: 'PATCH',
			path: apiPath`/segments/${segmentId}/name`,
			body: { name },
			// Setting the same name again changes nothing: safe to repeat after a lost answer.
			idempotent: true,
			itemIndex: i,
			hints: { ...hints, 409: nameTaken(String(name)) },
		});
	}
	// The PUT needs both the name and the criteria: without a new name, read the current one.
	let newName = name;
	if (newName === undefined) {
		const current = await constantContactApiRequest.call(this, {
			method: 'GET',
			path: apiPath`/segments/${segmentId}`,
			itemIndex: i,
			hints,
		});
		newName = String(current.name ?? '');
	}
	return await constantContactApiRequest.call(this, {
		method: 'PUT',
		path: apiPath`/segments/${segmentId}`,
		body: { name: newName, segment_criteria: criteria },
		itemIndex: i,
		hints: { ...hints, 409: nameTaken(newName) },
	});
}
