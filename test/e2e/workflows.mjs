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

export function webhookNode(path) {
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

export function ccNode(name, parameters, credential, position) {
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

/**
 * Webhook → Split Out (body.<field>, one item per entry) → Constant Contact with `parameters`:
 * many items in one execution.
 */
export function splitWorkflow(key, parameters, credential, { field = 'contacts' } = {}) {
	const path = `${PATH_PREFIX}${key}`;
	const split = {
		id: randomUUID(),
		name: 'Split Out',
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [240, 0],
		parameters: { fieldToSplitOut: `body.${field}`, include: 'noOtherFields', options: {} },
	};
	const cc = ccNode(`CC ${key}`, parameters, credential, [480, 0]);
	return {
		path,
		workflow: {
			name: `e2e ${key}`,
			nodes: [webhookNode(path), split, cc],
			connections: {
				Webhook: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
				'Split Out': { main: [[{ node: cc.name, type: 'main', index: 0 }]] },
			},
			settings: { executionOrder: 'v1' },
		},
	};
}

/** Webhook → Split Out (body.contacts, one item per contact) → Constant Contact Create or Update. */
export function burstWorkflow(credential) {
	return splitWorkflow('burst', {
		operation: 'upsert',
		email: '={{ $json.email }}',
		lists: '={{ $json.lists }}',
		additionalFields: { firstName: '={{ $json.firstName }}' },
	}, credential);
}

// ---- the other resources (names from resources/<resource>/*.ts) ----------------------------------

/** A segment criteria document as users type it into the JSON field, the list ID from the webhook. */
const LIST_SEGMENT_CRITERIA = '={ "version": "1.0.0", "criteria": { "type": "and", "group": [ { "source": "list_membership", "field": "list_membership", "op": "contains-any", "const_value": "{{ $json.body.listId }}" } ] } }';

/** Webhook → Constant Contact, one item: list, tag, custom field, segment and activity operations. */
export const RESOURCE_OPERATIONS = {
	listCreate: { resource: 'list', operation: 'create', name: '={{ $json.body.name }}', options: { description: '={{ $json.body.description }}', favorite: true } },
	listGet: { resource: 'list', operation: 'get', list: byId('$json.body.id'), options: { includeMembershipCount: 'all' } },
	listGetAll: { resource: 'list', operation: 'getAll', returnAll: true, options: { includeMembershipCount: 'all' } },
	listUpdate: { resource: 'list', operation: 'update', list: byId('$json.body.id'), updateFields: { name: '={{ $json.body.name }}' } },
	listAddContacts: { resource: 'list', operation: 'addContacts', list: byId('$json.body.id'), contactIds: '={{ $json.body.contactIds }}', options: {} },
	listGetContacts: { resource: 'list', operation: 'getContacts', list: byId('$json.body.id'), returnAll: false, limit: 50, options: {}, simplify: true },
	listRemoveContacts: { resource: 'list', operation: 'removeContacts', list: byId('$json.body.id'), contactIds: '={{ $json.body.contactIds }}', options: {} },
	listDelete: { resource: 'list', operation: 'delete', list: byId('$json.body.id'), options: { waitForCompletion: true } },

	tagCreate: { resource: 'tag', operation: 'create', name: '={{ $json.body.name }}', options: { tagSource: 'n8n e2e' } },
	tagGet: { resource: 'tag', operation: 'get', tag: byId('$json.body.id'), options: { includeCount: true } },
	tagGetAll: { resource: 'tag', operation: 'getAll', returnAll: true, options: { includeCount: true } },
	tagUpdate: { resource: 'tag', operation: 'update', tag: byId('$json.body.id'), name: '={{ $json.body.name }}' },
	tagDelete: { resource: 'tag', operation: 'delete', tag: byId('$json.body.id'), options: { waitForCompletion: true } },

	customFieldCreate: {
		resource: 'customField', operation: 'create', label: '={{ $json.body.label }}', type: 'single_select',
		choices: { choice: [{ label: 'Apple' }, { label: 'Pear' }] },
	},
	customFieldGet: { resource: 'customField', operation: 'get', customField: byId('$json.body.id') },
	customFieldGetAll: { resource: 'customField', operation: 'getAll', returnAll: true },
	customFieldUpdate: {
		resource: 'customField', operation: 'update', customField: byId('$json.body.id'),
		updateFields: { label: '={{ $json.body.label }}', choices: { choice: [{ label: 'Plum' }] }, choicesMode: 'add' },
	},
	customFieldDelete: { resource: 'customField', operation: 'delete', customField: byId('$json.body.id') },

	segmentCreate: { resource: 'segment', operation: 'create', name: '={{ $json.body.name }}', segmentCriteria: LIST_SEGMENT_CRITERIA },
	segmentGet: { resource: 'segment', operation: 'get', segment: byId('$json.body.id') },
	segmentGetAll: { resource: 'segment', operation: 'getAll', returnAll: true, options: { sortBy: 'name' } },
	/** Rename only: one PATCH. */
	segmentRename: { resource: 'segment', operation: 'update', segment: byId('$json.body.id'), updateFields: { name: '={{ $json.body.name }}' } },
	/** New criteria only (an object from the webhook): GET for the name, then PUT. */
	segmentUpdateCriteria: { resource: 'segment', operation: 'update', segment: byId('$json.body.id'), updateFields: { segmentCriteria: '={{ $json.body.criteria }}' } },
	segmentDelete: { resource: 'segment', operation: 'delete', segment: byId('$json.body.id') },

	activityGet: { resource: 'activity', operation: 'get', activityId: '={{ $json.body.id }}' },
	activityGetAll: { resource: 'activity', operation: 'getAll', returnAll: true, filters: { state: 'completed' } },
};

/** Webhook → Split Out (body.contacts) → Constant Contact: all items of one execution in bulk. */
export const BULK_OPERATIONS = {
	/** Contact → Import: every item a row of one JSON import. */
	import: {
		resource: 'contact', operation: 'import', email: '={{ $json.email }}', lists: '={{ $json.lists }}',
		additionalFields: { firstName: '={{ $json.firstName }}' }, options: {},
	},
	/** Contact → Add to Lists with Batch Items: all items in one bulk job. */
	batchAddToLists: {
		resource: 'contact', operation: 'addToLists', contact: byId('$json.id'), lists: '={{ $json.lists }}',
		options: { batch: true },
	},
};

/** Webhook → Constant Contact for operations[key] (RESOURCE_OPERATIONS, CAMPAIGN_OPERATIONS). */
export function resourceWorkflow(key, credential, operations = RESOURCE_OPERATIONS) {
	const path = `${PATH_PREFIX}${key}`;
	const name = `CC ${key}`;
	return {
		path,
		workflow: {
			name: `e2e ${key}`,
			nodes: [webhookNode(path), ccNode(name, operations[key], credential, [240, 0])],
			connections: { Webhook: { main: [[{ node: name, type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		},
	};
}

// ---- campaign, account, migration; Contact → Get Activity (names from resources/<resource>/*.ts) ----

const ALL_ACTIVITY_TYPES = ['em_sends', 'em_opens', 'em_clicks', 'em_bounces', 'em_optouts', 'em_forwards'];

/** Webhook → Constant Contact, one item: the campaign, account and migration steps of campaigns.mjs. */
export const CAMPAIGN_OPERATIONS = {
	accountSummary: { resource: 'account', operation: 'getSummary', options: { extraFields: ['physical_address'] } },
	accountSenders: { resource: 'account', operation: 'getSenderAddresses', confirmStatus: 'CONFIRMED' },
	accountAddress: { resource: 'account', operation: 'getPhysicalAddress' },
	accountPrivileges: { resource: 'account', operation: 'getUserPrivileges' },

	/** Sender and reply-to from the webhook: the test takes them from Get Sender Addresses. */
	campaignCreate: {
		resource: 'campaign', operation: 'create', name: '={{ $json.body.name }}', subject: '={{ $json.body.subject }}', fromName: 'n8n e2e',
		fromEmail: '={{ $json.body.fromEmail }}', replyToEmail: '={{ $json.body.replyToEmail }}', htmlContent: '={{ $json.body.html }}',
		options: { preheader: '={{ $json.body.preheader }}' },
	},
	campaignGet: { resource: 'campaign', operation: 'get', campaign: byId('$json.body.id') },
	campaignGetAll: { resource: 'campaign', operation: 'getAll', returnAll: true, filters: {}, options: {} },
	/** Rename (PATCH) and a new subject (activity GET, then PUT merged). */
	campaignUpdate: { resource: 'campaign', operation: 'update', campaign: byId('$json.body.id'), updateFields: { name: '={{ $json.body.name }}', subject: '={{ $json.body.subject }}' } },
	campaignSetRecipients: { resource: 'campaign', operation: 'setRecipients', campaign: byId('$json.body.id'), sendTo: 'lists', lists: '={{ $json.body.lists }}' },
	campaignSchedule: { resource: 'campaign', operation: 'schedule', campaign: byId('$json.body.id'), when: 'date', scheduledDate: '={{ $json.body.date }}' },
	campaignGetSchedule: { resource: 'campaign', operation: 'getSchedule', campaign: byId('$json.body.id') },
	campaignUnschedule: { resource: 'campaign', operation: 'unschedule', campaign: byId('$json.body.id') },
	campaignSendTest: { resource: 'campaign', operation: 'sendTest', campaign: byId('$json.body.id'), emailAddresses: '={{ $json.body.addresses }}', personalMessage: '={{ $json.body.message }}' },
	campaignSendHistory: { resource: 'campaign', operation: 'getSendHistory', campaign: byId('$json.body.id') },
	/** Send Now from subject and HTML to a list: one send per item. */
	campaignSendNowList: {
		resource: 'campaign', operation: 'sendNow', content: 'html', name: '={{ $json.body.name }}', subject: 'Spring news', fromName: 'n8n e2e',
		fromEmail: '={{ $json.body.fromEmail }}', replyToEmail: '={{ $json.body.fromEmail }}', htmlContent: '<html><body><p>Spring is here.</p></body></html>',
		sendTo: 'lists', lists: '={{ $json.body.lists }}', options: {},
	},
	campaignStats: { resource: 'campaign', operation: 'getReport', report: 'campaignStats', campaignIds: '={{ $json.body.ids }}' },
	campaignTracking: { resource: 'campaign', operation: 'getReport', report: 'tracking', campaign: byId('$json.body.id'), trackingType: '={{ $json.body.type }}', returnAll: true },
	campaignBounces: { resource: 'campaign', operation: 'getReport', report: 'tracking', campaign: byId('$json.body.id'), trackingType: 'bounces', bounceCodes: ['B', 'D'], returnAll: true },
	campaignDelete: { resource: 'campaign', operation: 'delete', campaign: byId('$json.body.id'), options: { ifScheduled: 'unschedule' } },

	contactGetActivity: { resource: 'contact', operation: 'getActivity', contact: byEmail('$json.body.email'), report: 'details', activityTypes: ALL_ACTIVITY_TYPES, returnAll: true, includeCampaignNames: true },

	migrationListIds: { resource: 'migration', operation: 'listIds', v2Ids: '={{ $json.body.ids }}' },
	migrationCampaignIds: { resource: 'migration', operation: 'campaignIds', v2Ids: '={{ $json.body.ids }}' },
};

/** Webhook → Split Out (body.items) → Constant Contact: several items in one execution. */
export const CAMPAIGN_SPLIT_OPERATIONS = {
	/**
	 * Send Now to the contacts of the input items: a copy of the campaign named in the webhook body,
	 * one send for all items (through a recipient list of the run's own).
	 */
	campaignSendNowItems: {
		resource: 'campaign', operation: 'sendNow', content: 'campaign', campaign: byId("$('Webhook').first().json.body.campaignId"),
		sendTo: 'items', email: '={{ $json.email }}',
	},
	/** Send Test per item (the bad-input case: one item has 6 addresses). */
	campaignSendTestItems: { resource: 'campaign', operation: 'sendTest', campaign: byId('$json.id'), emailAddresses: '={{ $json.addresses }}' },
	/** v2 contact IDs of all items: one cross-reference request. */
	migrationContactIds: { resource: 'migration', operation: 'contactIds', v2Ids: '={{ $json.ids }}' },
};
