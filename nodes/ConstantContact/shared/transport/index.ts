/**
 * The one way this package talks to Constant Contact. Every request of every operation, picker
 * and trigger goes through here; one concern per file:
 *  - settings.ts   request shapes, tunables, planned waits
 *  - clock.ts      the time every wait reads (tests drive it)
 *  - origin.ts     the credential's API address; links, cursors and IDs kept inside it
 *  - limiter.ts    Constant Contact's 4 requests/second per application
 *  - request.ts    one request: signing through n8n, retries, what to do with each answer
 *  - failures.ts   reading a failed attempt and classifying it
 *  - errors.ts     the errors a workflow builder sees
 *  - redaction.ts, secrets.ts  no secret in any error, output or log
 *  - paging.ts     collections page by page
 */
export type { CcContext, CcRequest, CcResponse, PlannedWait } from './settings';
export { CREDENTIAL_TYPE, DEFAULT_API_BASE_URL, transportSettings } from './settings';
export { apiPath, shorten, UnsafeRequestError } from './origin';
export { clock, setClock } from './clock';
export type { Clock } from './clock';
export { resetRateLimiter } from './limiter';
export { parseErrorBody } from './failures';
export { redact, redactText, Scrubber, secretForms } from './redaction';
export { guardError, guarded, learnSecrets, relearnSecrets, scrubberFor } from './secrets';
export { UnknownOutcome } from './outcome';
export type { UnknownDetails } from './outcome';
export { apiContext, constantContactApiRequest, constantContactRequestFull, createdSince, matchesSent, refuse, requestsSent } from './request';
export type { PagedRequest } from './paging';
export { constantContactRequestAllItems, nextPageRequest, pageRecords, requestPage } from './paging';
