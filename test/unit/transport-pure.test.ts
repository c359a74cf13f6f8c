/** The transport's pure parts: error body shapes, link resolution and secret redaction. */
import { NodeApiError } from 'n8n-workflow';

import { needsReconnect, parseErrorBody } from '../../nodes/ConstantContact/shared/transport/failures';
import { resolveLink } from '../../nodes/ConstantContact/shared/transport/origin';
import { redact, redactText } from '../../nodes/ConstantContact/shared/transport/redaction';

describe('parseErrorBody reads every shape Constant Contact answers with', () => {
	it('an array of error objects (most errors)', () => {
		expect(
			parseErrorBody([
				{ error_key: 'contacts.api.conflict', error_message: 'Validation failed: EmailAddress is not unique' },
				{ error_key: 'b', error_message: 'second' },
			]),
		).toEqual([
			{ error_key: 'contacts.api.conflict', error_message: 'Validation failed: EmailAddress is not unique' },
			{ error_key: 'b', error_message: 'second' },
		]);
	});

	it('a single object (401, 429)', () => {
		expect(parseErrorBody({ error_key: 'throttled', error_message: 'Too Many Requests' })).toEqual([
			{ error_key: 'throttled', error_message: 'Too Many Requests' },
		]);
	});

	it("the OAuth token endpoint's shape", () => {
		expect(parseErrorBody({ error: 'invalid_grant', error_description: 'The refresh token is invalid.' })).toEqual([
			{ error_key: 'invalid_grant', error_message: 'The refresh token is invalid.' },
		]);
	});

	it('errors inside a 200 report and plain text', () => {
		expect(parseErrorBody({ errors: [{ error_key: 'k', error_message: 'm' }] })).toEqual([
			{ error_key: 'k', error_message: 'm' },
		]);
		expect(parseErrorBody('Bad Gateway')).toEqual([{ error_message: 'Bad Gateway' }]);
		expect(parseErrorBody(undefined)).toEqual([]);
	});
});

describe('resolveLink prefixes only the host part of _links.next.href', () => {
	const api = (base: string) => {
		const url = new URL(base);
		return { origin: url.origin, prefix: url.pathname, base };
	};
	it.each([
		['https://api.cc.email/v3', '/v3/contacts?cursor=abc', 'https://api.cc.email/v3/contacts?cursor=abc'],
		['http://127.0.0.1:8080/v3', '/v3/contact_tags?cursor=x', 'http://127.0.0.1:8080/v3/contact_tags?cursor=x'],
		['http://proxy.local/cc/v3', '/v3/contacts?cursor=abc', 'http://proxy.local/cc/v3/contacts?cursor=abc'],
		['http://proxy.local/cc/v3', '/cc/v3/contacts?cursor=abc', 'http://proxy.local/cc/v3/contacts?cursor=abc'],
		['https://api.cc.email/v3', 'https://api.cc.email/v3/contacts?cursor=abc', 'https://api.cc.email/v3/contacts?cursor=abc'],
	])('%s + %s', (base, href, expected) => {
		expect(resolveLink(api(base), href)).toBe(expected);
	});
});

describe('redaction', () => {
	it('removes bearer and basic credentials and token parameters from text', () => {
		const text = redactText(
			'Authorization: Bearer eyJhbGciOi.abc-def Basic dGVzdDpzZWNyZXQ= refresh_token=rt-123&client_secret=s3cr3t code=xyz',
		);
		expect(text).not.toMatch(/eyJhbGciOi|dGVzdDpzZWNyZXQ|rt-123|s3cr3t|xyz/);
		expect(text).toContain('Bearer [redacted]');
	});

	it('keeps parameters that merely end in "code"', () => {
		expect(redactText('?postal_code=78701&country_code=US&code=abc')).toBe(
			'?postal_code=78701&country_code=US&code=[redacted]',
		);
	});

	it('removes secret keys at any depth and keeps the rest', () => {
		const out = redact({
			headers: { Authorization: 'Bearer abc', Accept: 'application/json' },
			body: [{ access_token: 'a', refresh_token: 'r', note: 'Bearer zzz' }],
			client_secret: 's',
			keep: 1,
		});
		expect(out).toEqual({
			headers: { Authorization: '[redacted]', Accept: 'application/json' },
			body: [{ access_token: '[redacted]', refresh_token: '[redacted]', note: 'Bearer [redacted]' }],
			client_secret: '[redacted]',
			keep: 1,
		});
	});
});

describe('needsReconnect recognises a refused refresh as each n8n major reports it', () => {
	const node = { id: '1', name: 'CC', type: 'x', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };

	it('n8n 2.x: "needs to be reconnected"', () => {
		expect(needsReconnect(new Error('The credential "CC" needs to be reconnected.'))).toBe(true);
	});

	it("n8n 1.x: the OAuth client's invalid_grant text wrapped in a NodeApiError, without the error key", () => {
		const authError = Object.assign(
			new Error(
				'The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
			),
			{ code: 'EAUTH' },
		);
		expect(needsReconnect(new NodeApiError(node, authError as never))).toBe(true);
	});

	it('an error body with invalid_grant', () => {
		expect(needsReconnect({ message: 'x', cause: { body: { error: 'invalid_grant' } } })).toBe(true);
	});

	it('not for other failures', () => {
		expect(needsReconnect(new Error('socket hang up'))).toBe(false);
		expect(needsReconnect({ message: 'Request failed with status code 401' })).toBe(false);
	});
});
