/**
 * Strict reading of parameters, for every operation at once, before its own checks: what an
 * expression gives must fit the field's type. Text fields take text or numbers (an object or a
 * list would be written as "[object Object]" or "Ann,Bob"), option fields one of their options,
 * numbers whole numbers within the field's range, switches true or false. `null` and `undefined`
 * mean "not set" and pass here; the operation treats them as absent. Fields hidden by their
 * display options are not read.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	NodeParameterValueType,
} from 'n8n-workflow';

import { shorten } from './transport';
import { invalid, kindOf } from './validation';

/**
 * Text fields that take structured values on purpose (lists of IDs from an expression, segment
 * criteria as an object): their operations check them.
 */
const STRUCTURED = new Set(['lists', 'tags', 'contactIds', 'ids', 'v2Ids', 'criteria', 'segmentCriteria', 'emailAddresses', 'campaignIds']);

function shown(property: INodeProperties, read: (name: string) => unknown): boolean {
	const { show: showIf, hide } = property.displayOptions ?? {};
	const matches = (rules: IDataObject) =>
		Object.entries(rules).every(([name, allowed]) => {
			if (name === 'resource' || name === 'operation' || name.startsWith('@') || name.startsWith('/')) return true;
			return (allowed as unknown[]).includes(read(name) as never);
		});
	if (showIf && !matches(showIf as IDataObject)) return false;
	if (hide && Object.keys(hide).length && Object.entries(hide).some(([name, values]) => !name.startsWith('@') && (values as unknown[]).includes(read(name) as never))) return false;
	return true;
}

function check(ctx: IExecuteFunctions, i: number, property: INodeProperties, value: unknown, label: string): void {
	if (value === undefined || value === null) return;
	switch (property.type) {
		case 'string':
			if (STRUCTURED.has(property.name)) return;
			if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
				throw invalid(ctx, i, label, `is ${kindOf(value)}; it takes text or a number`, 'Map a single value here, e.g. {{ $json.name }}, not an object or a list.');
			}
			return;
		case 'number': {
			if (typeof value === 'string' && value.trim() === '') return; // an empty expression: not set
			const { minValue, maxValue } = property.typeOptions ?? {};
			const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
			if (typeof n !== 'number' || !Number.isInteger(n)) {
				throw invalid(ctx, i, label, `is ${kindOf(value)}; it takes a whole number`);
			}
			if ((minValue !== undefined && n < minValue) || (maxValue !== undefined && n > maxValue)) {
				const range = maxValue === undefined ? `at least ${minValue}` : `from ${minValue ?? '…'} to ${maxValue}`;
				throw invalid(ctx, i, label, `is ${n}; it takes a whole number ${range}`);
			}
			return;
		}
		case 'boolean':
			if (typeof value !== 'boolean') throw invalid(ctx, i, label, `is ${kindOf(value)}; it takes true or false`);
			return;
		case 'options':
		case 'multiOptions': {
			if (property.typeOptions?.loadOptionsMethod) return; // the account's own values: the operation checks them
			const allowed = ((property.options ?? []) as INodePropertyOptions[]).map((o) => o.value);
			const values =
				property.type !== 'multiOptions' ? [value] : Array.isArray(value) ? value : typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : [value];
			const bad = values.find((v) => !allowed.includes(v as never));
			if (bad !== undefined) {
				const names = ((property.options ?? []) as INodePropertyOptions[]).map((o) => `${JSON.stringify(o.value)} (${o.name})`);
				throw invalid(ctx, i, label, `is ${kindOf(bad ?? value)}, which is not one of: ${shorten(allowed.join(', '), 200)}`, `The options are ${names.join(', ')}.`);
			}
			return;
		}
		case 'collection': {
			if (typeof value !== 'object' || Array.isArray(value)) throw invalid(ctx, i, label, `is ${kindOf(value)}; it takes a set of fields`);
			for (const [key, v] of Object.entries(value as IDataObject)) {
				const sub = ((property.options ?? []) as INodeProperties[]).find((p) => p.name === key);
				if (sub) check(ctx, i, sub, v, `${label} → ${sub.displayName}`);
			}
			return;
		}
		case 'fixedCollection': {
			if (typeof value !== 'object' || Array.isArray(value)) throw invalid(ctx, i, label, `is ${kindOf(value)}; it takes a set of fields`);
			for (const [group, entries] of Object.entries(value as IDataObject)) {
				const spec = ((property.options ?? []) as INodePropertyCollection[]).find((c) => c.name === group);
				if (!spec || entries === undefined || entries === null) continue;
				for (const entry of Array.isArray(entries) ? entries : [entries]) {
					if (!entry || typeof entry !== 'object') throw invalid(ctx, i, `${label} → ${spec.displayName}`, `is ${kindOf(entry)}; it takes a set of fields`);
					for (const [key, v] of Object.entries(entry as IDataObject)) {
						const sub = spec.values.find((p) => p.name === key);
						if (sub) check(ctx, i, sub, v, `${label} → ${sub.displayName}`);
					}
				}
			}
			return;
		}
		default:
			return;
	}
}

/** Checks every shown parameter of an operation for item `i`; throws the first mismatch. */
export function checkParameters(ctx: IExecuteFunctions, i: number, properties: INodeProperties[]): void {
	const read = (name: string) => ctx.getNodeParameter(name, i, undefined as unknown as NodeParameterValueType);
	for (const property of properties) {
		if (!shown(property, read)) continue;
		if (property.type === 'notice' || property.type === 'resourceLocator' || property.type === 'hidden') continue;
		check(ctx, i, property, read(property.name), property.displayName);
	}
}

/**
 * A collection parameter (Additional Fields, Update Fields, Options, Filters) without the entries
 * that are not set: `null` or `undefined` from an expression, and an empty text from an
 * expression (an AI agent's `$fromAI` fills an optional value it does not know with ""). A field
 * a person added and left empty by hand keeps its meaning (e.g. an empty description clears it).
 */
export function collection(ctx: Pick<IExecuteFunctions, 'getNodeParameter' | 'getNode'>, name: string, i: number): IDataObject {
	const value = ctx.getNodeParameter(name, i, {}) as IDataObject | null;
	const raw = (ctx.getNode().parameters?.[name] ?? {}) as IDataObject;
	const fromExpression = (key: string) => typeof raw[key] === 'string' && (raw[key] as string).startsWith('=');
	const out: IDataObject = {};
	for (const [key, v] of Object.entries(value ?? {})) {
		if (v === null || v === undefined) continue;
		if (typeof v === 'string' && v.trim() === '' && fromExpression(key)) continue;
		out[key] = v;
	}
	return out;
}
