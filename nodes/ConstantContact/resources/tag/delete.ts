import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collection } from '../../shared/parameters';
import { deleteInBackground } from '../../shared/activities';
import { pickField, waitForCompletionField } from '../../shared/descriptions';
import { readPick } from '../../shared/validation';
import { apiPath } from '../../shared/transport';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Delete',
	value: 'delete',
	description: 'Remove a tag from every contact and delete it',
	action: 'Delete a tag',
	toolNote: 'It is removed from every contact, with no way to undo it.',
};

const properties: INodeProperties[] = [
	{
		displayName:
			'Constant Contact first removes the tag from every contact, then deletes it. This runs as a background job.',
		name: 'tagDeleteNotice',
		type: 'notice',
		default: '',
	},
	pickField('tag'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [waitForCompletionField],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['tag'], operation: ['delete'] } }, properties);

interface DeleteInput {
	tagId: string;
	wait: boolean;
}

export async function prepare(this: IExecuteFunctions, i: number): Promise<DeleteInput> {
	const options = collection(this, 'options', i);
	return { tagId: readPick(this, i, 'tag', 'tag'), wait: (options.waitForCompletion as boolean | undefined) ?? true };
}

export async function execute(this: IExecuteFunctions, i: number, { tagId, wait }: DeleteInput): Promise<IDataObject> {
	return await deleteInBackground(
		this,
		i,
		{
			path: apiPath`/contact_tags/${tagId}`,
			idKey: 'tag_id',
			id: tagId,
			notFound: `Tag ${tagId} does not exist in this Constant Contact account`,
		},
		wait,
	);
}
