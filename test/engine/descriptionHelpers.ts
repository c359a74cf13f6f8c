import type { INodeProperties } from 'n8n-workflow';

/**
 * Whether a property of the built node is shown on a workflow node for `resource` → `operation`
 * (fields shown only on the AI tool, `@tool`, such as its Description, are not).
 */
export const shownOnNodeFor =
	(resource: string) =>
	(p: INodeProperties, operation: string): boolean =>
		!p.displayOptions?.show?.['@tool'] &&
		!!(p.displayOptions?.show?.resource as string[] | undefined)?.includes(resource) &&
		!!(p.displayOptions?.show?.operation as string[] | undefined)?.includes(operation);
