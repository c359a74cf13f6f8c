/**
 * Contact → Delete through n8n's engine: `DELETE /contacts/{id}` (by ID or found by e-mail).
 */
import { UNKNOWN_ID, byEmail, byId, contactOp, useContactFakes } from './helpers';

const cc = useContactFakes();

function seedTwo(): { gone: string; kept: string } {
	const s = cc.fakes.admin.seed({
		contacts: [
			{ email: 'gone@example.com', first_name: 'Gone' },
			{ email: 'kept@example.com', first_name: 'Kept' },
		],
	});
	return { gone: s.contacts[0].contact_id, kept: s.contacts[1].contact_id };
}

describe('delete', () => {
	test('by ID: { deleted: true, contact_id } and the contact is deleted in the account', async () => {
		const s = seedTwo();
		const result = await cc.run(contactOp('delete', { contact: byId(s.gone) }));

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: { deleted: true, contact_id: s.gone }, pairedItem: { item: 0 } }]);
		expect(cc.api().map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([`DELETE /v3/contacts/${s.gone} 204`]);
		expect(cc.api()[0].body).toBeUndefined();
		expect(cc.stored(s.gone)!.deleted_at).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(cc.stored(s.kept)!.deleted_at).toBeUndefined();
	});

	test('by e-mail: finds the contact, then deletes it', async () => {
		const s = seedTwo();
		const result = await cc.run(contactOp('delete', { contact: byEmail('gone@example.com') }));

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: { deleted: true, contact_id: s.gone }, pairedItem: { item: 0 } }]);
		const api = cc.api();
		expect(api.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
			'GET /v3/contacts 200',
			`DELETE /v3/contacts/${s.gone} 204`,
		]);
		expect(api[0].query).toEqual({ email: 'gone@example.com', status: 'all', limit: '1' });
		expect(cc.stored(s.gone)!.deleted_at).toEqual(expect.any(String));
		expect(cc.stored(s.kept)!.deleted_at).toBeUndefined();
	});

	test('several items delete several contacts, paired with their items', async () => {
		const s = seedTwo();
		const result = await cc.run(contactOp('delete', { contact: byId('={{ $json.id }}') }), {
			inputItems: [{ id: s.kept }, { id: s.gone }],
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{ json: { deleted: true, contact_id: s.kept }, pairedItem: { item: 0 } },
			{ json: { deleted: true, contact_id: s.gone }, pairedItem: { item: 1 } },
		]);
		expect(cc.calls()).toEqual([`DELETE /v3/contacts/${s.kept}`, `DELETE /v3/contacts/${s.gone}`]);
	});

	test('an unknown ID fails with 404 and a plain message', async () => {
		seedTwo();
		const result = await cc.run(contactOp('delete', { contact: byId(UNKNOWN_ID) }));
		expect(result.status).toBe('error');
		expect(result.error!.message).toBe(`Contact ${UNKNOWN_ID} does not exist in this Constant Contact account`);
		expect((result.error as any).httpCode).toBe('404');
		expect(cc.api().map((e) => e.status)).toEqual([404]);
	});

	test('an unknown e-mail fails without deleting anything', async () => {
		const s = seedTwo();
		const result = await cc.run(contactOp('delete', { contact: byEmail('nobody@example.com') }));
		expect(result.status).toBe('error');
		expect(result.error!.message).toBe('No contact with e-mail nobody@example.com exists');
		expect(cc.calls()).toEqual(['GET /v3/contacts']);
		expect(cc.stored(s.gone)!.deleted_at).toBeUndefined();
	});
});
