/**
 * Segment criteria: a JSON document that Constant Contact takes serialized into a string of at
 * most 20,000 characters (SegmentData.segment_criteria).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalid } from '../../shared/validation';

export const SEGMENT_LIMITS = { criteria: 20_000 };

const CRITERIA_DESCRIPTION =
	'Which contacts belong to the segment, as Constant Contact\'s criteria JSON (the top-level group type is "and"; sources tracking, contact, list_membership, tags). The node sends it as the string Constant Contact expects; at most 20,000 characters.';

/** Create: required, with Constant Contact's own example (did not open the last 5 campaigns). */
export const criteriaField: INodeProperties = {
	displayName: 'Segment Criteria',
	name: 'segmentCriteria',
	type: 'json',
	default:
		'{\n  "version": "1.0.0",\n  "criteria": {\n    "type": "and",\n    "group": [\n      {\n        "source": "tracking",\n        "field": "not_opened",\n        "op": "contains-any",\n        "const_value": "last-n-campaigns",\n        "param": "5"\n      }\n    ]\n  }\n}',
	required: true,
	description: CRITERIA_DESCRIPTION,
};

/** Update: optional, replaces the whole criteria. */
export const newCriteriaField: INodeProperties = {
	displayName: 'Segment Criteria',
	name: 'segmentCriteria',
	type: 'json',
	default: '',
	description:
		'Replaces the whole criteria of the segment, as Constant Contact\'s criteria JSON. The node sends it as the string Constant Contact expects; at most 20,000 characters.',
};

/** The criteria as the string Constant Contact stores, from an object or a JSON text. */
export function serializeCriteria(ctx: IExecuteFunctions, i: number, value: unknown): string {
	let parsed: unknown = value;
	if (typeof value === 'string') {
		const text = value.trim();
		if (!text) throw invalid(ctx, i, 'Segment Criteria', 'is empty');
		try {
			parsed = JSON.parse(text);
		} catch (error) {
			throw invalid(
				ctx,
				i,
				'Segment Criteria',
				`is not valid JSON (${(error as Error).message})`,
				'Enter the criteria as a JSON object, e.g. {"version":"1.0.0","criteria":{"type":"and","group":[...]}}.',
			);
		}
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		const what = parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : `a ${typeof parsed}`;
		throw invalid(
			ctx,
			i,
			'Segment Criteria',
			`must be a JSON object, not ${what}`,
			'Constant Contact expects an object such as {"version":"1.0.0","criteria":{"type":"and","group":[...]}}.',
		);
	}
	const top = (parsed as IDataObject).criteria as IDataObject | undefined;
	if (top && typeof top === 'object' && top.type !== undefined && top.type !== 'and') {
		throw invalid(
			ctx,
			i,
			'Segment Criteria',
			`has a top-level group of type "${String(top.type)}"; Constant Contact requires "and"`,
			'Put "or" groups inside the top-level "and" group.',
		);
	}
	const serialized = JSON.stringify(parsed);
	if (serialized.length > SEGMENT_LIMITS.criteria) {
		throw invalid(
			ctx,
			i,
			'Segment Criteria',
			`is ${serialized.length} characters long as JSON; Constant Contact accepts at most ${SEGMENT_LIMITS.criteria}`,
		);
	}
	return serialized;
}

export function checkSegmentName(ctx: IExecuteFunctions, i: number, field: string, value: unknown): string {
	const name = String(value ?? '').trim();
	if (!name) throw invalid(ctx, i, field, 'is empty');
	return name;
}

export const notFound = (id: string) => `Segment ${id} does not exist in this Constant Contact account`;
export const nameTaken = (name: string) => `A segment named "${name}" already exists`;
