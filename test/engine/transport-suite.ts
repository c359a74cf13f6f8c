/**
 * Shared set-up of the transport suites: one set of fakes per file, the node's transport
 * settings restored and its rate limiter cleared around every test, faults cleared and the spec
 * check after every test.
 */
import type { IDataObject } from 'n8n-workflow';

import { expectNoSpecViolations, transport } from './harness';

const { startFakes } = require('../fake');

/** Registers the hooks; `ready` receives the fakes once they listen. */
export function useTransportFakes(options: IDataObject, ready: (fakes: any) => void): void {
	let fakes: any;
	let saved: IDataObject;

	beforeAll(async () => {
		fakes = await startFakes(options);
		ready(fakes);
	});

	afterAll(async () => {
		await fakes?.stop();
	});

	beforeEach(() => {
		saved = { ...transport.transportSettings };
		transport.resetRateLimiter();
	});

	afterEach(() => {
		Object.assign(transport.transportSettings, saved);
		transport.resetRateLimiter();
		fakes.faults.clear();
		expectNoSpecViolations(fakes);
	});
}

/** The API requests the fake logged since position `from` of its log. */
export function apiCallsSince(fakes: any, from: number): IDataObject[] {
	return fakes.log.slice(from).filter((e: IDataObject) => e.server === 'api');
}
