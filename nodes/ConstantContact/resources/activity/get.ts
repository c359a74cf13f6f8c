import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiPath, constantContactApiRequest } from '../../shared/transport';
import { checkUuid } from '../../shared/validation';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Get',
	value: 'get',
	description: 'Get the state of a bulk job and the rows it could not do',
	action: 'Get an activity',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Activity ID',
		name: 'activityId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 86b90820-cc52-11ea-9dad-fa163e3d9194',
		description:
			'The ID of the bulk job, as returned by an operation run without Wait for Completion (activity_id). Constant Contact keeps jobs for 10 days.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['activity'], operation: ['get'] } },
	properties,
);

export async function prepare(this: IExecuteFunctions, i: number): Promise<string> {
	return checkUuid(this, i, 'Activity ID', this.getNodeParameter('activityId', i));
}

export async function execute(this: IExecuteFunctions, i: number, activityId: string): Promise<IDataObject> {
	return await constantContactApiRequest.call(this, {
		method: 'GET',
		path: apiPath`/activities/${activityId}`,
		expect: { idKey: 'activity_id' },
		itemIndex: i,
		hints: {
			404: `Activity ${activityId} does not exist in this Constant Contact account (jobs are kept for 10 days)`,
		},
	});
}
