/**
 * Reading collections: `_links.next.href` is followed page after page, each link checked to stay
 * inside the API, a link seen before ends the paging with an error instead of a loop, and a page
 * of the wrong shape is an error, not an empty result.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { clock } from './clock';
import { UnsafeRequestError, resolveLink, shorten } from './origin';
import { apiContext, constantContactRequestFull, refuse } from './request';
import type { CcContext, CcRequest } from './settings';
import { describeRequest, plan, transportSettings } from './settings';

export interface PagedRequest {
	path: string;
	qs?: IDataObject;
	/** Property of the response that holds the records, e.g. `contacts`. */
	itemsKey: string;
	/** The endpoint's largest `limit`. */
	pageSize: number;
	/** Stop after this many records; undefined = all. */
	max?: number;
	/** Stop after the page for which this answers true (newest-first endpoints read back to a point). */
	until?: (page: IDataObject[]) => boolean;
	/** Only records for which this answers true are collected (and count towards `max`). */
	keep?: (record: IDataObject) => boolean;
	itemIndex?: number;
}

/** The records of one page; a page without the key holds none, any other shape is an error. */
export function pageRecords(ctx: CcContext, page: IDataObject, itemsKey: string, req: CcRequest): IDataObject[] {
	const records = page[itemsKey];
	if (records === undefined || records === null) return [];
	const bad = !Array.isArray(records) ? records : records.find((r) => !r || typeof r !== 'object' || Array.isArray(r));
	if (bad !== undefined) {
		throw new NodeOperationError(ctx.getNode(), `Constant Contact's answer has an unexpected shape`, {
			description: `${describeRequest(req)}: "${itemsKey}" should be a list of records, but held ${shorten(bad)}. Nothing was handed on from this answer.`,
			itemIndex: req.itemIndex,
		});
	}
	return records as IDataObject[];
}

/** The next page's request, or undefined at the end. */
export async function nextPageRequest(
	ctx: CcContext,
	page: IDataObject,
	itemIndex: number | undefined,
	seen: Set<string>,
	/** The endpoint's path (below the API address): a next page is a page of the same endpoint. */
	endpoint: string,
): Promise<CcRequest | undefined> {
	const href: unknown = ((page._links as IDataObject | undefined)?.next as IDataObject | undefined)?.href;
	if (href === undefined || href === null || href === '') return undefined;
	const { api, scrub } = await apiContext(ctx);
	let url: string;
	try {
		url = resolveLink(api, href);
		if (new URL(url).pathname !== `${api.prefix}${endpoint}`) {
			throw new UnsafeRequestError(
				'Refused a next-page link to another endpoint',
				`A page of ${endpoint} pointed its next page at "${shorten(url.replace(api.origin, ''))}". Nothing was sent there.`,
			);
		}
	} catch (error) {
		refuse(ctx, scrub, error, itemIndex);
	}
	if (seen.has(url)) {
		throw new NodeOperationError(ctx.getNode(), 'Constant Contact gave a next-page link that was already read', {
			description: `Reading stopped instead of going round in a loop at "${scrub.text(shorten(url.replace(api.origin, '')))}". Run the workflow again; if it persists, narrow the filters.`,
			itemIndex,
		});
	}
	seen.add(url);
	return { method: 'GET', url, itemIndex, expect: 'object' };
}

/**
 * Follows `_links.next.href` until there is no next page or `max` records are collected.
 * Requests pages of the endpoint's maximum size, or fewer when `max` needs fewer.
 */
export async function constantContactRequestAllItems(this: CcContext, req: PagedRequest): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	const seen = new Set<string>();
	const firstLimit = req.max === undefined ? req.pageSize : Math.min(req.pageSize, req.max);
	let next: CcRequest | undefined = {
		method: 'GET',
		path: req.path,
		qs: { ...(req.qs ?? {}), limit: firstLimit },
		itemIndex: req.itemIndex,
		expect: 'object',
	};
	while (next) {
		const page: IDataObject = await requestPage.call(this, next);
		const records = pageRecords(this, page, req.itemsKey, next);
		// One by one: a page of any size, never spread into call arguments.
		for (const record of records) if (!req.keep || req.keep(record)) results.push(record);
		if (req.max !== undefined && results.length >= req.max) return results.slice(0, req.max);
		if (req.until?.(records)) return results;
		next = records.length ? await nextPageRequest(this, page, req.itemIndex, seen, req.path) : undefined;
	}
	return results;
}

/** A GET that may answer 202 "processing" (segments) until its result is ready. */
export async function requestPage(this: CcContext, req: CcRequest): Promise<IDataObject> {
	for (let poll = 0; ; poll++) {
		const { statusCode, body } = await constantContactRequestFull.call(this, req);
		if (statusCode !== 202) return body;
		if (poll + 1 >= transportSettings.maxProcessingPolls) {
			throw new NodeOperationError(this.getNode(), 'Constant Contact is still preparing the result', {
				description: `The request (${req.method} ${req.path ?? 'next page'}) was answered "processing" ${poll + 1} times. Segments can take a while to compute; run the workflow again later.`,
				itemIndex: req.itemIndex,
			});
		}
		await clock.sleep(plan('processing', transportSettings.processingPollMs, req));
	}
}
