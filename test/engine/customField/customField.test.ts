/**
 * Custom Field → Create, Get, Get Many, Update, Delete through n8n's engine against the fake API
 * (`/contact_custom_fields`). Update reads the field first: Constant Contact's PUT sets what it is
 * not given to null, so the label and the choices that stay are sent back.
 */
import type { INodeParameters } from 'n8n-workflow';

import { transport } from '../harness';
import { UNKNOWN_ID, byId, cursorOffset, useContactFakes, expectRejected as rejected } from '../contact/helpers';

const cc = useContactFakes();

const fieldOp = (operation: string, parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'customField',
	operation,
	...parameters,
});
const fromList = (value: string) => ({ __rl: true, mode: 'list', value });
const choices = (...labels: string[]) => ({ choice: labels.map((label) => ({ label })) });

/** "Favorite Color" (text), "Fruit" (single select Apple, Banana) and a contact with a color. */
function seed(): { color: string; fruit: string; contact: string } {
	const s = cc.fakes.admin.seed({
		customFields: [
			{ label: 'Favorite Color', type: 'string' },
			{ label: 'Fruit', type: 'single_select', choices: [{ choice_label: 'Apple' }, { choice_label: 'Banana' }] },
		],
		contacts: [{ email: 'ada@example.com', custom_fields: { 'Favorite Color': 'green' } }],
	});
	return { color: s.customFields[0].custom_field_id, fruit: s.customFields[1].custom_field_id, contact: s.contacts[0].contact_id };
}

const stored = (id: string) => cc.fakes.store.customFields.get(id);
const storedLabels = () => [...cc.fakes.store.customFields.values()].map((f: any) => f.label).sort();
const choiceView = (f: any) => (f.choices ?? []).map((c: any) => [c.choice_label, c.display_order]);

/** The run failed before any request with `message`, naming the item (context.itemIndex). */
const expectRejected = (result: Awaited<ReturnType<typeof cc.run>>, message: string, itemIndex = 0) =>
	rejected(cc, result, message, { itemIndex });

