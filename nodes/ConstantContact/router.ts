import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { resources } from './resources';
import { withoutLookups } from './shared/lookups';
import { checkParameters } from './shared/parameters';
import { guardError, relearnSecrets, scrubberFor, UnknownOutcome, UnsafeRequestError } from './shared/transport';
import type { BatchResult } from './shared/types';
import { SharedResult } from './shared/types';

/**
 * Runs the chosen operation for every input item: first `prepare` for all items (checks, no
 * writes), then `execute` for each, in order. Items go one after another through the
 * transport, so a burst of items never races itself (only the first can trigger a token
 * refresh) and the rate limit holds.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const op = resources[resource]?.operations[operation];
	// Learn the credential's secrets first, so that even an error before any request is scrubbed.
	await relearnSecrets(this);
	if (!op) {
		throw new NodeOperationError(this.getNode(), `"${resource}: ${operation}" is not an operation of this node`, {
			description:
				'For an endpoint this node does not cover, use the HTTP Request node with the "Constant Contact OAuth2 API" credential (Authentication: Predefined Credential Type).',
		});
	}

	// First every item is read and checked without any request, so that one item's mistake stops
	// the node before anything is sent; then the items whose checks need a read of the account
	// (a custom field by name, a sender address) are checked again with it.
	const prepared: Array<{ input?: unknown; error?: Error; deferred?: boolean }> = [];
	for (let i = 0; i < items.length; i++) {
		try {
			checkParameters(this, i, op.description);
			const { value, deferred } = await withoutLookups(this, async () => await op.prepare.call(this, i));
			prepared.push({ input: value, deferred });
		} catch (error) {
			if (!this.continueOnFail()) throw forCaller(this, await guardError(this, asNodeError(this, error, i)));
			prepared.push({ error });
		}
	}
	for (let i = 0; i < items.length; i++) {
		if (!prepared[i].deferred) continue;
		try {
			prepared[i] = { input: await op.prepare.call(this, i) };
		} catch (error) {
			if (!this.continueOnFail()) throw forCaller(this, await guardError(this, asNodeError(this, error, i)));
			prepared[i] = { error };
		}
	}

	// Bulk operations with Batch on: all valid items in as few requests as possible.
	let batched: Map<number, BatchResult> | undefined;
	if (op.executeBatch && op.useBatch?.call(this)) {
		const valid = prepared.flatMap((p, itemIndex) => (p.error ? [] : [{ itemIndex, input: p.input }]));
		const results = valid.length ? await op.executeBatch.call(this, valid) : [];
		batched = new Map(valid.map((v, n) => [v.itemIndex, results[n]]));
	}

	// Then the items run one after another.
	const output: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			if (prepared[i].error) throw prepared[i].error;
			const batchResult = batched?.get(i);
			if (batchResult instanceof Error) throw batchResult;
			if (batchResult instanceof SharedResult) {
				output.push({ json: batchResult.json, pairedItem: batchResult.itemIndexes.map((item) => ({ item })) });
				continue;
			}
			const result = batched ? (batchResult as IDataObject | IDataObject[]) : await op.execute.call(this, i, prepared[i].input);
			const items = this.helpers.constructExecutionMetaData(
				this.helpers.returnJsonArray(result as IDataObject | IDataObject[]),
				{ itemData: { item: i } },
			);
			// One by one: an item may hold any number of records, never spread into call arguments.
			for (const item of items) output.push(item);
		} catch (caught) {
			// An unclear write is the item's output, not an error that invites running it again.
			if (caught instanceof UnknownOutcome) {
				output.push({ json: scrubberFor(this).deep(caught.json), pairedItem: { item: i } });
				continue;
			}
			const error = forCaller(this, await guardError(this, asNodeError(this, caught, i))) as NodeApiError;
			if (!this.continueOnFail()) {
				if (batched) noteWritten(error, batched, i);
				throw error;
			}
			const json: IDataObject = { error: error.message };
			if (error.description) json.description = error.description;
			if (error.httpCode) json.httpCode = error.httpCode;
			output.push({ json, pairedItem: { item: i } });
		}
	}
	return [output];
}

/**
 * Without Continue On Fail the first failed item of a batch stops the node: its error says how
 * many items of the run Constant Contact had already taken (their results are not shown).
 */
function noteWritten(error: NodeApiError, batched: Map<number, BatchResult>, failedIndex: number): void {
	const results = [...batched.entries()];
	const done = results.filter(([, r]) => !(r instanceof Error)).map(([index]) => index);
	const unknown = results.filter(([, r]) => r instanceof UnknownOutcome).length;
	if (!done.length && !unknown) return;
	const failed = results.filter(([index, r]) => index !== failedIndex && r instanceof Error && !(r instanceof UnknownOutcome)).length;
	const listed = done.length && done.length <= 20 ? ` (items ${done.join(', ')})` : '';
	error.description = [
		error.description,
		`${done.length} of ${batched.size} items of this run were already written to Constant Contact${listed}` +
			`${unknown ? `, ${unknown} may have been (their answer was lost)` : ''}` +
			`${failed ? `, ${failed} other items failed too` : ''}. Turn on Continue On Fail (Settings → On Error) to see every item's result; running the whole run again repeats those items.`,
	]
		.filter(Boolean)
		.join(' ');
}

/**
 * Run as an AI agent's tool, an error reaches the model as its message alone (n8n 2.x hands on
 * only the message unless the tool node continues on error): the description, which says how to
 * fix the input, goes into the message there.
 */
function forCaller<E>(ctx: IExecuteFunctions, error: E): E {
	const e = error as E & { message?: string; description?: string | null };
	const asTool = ctx.getNode().type.endsWith('Tool');
	if (asTool && e.description && e.message && !e.message.includes(e.description)) {
		e.message = `${e.message.replace(/\.$/, '')}. ${e.description}`;
	}
	return error;
}

/** The error with the item index set; errors that are not n8n's become a NodeOperationError. */
function asNodeError(ctx: IExecuteFunctions, error: Error, itemIndex: number): NodeApiError | NodeOperationError {
	// Both constructors hand back the instance they are given: this only adds the item index.
	if (error instanceof NodeApiError) {
		error.context.itemIndex ??= itemIndex;
		return new NodeApiError(ctx.getNode(), error as unknown as JsonObject);
	}
	if (error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return new NodeOperationError(ctx.getNode(), error);
	}
	if (error instanceof UnsafeRequestError) {
		return new NodeOperationError(ctx.getNode(), error.message, { description: error.description, itemIndex });
	}
	return new NodeOperationError(ctx.getNode(), String(error?.message ?? error), { itemIndex });
}
