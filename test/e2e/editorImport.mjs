// What n8n's editor does to a workflow file on "Import from File…" (and on paste), before the
// workflow is saved, so that tests import the examples the way a user does instead of POSTing the
// file as it is. Plain Node ESM, node: built-ins only (used by examples/verify.mjs and the e2e test).
//
// Followed: n8n-editor-ui's useCanvasOperations (`importWorkflowData`, then `addImportedNodesToWorkflow`
// → `addNodes` → `resolveNodeData` → `resolveNodeWebhook`), read in the published bundles
// n8n-editor-ui@1.123.81 (dist/assets/useCanvasOperations-BRxATqNj.js) and
// n8n-editor-ui@2.41.1 (dist/assets/useCanvasOperations-CJCHLR8_.js):
//
//   for each node:
//     if it has a webhookId and its type is in UPDATE_WEBHOOK_ID_NODE_TYPES (= [Form Trigger] on both):
//       it gets a new webhookId, and its form path changes:
//         1.123.81: `parameters.path`, else `parameters.options.path`, whenever set, becomes the new webhookId
//         2.41.1:   only a path that equalled the old webhookId becomes the new one
//     it gets a new node id (regenerateIds)
//   then, adding the nodes (resolveNodeWebhook):
//     a node whose type has webhooks and no webhookId gets one;
//     a Webhook, Form Trigger or MCP Trigger whose `parameters.path` is '' gets the webhookId as path.
//
// Not simulated, because it changes nothing in our examples: filling in parameter defaults
// (resolveNodeParameters; a Form Trigger 2.2 keeps its path in `options`, so no `path: ''` appears),
// dropping credentials the instance does not know, renaming nodes whose names clash with nodes
// already on the canvas (imports here go into a new, empty workflow), and positions.
import { randomUUID } from 'node:crypto';

const FORM_TRIGGER = 'n8n-nodes-base.formTrigger';
const UPDATE_WEBHOOK_ID_NODE_TYPES = [FORM_TRIGGER];
const PATH_FROM_WEBHOOK_ID = ['n8n-nodes-base.webhook', FORM_TRIGGER, '@n8n/n8n-nodes-langchain.mcpTrigger'];
/** Node types in our examples whose description has `webhooks` (n8n-nodes-base). */
const HAS_WEBHOOKS = ['n8n-nodes-base.webhook', FORM_TRIGGER];

/**
 * The workflow as the editor of n8n `major` (1 or 2) holds it after importing `file` (a parsed
 * workflow JSON; not changed). `uuid` makes the new IDs (tests may pass a predictable one).
 */
export function importAsEditor(file, major, uuid = randomUUID) {
	if (major !== 1 && major !== 2) throw new Error(`importAsEditor: major must be 1 or 2, not ${major}`);
	const workflow = structuredClone(file);
	for (const node of workflow.nodes ?? []) {
		const parameters = (node.parameters ??= {});
		if (node.webhookId && UPDATE_WEBHOOK_ID_NODE_TYPES.includes(node.type)) {
			const old = node.webhookId;
			node.webhookId = uuid();
			if (major === 1) {
				if (parameters.path) parameters.path = node.webhookId;
				else if (parameters.options?.path) parameters.options.path = node.webhookId;
			} else if (parameters.path === old) {
				parameters.path = node.webhookId;
			} else if (parameters.options?.path === old) {
				parameters.options.path = node.webhookId;
			}
		}
		node.id = uuid();
	}
	for (const node of workflow.nodes ?? []) {
		if (HAS_WEBHOOKS.includes(node.type) && !node.webhookId) node.webhookId = uuid();
		if (PATH_FROM_WEBHOOK_ID.includes(node.type) && node.parameters.path === '') node.parameters.path = node.webhookId;
	}
	return workflow;
}

/** The URL path of a Form Trigger's form, as n8n derives it: `path || options.path || webhookId`. */
export function formPathOf(node) {
	return node.parameters?.path || node.parameters?.options?.path || node.webhookId;
}
