/**
 * The trigger's default poll interval as n8n really sets it up: the built trigger loaded by
 * n8n-core's own node loader (which puts n8n's "Poll Times" field in front of every polling node),
 * a workflow holding the node the way the editor saves it, and the poll schedule n8n derives from
 * it at activation (`getNodeParameter('pollTimes')` of a PollContext, then `toCronExpression`).
 */
import { CustomDirectoryLoader, PollContext } from 'n8n-core';
import type { INode, INodeParameters, INodeType, INodeTypes, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { NodeHelpers, Workflow, toCronExpression } from 'n8n-workflow';
import path from 'node:path';

const DIST = path.resolve(__dirname, '../../../dist');

/** The trigger as n8n loads a community package's node file. */
function loadTrigger(): INodeType {
	const loader = new CustomDirectoryLoader(DIST);
	loader.loadNodeFromFile('nodes/ConstantContact/ConstantContactTrigger.node.js');
	return loader.nodeTypes.constantContactTrigger.type as INodeType;
}

/** What n8n schedules for a trigger node saved with `parameters`. */
function scheduleOf(trigger: INodeType, parameters: INodeParameters) {
	const nodeTypes: INodeTypes = {
		getByName: () => trigger,
		getByNameAndVersion: () => trigger,
		getKnownTypes: () => ({}),
	};
	const node: INode = { id: 'n1', name: 'New contact', type: 'n8n-nodes-constant-contact.constantContactTrigger', typeVersion: 1, position: [0, 0], parameters };
	const workflow = new Workflow({ id: 'wf', nodes: [node], connections: {}, active: true, nodeTypes, settings: { timezone: 'UTC' } });
	const ctx = new PollContext(workflow, workflow.getNode(node.name)!, {} as IWorkflowExecuteAdditionalData, 'trigger', 'activate');
	const pollTimes = ctx.getNodeParameter('pollTimes') as { item?: Array<{ mode: string; value?: number; unit?: string }> };
	return { pollTimes, crons: (pollTimes.item ?? []).map((item) => toCronExpression(item as never)) };
}

describe('Poll Times default', () => {
	const trigger = loadTrigger();
	const props = trigger.description.properties.filter((p) => p.name === 'pollTimes');

	test("n8n's loader adds its Poll Times field (every minute); the user sees that one field only", () => {
		expect(props.map((p) => p.type)).toEqual(['fixedCollection', 'hidden']);
		expect(props[0].default).toEqual({ item: [{ mode: 'everyMinute' }] });
		// The editor renders no "hidden" parameter, so there is one Poll Times field to see.
		expect(props.filter((p) => p.type !== 'hidden')).toHaveLength(1);
	});

	test('a trigger added without touching Poll Times polls every 15 minutes', () => {
		const every15 = { item: [{ mode: 'everyX', value: 15, unit: 'minutes' }] };
		// The editor fills in the defaults when the node is added (what Poll Times then shows) and
		// saves what differs from n8n's field's default: here every 15 minutes, written out.
		const added = NodeHelpers.getNodeParameters(trigger.description.properties, { event: 'contactCreated' }, true, false, null, trigger.description)!;
		expect(added.pollTimes).toEqual(every15);
		const saved = NodeHelpers.getNodeParameters(trigger.description.properties, added, false, false, null, trigger.description)!;
		expect(saved.pollTimes).toEqual(every15);

		// Saved with it, or without any Poll Times (a workflow written by hand or by an older editor):
		// n8n schedules one poll every 15 minutes.
		for (const parameters of [saved, { event: 'contactCreated' }]) {
			const { pollTimes, crons } = scheduleOf(trigger, parameters);
			expect(pollTimes).toEqual(every15);
			expect(crons).toHaveLength(1);
			expect(crons[0]).toMatch(/^\d{1,2} \*\/15 \* \* \* \*$/);
		}
	});

	test('a Poll Times the user chose is kept, every minute included', () => {
		for (const chosen of [{ item: [{ mode: 'everyMinute' }] }, { item: [{ mode: 'everyHour', minute: 5 }] }]) {
			const saved = NodeHelpers.getNodeParameters(trigger.description.properties, { event: 'contactCreated', pollTimes: chosen }, false, false, null, trigger.description)!;
			expect(saved.pollTimes).toEqual(chosen);
			expect(scheduleOf(trigger, saved).pollTimes).toEqual(chosen);
		}
		expect(scheduleOf(trigger, { event: 'contactCreated', pollTimes: { item: [{ mode: 'everyMinute' }] } }).crons[0]).toMatch(/^\d{1,2} \* \* \* \* \*$/);
	});

	test('the notice states the default and what it costs', () => {
		const notice = trigger.description.properties.find((p) => p.name === 'pollingNotice')!;
		// True whatever Poll Times says (an imported workflow may poll every 5 minutes under it).
		expect(notice.displayName).toContain('asks at every poll set in Poll Times: usually 1 request');
		expect(notice.displayName).toContain("Every 15 minutes (a new trigger's setting) costs 96 a day, every 5 minutes 288, every minute 1,440.");
		expect(notice.displayName).not.toMatch(/polls every 15 minutes unless/);
	});
});
