/** Shared pieces of the campaign engine tests. */
import type { INodeParameters } from 'n8n-workflow';

import type { ContactSuite } from '../contact/helpers';

export const campaignOp = (operation: string, parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'campaign',
	operation,
	...parameters,
});

export const fromList = (value: string) => ({ __rl: true, mode: 'list', value });

export const HTML = '<html><body>[[trackingImage]]<p>Hello</p></body></html>';

/** Parameters of a valid Create. */
export function createParams(overrides: INodeParameters = {}): INodeParameters {
	return campaignOp('create', {
		name: 'March news',
		subject: 'Our March news',
		fromName: 'Example Org',
		fromEmail: 'owner@example.com',
		replyToEmail: 'news@example.com',
		htmlContent: HTML,
		...overrides,
	});
}

/** The run failed before any write with `message`, naming the item. */
export function expectRejected(
	cc: ContactSuite,
	result: Awaited<ReturnType<ContactSuite['run']>>,
	message: string,
	options: { itemIndex?: number; allowedCalls?: string[] } = {},
): void {
	expect(result.status).toBe('error');
	expect(result.items).toEqual([]);
	expect(result.error!.message).toBe(message);
	expect((result.error as any).context.itemIndex).toBe(options.itemIndex ?? 0);
	expect(cc.calls()).toEqual(options.allowedCalls ?? []);
}

export const state = (cc: ContactSuite) => cc.fakes.admin.state();
