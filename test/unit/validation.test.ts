/**
 * The input checks run before any request. These tests call them the way operations do and
 * assert the message a user would read: it names the field (the item is the error's itemIndex).
 */
import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	checkAnniversary,
	checkBirthday,
	checkEmail,
	checkIdList,
	checkLength,
	checkOneOf,
	checkUuid,
	toIdList,
} from '../../nodes/ConstantContact/shared/validation';

const node: INode = {
	id: 'n1',
	name: 'Constant Contact',
	type: 'n8n-nodes-constant-contact.constantContact',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
// The checks only need the node to build their errors.
const ctx = { getNode: () => node } as unknown as IExecuteFunctions;

function errorOf(fn: () => unknown): NodeOperationError {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		return error as NodeOperationError;
	}
	throw new Error('expected an error');
}

describe('checkEmail', () => {
	it.each(['name@example.com', ' a.b+c@sub.example.co.uk '])('accepts %p', (email) => {
		expect(checkEmail(ctx, 0, 'Email', email)).toBe(email.trim());
	});

	it.each(['', 'plain', 'a@b', 'a@@b.com', 'a b@c.com', 'x@y.c'])('rejects %p naming item and field', (email) => {
		const error = errorOf(() => checkEmail(ctx, 3, 'Email', email));
		expect(error.message).toMatch(/^Email /);
		expect(error.context.itemIndex).toBe(3);
	});

	it('rejects an address over the limit of the endpoint', () => {
		const long = `${'a'.repeat(45)}@example.com`; // 57 characters
		expect(checkEmail(ctx, 0, 'Email', long)).toBe(long);
		expect(errorOf(() => checkEmail(ctx, 1, 'Email', long, 50)).message).toBe(
			'Email is 57 characters long; Constant Contact accepts at most 50',
		);
	});
});

describe('checkLength and checkOneOf', () => {
	it('names the field and the limit', () => {
		expect(checkLength(ctx, 0, 'First Name', 'Ann', 50)).toBe('Ann');
		expect(errorOf(() => checkLength(ctx, 2, 'First Name', 'x'.repeat(51), 50)).message).toBe(
			'First Name is 51 characters long; Constant Contact accepts at most 50',
		);
	});

	it('matches kinds case-insensitively and lists the allowed ones', () => {
		expect(checkOneOf(ctx, 0, 'Kind', 'Mobile', ['home', 'mobile'])).toBe('mobile');
		expect(errorOf(() => checkOneOf(ctx, 0, 'Kind', 'fax', ['home', 'mobile'])).message).toBe(
			'Kind "fax" is not one of: home, mobile',
		);
	});
});

describe('ID lists', () => {
	const id1 = '1ec8a3a0-4e6b-11ec-8bd6-fa163e6a92d8';
	const id2 = '2ec8a3a0-4e6b-11ec-8bd6-fa163e6a92d8';

	it('takes arrays and comma-separated strings, trimmed and without duplicates', () => {
		expect(toIdList([id1, ` ${id2} `, id1])).toEqual([id1, id2]);
		expect(toIdList(`${id1}, ${id2},`)).toEqual([id1, id2]);
		expect(toIdList(undefined)).toEqual([]);
	});

	it('enforces minimum, maximum and the ID format', () => {
		expect(checkIdList(ctx, 0, 'Contact IDs', [id1], { min: 1, max: 50, what: 'contact IDs' })).toEqual([id1]);
		expect(errorOf(() => checkIdList(ctx, 0, 'Contact IDs', [], { min: 1, max: 50, what: 'contact IDs' })).message).toBe(
			'Contact IDs needs at least one contact ID',
		);
		const many = Array.from({ length: 51 }, (_, n) => `${String(n).padStart(8, '0')}-4e6b-11ec-8bd6-fa163e6a92d8`);
		expect(errorOf(() => checkIdList(ctx, 4, 'Contact IDs', many, { max: 50, what: 'contact IDs' })).message).toBe(
			'Contact IDs has 51 contact IDs; Constant Contact accepts at most 50',
		);
		expect(errorOf(() => checkIdList(ctx, 0, 'Contact IDs', 'ada@example.com', { max: 50, what: 'contact IDs' })).message).toBe(
			'Contact IDs contains "ada@example.com", which is not a Constant Contact contact ID',
		);
	});

	it('a "… Names or IDs" dropdown: the hint says how to give lists (names or IDs) and which operation lists them', () => {
		const picker = { min: 1, max: 50, what: 'lists', picker: true, names: true };
		const empty = errorOf(() => checkIdList(ctx, 0, 'List Names or IDs', [], picker));
		expect(empty.message).toBe('List Names or IDs needs at least one list');
		expect(empty.description).toBe(
			'Choose the lists from the dropdown, or give their names or IDs (an array, or separated by commas); List → Get Many lists them.',
		);
		// Names pass this check as they are; they are looked up among the account's lists later.
		expect(checkIdList(ctx, 2, 'List Names or IDs', 'Newsletter, 04fe9a97-a579-43c5-bb1a-58ed29bf0a6a', picker)).toEqual([
			'Newsletter',
			'04fe9a97-a579-43c5-bb1a-58ed29bf0a6a',
		]);
	});

	it('checkUuid rejects empty and malformed IDs', () => {
		expect(checkUuid(ctx, 0, 'Contact', id1)).toBe(id1);
		expect(errorOf(() => checkUuid(ctx, 0, 'Contact', '')).message).toBe('Contact is empty');
		expect(errorOf(() => checkUuid(ctx, 0, 'Contact', '04fe9a-a579-43c5-bb1a-58ed29bf0a6a')).message).toMatch(
			/is not a Constant Contact ID/,
		);
	});
});

describe('birthday', () => {
	it('returns both parts or nothing', () => {
		expect(checkBirthday(ctx, 0, undefined, undefined)).toBeUndefined();
		expect(checkBirthday(ctx, 0, 2, 29)).toEqual({ birthday_month: 2, birthday_day: 29 });
		expect(checkBirthday(ctx, 0, '12', '31')).toEqual({ birthday_month: 12, birthday_day: 31 });
	});

	it.each([
		[5, undefined, 'Birthday Day is missing'],
		[undefined, 5, 'Birthday Month is missing'],
		[13, 1, 'Birthday Month is 13; it must be a whole number from 1 to 12'],
		[0, 1, 'Birthday Month is 0; it must be a whole number from 1 to 12'],
		[4, 31, 'Birthday Day is 31; month 4 has days 1 to 30'],
		[2, 30, 'Birthday Day is 30; month 2 has days 1 to 29'],
		[1.5, 3, 'Birthday Month is 1.5; it must be a whole number from 1 to 12'],
	])('month %p day %p → %s', (month, day, message) => {
		expect(errorOf(() => checkBirthday(ctx, 0, month, day)).message).toBe(message);
	});
});

describe('anniversary', () => {
	it.each([
		['2019-06-21', '2019-06-21'],
		['2019-6-1', '2019-6-1'],
		['2019/06/21', '2019/06/21'],
		['06/21/2019', '06/21/2019'],
		['6/1/2019', '6/1/2019'],
		['06-21-2019', '06-21-2019'],
		['2019-06-21T00:00:00.000Z', '2019-06-21'],
		['', undefined],
	])('accepts %p as %p', (input, expected) => {
		expect(checkAnniversary(ctx, 0, input)).toBe(expected);
	});

	it.each(['21.06.2019', '2019-13-01', '02/30/2020', '2019-06/21', 'June 21'])('rejects %p', (input) => {
		expect(errorOf(() => checkAnniversary(ctx, 7, input)).message).toMatch(/^Anniversary /);
	});
});
