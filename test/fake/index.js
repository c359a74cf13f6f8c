// @ts-check
'use strict';

/**
 * Entry point of the Constant Contact fakes: starts the fake authorization server and the fake
 * V3 API on 127.0.0.1, sharing one TokenStore.
 *
 *   const fakes = await startFakes({ rateLimitPerSecond: 0 });
 *   await fetch(`${fakes.api.baseUrl}/contacts`, { headers: { Authorization: 'Bearer test-access-token' } });
 *   await fakes.stop();
 */

const { TokenStore, Clock } = require('./tokens');
const { Store } = require('./store');
const { FaultQueue } = require('./faults');
const { loadSpecValidator } = require('./specValidator');
const { createOAuthHandler, AUTHORIZE_PATH, TOKEN_PATH } = require('./oauthServer');
const { ConstantContactApi } = require('./constantContactServer');
const { listen, Timers } = require('./httpUtil');

/**
 * @typedef {{
 *   clientId?: string, clientSecret?: string, redirectUris?: string[],
 *   refreshTokenType?: 'rotating' | 'longLived', accessTokenTtlSeconds?: number,
 *   rateLimitPerSecond?: number, rateWindowMs?: number, arrivalClock?: { now(): number }, dailyCap?: number, tokenRateLimitPerSecond?: number,
 *   activityCompletesAfterPolls?: number, segmentProcessingResponses?: number, pageDelayMs?: number,
 *   campaignCompletesAfterPolls?: number,
 *   staticTokens?: string[], apiPort?: number, oauthPort?: number,
 *   specPath?: string, validator?: import('./specValidator').SpecValidator | null,
 *   seed?: 'demo' | Parameters<Store['seed']>[0]
 * }} FakeOptions
 *
 * @typedef {{
 *   seed: (spec: Parameters<Store['seed']>[0]) => ReturnType<Store['seed']>,
 *   seedDemo: () => ReturnType<Store['seed']>,
 *   bulkContacts: (n: number, opts?: Parameters<Store['bulkContacts']>[1]) => string[],
 *   resetDailyCount: () => void,
 *   reset: () => void,
 *   expireAccessTokens: () => void,
 *   expireRefreshTokens: () => void,
 *   issueTokens: (p?: { scope?: string }) => import('./tokens').TokenResponse,
 *   refreshTokensUsed: () => import('./tokens').RefreshUse[],
 *   completeActivities: () => void,
 *   advanceTime: (ms: number) => void,
 *   dailyCount: () => number,
 *   state: () => ReturnType<Store['snapshot']> & { dailyCount: number, violations: number, pendingFaults: number },
 *   confirmAccountEmail: (address: string) => Record<string, any>,
 *   removePhysicalAddress: () => void,
 *   setPhysicalAddress: (address: import('./emailStore').PhysicalAddress) => void,
 *   track: (input: import('./emailStore').TrackInput) => Record<string, any>,
 *   touchContact: (id: string, t: Parameters<Store['touchContact']>[1]) => Record<string, any>,
 *   completeSends: () => number,
 *   failNextSend: (reasonCode?: number) => void,
 * }} Admin
 *
 * @typedef {{
 *   api: { url: string, baseUrl: string },
 *   oauth: { url: string, authorizeUrl: string, tokenUrl: string },
 *   store: Store,
 *   tokens: TokenStore,
 *   log: import('./httpUtil').LogEntry[],
 *   violations: Array<{ method: string, path: string, errors: string[] }>,
 *   faults: FaultQueue,
 *   admin: Admin,
 *   validator: import('./specValidator').SpecValidator | null,
 *   stop: () => Promise<void>,
 * }} Fakes
 */

/**
 * @param {FakeOptions} [options]
 * @returns {Promise<Fakes>}
 */
