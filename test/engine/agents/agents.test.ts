/**
 * Issue 15: the node as a tool an AI agent (or any expression) can use well. Lists and tags by
 * name as well as by ID; messages that say what to do next; operation texts that state side
 * effects (n8n makes the tool's description from them); empty optional values mean "not set".
 */
import type { INode, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes, NodeHelpers, getToolDescriptionForNode } from 'n8n-workflow';
import path from 'node:path';

import { runNode } from '../harness';
import { byId, contactOp, useContactFakes } from '../contact/helpers';

const cc = useContactFakes();
const { ConstantContact } = require(path.resolve(__dirname, '../../../dist/nodes/ConstantContact/ConstantContact.node.js'));
const nodeType: INodeType = new ConstantContact();

const listReads = () => cc.calls().filter((c) => c === 'GET /v3/contact_lists');

describe('lists and tags by name', () => {
	test('Create or Update with lists by name (any case) and by ID: one read of the lists for the whole run', async () => {
		const { lists } = cc.fakes.admin.seed({ lists: [{ name: 'Newsletter' }, { name: 'Customers' }, { name: 'VIP' }] });
		const [newsletter, customers, vip] = lists.map((l: { list_id: string }) => l.list_id);
		const result = await cc.run(contactOp('upsert', { email: '={{ $json.email }}', lists: '={{ $json.lists }}' }), {
			inputItems: [
				{ email: 'a@example.com', lists: ['Newsletter'] },
				{ email: 'b@example.com', lists: 'newsletter, Customers' },
				{ email: 'c@example.com', lists: [vip, 'Customers'] },
			],
		});

		expect(result.error).toBeUndefined();
		expect(listReads()).toHaveLength(1);
		expect(cc.storedByEmail('a@example.com')?.list_memberships).toEqual([newsletter]);
		expect([...(cc.storedByEmail('b@example.com')?.list_memberships as string[])].sort()).toEqual([newsletter, customers].sort());
		expect([...(cc.storedByEmail('c@example.com')?.list_memberships as string[])].sort()).toEqual([vip, customers].sort());
	});

	test('an unknown name fails before any write, naming close names and the operation that lists them', async () => {
		cc.fakes.admin.seed({ lists: [{ name: 'Newsletter' }, { name: 'News 2025' }, { name: 'Customers' }] });
		const result = await cc.run(contactOp('upsert', { email: 'a@example.com', lists: '={{ ["Newsletr"] }}' }));

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('List Names or IDs contains "Newsletr", which is not the name of a list in this Constant Contact account');
		expect(result.error?.description).toBe(
			'Give lists by their exact name or their ID. Close names: "Newsletter". List → Get Many lists them all.',
		);
		expect(cc.calls()).toEqual(['GET /v3/contact_lists']);
	});

	test('Add Tags by tag name', async () => {
		const { tags, contacts } = cc.fakes.admin.seed({ tags: [{ name: 'Hot lead' }], contacts: [{ email: 't@example.com' }] });
		const result = await cc.run(contactOp('addTags', { contact: byId(contacts[0].contact_id), tags: '={{ ["hot lead"] }}' }));

		expect(result.error).toBeUndefined();
		expect(cc.stored(contacts[0].contact_id)?.taggings).toEqual([tags[0].tag_id]);
	});

	test('Get Many filtered by a list name', async () => {
		const { lists } = cc.fakes.admin.seed({ lists: [{ name: 'Newsletter' }], contacts: [{ email: 'on@example.com', list_names: ['Newsletter'] }, { email: 'off@example.com' }] });
		const result = await cc.run(contactOp('getAll', { returnAll: true, filters: { lists: '={{ "Newsletter" }}' } }));

		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.email)).toEqual(['on@example.com']);
		expect(cc.api().find((e) => e.path === '/v3/contacts')?.query.lists).toBe(lists[0].list_id);
	});
});

describe('messages say what to do next', () => {
	test('a contact ID that is not one names the e-mail mode and the operation that finds IDs', async () => {
		const result = await cc.run(contactOp('get', { contact: byId('={{ "Ann Shopper" }}') }));
		expect(result.error?.message).toBe('Contact "Ann Shopper" is not a Constant Contact ID');
		expect(result.error?.description).toContain('mode "By E-Mail"');
		expect(result.error?.description).toContain('Contact → Get Many');
	});
});

describe('as a tool, the message carries the way to fix the input (n8n 2.x hands a model the message alone)', () => {
	test('a bad e-mail: the message says what to do', async () => {
		const { lists } = cc.fakes.admin.seed({ lists: [{ name: 'Newsletter' }] });
		const params = contactOp('upsert', { email: 'bob@', lists: [lists[0].list_id] });
		const asTool = await runNode({ credential: cc.credential, parameters: params, asTool: true });
		expect(asTool.error?.message).toBe('Email "bob@" is not a valid e-mail address. Use the form name@example.com.');
		const inEditor = await cc.run(params);
		expect(inEditor.error?.message).toBe('Email "bob@" is not a valid e-mail address');
		expect(cc.calls()).toEqual([]);
	});
});

