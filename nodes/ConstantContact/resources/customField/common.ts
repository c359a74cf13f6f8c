/**
 * What the custom field operations share: the nine types, the choices of select fields and
 * their checks (Constant Contact's CustomFieldRequest: label ≤ 50, type ≤ 20, choices ≤ 100 of
 * ≤ 255 characters each).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { checkLength, invalid } from '../../shared/validation';

export const CUSTOM_FIELD_LIMITS = { label: 50, choices: 100, choiceLabel: 255 };

export const TYPE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Boolean (Yes/No)', value: 'boolean' },
	{ name: 'Currency', value: 'currency' },
	{ name: 'Date', value: 'date' },
	{ name: 'Date and Time', value: 'datetime' },
	{ name: 'Multi Select (Several Choices)', value: 'multi_select' },
	{ name: 'Number', value: 'number' },
	{ name: 'Single Select (One Choice)', value: 'single_select' },
	{ name: 'Text', value: 'string' },
	{ name: 'Text Area (Long Text)', value: 'text_area' },
];

export const TYPES = TYPE_OPTIONS.map((o) => String(o.value));
export const SELECT_TYPES = ['single_select', 'multi_select'];

export function choicesField(description: string): INodeProperties {
	return {
		displayName: 'Choices',
		name: 'choices',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Choice',
		description,
		options: [
			{
				displayName: 'Choice',
				name: 'choice',
				values: [
					{
						displayName: 'Label',
						name: 'label',
						type: 'string',
						default: '',
						placeholder: 'e.g. Apple',
						description: 'What contacts see; at most 255 characters',
					},
				],
			},
		],
	};
}

/**
 * The choice labels of a Choices field, in order: trimmed, none empty, none twice (ignoring
 * case), at most 100. Accepts the field's own shape `{ choice: [{ label }] }`, or a list of
 * labels (strings or `{ label }`) from an expression.
 */
export function readChoiceLabels(ctx: IExecuteFunctions, i: number, value: unknown): string[] {
	let raw: unknown[] = [];
	if (Array.isArray(value)) raw = value;
	else if (value && typeof value === 'object') raw = ((value as IDataObject).choice as unknown[] | undefined) ?? [];
	else if (typeof value === 'string' && value.trim()) {
		throw invalid(ctx, i, 'Choices', 'must be a list of choices', 'Add one entry per choice.');
	}
	const labels: string[] = [];
	const seen = new Set<string>();
	raw.forEach((entry, k) => {
		const text = entry && typeof entry === 'object' ? (entry as IDataObject).label : entry;
		const label = checkLength(ctx, i, `Choices (choice ${k + 1})`, text, CUSTOM_FIELD_LIMITS.choiceLabel).trim();
		if (!label) throw invalid(ctx, i, 'Choices', `has an empty label at choice ${k + 1}`);
		if (seen.has(label.toLowerCase())) throw invalid(ctx, i, 'Choices', `contains "${label}" twice`);
		seen.add(label.toLowerCase());
		labels.push(label);
	});
	if (labels.length > CUSTOM_FIELD_LIMITS.choices) {
		throw invalid(
			ctx,
			i,
			'Choices',
			`has ${labels.length} choices; Constant Contact accepts at most ${CUSTOM_FIELD_LIMITS.choices}`,
		);
	}
	return labels;
}

export function checkLabel(ctx: IExecuteFunctions, i: number, field: string, value: unknown): string {
	const label = checkLength(ctx, i, field, String(value ?? '').trim(), CUSTOM_FIELD_LIMITS.label);
	if (!label) throw invalid(ctx, i, field, 'is empty');
	return label;
}

export const notFound = (id: string) => `Custom field ${id} does not exist in this Constant Contact account`;
export const labelTaken = (label: string) => `A custom field labelled "${label}" already exists`;
