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

export { expectRejected } from '../contact/helpers';

export const state = (cc: ContactSuite) => cc.fakes.admin.state();
