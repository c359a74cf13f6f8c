/**
 * A workflow as a user builds and exports it (test/engine/fixtures/contact-signup-upsert-then-get.json):
 * Manual Trigger (sign-ups with email and firstName) → Constant Contact "Create or Update" into the
 * newsletter list → Constant Contact "Get" by e-mail (`={{ $json.email }}` from the upsert's output).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { runWorkflow, type WorkflowJson } from '../harness';
import { useContactFakes } from './helpers';

const cc = useContactFakes();

const FIXTURE = path.resolve(__dirname, '../fixtures/contact-signup-upsert-then-get.json');

/** The exported workflow with the list picked in the editor (its ID is only known after seeding). */
function workflowWith(listId: string): WorkflowJson {
	return JSON.parse(readFileSync(FIXTURE, 'utf8').replace('__NEWSLETTER_LIST_ID__', listId));
}

describe('workflow: sign-ups → Create or Update into a list → Get by e-mail', () => {
	test('new and known sign-ups end up on the list, and the Get node returns the full contacts', async () => {
		const s = cc.fakes.admin.seed({
			lists: [{ name: 'Newsletter' }, { name: 'Customers' }],
			contacts: [
				{ email: 'grace@example.com', first_name: 'G.', last_name: 'Hopper', permission_to_send: 'implicit', list_names: ['Customers'] },
			],
		});
		const [newsletter, customers] = s.lists.map((l: any) => l.list_id);
		const graceId = s.contacts[0].contact_id;

		const run = await runWorkflow(workflowWith(newsletter), cc.credential, {
			inputItems: [
				{ email: 'ada@example.com', firstName: 'Ada' },
				{ email: 'grace@example.com', firstName: 'Grace' },
			],
		});

		expect(run.error).toBeUndefined();
		expect(run.status).toBe('success');
		expect(run.executionOrder).toEqual(['When clicking ‘Execute workflow’', 'Add to newsletter', 'Get contact']);

		const upserted = run.output('Add to newsletter');
		// Each item: what the write did and what it sent (the Get node then shows the whole contact).
		expect(upserted).toEqual([
			{
				json: expect.objectContaining({
					contact_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
					email: 'ada@example.com',
					action: 'created',
					created: true,
					first_name: 'Ada',
					list_memberships: [newsletter],
				}),
				pairedItem: { item: 0 },
			},
			{
				json: expect.objectContaining({
					contact_id: graceId,
					email: 'grace@example.com',
					action: 'updated',
					created: false,
					first_name: 'Grace',
					list_memberships: [newsletter],
				}),
				pairedItem: { item: 1 },
			},
		]);
		const adaId = upserted[0].json.contact_id;

		const contacts = run.output('Get contact');
		expect(contacts).toHaveLength(2);
		expect(contacts.map((c) => c.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(contacts[0].json).toMatchObject({
			contact_id: adaId,
			email_address: expect.objectContaining({ address: 'ada@example.com', permission_to_send: 'explicit' }),
			first_name: 'Ada',
			list_memberships: [newsletter],
			taggings: [],
			custom_fields: [],
			phone_numbers: [],
			street_addresses: [],
		});
		expect(contacts[1].json).toMatchObject({
			contact_id: graceId,
			email_address: expect.objectContaining({ address: 'grace@example.com', permission_to_send: 'explicit' }),
			first_name: 'Grace',
			last_name: 'Hopper',
			list_memberships: [customers, newsletter],
		});

		// One write per sign-up (items one after another), then one search per contact with the
		// e-mail from the previous node.
		const api = cc.api();
		expect(api.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
			'POST /v3/contacts/sign_up_form 201',
			'POST /v3/contacts/sign_up_form 200',
			'GET /v3/contacts 200',
			'GET /v3/contacts 200',
		]);
		expect([api[0], api[1]].map((e) => e.body)).toEqual([
			{ email_address: 'ada@example.com', list_memberships: [newsletter], first_name: 'Ada' },
			{ email_address: 'grace@example.com', list_memberships: [newsletter], first_name: 'Grace' },
		]);
		expect(api.slice(2).map((e) => e.query.email)).toEqual(['ada@example.com', 'grace@example.com']);
	});
});
