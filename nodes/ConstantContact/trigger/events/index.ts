import type { INodeProperties } from 'n8n-workflow';

import type { TriggerEvent } from '../types';
import * as campaignSent from './campaignSent';
import * as contactCreated from './contactCreated';
import * as contactDeleted from './contactDeleted';
import * as contactUnsubscribed from './contactUnsubscribed';
import * as contactUpdated from './contactUpdated';
import { contactFields } from './contactEvent';
import * as emailBounced from './emailBounced';
import * as emailClicked from './emailClicked';
import * as emailOpened from './emailOpened';
import * as emailOptedOut from './emailOptedOut';
import * as listCreated from './listCreated';
import { trackingFields } from './trackingEvent';

export const events: Record<string, TriggerEvent> = {
	campaignSent,
	contactCreated,
	contactDeleted,
	contactUnsubscribed,
	contactUpdated,
	emailBounced,
	emailClicked,
	emailOpened,
	emailOptedOut,
	listCreated,
};

export const eventSelector: INodeProperties = {
	displayName: 'Event',
	name: 'event',
	type: 'options',
	noDataExpression: true,
	required: true,
	default: 'contactCreated',
	options: [
		{ name: 'Campaign Sent', value: 'campaignSent', description: 'A campaign e-mail finished sending (its status became Done)' },
		{ name: 'Contact Created', value: 'contactCreated', description: 'A contact was added to the account' },
		{ name: 'Contact Deleted', value: 'contactDeleted', description: 'A contact was deleted' },
		{ name: 'Contact Unsubscribed', value: 'contactUnsubscribed', description: 'A contact opted out of e-mail' },
		{ name: 'Contact Updated', value: 'contactUpdated', description: 'A contact was changed' },
		{ name: 'Email Bounced', value: 'emailBounced', description: "The campaign's e-mail bounced for a contact" },
		{ name: 'Email Clicked', value: 'emailClicked', description: "A contact clicked a link in the campaign's e-mail" },
		{ name: 'Email Opened', value: 'emailOpened', description: "A contact opened the campaign's e-mail" },
		{ name: 'Email Opted Out', value: 'emailOptedOut', description: "A contact unsubscribed through the campaign's e-mail" },
		{ name: 'List Created', value: 'listCreated', description: 'A list was created' },
	],
};

/** The fields of every event, each written once (shared ones by the event family). */
export const eventFields: INodeProperties[] = [...contactFields, ...trackingFields, ...Object.values(events).flatMap((e) => e.description)];
