/**
 * Small helpers of the list engine tests. The fakes, the credential and the per-test clean-up
 * come from the contact tests' `useContactFakes` (imported, not copied).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { ContactSuite } from '../contact/helpers';

/** Parameters of a list operation. */
export function listOp(operation: string, parameters: INodeParameters = {}): INodeParameters {
	return { resource: 'list', operation, ...parameters };
}

/** The list picker in "By ID" mode. */
export const listById = (value: string) => ({ __rl: true, mode: 'id', value });

/** The list picker in "From List" mode, as the editor stores a pick. */
export const listFromPicker = (value: string, name: string) => ({ __rl: true, mode: 'list', value, cachedResultName: name });

/** The fake's stored list (membership_count of all members), by ID. */
export function storedList(cc: ContactSuite, listId: string): IDataObject | undefined {
	const l = cc.fakes.store.lists.get(listId);
	return l ? cc.fakes.store.renderList(l, 'all') : undefined;
}

/** `METHOD /path STATUS` of every API request in this test. */
export function callsWithStatus(cc: ContactSuite): string[] {
	return cc.api().map((e) => `${e.method} ${e.path} ${e.status}`);
}

/** The UUID shape of IDs the fake makes. */
export const ANY_ID = expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

/** An ISO date-time as the fake renders it. */
export const ANY_TIME = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/);

/** `n` distinct well-formed contact IDs (none exists in the fake). */
export function fakeContactIds(n: number): string[] {
	return Array.from({ length: n }, (_, k) => `00000000-0000-4000-8000-${String(k).padStart(12, '0')}`);
}
