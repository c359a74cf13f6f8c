import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collection } from '../../shared/parameters';
import { constantContactApiRequest, constantContactRequestAllItems, createdSince, matchesSent } from '../../shared/transport';
import { LIMITS, checkLength } from '../../shared/validation';
import type { OperationInfo } from '../../shared/types';
import { checkTagName } from './common';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Create',
	value: 'create',
	description: 'Create a tag',
	action: 'Create a tag',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Webinar 2026',
		description: 'Unique in the account; at most 255 characters, without angle brackets',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Tag Source',
				name: 'tagSource',
				type: 'string',
				default: '',
				placeholder: 'e.g. n8n',
				description: 'Where the tag comes from; cannot be changed later',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['tag'], operation: ['create'] } }, properties);

/** Tag names: 1–255 characters without < or > (Constant Contact's rule). */
export async function prepare(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const body: IDataObject = { name: checkTagName(this, i, this.getNodeParameter('name', i)) };
	const options = collection(this, 'options', i);
	if (options.tagSource) body.tag_source = checkLength(this, i, 'Tag Source', options.tagSource, LIMITS.tagName);
	return body;
}

export async function execute(this: IExecuteFunctions, i: number, body: IDataObject): Promise<IDataObject> {
	return await constantContactApiRequest.call(this, {
		method: 'POST',
		path: '/contact_tags',
		body,
		itemIndex: i,
		hints: { 409: `A tag named "${String(body.name)}" already exists` },
		expect: { idKey: 'tag_id' },
		// If an attempt got no answer and the retry hits "already exists", the first attempt made
		// the tag: return it (an older tag of that name, or another source, is a real conflict).
		recoverConflict: async (firstAttemptAt) => {
			const found = await findTagByName(this, i, String(body.name));
			return found && createdSince(found, firstAttemptAt) && matchesSent(found, body) ? found : undefined;
		},
	});
}

/** The tag of this name, if any (names are unique regardless of case; Constant Contact has no name filter). */
async function findTagByName(ctx: IExecuteFunctions, i: number, name: string): Promise<IDataObject | undefined> {
	const tags = await constantContactRequestAllItems.call(ctx, { path: '/contact_tags', itemsKey: 'tags', pageSize: 500, itemIndex: i });
	return tags.find((t) => String(t.name).trim().toLowerCase() === name.trim().toLowerCase());
}
