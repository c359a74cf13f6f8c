/** Pieces shared by the tag operations. */
import type { IExecuteFunctions } from 'n8n-workflow';

import { LIMITS, checkLength, invalid } from '../../shared/validation';

/** A tag's name: at most 255 characters, without angle brackets (Constant Contact refuses them). */
export function checkTagName(ctx: IExecuteFunctions, i: number, value: unknown): string {
	const name = checkLength(ctx, i, 'Name', value, LIMITS.tagName).trim();
	if (!name) throw invalid(ctx, i, 'Name', 'is empty');
	if (/[<>]/.test(name)) throw invalid(ctx, i, 'Name', `"${name}" contains < or >, which Constant Contact does not allow in tag names`);
	return name;
}
