/**
 * Dropdown contents. Each pages through everything the account has (Constant Contact allows
 * 1,000 lists, 500 tags and 100 custom fields per account) using the largest page size, so that
 * opening a dropdown costs at most a few requests.
 */
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { constantContactApiRequest, constantContactRequestAllItems } from '../shared/transport';

async function load(
	ctx: ILoadOptionsFunctions,
	path: string,
	itemsKey: string,
	pageSize: number,
	toOption: (record: IDataObject) => INodePropertyOptions,
): Promise<INodePropertyOptions[]> {
	const records = await constantContactRequestAllItems.call(ctx, { path, itemsKey, pageSize });
	return records.map(toOption).sort((a, b) => a.name.localeCompare(b.name));
}

export async function getLists(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await load(this, '/contact_lists', 'lists', 500, (l) => ({
		name: String(l.name),
		value: String(l.list_id),
		description: l.description ? String(l.description) : undefined,
	}));
}

export async function getTags(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await load(this, '/contact_tags', 'tags', 500, (t) => ({
		name: String(t.name),
		value: String(t.tag_id),
	}));
}

export async function getCustomFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await load(this, '/contact_custom_fields', 'custom_fields', 100, (f) => ({
		name: String(f.label ?? f.name),
		value: String(f.custom_field_id),
		description: f.type ? `Type: ${String(f.type)}` : undefined,
	}));
}

/** The account's CONFIRMED e-mail addresses: the only ones campaigns can be sent from. */
export async function getConfirmedEmails(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const answer = (await constantContactApiRequest.call(this, {
		method: 'GET',
		path: '/account/emails',
		qs: { confirm_status: 'CONFIRMED' },
	})) as unknown;
	return (Array.isArray(answer) ? (answer as IDataObject[]) : [])
		.map((e) => ({
			name: String(e.email_address),
			value: String(e.email_address),
			description: Array.isArray(e.roles) && e.roles.length ? `Roles: ${e.roles.join(', ')}` : undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
