/**
 * Searchable pickers ("From List" mode of the resource locators). Each call reads ONE page of
 * the endpoint's largest size and hands n8n the next link as the pagination token, so opening
 * or scrolling a picker costs one request at a time, and nothing is read that is not shown.
 * Constant Contact has no name search for these endpoints: the filter is applied to each page.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { CcRequest } from '../shared/transport';
import { constantContactApiRequest, nextPageRequest, pageRecords } from '../shared/transport';

interface Source {
	path: string;
	itemsKey: string;
	pageSize: number;
	qs?: IDataObject;
	name: (record: IDataObject) => string;
	id: (record: IDataObject) => string;
}

async function searchPage(
	ctx: ILoadOptionsFunctions,
	source: Source,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	// A pagination token comes back from the editor: it is checked like any link from an answer.
	const request: CcRequest | undefined = paginationToken
		? await nextPageRequest(ctx, { _links: { next: { href: paginationToken } } }, undefined, new Set(), source.path)
		: { method: 'GET', path: source.path, qs: { ...(source.qs ?? {}), limit: source.pageSize } };
	if (!request) return { results: [] };
	const page = await constantContactApiRequest.call(ctx, request);
	const wanted = (filter ?? '').trim().toLowerCase();
	const results = pageRecords(ctx, page, source.itemsKey, request)
		.map((record) => ({ name: source.name(record), value: source.id(record) }))
		.filter((r) => !wanted || r.name.toLowerCase().includes(wanted));
	const next = ((page._links as IDataObject | undefined)?.next as IDataObject | undefined)?.href;
	return { results, paginationToken: typeof next === 'string' && next ? next : undefined };
}

/** A picker method over one endpoint. */
function searcher(source: Source) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		return await searchPage(this, source, filter, paginationToken);
	};
}

export const searchLists = searcher({
	path: '/contact_lists',
	itemsKey: 'lists',
	pageSize: 500,
	name: (r) => String(r.name),
	id: (r) => String(r.list_id),
});

export const searchTags = searcher({
	path: '/contact_tags',
	itemsKey: 'tags',
	pageSize: 500,
	name: (r) => String(r.name),
	id: (r) => String(r.tag_id),
});

export const searchCustomFields = searcher({
	path: '/contact_custom_fields',
	itemsKey: 'custom_fields',
	pageSize: 100,
	name: (r) => String(r.label ?? r.name),
	id: (r) => String(r.custom_field_id),
});

export const searchSegments = searcher({
	path: '/segments',
	itemsKey: 'segments',
	pageSize: 1000,
	qs: { sort_by: 'name' },
	name: (r) => String(r.name),
	id: (r) => String(r.segment_id),
});

export const searchCampaigns = searcher({
	path: '/emails',
	itemsKey: 'campaigns',
	pageSize: 500,
	name: (r) => `${String(r.name)}${r.current_status ? ` (${String(r.current_status)})` : ''}`,
	id: (r) => String(r.campaign_id),
});