describe('create', () => {
	test('a text field: label and type are posted; the user gets the field with its derived name', async () => {
		const result = await cc.run(fieldOp('create', { label: 'Favorite Fruit', type: 'string' }));

		expect(result.error).toBeUndefined();
		const api = cc.api();
		expect(api.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual(['POST /v3/contact_custom_fields 201']);
		expect(api[0].body).toEqual({ label: 'Favorite Fruit', type: 'string' });
		expect(result.items).toEqual([
			{
				json: {
					custom_field_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
					label: 'Favorite Fruit',
					name: 'Favorite_Fruit',
					type: 'string',
					version: 2,
					created_at: expect.any(String),
					updated_at: expect.any(String),
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(stored(result.items[0].json.custom_field_id as string)).toMatchObject({ label: 'Favorite Fruit', type: 'string' });
	});

	test('a single select field: the choices are posted as choice_label + display_order, in order', async () => {
		const result = await cc.run(
			fieldOp('create', { label: 'Size', type: 'single_select', choices: choices('Small', ' Medium ', 'Large') }),
		);

		expect(result.error).toBeUndefined();
		expect(cc.api()[0].body).toEqual({
			label: 'Size',
			type: 'single_select',
			choices: [
				{ choice_label: 'Small', display_order: 1 },
				{ choice_label: 'Medium', display_order: 2 },
				{ choice_label: 'Large', display_order: 3 },
			],
		});
		expect(choiceView(result.items[0].json)).toEqual([['Small', 1], ['Medium', 2], ['Large', 3]]);
		expect(choiceView(stored(result.items[0].json.custom_field_id as string))).toEqual([['Small', 1], ['Medium', 2], ['Large', 3]]);
	});

	test('a multi select field with choice labels from expressions', async () => {
		const result = await cc.run(
			fieldOp('create', {
				label: '={{ $json.label }}',
				type: 'multi_select',
				choices: { choice: [{ label: '={{ $json.first }}' }, { label: '={{ $json.second }}' }] },
			}),
			{ inputItems: [{ label: 'Interests', first: 'News', second: 'Offers' }] },
		);
		expect(result.error).toBeUndefined();
		expect(cc.api()[0].body).toEqual({
			label: 'Interests',
			type: 'multi_select',
			choices: [
				{ choice_label: 'News', display_order: 1 },
				{ choice_label: 'Offers', display_order: 2 },
			],
		});
	});

	test.each(['boolean', 'currency', 'date', 'datetime', 'number', 'text_area'])('type %s is posted as is, without choices', async (type) => {
		const result = await cc.run(fieldOp('create', { label: `A ${type}`, type }));
		expect(result.error).toBeUndefined();
		expect(cc.api()[0].body).toEqual({ label: `A ${type}`, type });
		expect(result.items[0].json).toMatchObject({ label: `A ${type}`, type });
	});

	test('several items create several fields, paired with their items', async () => {
		const result = await cc.run(fieldOp('create', { label: '={{ $json.label }}', type: '={{ $json.type }}' }), {
			inputItems: [
				{ label: 'Plan', type: 'string' },
				{ label: 'Renewal', type: 'date' },
			],
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.json.label, i.json.type, i.pairedItem])).toEqual([
			['Plan', 'string', { item: 0 }],
			['Renewal', 'date', { item: 1 }],
		]);
		expect(storedLabels()).toEqual(['Plan', 'Renewal']);
	});

	test('an existing label fails with 409 and says so; nothing is created', async () => {
		seed();
		const result = await cc.run(fieldOp('create', { label: 'Favorite Color', type: 'string' }));
		expect(result.status).toBe('error');
		expect(result.error!.message).toBe('A custom field labelled "Favorite Color" already exists');
		expect((result.error as any).httpCode).toBe('409');
		expect((result.error as any).description).toContain('HTTP 409 for POST /contact_custom_fields');
		expect(cc.api().map((e) => e.status)).toEqual([409]);
		expect(storedLabels()).toEqual(['Favorite Color', 'Fruit']);
	});

	/** Runs `parameters` with retries 5 ms apart and `fault` queued for the first POST. */
	async function runWithLostAnswer(parameters: INodeParameters, fault: Record<string, unknown>) {
		const saved = transport.transportSettings.backoffBaseMs;
		transport.transportSettings.backoffBaseMs = 5;
		cc.fakes.faults.push({ match: { method: 'POST', pathPrefix: '/contact_custom_fields' }, ...fault });
		try {
			return await cc.run(parameters);
		} finally {
			transport.transportSettings.backoffBaseMs = saved;
		}
	}

	test('when the answer to the create is lost and the retry hits 409, the field the first attempt made is returned', async () => {
		const result = await runWithLostAnswer(fieldOp('create', { label: 'Lost', type: 'number' }), { kind: 'afterHandle', status: 500 });

		expect(result.error).toBeUndefined();
		expect(cc.api().map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
			'POST /v3/contact_custom_fields 500',
			'POST /v3/contact_custom_fields 409',
			'GET /v3/contact_custom_fields 200',
		]);
		expect(cc.api()[2].query).toEqual({ limit: '100' });
		expect(storedLabels()).toEqual(['Lost']);
		expect(result.items).toEqual([{ json: expect.objectContaining({ label: 'Lost', type: 'number' }), pairedItem: { item: 0 } }]);
	});

	test('after a failed attempt, an older field with that label is a real conflict (409)', async () => {
		const s = seed();
		stored(s.color).created_at = '2020-01-01T00:00:00.000Z';
		const result = await runWithLostAnswer(fieldOp('create', { label: 'favorite color', type: 'string' }), { kind: 'status', status: 503 });

		expect(result.error!.message).toBe('A custom field labelled "favorite color" already exists');
		expect(cc.calls()).toEqual(['POST /v3/contact_custom_fields', 'POST /v3/contact_custom_fields', 'GET /v3/contact_custom_fields']);
		expect(storedLabels()).toEqual(['Favorite Color', 'Fruit']);
	});

	const twoChoices = fieldOp('create', {
		label: '={{ $json.label }}',
		type: '={{ $json.type }}',
		choices: { choice: [{ label: '={{ $json.a }}' }, { label: '={{ $json.b }}' }] },
	});
	const fine = { label: 'Fine', type: 'single_select', a: 'A', b: 'B' };
	test.each([
		['a label over 50 characters', { ...fine, label: 'L'.repeat(51) }, 'Label is 51 characters long; Constant Contact accepts at most 50'],
		['an empty label', { ...fine, label: '  ' }, 'Label is empty'],
		['an unknown type', { ...fine, type: 'text' }, 'Type is "text", which is not one of: boolean, currency, date, datetime, multi_select, number, single_select, string, text_area'],
		['the same choice twice', { ...fine, a: 'Red', b: 'red' }, 'Choices contains "red" twice'],
		['an empty choice', { ...fine, b: ' ' }, 'Choices has an empty label at choice 2'],
		['a choice over 255 characters', { ...fine, a: 'c'.repeat(256) }, 'Choices (choice 1) is 256 characters long; Constant Contact accepts at most 255'],
	])('%s in item 1 is rejected before any request (item 0 is not created either)', async (_case, bad, message) => {
		const result = await cc.run(twoChoices, { inputItems: [fine, bad] });
		expectRejected(result, message, 1);
		expect(storedLabels()).toEqual([]);
	});

	test('a select field without choices is rejected before any request', async () => {
		const result = await cc.run(fieldOp('create', { label: 'Size', type: 'single_select' }));
		expectRejected(result, 'Choices is empty');
		expect((result.error as any).description).toBe('A single_select field needs at least one choice.');
	});

	test('101 choices are rejected before any request', async () => {
		const labels = Array.from({ length: 101 }, (_, k) => `Choice ${k + 1}`);
		const result = await cc.run(fieldOp('create', { label: 'Many', type: 'multi_select', choices: choices(...labels) }));
		expectRejected(result, 'Choices has 101 choices; Constant Contact accepts at most 100');
	});
});

describe('get', () => {
	test('by ID from the list: the field with its choices', async () => {
		const s = seed();
		const result = await cc.run(fieldOp('get', { customField: fromList(s.fruit) }));

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{
				json: expect.objectContaining({ custom_field_id: s.fruit, label: 'Fruit', name: 'Fruit', type: 'single_select' }),
				pairedItem: { item: 0 },
			},
		]);
		expect(choiceView(result.items[0].json)).toEqual([['Apple', 1], ['Banana', 2]]);
		expect(cc.api().map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([`GET /v3/contact_custom_fields/${s.fruit} 200`]);
		expect(cc.api()[0].query).toEqual({});
	});

	test('an unknown ID fails with 404 and a plain message', async () => {
		const result = await cc.run(fieldOp('get', { customField: byId(UNKNOWN_ID) }));
		expect(result.status).toBe('error');
		expect(result.error!.message).toBe(`Custom field ${UNKNOWN_ID} does not exist in this Constant Contact account`);
		expect((result.error as any).httpCode).toBe('404');
	});

	test('an ID from an expression that is not a UUID is rejected before any request', async () => {
		const result = await cc.run(fieldOp('get', { customField: byId('={{ $json.id }}') }), { inputItems: [{ id: 'Fruit' }] });
		expectRejected(result, 'Custom Field "Fruit" is not a Constant Contact custom field ID');
	});

	test('a typed ID that is not a UUID: n8n refuses to run the node', async () => {
		await expect(cc.run(fieldOp('get', { customField: byId('Fruit') }))).rejects.toThrow('Not a Constant Contact custom field ID');
		expect(cc.api()).toEqual([]);
	});
});

describe('getAll (Get Many)', () => {
	function seedMany(n: number): string[] {
		const s = cc.fakes.admin.seed({
			customFields: Array.from({ length: n }, (_, k) => ({ label: `Field ${String(k + 1).padStart(3, '0')}`, type: 'string' })),
		});
		return s.customFields.map((f: any) => f.custom_field_id);
	}

	test('Return All asks for pages of 100 (the endpoint\'s largest) and follows the cursor link', async () => {
		// More fields than an account may hold (100), only to see a second page.
		const ids = seedMany(130);
		const result = await cc.run(fieldOp('getAll', { returnAll: true }));

		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.custom_field_id)).toEqual(ids);
		expect(result.items.every((i) => (i.pairedItem as any).item === 0)).toBe(true);
		const api = cc.api();
		expect(api.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
			'GET /v3/contact_custom_fields 200',
			'GET /v3/contact_custom_fields 200',
		]);
		expect(api[0].query).toEqual({ limit: '100' });
		expect(api[1].query).toEqual({ cursor: expect.any(String) });
		expect(cursorOffset(api[1].query.cursor)).toBe(100);
	});

	test('a full account (100 fields) takes one request', async () => {
		seedMany(100);
		const result = await cc.run(fieldOp('getAll', { returnAll: true }));
		expect(result.items).toHaveLength(100);
		expect(cc.api().map((e) => e.query)).toEqual([{ limit: '100' }]);
	});

	test('Limit 3 asks for 3', async () => {
		const ids = seedMany(10);
		const result = await cc.run(fieldOp('getAll', { limit: 3 }));
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.custom_field_id)).toEqual(ids.slice(0, 3));
		expect(cc.api().map((e) => e.query)).toEqual([{ limit: '3' }]);
	});

	test('a Limit above 100 is read in pages of 100', async () => {
		seedMany(130);
		const result = await cc.run(fieldOp('getAll', { limit: 120 }));
		expect(result.items).toHaveLength(120);
		expect(cc.api().map((e) => e.query)).toEqual([{ limit: '100' }, { cursor: expect.any(String) }]);
	});
});

