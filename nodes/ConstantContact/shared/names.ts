/**
 * Lists and tags by name as well as by ID. A person picks them from a dropdown (which stores
 * IDs); a workflow or an AI agent often knows only the name ("Newsletter"). Names are resolved
 * with one read of the account's lists or tags per run (after every item passed its other
 * checks, see lookups.ts); an unknown name fails the item, naming the closest names there are.
 */
import type { IDataObject } from 'n8n-workflow';

import { lookupDeferred } from './lookups';
import type { CcContext } from './transport';
import { constantContactApiRequest, constantContactRequestAllItems } from './transport';
import type { NodeContext } from './validation';
import { UUID, checkIdList, invalid, show } from './validation';

export type NamedKind = 'list' | 'tag';

const SOURCES: Record<NamedKind, { path: string; itemsKey: string; idKey: string; pageSize: number; finder: string }> = {
	list: { path: '/contact_lists', itemsKey: 'lists', idKey: 'list_id', pageSize: 500, finder: 'List → Get Many' },
	tag: { path: '/contact_tags', itemsKey: 'tags', idKey: 'tag_id', pageSize: 500, finder: 'Tag → Get Many' },
};

const cache = new WeakMap<object, Map<NamedKind, Promise<IDataObject[]>>>();

/** The account's lists or tags, read once per run. */
async function accountRecords(ctx: CcContext, i: number | undefined, kind: NamedKind): Promise<IDataObject[]> {
	let byKind = cache.get(ctx);
	if (!byKind) {
		byKind = new Map();
		cache.set(ctx, byKind);
	}
	let pending = byKind.get(kind);
	if (!pending) {
		const source = SOURCES[kind];
		pending = constantContactRequestAllItems.call(ctx, { path: source.path, itemsKey: source.itemsKey, pageSize: source.pageSize, itemIndex: i });
		byKind.set(kind, pending);
		pending.catch(() => byKind!.delete(kind));
	}
	return await pending;
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
	const row = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let x = 1; x <= a.length; x++) {
		let previous = row[0];
		row[0] = x;
		for (let y = 1; y <= b.length; y++) {
			const keep = row[y];
			row[y] = Math.min(row[y] + 1, row[y - 1] + 1, previous + (a[x - 1] === b[y - 1] ? 0 : 1));
			previous = keep;
		}
	}
	return row[b.length];
}

/** Up to three names close to `wanted`. */
export function closeMatches(wanted: string, names: string[]): string[] {
	const w = wanted.trim().toLowerCase();
	return names
		.map((name) => {
			const n = name.toLowerCase();
			const score = n.includes(w) || w.includes(n) ? 0 : distance(w, n);
			return { name, score };
		})
		.filter((c) => c.score <= Math.max(2, Math.floor(w.length / 3)))
		.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
		.slice(0, 3)
		.map((c) => c.name);
}

/**
 * A list of lists or tags from a dropdown (IDs), or from an expression: IDs, names, or both, as
 * an array or comma-separated. Answers IDs, without duplicates.
 */
export async function readIdList(
	ctx: CcContext & NodeContext,
	i: number | undefined,
	field: string,
	value: unknown,
	options: { kind: NamedKind; max: number; min?: number },
): Promise<string[]> {
	const what = `${options.kind}s`;
	const entries = checkIdList(ctx, i, field, value, { max: options.max, min: options.min, what, picker: true, names: true });
	const names = entries.filter((e) => !UUID.test(e));
	if (!names.length || lookupDeferred(ctx)) return entries;
	const source = SOURCES[options.kind];
	const records = await accountRecords(ctx, i, options.kind);
	const ids = entries.map((entry) => {
		if (UUID.test(entry)) return entry;
		const found = records.filter((r) => String(r.name ?? '').trim().toLowerCase() === entry.toLowerCase());
		if (found.length === 1) return String(found[0][source.idKey]);
		const close = closeMatches(entry, records.map((r) => String(r.name ?? '')));
		throw invalid(
			ctx,
			i,
			field,
			`contains ${show(entry)}, which is not the name of a ${options.kind} in this Constant Contact account`,
			`Give ${what} by their exact name or their ID.${close.length ? ` Close names: ${close.map((n) => `"${n}"`).join(', ')}.` : ''} ${source.finder} lists them all.`,
		);
	});
	return [...new Set(ids)];
}

/** The list of this name (any case), read with the name filter: one request. */
export async function findListByName(ctx: CcContext, i: number, name: string): Promise<IDataObject | undefined> {
	const page = await constantContactApiRequest.call(ctx, { method: 'GET', path: '/contact_lists', qs: { name, limit: 1 }, itemIndex: i });
	return ((page.lists as IDataObject[] | undefined) ?? []).find((l) => String(l.name).toLowerCase() === name.toLowerCase());
}