describe("node names stay short; the AI tool's description states the side effects", () => {
	// The tool variant as n8n 1.x and 2.x make it (convertNodeToAiTool): the same description, its
	// name ending in "Tool". The node has its own toolDescription field, so n8n adds none.
	const toolType = {
		...nodeType,
		description: {
			...nodeType.description,
			name: `${nodeType.description.name}Tool`,
			displayName: `${nodeType.description.displayName} Tool`,
			inputs: [],
			outputs: [NodeConnectionTypes.AiTool],
		},
	} as INodeType;
	/** The node's parameters with their defaults, as n8n's Workflow fills them in for a run. */
	const parametersOf = (type: INodeType, resource: string, operation: string) =>
		NodeHelpers.getNodeParameters(type.description.properties, { resource, operation }, true, false, { typeVersion: 1 }, type.description)!;
	const toolDescription = (resource: string, operation: string) =>
		getToolDescriptionForNode(
			{ parameters: parametersOf(toolType, resource, operation), name: 'x', type: toolType.description.name, typeVersion: 1, position: [0, 0], id: '1' } as INode,
			toolType,
		);

	test.each([
		['contact', 'upsert', 'Create or update a contact', 'Create or update a contact in Constant Contact. Constant Contact gives the contact explicit permission to receive email, even if it had unsubscribed.'],
		['contact', 'unsubscribe', 'Unsubscribe a contact', 'Unsubscribe a contact in Constant Contact. The contact gets no email campaigns any more; only the contact can opt in again.'],
		['contact', 'delete', 'Delete a contact', 'Delete a contact in Constant Contact. The contact then gets no email until it is added again.'],
		['campaign', 'sendNow', 'Send a new campaign now', 'Send a new campaign now in Constant Contact. It goes to real recipients at once, with no way to undo it.'],
		['campaign', 'schedule', 'Schedule a campaign', 'Schedule a campaign in Constant Contact. It will be sent to real recipients, with no way to recall it once sent.'],
		['list', 'delete', 'Delete a list', 'Delete a list in Constant Contact. Every contact is taken off it, with no way to undo it.'],
		['contact', 'get', 'Get a contact', 'Get a contact in Constant Contact.'],
	])('%s → %s: node named "%s"; the model is told "%s"', (resource, operation, name, description) => {
		expect(NodeHelpers.makeNodeName({ resource, operation }, nodeType.description)).toBe(name);
		expect(NodeHelpers.makeNodeName({ resource, operation }, toolType.description)).toBe(`${name} in Constant Contact`);
		expect(toolDescription(resource, operation)).toBe(description);
		// The description field is the tool's alone: a workflow node has no such parameter.
		expect(parametersOf(nodeType, resource, operation)).not.toHaveProperty('toolDescription');
		expect(parametersOf(toolType, resource, operation).toolDescription).toBe(description);
	});

	test('every operation: a node name of at most 45 characters, and a tool description of its own', () => {
		const selectors = nodeType.description.properties.filter((p) => p.name === 'operation');
		const pairs = selectors.flatMap((p) => (p.options as Array<{ value: string; action: string }>).map((o) => [String(p.displayOptions!.show!.resource![0]), o.value, o.action] as const));
		expect(pairs.length).toBeGreaterThanOrEqual(58);
		for (const [resource, operation, action] of pairs) {
			expect([resource, operation, action.length <= 45]).toEqual([resource, operation, true]);
			expect(toolDescription(resource, operation).startsWith(`${action} in Constant Contact.`)).toBe(true);
		}
	});
});

describe('empty optional values mean "not set"', () => {
	test('Create or Update with an empty first name keeps the contact\'s first name', async () => {
		const { lists } = cc.fakes.admin.seed({ lists: [{ name: 'Newsletter' }], contacts: [{ email: 'ann@example.com', first_name: 'Ann', last_name: 'Shopper' }] });
		const result = await cc.run(
			contactOp('upsert', { email: 'ann@example.com', lists: [lists[0].list_id], additionalFields: { firstName: '={{ "" }}', lastName: '={{ $json.last }}' } }),
			{ inputItems: [{ last: 'Shopper-Smith' }] },
		);

		expect(result.error).toBeUndefined();
		const post = cc.api().find((e) => e.path === '/v3/contacts/sign_up_form');
		expect(post?.body).not.toHaveProperty('first_name');
		expect(cc.storedByEmail('ann@example.com')).toMatchObject({ first_name: 'Ann', last_name: 'Shopper-Smith' });
	});
});
