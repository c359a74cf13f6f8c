import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { constantContactApiRequest, constantContactRequestAllItems, createdSince } from '../../shared/transport';
import { checkOneOf, invalid } from '../../shared/validation';
import { SELECT_TYPES, TYPES, TYPE_OPTIONS, checkLabel, choicesField, labelTaken, readChoiceLabels } from './common';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Create',
	value: 'create',
	description: 'Create a custom field',
	action: 'Create a custom field',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Label',
		name: 'label',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Favorite Fruit',
		description:
			'Unique in the account; at most 50 characters. Constant Contact derives the field\'s name from it (spaces become underscores).',
	},
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		default: 'string',
		required: true,
		options: TYPE_OPTIONS,
		description: 'What the field holds; cannot be changed later',
	},
	{
		...choicesField('What contacts can pick from; at least one, at most 100'),
		displayOptions: { show: { type: SELECT_TYPES } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customField'], operation: ['create'] } },
	properties,
);

export async function prepare(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const label = checkLabel(this, i, 'Label', this.getNodeParameter('label', i));
	const type = checkOneOf(this, i, 'Type', this.getNodeParameter('type', i), TYPES);
	const body: IDataObject = { label, type };
	if (SELECT_TYPES.includes(type)) {
		const labels = readChoiceLabels(this, i, this.getNodeParameter('choices', i, {}));
		if (!labels.length) {
			throw invalid(this, i, 'Choices', 'is empty', `A ${type} field needs at least one choice.`);
		}
		body.choices = labels.map((choice_label, k) => ({ choice_label, display_order: k + 1 }));
	}
	return body;
}


export async function execute(this: IExecuteFunctions, i: number, body: IDataObject): Promise<IDataObject> {
	const label = String(body.label);
	return await constantContactApiRequest.call(this, {
		method: 'POST',
		path: '/contact_custom_fields',
		body,
		itemIndex: i,
		hints: { 409: labelTaken(label) },
		expect: { idKey: 'custom_field_id' },
		// If an attempt failed without an answer and the retry hits "already exists", the first
		// attempt created the field: return it instead of failing.
		recoverConflict: async (firstAttemptAt) => {
			const fields = await constantContactRequestAllItems.call(this, {
				path: '/contact_custom_fields',
				itemsKey: 'custom_fields',
				pageSize: 100,
				itemIndex: i,
			});
			const found = fields.find((f) => String(f.label ?? '').toLowerCase() === label.toLowerCase());
			const ours = found && found.type === body.type && createdSince(found, firstAttemptAt);
			return ours ? found : undefined;
		},
	});
}