describe('update', () => {
	test('a new label of a text field: reads the field, then PUTs the label', async () => {
		const s = seed();
		const result = await cc.run(fieldOp('update', { customField: byId(s.color), updateFields: { label: 'Favourite Colour' } }));

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{ json: expect.objectContaining({ custom_field_id: s.color, label: 'Favourite Colour', type: 'string' }), pairedItem: { item: 0 } },
		]);
		const api = cc.api();
		expect(api.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
			`GET /v3/contact_custom_fields/${s.color} 200`,
			`PUT /v3/contact_custom_fields/${s.color} 200`,
		]);
		expect(api[1].body).toEqual({ label: 'Favourite Colour' });
		expect(stored(s.color)).toMatchObject({ label: 'Favourite Colour', name: 'Favorite_Color', type: 'string' });
		// Contacts keep their values.
		expect(cc.stored(s.contact)!.custom_fields).toEqual([{ custom_field_id: s.color, value: 'green' }]);
	});

	test('a new label of a select field sends its choices back unchanged (the PUT would drop them)', async () => {
		const s = seed();
		const before = stored(s.fruit).choices.map((c: any) => c.choice_id);
		const result = await cc.run(fieldOp('update', { customField: byId(s.fruit), updateFields: { label: 'Fruits' } }));

		expect(result.error).toBeUndefined();
		expect(cc.api()[1].body).toEqual({
			label: 'Fruits',
			choices: [
				{ choice_id: before[0], choice_label: 'Apple', display_order: 1 },
				{ choice_id: before[1], choice_label: 'Banana', display_order: 2 },
			],
		});
		expect(stored(s.fruit).label).toBe('Fruits');
		expect(choiceView(stored(s.fruit))).toEqual([['Apple', 1], ['Banana', 2]]);
	});

	test('Choices with "Add to Existing" (default): the current choices stay, new labels are added at the end', async () => {
		const s = seed();
		const before = stored(s.fruit).choices.map((c: any) => c.choice_id);
		const result = await cc.run(
			fieldOp('update', { customField: byId(s.fruit), updateFields: { choices: choices('Cherry', 'banana') } }),
		);

		expect(result.error).toBeUndefined();
		expect(cc.api()[1].body).toEqual({
			label: 'Fruit',
			choices: [
				{ choice_id: before[0], choice_label: 'Apple', display_order: 1 },
				{ choice_id: before[1], choice_label: 'Banana', display_order: 2 },
				{ choice_label: 'Cherry', display_order: 3 },
			],
		});
		expect(choiceView(result.items[0].json)).toEqual([['Apple', 1], ['Banana', 2], ['Cherry', 3]]);
		expect(choiceView(stored(s.fruit))).toEqual([['Apple', 1], ['Banana', 2], ['Cherry', 3]]);
	});

	test('Choices with "Replace All": exactly the given choices in order; a kept label keeps its choice ID', async () => {
		const s = seed();
		const apple = stored(s.fruit).choices[0].choice_id;
		const result = await cc.run(
			fieldOp('update', {
				customField: byId(s.fruit),
				updateFields: { label: 'Fruit 2026', choices: choices('Cherry', 'apple'), choicesMode: 'replace' },
			}),
		);

		expect(result.error).toBeUndefined();
		expect(cc.api()[1].body).toEqual({
			label: 'Fruit 2026',
			choices: [
				{ choice_label: 'Cherry', display_order: 1 },
				{ choice_id: apple, choice_label: 'Apple', display_order: 2 },
			],
		});
		expect(stored(s.fruit).label).toBe('Fruit 2026');
		expect(choiceView(stored(s.fruit))).toEqual([['Cherry', 1], ['Apple', 2]]);
	});

	test('Choices on a text field fail after the read, naming the field; nothing is written', async () => {
		const s = seed();
		const result = await cc.run(fieldOp('update', { customField: byId(s.color), updateFields: { choices: choices('Red') } }));
		expect(result.status).toBe('error');
		expect(result.error!.message).toBe('Choices cannot be set: custom field "Favorite Color" is of type string');
		expect(cc.calls()).toEqual([`GET /v3/contact_custom_fields/${s.color}`]);
		expect(stored(s.color).choices).toBeUndefined();
	});

	test('Add to Existing past 100 choices fails before the PUT', async () => {
		const s = seed();
		const labels = Array.from({ length: 99 }, (_, k) => `Fruit ${k + 1}`);
		const result = await cc.run(fieldOp('update', { customField: byId(s.fruit), updateFields: { choices: choices(...labels) } }));
		expect(result.error!.message).toBe('Choices would give the field 101 choices; Constant Contact accepts at most 100');
		expect(cc.calls()).toEqual([`GET /v3/contact_custom_fields/${s.fruit}`]);
	});

	test('the label of another field fails with 409 and says so', async () => {
		const s = seed();
		const result = await cc.run(fieldOp('update', { customField: byId(s.color), updateFields: { label: 'Fruit' } }));
		expect(result.status).toBe('error');
		expect(result.error!.message).toBe('A custom field labelled "Fruit" already exists');
		expect((result.error as any).httpCode).toBe('409');
		expect(stored(s.color).label).toBe('Favorite Color');
	});

	test('an unknown ID fails with 404 on the read; nothing is written', async () => {
		const result = await cc.run(fieldOp('update', { customField: byId(UNKNOWN_ID), updateFields: { label: 'X' } }));
		expect(result.error!.message).toBe(`Custom field ${UNKNOWN_ID} does not exist in this Constant Contact account`);
		expect(cc.calls()).toEqual([`GET /v3/contact_custom_fields/${UNKNOWN_ID}`]);
	});

	test.each([
		['an empty choice', { label: 'Fine', a: ' ', b: 'Lime' }, 'Choices has an empty label at choice 1'],
		['a new label over 50 characters', { label: 'L'.repeat(51) }, 'New Label is 51 characters long; Constant Contact accepts at most 50'],
		['the same choice twice', { label: 'Fine', a: 'Kiwi', b: 'KIWI' }, 'Choices contains "KIWI" twice'],
	])('%s in item 1 is rejected before any request', async (_case, bad, message) => {
		const s = seed();
		const result = await cc.run(
			fieldOp('update', {
				customField: byId(s.fruit),
				updateFields: { label: '={{ $json.label }}', choices: { choice: [{ label: '={{ $json.a }}' }, { label: '={{ $json.b }}' }] } },
			}),
			{ inputItems: [{ label: 'Fine', a: 'Kiwi', b: 'Lime' }, bad] },
		);
		expectRejected(result, message, 1);
		expect(stored(s.fruit).label).toBe('Fruit');
	});

	test('no field to update is rejected before any request', async () => {
		const s = seed();
		const result = await cc.run(fieldOp('update', { customField: byId(s.fruit), updateFields: {} }));
		expectRejected(result, 'Update Fields is empty');
	});

	test('Replace All with no choices is rejected before any request', async () => {
		const s = seed();
		const result = await cc.run(fieldOp('update', { customField: byId(s.fruit), updateFields: { choices: {}, choicesMode: 'replace' } }));
		expectRejected(result, 'Choices is empty');
	});
});

