/**
 * Shared set-up of the contact engine tests: one pair of fakes and one connected credential per
 * test file, a clean account per test, short waits, and small readers of what reached the fake.
 *
 * Every test ends with `expectNoSpecViolations(fakes)` (registered here as an afterEach).
 */
import path from 'node:path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	credentialsFor,
	expectNoSpecViolations,
	runNode,
	transport,
	type EngineRun,
	type RunNodeOptions,
	type TestCredential,
} from '../harness';

const { startFakes } = require('../../fake');

/** The node's activity module from the build (the same module instance the node uses). */
export const activities = require(path.resolve(__dirname, '../../../dist/nodes/ConstantContact/shared/activities.js'));

export interface LogEntry {
	server: 'api' | 'oauth';
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	body: any;
	status: number | null;
	at: number;
}

export interface ContactSuite {
	fakes: any;
	credential: TestCredential;
	/** Requests the fake API received in this test (oldest first). */
	api(): LogEntry[];
	/** `METHOD /path` of every API request in this test. */
	calls(): string[];
	/** Runs Manual Trigger → Constant Contact with this file's credential. */
	run(parameters: INodeParameters, options?: Omit<RunNodeOptions, 'parameters' | 'credential'>): Promise<EngineRun>;
	/** The fake's stored contact (every sub-resource rendered), by ID. */
	stored(contactId: string): IDataObject | undefined;
	/** The fake's stored contact, by e-mail (deleted ones included). */
	storedByEmail(email: string): IDataObject | undefined;
}

const SUB_RESOURCES = ['custom_fields', 'phone_numbers', 'street_addresses', 'list_memberships', 'taggings', 'notes'];

/**
 * Starts the fakes (no per-second rate limit) in beforeAll, empties the account before each test,
 * checks for spec violations after each test and stops the fakes in afterAll. Waits of the node
 * that only slow tests down (request spacing, activity polls, segment polls) are shortened for
 * the file and restored afterwards.
 */
export function useContactFakes(fakeOptions: IDataObject = {}): ContactSuite {
	const savedTransport = { ...transport.transportSettings };
	const savedActivities = { ...activities.activitySettings };
	const suite = {} as ContactSuite;

	beforeAll(async () => {
		suite.fakes = await startFakes({ rateLimitPerSecond: 0, ...fakeOptions });
		suite.credential = credentialsFor(suite.fakes);
		// The fakes do not throttle here; 260 ms between requests would only slow the suite.
		transport.transportSettings.minSpacingMs = 0;
		transport.transportSettings.processingPollMs = 10;
		activities.activitySettings.firstPollMs = 5;
	});

	beforeEach(() => {
		suite.fakes.admin.reset();
		transport.resetRateLimiter();
	});

	afterEach(() => {
		expectNoSpecViolations(suite.fakes);
	});

	afterAll(async () => {
		Object.assign(transport.transportSettings, savedTransport);
		Object.assign(activities.activitySettings, savedActivities);
		await suite.fakes?.stop();
	});

	suite.api = () => suite.fakes.log.filter((e: LogEntry) => e.server === 'api');
	suite.calls = () => suite.api().map((e) => `${e.method} ${e.path}`);
	suite.run = async (parameters, options = {}) =>
		await runNode({ ...options, parameters, credential: suite.credential });
	suite.stored = (contactId) => {
		const c = suite.fakes.store.contacts.get(contactId);
		return c ? suite.fakes.store.renderContact(c, SUB_RESOURCES) : undefined;
	};
	suite.storedByEmail = (email) => {
		const c = suite.fakes.store.contactByEmail(email);
		return c ? suite.fakes.store.renderContact(c, SUB_RESOURCES) : undefined;
	};
	return suite;
}

export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
export const byEmail = (value: string) => ({ __rl: true, mode: 'email', value });

/** Parameters of a contact operation. */
export function contactOp(operation: string, parameters: INodeParameters = {}): INodeParameters {
	return { resource: 'contact', operation, ...parameters };
}

/** The offset the fake encoded into a `cursor` (the fake's cursor is base64url JSON {r, q, o}). */
export function cursorOffset(cursor: unknown): number {
	return JSON.parse(Buffer.from(String(cursor), 'base64url').toString('utf8')).o;
}

/** A UUID that no fake record has. */
export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

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
