/**
 * A resource of the node, built from its operation files: the Operation dropdown (from each
 * file's `operation`, so the list cannot drift from the files), the AI tool description of each
 * operation, and every operation's fields.
 */
import type { INodeProperties } from 'n8n-workflow';

import type { Operation, OperationInfo, Resource } from './types';

/**
 * What an AI model is told an operation does when the node is an AI Agent's tool: the action and
 * its side effects. n8n shows this field only on the tool node (`@tool`); since the node has a
 * field of this name, n8n adds none of its own, and the model receives this text (n8n 1.x and 2.x:
 * getToolDescriptionForNode, with the field's default when the user left it). The node's name stays
 * the short action.
 */
function toolDescriptionField(resource: string, op: OperationInfo): INodeProperties {
	return {
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 3 },
		default: `${op.action} in Constant Contact.${op.toolNote ? ` ${op.toolNote}` : ''}`,
		description: 'What the AI model is told this tool does, side effects included. Change it to guide the model.',
		displayOptions: { show: { '@tool': [true], resource: [resource], operation: [op.value] } },
	};
}

export function resource(name: string, defaultOperation: string, modules: Operation[]): Resource {
	const infos = modules.map((m) => m.operation).sort((a, b) => a.name.localeCompare(b.name));
	if (!infos.some((op) => op.value === defaultOperation)) throw new Error(`${name}: the default operation ${defaultOperation} is not one of its operations`);
	const selector: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [name] } },
		// The rule reads a literal default; this one is a value of the options (checked above).
		// eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-options
		default: defaultOperation,
		options: infos.map(({ name: label, value, description, action }) => ({ name: label, value, description, action })),
	};
	return {
		description: [selector, ...infos.map((op) => toolDescriptionField(name, op)), ...modules.flatMap((m) => m.description)],
		operations: Object.fromEntries(modules.map((m) => [m.operation.value, m])),
	};
}
