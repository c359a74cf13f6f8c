/**
 * Moving from the v2 API: v2 IDs (numbers) to v3 IDs through Constant Contact's cross-reference
 * endpoints. All items' IDs are looked up together, as many per request as the endpoint takes,
 * and every ID comes out as its own item (paired with the item it came from).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { constantContactApiRequest } from '../../shared/transport';
import type { BatchItem, Operation } from '../../shared/types';
import { invalid, show } from '../../shared/validation';

interface XrefSpec {
	operation: string;
	what: string;
	path: string;
	/** Query parameter taking the comma-separated v2 IDs. */
	param: string;
	/** Most IDs per request (Constant Contact's limit). */
	batch: number;
	/** Property of each xref holding the v2 ID. */
	oldIdField: string;
	/** Properties of each xref holding the v3 IDs. */
	newIdFields: string[];
}

/** v2 IDs are compared without leading zeros (Constant Contact may pad them). */
const normalize = (id: string) => id.replace(/^0+(?=\d)/, '');

export function xrefOperation(spec: XrefSpec): Omit<Operation<string[]>, 'operation'> {
	const properties: INodeProperties[] = [
		{
			displayName: `V2 ${spec.what} IDs`,
			name: 'v2Ids',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 1100567546598, 1100567546599',
			description: `The ${spec.what.toLowerCase()} IDs from the v2 API (numbers), separated by commas, or an array from an expression`,
		},
	];

	async function prepare(this: IExecuteFunctions, i: number): Promise<string[]> {
		const raw = this.getNodeParameter('v2Ids', i) as unknown;
		const ids = (Array.isArray(raw) ? raw : String(raw ?? '').split(','))
			.map((v) => String(v ?? '').trim())
			.filter((v) => v !== '');
		if (!ids.length) throw invalid(this, i, `V2 ${spec.what} IDs`, 'is empty');
		// v2 IDs are 64-bit numbers: at most 19 digits.
		const bad = ids.find((id) => !/^\d{1,19}$/.test(id));
		if (bad) {
			throw invalid(this, i, `V2 ${spec.what} IDs`, `contains ${show(bad)}, which is not a v2 ID`, 'v2 IDs are whole numbers, e.g. 1100567546598.');
		}
		return [...new Set(ids)];
	}

	async function executeBatch(
		this: IExecuteFunctions,
		items: Array<BatchItem<string[]>>,
	): Promise<IDataObject[][]> {
		const all = [...new Set(items.flatMap((item) => item.input.map(normalize)))];
		const found = new Map<string, IDataObject>();
		for (let start = 0; start < all.length; start += spec.batch) {
			const page = await constantContactApiRequest.call(this, {
				method: 'GET',
				path: spec.path,
				qs: { [spec.param]: all.slice(start, start + spec.batch).join(',') },
				itemIndex: items[0].itemIndex,
			});
			for (const xref of (page.xrefs as IDataObject[] | undefined) ?? []) {
				found.set(normalize(String(xref[spec.oldIdField])), xref);
			}
		}
		return items.map(({ input }) =>
			input.map((v2Id) => {
				const xref = found.get(normalize(v2Id));
				const out: IDataObject = { v2_id: v2Id, found: !!xref };
				for (const key of spec.newIdFields) out[key] = xref?.[key] ?? null;
				return out;
			}),
		);
	}

	return {
		description: updateDisplayOptions({ show: { resource: ['migration'], operation: [spec.operation] } }, properties),
		prepare,
		async execute(this: IExecuteFunctions, i: number, input: string[]) {
			return (await executeBatch.call(this, [{ itemIndex: i, input }]))[0];
		},
		useBatch: () => true,
		executeBatch,
	};
}
