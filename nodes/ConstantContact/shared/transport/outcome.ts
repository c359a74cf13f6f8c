/**
 * Three honest outcomes per item: done (the answer proves it), failed (nothing was written), or
 * unknown: a write whose answer was lost or unreadable may have taken effect. An unknown outcome
 * is not an error (an error invites running the item again, which could create a duplicate or
 * mail someone twice): it becomes the item's output, saying what to check.
 */
import type { IDataObject } from 'n8n-workflow';

export interface UnknownDetails {
	/** What may have happened, e.g. "Constant Contact may have created the contact". */
	message: string;
	/** What to check before running the item again. */
	check: string;
	/** Why the outcome is unclear (the last failure), without secrets. */
	reason?: string;
	/** `METHOD /path` of the request. */
	request?: string;
	/** Fields that identify the record (e-mail, name, activity ID …). */
	identify?: IDataObject;
}

export class UnknownOutcome extends Error {
	readonly json: IDataObject;

	constructor(readonly details: UnknownDetails) {
		super(details.message);
		this.name = 'UnknownOutcome';
		this.json = {
			outcome: 'unknown',
			message: details.message,
			check: details.check,
			...(details.reason ? { reason: details.reason } : {}),
			...(details.request ? { request: details.request } : {}),
			...(details.identify ?? {}),
		};
	}

	/** The same outcome for one item of a batch, with the fields that identify it. */
	forItem(identify: IDataObject): UnknownOutcome {
		return new UnknownOutcome({ ...this.details, identify: { ...(this.details.identify ?? {}), ...identify } });
	}
}
