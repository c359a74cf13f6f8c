import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/** Constant Contact's authorization server (Okta based; the older idfed URLs died on 2022-03-31). */
const AUTHORIZE_URL = 'https://authz.constantcontact.com/oauth2/default/v1/authorize';
const TOKEN_URL = 'https://authz.constantcontact.com/oauth2/default/v1/token';
/**
 * `offline_access` is what makes Constant Contact issue a refresh token at all; without it the
 * connection silently dies after 24 hours.
 */
const SCOPES = ['account_read', 'account_update', 'contact_data', 'campaign_data', 'offline_access'];

export class ConstantContactOAuth2Api implements ICredentialType {
	name = 'constantContactOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Constant Contact OAuth2 API';

	icon: Icon = {
		light: 'file:../nodes/ConstantContact/constantContact.svg',
		dark: 'file:../nodes/ConstantContact/constantContact.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-constant-contact/n8n-nodes-constant-contact#credential-set-up';

	properties: INodeProperties[] = [
		{
			displayName:
				'In the Constant Contact developer portal (app.constantcontact.com/pages/dma/portal), open your application, choose the "Authorization Code Flow" and "Long Lived Refresh Tokens", and add the OAuth Redirect URL this form shows (it ends in /rest/oauth2-credential/callback) as a Redirect URI. Then paste the application\'s API Key as Client ID and its secret as Client Secret.',
			name: 'setupNotice',
			type: 'notice',
			default: '',
			// Only when the form asks for a Client ID. When the n8n instance supplies Client ID and
			// Secret (CREDENTIALS_OVERWRITE_DATA, as the sandbox of `npm run dev` does), n8n hides them
			// and the Redirect URL, and leaves clientId out of the form's data: the regex condition
			// needs a string, so the steps above, which would not apply, stay hidden too.
			displayOptions: { show: { clientId: [{ _cnd: { regex: '.*' } }] } },
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: AUTHORIZE_URL,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: TOKEN_URL,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: SCOPES.join(' '),
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'header',
		},
		{
			// Not an OAuth field, so stored data and CREDENTIALS_OVERWRITE_DATA may point it at a
			// sandbox; every API call of the node goes to this base URL.
			displayName: 'API Base URL',
			name: 'apiBaseUrl',
			type: 'hidden',
			default: 'https://api.cc.email/v3',
		},
		{
			displayName: 'n8n Processes Sharing This App',
			name: 'processesSharingApp',
			type: 'number',
			default: 1,
			typeOptions: { minValue: 1, maxValue: 100, numberPrecision: 0 },
			description:
				"How many n8n processes send requests with this Constant Contact application at the same time: in queue mode the workers (and mains), or several n8n instances. Constant Contact allows 4 requests per second per application in all; each process starts at 4 ÷ this number per second and then adapts to Constant Contact's answers. Leave 1 for a single n8n.",
		},
	];
}
