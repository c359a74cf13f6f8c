/**
 * What the benchmarks share: the fake Constant Contact in a child process (enforcing 4
 * requests/s, its memory not counted), its admin API, a credential for it, peak memory.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

import { credentialsFor } from '../test/engine/harness';

const ROOT = path.resolve(__dirname, '..');

export interface Sandbox {
	api: { url: string; baseUrl: string };
	oauth: { url: string; authorizeUrl: string; tokenUrl: string };
	stop(): void;
}

export async function startSandbox(): Promise<Sandbox> {
	const child = spawn(process.execPath, [path.join(ROOT, 'test/fake/cli.js'), '--rate-limit', '4'], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const line = await new Promise<string>((resolve, reject) => {
		const rl = readline.createInterface({ input: child.stdout! });
		rl.once('line', resolve);
		child.once('exit', (code) => reject(new Error(`fake exited with ${code}`)));
	});
	const info = JSON.parse(line) as Omit<Sandbox, 'stop'>;
	return { ...info, stop: () => child.kill('SIGTERM') };
}

export async function admin(sandbox: Sandbox, method: string, route: string, body?: unknown): Promise<any> {
	const res = await fetch(`${sandbox.api.url}/__admin/${route}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (!res.ok) throw new Error(`admin ${route}: ${res.status} ${await res.text()}`);
	return res.status === 204 ? null : await res.json();
}

export function credentialFor(sandbox: Sandbox, tokens: { access_token: string; refresh_token: string }) {
	// credentialsFor needs only these parts of the in-process fakes object.
	return credentialsFor({
		api: sandbox.api,
		oauth: sandbox.oauth,
		admin: { issueTokens: () => tokens },
	} as never);
}

export function peakRss(): () => number {
	let peak = process.memoryUsage().rss;
	const timer = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().rss);
	}, 50);
	return () => {
		clearInterval(timer);
		return Math.max(peak, process.memoryUsage().rss);
	};
}

export async function apiRequests(sandbox: Sandbox): Promise<Array<{ status: number; method: string }>> {
	const log = (await admin(sandbox, 'GET', 'log')) as Array<{ server: string; status: number; method: string }>;
	return log.filter((e) => e.server === 'api');
}

/** Prints the benchmark table (Markdown, as the README shows it). */
export function printTable(header: string[], rows: Array<Array<string | number>>): void {
	console.log(`\nnode ${process.version}, fake Constant Contact enforcing 4 requests/s\n`);
	console.log(`| ${header.join(' | ')} |`);
	console.log(`|${header.map(() => '---').join('|')}|`);
	for (const cells of rows) console.log(`| ${cells.join(' | ')} |`);
}
