/**
 * What n8n's nodes panel shows for this package. n8n merges a node and its trigger into one app
 * entry when the trigger's type name minus "Trigger" is the node's, and that entry gets the
 * trigger's description, in the list of actions as well as of triggers (generateMergedNodesAndActions
 * in n8n-editor-ui 1.123.81 and 2.41.1).
 */
import { ConstantContact } from '../../nodes/ConstantContact/ConstantContact.node';
import { ConstantContactTrigger } from '../../nodes/ConstantContact/ConstantContactTrigger.node';

const node = new ConstantContact().description;
const trigger = new ConstantContactTrigger().description;

test('node and trigger make one app entry in the nodes panel', () => {
	expect(trigger.name.replace('Trigger', '')).toBe(node.name);
});

test("the app entry's description (the trigger's) fits while choosing a trigger and while choosing an action", () => {
	const shown = trigger.description;
	expect(shown).toMatch(/^Start a workflow when contacts, lists or e-mail campaigns change in Constant Contact/);
	expect(shown).toMatch(/manage them with its actions$/);
});

test("the node's own description names campaigns with the other resources", () => {
	expect(node.description).toBe('Manage contacts, lists, tags, custom fields, segments and e-mail campaigns in Constant Contact');
});
