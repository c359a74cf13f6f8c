// The fake Constant Contact API + OAuth server (test/fake/cli.js) as a child process, with its
// /__admin/* endpoints.
import path from 'node:path';

import { REPO } from '../../scripts/lib/n8n.mjs';
import { http, startProcess } from './util.mjs';

export const CLIENT_ID = 'test-client-id';
export const CLIENT_SECRET = 'test-client-secret';
export const BASIC = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
/** The fake logs only the first 6 characters of a credential. */
export const BASIC_MASKED = `Basic ${BASIC.slice(6, 12)}…`;

export async function startFakes(args = []) {
	const proc = await startProcess(process.execPath, [path.join(REPO, 'test', 'fake', 'cli.js'), ...args], { cwd: REPO, name: 'fake Constant Contact' });
	const { api, oauth } = JSON.parse(proc.firstLine);
	const admin = async (method, route, body) => {
		const res = await http(method, `${api.url}/__admin/${route}`, { body });
		if (res.status >= 300) throw new Error(`fake admin ${method} ${route} → ${res.status} ${res.text}`);
		return res.body;
	};
	return {
		api,
		oauth,
		proc,
		stop: proc.stop,
		admin,
		seed: (data) => admin('POST', 'seed', data),
		state: () => admin('GET', 'state'),
		log: () => admin('GET', 'log'),
		violations: () => admin('GET', 'violations'),
		expireTokens: () => admin('POST', 'expire-tokens', {}),
		refreshTokensUsed: () => admin('GET', 'refresh-tokens-used'),
		addFaults: (faults) => admin('POST', 'faults', faults),
		clearFaults: () => admin('DELETE', 'faults'),
		/** Present a refresh token to the token endpoint the way n8n does (Basic client auth). */
		refreshWith: (refreshToken) =>
			http('POST', oauth.tokenUrl, {
				body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
				headers: { authorization: BASIC, 'content-type': 'application/x-www-form-urlencoded' },
			}),
	};
}

/** Token-endpoint requests in a slice of the fake's log. */
export const tokenRequests = (entries) => entries.filter((e) => e.server === 'oauth' && e.method === 'POST' && e.path.endsWith('/token'));
/** API requests in a slice of the fake's log. */
export const apiRequests = (entries) => entries.filter((e) => e.server === 'api');
/**
 * "METHOD /path status" of the API requests an operation made. An attempt the fake answered 429
 * (its 4-per-second window; on a busy machine timers fire late and requests bunch) was waited out
 * and sent again by the node: it is left out here, the transport's own tests check throttling.
 */
export const operationCalls = (entries) =>
	apiRequests(entries)
		.filter((e) => e.status !== 429)
		.map((e) => `${e.method} ${e.path} ${e.status}`);
