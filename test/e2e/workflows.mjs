// Webhook-triggered workflows: Webhook (POST /webhook/<path>) → [Split Out] → Constant Contact →
// the webhook answers with all items of the last node. The webhook body is `$json.body`.
import { randomUUID } from 'node:crypto';

import { CREDENTIAL_TYPE, NODE_TYPE } from '../../scripts/lib/n8n.mjs';

export const PATH_PREFIX = 'cc-e2e-';

const byId = (expr) => ({ __rl: true, mode: 'id', value: `={{ ${expr} }}` });
const byEmail = (expr) => ({ __rl: true, mode: 'email', value: `={{ ${expr} }}` });

/** Parameters of the Constant Contact node per scenario step (names from resources/contact/*.ts). */
export const OPERATIONS = {
	create: {
		operation: 'create',
		email: '={{ $json.body.email }}',
		createSource: 'Account',
		additionalFields: {
			firstName: '={{ $json.body.firstName }}',
			lastName: '={{ $json.body.lastName }}',
			lists: '={{ $json.body.lists }}',
			tags: '={{ $json.body.tags }}',
			permissionToSend: 'implicit',
		},
	},
	upsert: {
		operation: 'upsert',
		email: '={{ $json.body.email }}',
		lists: '={{ $json.body.lists }}',
		additionalFields: { firstName: '={{ $json.body.firstName }}' },
	},
	getById: { operation: 'get', contact: byId('$json.body.id'), options: {} },
	getByEmail: { operation: 'get', contact: byEmail('$json.body.email'), options: {} },
	getAll: {
		operation: 'getAll',
		returnAll: false,
		limit: 50,
		filters: { lists: '={{ $json.body.lists }}' },
		options: {},
		simplify: true,
	},
	update: {
		operation: 'update',
		contact: byId('$json.body.id'),
		updateFields: { jobTitle: '={{ $json.body.jobTitle }}', lastName: '={{ $json.body.lastName }}' },
	},
	addToLists: { operation: 'addToLists', contact: byId('$json.body.id'), lists: '={{ $json.body.lists }}', options: {} },
	removeFromLists: { operation: 'removeFromLists', contact: byId('$json.body.id'), lists: '={{ $json.body.lists }}', options: {} },
	addTags: { operation: 'addTags', contact: byId('$json.body.id'), tags: '={{ $json.body.tags }}', options: {} },
	removeTags: { operation: 'removeTags', contact: byId('$json.body.id'), tags: '={{ $json.body.tags }}', options: {} },
	unsubscribe: { operation: 'unsubscribe', contact: byEmail('$json.body.email'), options: { reason: '={{ $json.body.reason }}' } },
	delete: { operation: 'delete', contact: byId('$json.body.id') },
};

function webhookNode(path) {
	return {
		id: randomUUID(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
	};
}

function ccNode(name, parameters, credential, position) {
	return {
		id: randomUUID(),
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		position,
		parameters: { resource: 'contact', ...parameters },
		credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
	};
}

/** Webhook → Constant Contact (one operation). */
export function operationWorkflow(key, credential) {
	const path = `${PATH_PREFIX}${key}`;
	return {
		path,
		workflow: {
			name: `e2e ${key}`,
			nodes: [webhookNode(path), ccNode(`CC ${key}`, OPERATIONS[key], credential, [240, 0])],
			connections: { Webhook: { main: [[{ node: `CC ${key}`, type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		},
	};
}

/** Webhook → Split Out (body.contacts, one item per contact) → Constant Contact Create or Update. */
export function burstWorkflow(credential) {
	const path = `${PATH_PREFIX}burst`;
	const split = {
		id: randomUUID(),
		name: 'Split Out',
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [240, 0],
		parameters: { fieldToSplitOut: 'body.contacts', include: 'noOtherFields', options: {} },
	};
	const upsert = ccNode('CC burst upsert', {
		operation: 'upsert',
		email: '={{ $json.email }}',
		lists: '={{ $json.lists }}',
		additionalFields: { firstName: '={{ $json.firstName }}' },
	}, credential, [480, 0]);
	return {
		path,
		workflow: {
			name: 'e2e burst',
			nodes: [webhookNode(path), split, upsert],
			connections: {
				Webhook: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
				'Split Out': { main: [[{ node: 'CC burst upsert', type: 'main', index: 0 }]] },
			},
			settings: { executionOrder: 'v1' },
		},
	};
}