describe('delete', () => {
	test('deletes the field (204): { deleted: true, custom_field_id }; contacts lose its value', async () => {
		const s = seed();
		const result = await cc.run(fieldOp('delete', { customField: fromList(s.color) }));

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: { deleted: true, custom_field_id: s.color }, pairedItem: { item: 0 } }]);
		expect(cc.api().map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([`DELETE /v3/contact_custom_fields/${s.color} 204`]);
		expect(cc.api()[0].body).toBeUndefined();
		expect(storedLabels()).toEqual(['Fruit']);
		expect(cc.stored(s.contact)!.custom_fields).toEqual([]);
	});

	test('several items delete several fields, paired with their items', async () => {
		const s = seed();
		const result = await cc.run(fieldOp('delete', { customField: byId('={{ $json.id }}') }), {
			inputItems: [{ id: s.fruit }, { id: s.color }],
		});
		expect(result.items).toEqual([
			{ json: { deleted: true, custom_field_id: s.fruit }, pairedItem: { item: 0 } },
			{ json: { deleted: true, custom_field_id: s.color }, pairedItem: { item: 1 } },
		]);
		expect(storedLabels()).toEqual([]);
	});

	test('an unknown ID fails with 404 and nothing is deleted', async () => {
		seed();
		const result = await cc.run(fieldOp('delete', { customField: byId(UNKNOWN_ID) }));
		expect(result.error!.message).toBe(`Custom field ${UNKNOWN_ID} does not exist in this Constant Contact account`);
		expect((result.error as any).httpCode).toBe('404');
		expect(storedLabels()).toEqual(['Favorite Color', 'Fruit']);
	});

	test('a bad ID in item 1 is rejected before item 0 is deleted', async () => {
		const s = seed();
		const result = await cc.run(fieldOp('delete', { customField: byId('={{ $json.id }}') }), {
			inputItems: [{ id: s.color }, { id: 'Fruit' }],
		});
		expectRejected(result, 'Custom Field "Fruit" is not a Constant Contact custom field ID', 1);
		expect(storedLabels()).toEqual(['Favorite Color', 'Fruit']);
	});
});
