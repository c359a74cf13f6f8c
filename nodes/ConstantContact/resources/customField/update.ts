import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collection } from '../../shared/parameters';
import { pickField } from '../../shared/descriptions';
import { apiPath, constantContactApiRequest } from '../../shared/transport';
import { checkOneOf, invalid, readPick } from '../../shared/validation';
import {
	CUSTOM_FIELD_LIMITS,
	SELECT_TYPES,
	checkLabel,
	choicesField,
	labelTaken,
	notFound,
	readChoiceLabels,
} from './common';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Update',
	value: 'update',
	description: 'Change the label or the choices of a custom field',
	action: 'Update a custom field',
};

const CHOICE_MODES = ['add', 'replace'] as const;
type ChoiceMode = (typeof CHOICE_MODES)[number];

const properties: INodeProperties[] = [
	{
		displayName:
			'Only the label and the choices of a field can change. Everything you leave out keeps its current value.',
		name: 'customFieldUpdateNotice',
		type: 'notice',
		default: '',
	},
	pickField('customField'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			choicesField('Choices of a Single Select or Multi Select field. How they combine with the current choices is set by Choices Handling.'),
			{
				displayName: 'Choices Handling',
				name: 'choicesMode',
				type: 'options',
				default: 'add',
				description: 'What happens to the choices the field already has',
				options: [
					{
						name: 'Add to Existing',
						value: 'add',
						description: 'Keep every current choice and add the new ones at the end',
					},
					{
						name: 'Replace All',
						value: 'replace',
						description:
							'The field gets exactly these choices in this order. Current choices with the same label are kept (contacts keep them); the others are removed.',
					},
				],
			},
			{
				displayName: 'New Label',
				name: 'label',
				type: 'string',
				default: '',
				placeholder: 'e.g. Favorite Fruit',
				description: 'Unique in the account; at most 50 characters',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customField'], operation: ['update'] } },
	properties,
);

interface UpdateInput {
	customFieldId: string;
	label?: string;
	choices?: string[];
	mode: ChoiceMode;
}

export async function prepare(this: IExecuteFunctions, i: number): Promise<UpdateInput> {
	const customFieldId = readPick(this, i, 'customField', 'customField');
	const fields = collection(this, 'updateFields', i);
	const input: UpdateInput = {
		customFieldId,
		mode: fields.choicesMode === undefined ? 'add' : checkOneOf(this, i, 'Choices Handling', fields.choicesMode, CHOICE_MODES),
	};
	if (fields.label !== undefined) input.label = checkLabel(this, i, 'New Label', fields.label);
	if (fields.choices !== undefined) {
		input.choices = readChoiceLabels(this, i, fields.choices);
		if (!input.choices.length && input.mode === 'add') delete input.choices;
		if (input.choices && !input.choices.length) {
			throw invalid(this, i, 'Choices', 'is empty', 'A select field needs at least one choice; add choices or use Choices Handling "Add to Existing".');
		}
	}
	if (input.label === undefined && input.choices === undefined) {
		throw invalid(this, i, 'Update Fields', 'is empty', 'Add New Label or Choices: those are what can change.');
	}
	return input;
}

interface Choice {
	choice_id?: number;
	choice_label: string;
	display_order: number;
}

/** The field's choices after the update, in Constant Contact's CustomFieldChoicePutRequest shape. */
function mergeChoices(current: IDataObject[], labels: string[] | undefined, mode: ChoiceMode): Choice[] {
	const existing: Choice[] = [...current]
		.sort((a, b) => Number(a.display_order ?? 0) - Number(b.display_order ?? 0))
		.map((c) => ({
			choice_id: c.choice_id as number,
			choice_label: String(c.choice_label ?? ''),
			display_order: Number(c.display_order ?? 0),
		}));
	if (labels === undefined) return existing;
	const byLabel = new Map(existing.map((c) => [c.choice_label.toLowerCase(), c]));
	const wanted: Choice[] =
		mode === 'replace'
			? labels.map((label) => byLabel.get(label.toLowerCase()) ?? { choice_label: label, display_order: 0 })
			: [
					...existing,
					...labels
						.filter((label) => !byLabel.has(label.toLowerCase()))
						.map((label) => ({ choice_label: label, display_order: 0 })),
				];
	return wanted.map((c, k) => {
		const choice: Choice = { choice_label: c.choice_label, display_order: k + 1 };
		if (c.choice_id !== undefined) choice.choice_id = c.choice_id;
		return choice;
	});
}

export async function execute(this: IExecuteFunctions, i: number, input: UpdateInput): Promise<IDataObject> {
	const { customFieldId } = input;
	const hints = { 404: notFound(customFieldId) };
	// PUT sets every property it is not given to null: read the field and send back what stays.
	const field = await constantContactApiRequest.call(this, {
		method: 'GET',
		path: apiPath`/contact_custom_fields/${customFieldId}`,
		itemIndex: i,
		hints,
	});
	const type = String(field.type ?? '');
	const currentChoices = (field.choices as IDataObject[] | undefined) ?? [];
	if (input.choices !== undefined && !SELECT_TYPES.includes(type)) {
		throw invalid(
			this,
			i,
			'Choices',
			`cannot be set: custom field "${String(field.label)}" is of type ${type}`,
			'Only Single Select and Multi Select fields have choices.',
		);
	}
	const label = input.label ?? String(field.label ?? '');
	const body: IDataObject = { label };
	if (input.choices !== undefined || currentChoices.length) {
		const choices = mergeChoices(currentChoices, input.choices, input.mode);
		if (choices.length > CUSTOM_FIELD_LIMITS.choices) {
			throw invalid(
				this,
				i,
				'Choices',
				`would give the field ${choices.length} choices; Constant Contact accepts at most ${CUSTOM_FIELD_LIMITS.choices}`,
			);
		}
		body.choices = choices as unknown as IDataObject[];
	}
	return await constantContactApiRequest.call(this, {
		method: 'PUT',
		path: apiPath`/contact_custom_fields/${customFieldId}`,
		body,
		itemIndex: i,
		hints: { ...hints, 409: labelTaken(label) },
	});
}
