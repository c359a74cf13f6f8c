/**
 * The four contact events read `GET /contacts` with one date filter each; this builds them.
 * The fields here (Filters, Options) are shared by the four and written once.
 */
import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';

import { readIdList } from '../../shared/names';
import { includeField, listsField, tagsField } from '../../shared/descriptions';
import { constantContactRequestAllItems } from '../../shared/transport';
import { LIMITS } from '../../shared/validation';
import type { CursorRecord } from '../cursor';
import type { ReadRequest, TriggerEvent } from '../types';

export const CONTACT_EVENTS = ['contactCreated', 'contactUpdated', 'contactUnsubscribed', 'contactDeleted'];

export const contactFields: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { event: CONTACT_EVENTS } },
		options: [
			{ ...listsField, description: 'Only contacts on any of these lists (at most 25). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.' },
			{ ...tagsField, description: 'Only contacts with any of these tags (at most 50). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.' },
		],
	},
	{
		displayName: 'Contact Options',
		name: 'contactOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { event: CONTACT_EVENTS } },
		options: [
			includeField,
			{
				displayName: 'Include New Contacts',
				name: 'includeNew',
				type: 'boolean',
				default: false,
				displayOptions: { show: { '/event': ['contactUpdated'] } },
				description:
					'Whether contacts created since the last poll also count as updated (otherwise only contacts changed more than a second after they were created; Contact Created reports new ones)',
			},
		],
	},
];

interface ContactEventSpec {
	/** The query of this event, e.g. `{ status: 'deleted' }`. */
	qs?: IDataObject;
	/** The date filter that selects new events, e.g. `created_after`. */
	after: string;
	/** The event's own time on the record. */
	time: (contact: IDataObject) => unknown;
	/** True when the key is the contact alone (created once); otherwise contact + event time. */
	oncePerContact?: boolean;
	/** Records the event leaves out (a contact created, not updated). */
	accept?: (contact: IDataObject, options: IDataObject) => boolean;
}

const PAGE_SIZE = 500;

export function contactEvent(spec: ContactEventSpec): TriggerEvent {
	async function read(this: IPollFunctions, request: ReadRequest): Promise<Array<CursorRecord<IDataObject>>> {
		const filters = this.getNodeParameter('filters', {}) as IDataObject;
		const options = this.getNodeParameter('contactOptions', {}) as IDataObject;
		const lists = await readIdList(this, undefined, `Filters → ${listsField.displayName}`, filters.lists, { max: LIMITS.listsFilter, kind: 'list' });
		const tags = await readIdList(this, undefined, `Filters → ${tagsField.displayName}`, filters.tags, { max: LIMITS.tags, kind: 'tag' });
		const include = (options.include as string[] | undefined) ?? (includeField.default as string[]);
		const qs: IDataObject = { ...(spec.qs ?? {}) };
		if (include.length) qs.include = include.join(',');
		if (lists.length) qs.lists = lists.join(',');
		if (tags.length) qs.tags = tags.join(',');
		if (request.since !== undefined) qs[spec.after] = new Date(request.since).toISOString();
		const contacts = await constantContactRequestAllItems.call(this, {
			path: '/contacts',
			qs,
			itemsKey: 'contacts',
			pageSize: PAGE_SIZE,
			max: request.sample ? PAGE_SIZE : undefined,
		});
		return contacts.flatMap((contact) => {
			const time = Date.parse(String(spec.time(contact) ?? ''));
			if (Number.isNaN(time) || (spec.accept && !spec.accept(contact, options))) return [];
			const id = String(contact.contact_id);
			return [{ key: spec.oncePerContact ? id : `${id}@${time}`, time, json: contact }];
		});
	}
	return { description: [], memory: 'window', read };
}
