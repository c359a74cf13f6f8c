import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collection } from '../../shared/parameters';
import type { ContactRef } from '../../shared/contact';
import { currentContact, putBodyFrom, putContact, readContactLocator, refuseDeleted } from '../../shared/contact';
import { contactLocator } from '../../shared/descriptions';
import { LIMITS, checkLength, invalid } from '../../shared/validation';
import type { OperationInfo } from '../../shared/types';

/** The operation as the Operation dropdown shows it; `toolNote` is added to its AI tool description. */
export const operation: OperationInfo = {
	name: 'Unsubscribe',
	value: 'unsubscribe',
	description: 'Stop all e-mail campaigns to a contact; only the contact can opt in again',
	action: 'Unsubscribe a contact',
	toolNote: 'The contact gets no email campaigns any more; only the contact can opt in again.',
};

const properties: INodeProperties[] = [
	{
		displayName:
			'An unsubscribed contact receives no more e-mail campaigns. Only the contact can opt back in (Constant Contact sends them one confirmation e-mail on request).',
		name: 'unsubscribeNotice',
		type: 'notice',
		default: '',
	},
	contactLocator,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Reason',
				name: 'reason',
				type: 'string',
				default: '',
				placeholder: 'e.g. Asked by phone to stop e-mails',
				description: 'Why the contact unsubscribed (at most 255 characters)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['unsubscribe'] } },
	properties,
);

interface UnsubscribeInput {
	ref: ContactRef;
	reason: string;
}

export async function prepare(this: IExecuteFunctions, i: number): Promise<UnsubscribeInput> {
	const options = collection(this, 'options', i);
	const reason = checkLength(this, i, 'Reason', options.reason ?? '', LIMITS.optOutReason).trim();

	return { ref: readContactLocator(this, i), reason };
}

export async function execute(this: IExecuteFunctions, i: number, { ref, reason }: UnsubscribeInput): Promise<IDataObject> {
	const { contactId, contact } = await currentContact(this, i, ref);
	refuseDeleted(this, i, contact, 'Unsubscribing');
	const body = putBodyFrom(contact);
	const email = body.email_address as IDataObject | undefined;
	if (!email) {
		throw invalid(this, i, 'Contact', 'has no e-mail address, so there is nothing to unsubscribe');
	}
	email.permission_to_send = 'unsubscribed';
	if (reason) email.opt_out_reason = reason;
	return await putContact(this, i, contactId, body);
}
