/**
 * Rate limit: one slot every `minSpacingMs` per Constant Contact application (client ID), shared
 * by all items and executions of this n8n process.
 */
import { sleep } from 'n8n-workflow';

import type { CcRequest } from './settings';
import { plan, transportSettings } from './settings';

const nextSlotByApp = new Map<string, number>();

/** Waits for this application's next free slot (the wait is planned first, so tests see it). */
export async function waitForSlot(appKey: string, req: CcRequest): Promise<void> {
	const now = Date.now();
	const slot = Math.max(now, nextSlotByApp.get(appKey) ?? 0);
	nextSlotByApp.set(appKey, slot + transportSettings.minSpacingMs);
	if (slot > now) await sleep(plan('pace', slot - now, req));
}

/** After a 429 nobody of this application should send until the backoff is over. */
export function holdBack(appKey: string, ms: number): void {
	const until = Date.now() + ms;
	if ((nextSlotByApp.get(appKey) ?? 0) < until) nextSlotByApp.set(appKey, until);
}

/** Forget all rate-limit state (tests). */
export function resetRateLimiter(): void {
	nextSlotByApp.clear();
}
