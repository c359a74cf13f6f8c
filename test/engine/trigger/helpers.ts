/**
 * Shared set-up of the trigger's engine tests: the contact suite's fakes (one pair per file, a
 * clean account per test, spec check after each test) plus a poller that runs the built trigger
 * through n8n-core's PollContext, and a client that changes things in the fake Constant Contact
 * the way a user or another integration would (its requests are not the trigger's).
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { createPoller, transport } from '../harness';
import type { ContactSuite, LogEntry } from '../contact/helpers';
import { useContactFakes } from '../contact/helpers';

export { UNKNOWN_ID, byId } from '../contact/helpers';

/** The token the fake accepts for any scope: used by `TriggerSuite.change`, never by the trigger. */
const OTHER_CLIENT_TOKEN = 'test-access-token';

export interface PollResult {
	items: INodeExecutionData[];
	/** The emitted items' JSON. */
	json: IDataObject[];
	error?: Error & { description?: string; httpCode?: string };
	/** What this poll sent to the fake API (every attempt, oldest first). */
	requests: LogEntry[];
	/** `METHOD /path` of those requests. */
	calls: string[];
}

export interface TestPoller {
	/** One poll (`trigger`: a production poll of an active workflow; `manual`: Fetch Test Event). */
	poll(mode?: 'trigger' | 'manual'): Promise<PollResult>;
	/** The node's static data as n8n stores it (a deep copy). */
	staticData(): IDataObject;
	setParameters(parameters: INodeParameters): void;
}

export interface TriggerSuite extends ContactSuite {
	/** A trigger with these parameters in an active workflow (not polled yet). */
	poller(parameters: INodeParameters): TestPoller;
	/** A trigger whose activation poll ran: it emitted nothing and stored a cursor. */
	activate(parameters: INodeParameters): Promise<TestPoller>;
	/** A change made in Constant Contact by someone else: one request to the fake API, answer body. */
	change(method: string, path: string, body?: unknown): Promise<any>;
}

/**
 * The contact suite's fakes, with waits shortened for retries too (a fault that answers 500 every
 * time would otherwise take the transport's full backoff).
 */
export function useTriggerFakes(fakeOptions: IDataObject = {}): TriggerSuite {
	const suite = useContactFakes(fakeOptions) as TriggerSuite;

	beforeAll(() => {
		transport.transportSettings.backoffBaseMs = 5;
		transport.transportSettings.backoffMaxMs = 20;
	});

	suite.poller = (parameters) => {
		const poller = createPoller(parameters, suite.credential);
		return {
			async poll(mode = 'trigger') {
				const from = suite.fakes.log.length;
				const out = await poller.poll(mode);
				const requests = (suite.fakes.log as LogEntry[]).slice(from).filter((e) => e.server === 'api');
				return {
					items: out.items,
					json: out.items.map((i) => i.json),
					error: out.error as PollResult['error'],
					requests,
					calls: requests.map((r) => `${r.method} ${r.path}`),
				};
			},
			staticData: () => JSON.parse(JSON.stringify(poller.staticData())),
			setParameters: (next) => poller.setParameters(next),
		};
	};

	suite.activate = async (parameters) => {
		const poller = suite.poller(parameters);
		const first = await poller.poll();
		expect(first.error).toBeUndefined();
		expect(first.items).toEqual([]);
		expect(poller.staticData().cursor).toEqual(expect.objectContaining({ mark: expect.any(Number) }));
		return poller;
	};

	suite.change = async (method, path, body) => {
		const res = await fetch(`${suite.fakes.api.baseUrl}${path}`, {
			method,
			headers: {
				Authorization: `Bearer ${OTHER_CLIENT_TOKEN}`,
				...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${text}`);
		return text ? JSON.parse(text) : undefined;
	};

	return suite;
}

/** Parameters of the trigger. */
export function trigger(event: string, parameters: INodeParameters = {}): INodeParameters {
	return { event, ...parameters };
}

export const iso = (ms: number) => new Date(ms).toISOString();
export const MIN = 60_000;
export const DAY = 86_400_000;