async function startFakes(options = {}) {
	const clock = new Clock();
	const arrivals = options.arrivalClock ?? defaultArrivalClock;
	const tokens = new TokenStore({
		clientId: options.clientId,
		clientSecret: options.clientSecret,
		redirectUris: options.redirectUris,
		refreshTokenType: options.refreshTokenType,
		accessTokenTtlSeconds: options.accessTokenTtlSeconds,
		staticTokens: options.staticTokens,
		clock,
	});
	const store = new Store(clock);
	/** @type {import('./httpUtil').LogEntry[]} */
	const log = [];
	/** @type {Array<{ method: string, path: string, errors: string[] }>} */
	const violations = [];
	const faults = new FaultQueue();
	const timers = new Timers();
	const validator = options.validator !== undefined ? options.validator : loadSpecValidator(options.specPath);

	const api = new ConstantContactApi({
		arrivals,
		store,
		tokens,
		validator,
		log,
		violations,
		faults,
		timers,
		options: {
			rateLimitPerSecond: options.rateLimitPerSecond ?? 4, // brief §2
			rateWindowMs: options.rateWindowMs ?? 1000,
			dailyCap: options.dailyCap ?? 10000, // brief §2
			activityCompletesAfterPolls: options.activityCompletesAfterPolls ?? 1,
			segmentProcessingResponses: options.segmentProcessingResponses ?? 1,
			pageDelayMs: options.pageDelayMs ?? 0,
			campaignCompletesAfterPolls: options.campaignCompletesAfterPolls ?? 2,
		},
	});

	/** @type {Admin} */
	const admin = {
		seed: (spec) => store.seed(spec),
		seedDemo: () => store.seedDemo(),
		bulkContacts: (n, opts) => store.bulkContacts(n, opts),
		resetDailyCount: () => api.resetDailyCount(),
		// Data, counters, log, violations and faults are cleared; tokens stay valid.
		reset: () => {
			store.reset();
			api.resetCounters();
			log.length = 0;
			violations.length = 0;
			faults.clear();
		},
		expireAccessTokens: () => tokens.expireAccessTokens(),
		expireRefreshTokens: () => tokens.expireRefreshTokens(),
		issueTokens: (p) => tokens.issueTokens(p),
		refreshTokensUsed: () => tokens.refreshUses.slice(),
		completeActivities: () => {
			for (const a of store.activities.values()) store.completeActivity(a);
		},
		advanceTime: (ms) => clock.advance(ms),
		dailyCount: () => api.dailyCount,
		state: () => ({ ...store.snapshot(), dailyCount: api.dailyCount, violations: violations.length, pendingFaults: faults.length }),
		// Account (brief §10): the user clicked the confirmation link / the address is gone or back.
		confirmAccountEmail: (address) => store.email.renderAccountEmail(store.email.confirmAccountEmail(String(address))),
		removePhysicalAddress: () => {
			store.email.physicalAddress = null;
		},
		setPhysicalAddress: (address) => {
			if (!address || typeof address.address_line1 !== 'string' || typeof address.city !== 'string' || typeof address.country_code !== 'string') {
				throw new Error('setPhysicalAddress needs address_line1, city and country_code');
			}
			store.email.physicalAddress = { ...address };
		},
		// Campaign engagement after a send (brief §9); an optout also unsubscribes the contact.
		track: (input) => store.email.track(input),
		touchContact: (id, t) => store.touchContact(String(id), t),
		completeSends: () => store.email.completeDueSends(),
		failNextSend: (reasonCode = 1) => {
			store.email.failNext.push(Number(reasonCode));
		},
	};
	api.ctx.admin = admin;

	const oauthHandler = createOAuthHandler({
		arrivals,
		tokens,
		log,
		faults,
		timers,
		tokenRateLimitPerSecond: options.tokenRateLimitPerSecond ?? 1, // brief §1.6
	});

	/** @param {(req: any, res: any) => Promise<void>} h */
	const safe = (h) => (/** @type {any} */ req, /** @type {any} */ res) => {
		h(req, res).catch((e) => {
			if (!res.headersSent) {
				res.writeHead(500, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify([{ error_key: 'fake.internal_error', error_message: String(e && e.stack ? e.stack : e) }]));
			}
		});
	};

	const apiServer = await listen(safe(api.handle), options.apiPort ?? 0);
	let oauthServer;
	try {
		oauthServer = await listen(safe(oauthHandler), options.oauthPort ?? 0);
	} catch (e) {
		await apiServer.close();
		throw e;
	}

	if (options.seed === 'demo') store.seedDemo();
	else if (options.seed) store.seed(options.seed);

	let stopped = false;
	return {
		api: { url: apiServer.url, baseUrl: `${apiServer.url}/v3` },
		oauth: { url: oauthServer.url, authorizeUrl: oauthServer.url + AUTHORIZE_PATH, tokenUrl: oauthServer.url + TOKEN_PATH },
		store,
		tokens,
		log,
		violations,
		faults,
		admin,
		validator,
		stop: async () => {
			if (stopped) return;
			stopped = true;
			timers.stopAll();
			await Promise.all([apiServer.close(), /** @type {any} */ (oauthServer).close()]);
		},
	};
}

/**
 * When requests arrive (the log's `at`, the per-second windows of the API and the token endpoint):
 * real time unless a test drives time with its own clock (`arrivalClock` of startFakes, or this
 * default for every fake a test file starts: the engine harness sets its test clock here).
 * @type {{ now(): number }}
 */
let defaultArrivalClock = { now: () => performance.timeOrigin + performance.now() };

/** @param {{ now(): number } | undefined} arrivalClock */
function useArrivalClock(arrivalClock) {
	defaultArrivalClock = arrivalClock ?? { now: () => performance.timeOrigin + performance.now() };
}

module.exports = { startFakes, loadSpecValidator, useArrivalClock };
