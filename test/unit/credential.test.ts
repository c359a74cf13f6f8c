/**
 * The credential form as n8n's editor builds it (CredentialEdit / useCredentialForm in n8n 1.123.81
 * and 2.41.1): the form's data starts with every property's default except the ones the instance
 * overwrites (CREDENTIALS_OVERWRITE_DATA), a field is shown when it is not hidden, not overwritten
 * and its displayOptions match (n8n-workflow's displayParameter), and a form of notices only shows
 * nothing. Two set-ups: a real one (the user types Client ID and Secret) and the sandbox of
 * `npm run dev` (Client ID and Secret overwritten).
 */
import type { ICredentialDataDecryptedObject, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { ConstantContactOAuth2Api } from '../../credentials/ConstantContactOAuth2Api.credentials';

// The two fields of n8n's oAuth2Api that this credential inherits and shows (as n8n-nodes-base
// defines them; the other inherited fields are overridden here or hidden by their displayOptions).
const inherited: INodeProperties[] = [
	{ displayName: 'Use Dynamic Client Registration', name: 'useDynamicClientRegistration', type: 'hidden', default: false },
	{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '', required: true, displayOptions: { show: { useDynamicClientRegistration: [false] } } },
	{ displayName: 'Client Secret', name: 'clientSecret', type: 'string', typeOptions: { password: true }, default: '', required: true, displayOptions: { show: { useDynamicClientRegistration: [false] } } },
];

function form(overwritten: string[], typed: ICredentialDataDecryptedObject = {}) {
	const properties: INodeProperties[] = [];
	NodeHelpers.mergeNodeProperties(properties, inherited);
	NodeHelpers.mergeNodeProperties(properties, new ConstantContactOAuth2Api().properties);
	const data: ICredentialDataDecryptedObject = { ...typed };
	for (const p of properties) if (!(p.name in data) && !overwritten.includes(p.name)) data[p.name] = p.default as ICredentialDataDecryptedObject[string];
	const visible = properties.filter(
		(p) => p.type !== 'hidden' && !overwritten.includes(p.name) && (p.displayOptions === undefined || NodeHelpers.displayParameter(data, p, null, null)),
	);
	return visible.every((p) => p.type === 'notice') ? [] : visible.map((p) => p.name);
}

describe('credential form', () => {
	test('real set-up: the steps, then Client ID and Client Secret, while empty and once typed', () => {
		expect(form([])).toEqual(['clientId', 'clientSecret', 'setupNotice', 'processesSharingApp']);
		expect(form([], { clientId: 'my-api-key', clientSecret: 'my-secret' })).toEqual(['clientId', 'clientSecret', 'setupNotice', 'processesSharingApp']);
	});

	test('sandbox (Client ID and Secret supplied by the instance): no steps that do not apply, only the optional processes setting (filled in)', () => {
		const sandbox = ['clientId', 'clientSecret', 'authUrl', 'accessTokenUrl', 'apiBaseUrl'];
		expect(form(sandbox)).toEqual(['processesSharingApp']);
		// Even where an n8n showed notices on their own, this one stays hidden.
		const properties = new ConstantContactOAuth2Api().properties;
		const notice = properties.find((p) => p.name === 'setupNotice')!;
		expect(NodeHelpers.displayParameter({ scope: 'x' }, notice, null, null)).toBe(false);
	});

	test('the steps do not point to a place on the form ("shown above"), only to the Redirect URL it shows', () => {
		const notice = new ConstantContactOAuth2Api().properties.find((p) => p.name === 'setupNotice')!;
		expect(notice.displayName).not.toMatch(/above|below/);
		expect(notice.displayName).toContain('OAuth Redirect URL this form shows');
	});
});
