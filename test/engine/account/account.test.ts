/** Account → Get Summary / Get Sender Addresses / Get Physical Address / Get User Privileges. */
import { useContactFakes } from '../contact/helpers';

const cc = useContactFakes();
const accountOp = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'account',
	operation,
	...parameters,
});

test('Get Summary: the account, with the physical address when asked for', async () => {
	const result = await cc.run(accountOp('getSummary', { options: { extraFields: ['physical_address'] } }));
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(1);
	expect(result.items[0].json).toMatchObject({ organization_name: expect.any(String), physical_address: expect.any(Object) });
	expect(result.items[0].pairedItem).toEqual({ item: 0 });
	expect(cc.api()[0].query).toEqual({ extra_fields: 'physical_address' });
});

test('Get Sender Addresses: one item per address; the Confirmed filter is sent', async () => {
	const all = await cc.run(accountOp('getSenderAddresses'));
	expect(all.items.map((i) => [i.json.email_address, i.json.confirm_status])).toEqual(
		expect.arrayContaining([
			['owner@example.com', 'CONFIRMED'],
			['pending@example.com', 'UNCONFIRMED'],
		]),
	);
	expect(all.items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);

	const confirmed = await cc.run(accountOp('getSenderAddresses', { confirmStatus: 'CONFIRMED' }));
	expect(confirmed.items.length).toBeGreaterThan(0);
	expect(confirmed.items.every((i) => i.json.confirm_status === 'CONFIRMED')).toBe(true);
	expect(cc.api()[1].query).toEqual({ confirm_status: 'CONFIRMED' });
});

test('Get Physical Address, and a plain message when the account has none', async () => {
	const ok = await cc.run(accountOp('getPhysicalAddress'));
	expect(ok.items[0].json).toMatchObject({ address_line1: expect.any(String), country_code: expect.any(String) });

	cc.fakes.admin.removePhysicalAddress();
	const missing = await cc.run(accountOp('getPhysicalAddress'));
	expect(missing.status).toBe('error');
	expect(missing.error!.message).toMatch(/^The account has no physical address yet/);
	expect((missing.error as any).httpCode).toBe('404');
});

test('Get User Privileges: one item per privilege', async () => {
	const result = await cc.run(accountOp('getUserPrivileges'));
	expect(result.items.map((i) => i.json.privilege_name)).toEqual(expect.arrayContaining(['contacts:write', 'campaign:send']));
	expect(cc.calls()).toEqual(['GET /v3/account/user/privileges']);
});
