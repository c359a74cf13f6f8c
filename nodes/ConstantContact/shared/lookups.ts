/**
 * Prepare runs without requests first. Some checks need to read the account (a custom field
 * named instead of picked, a sender address that must be confirmed); during the first pass they
 * are deferred, so that every item's own mistakes are found before anything is sent. Items whose
 * checks were deferred are prepared again afterwards, with the reads (each once per run).
 */
interface State {
	offline: boolean;
	deferred: boolean;
}

const states = new WeakMap<object, State>();

/** For a check that needs to read the account: true while reads are deferred (skip the read). */
export function lookupDeferred(ctx: object): boolean {
	const state = states.get(ctx);
	if (!state?.offline) return false;
	state.deferred = true;
	return true;
}

/** Runs `prepare` with reads deferred; says whether any check was deferred. */
export async function withoutLookups<T>(ctx: object, prepare: () => Promise<T>): Promise<{ value: T; deferred: boolean }> {
	const state: State = { offline: true, deferred: false };
	states.set(ctx, state);
	try {
		return { value: await prepare(), deferred: state.deferred };
	} finally {
		states.delete(ctx);
	}
}
