import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** One operation: its fields (with displayOptions) and the code that runs it for one item. */
export interface Operation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}

/** One resource: its operation selector and its operations by option value. */
export interface Resource {
	description: INodeProperties[];
	operations: Record<string, Operation>;
}
