import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** An operation as the Operation dropdown shows it. */
export interface OperationInfo {
	name: string;
	value: string;
	description: string;
	/**
	 * What n8n names a node of this operation ("Create or update a contact"): short, as node names
	 * are shown on the canvas and in every error.
	 */
	action: string;
	/**
	 * Side effects an AI model must know before it uses the operation as a tool (who gets e-mail,
	 * what cannot be undone): added to the tool's description, not to the node's name.
	 */
	toolNote?: string;
}

/**
 * One operation: its fields (with displayOptions) and its code in two steps. The router first
 * prepares every item (reads and checks the parameters, sends nothing that changes data), and
 * only when all items are valid runs `execute` for each. So one bad item stops the node before
 * anything is written, and fixing it and running again cannot duplicate earlier items.
 */
export interface Operation<Input = unknown> {
	/** Its entry in the Operation dropdown: declared once, in the operation's file. */
	operation: OperationInfo;
	description: INodeProperties[];
	prepare(this: IExecuteFunctions, itemIndex: number): Promise<Input>;
	execute(this: IExecuteFunctions, itemIndex: number, input: Input): Promise<IDataObject | IDataObject[]>;
	/**
	 * Bulk operations: when `useBatch` says so (the user's Batch option), all prepared items go
	 * to `executeBatch` together, which answers one result (or error) per item, in order.
	 */
	useBatch?(this: IExecuteFunctions): boolean;
	executeBatch?(
		this: IExecuteFunctions,
		items: Array<BatchItem<Input>>,
	): Promise<Array<BatchResult>>;
}

/**
 * One output item that stands for several input items (a whole run that became one send):
 * the router pairs it with every one of them, so expressions like `$('Webhook').item` resolve.
 */
export class SharedResult {
	constructor(
		readonly json: IDataObject,
		readonly itemIndexes: number[],
	) {}
}

/** What `executeBatch` answers per item: its output, an error, or a share of a joint result. */
export type BatchResult = IDataObject | IDataObject[] | Error | SharedResult;

export interface BatchItem<Input = unknown> {
	itemIndex: number;
	input: Input;
}

/** One resource: its operation selector and its operations by option value. */
export interface Resource {
	description: INodeProperties[];
	operations: Record<string, Operation>;
}
