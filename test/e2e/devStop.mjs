// `npm run dev` stopped from outside (issues 14 and 20): SIGINT, SIGTERM or SIGHUP sent to the npm process
// alone — not a terminal's Ctrl-C, which reaches the whole process group — must stop dev.mjs, n8n
// and the sandbox and free their ports. Starts the real `npm run dev` on free ports with a scratch
// user folder, waits for its banner, signals npm, then checks every process and port.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

import { REPO, freePort, npmEnv, sleep } from '../../scripts/lib/n8n.mjs';

/** Can we listen on 127.0.0.1:port (nobody else does)? */
function portFree(port) {
	return new Promise((resolve) => {
		const srv = createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
	});
}

function alive(pid) {
	if (!pid) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/**
 * One run: `npm run dev -- --n8n <major> …`, `signal` to npm once the banner is out.
 * @param {{ checks: import('./util.mjs').Checks, T: Function, major: 1 | 2, signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP' }} ctx
 */
export async function runDevStop({ checks, T, major, signal }) {
	const name = `npm run dev -- --n8n ${major}, ${signal} to npm`;
	const ports = { n8n: await freePort(), api: await freePort(), oauth: await freePort() };
	const userFolder = mkdtempSync(path.join(tmpdir(), 'cc-dev-stop-'));
	const args = ['run', 'dev', '--', '--n8n', String(major), '--port', String(ports.n8n), '--sandbox-api-port', String(ports.api),
		'--sandbox-oauth-port', String(ports.oauth), '--user-folder', userFolder];
	const pids = {};
	const lines = [];
	// Own session (detached), as a terminal would give it; the signal goes to npm's pid only.
	const npm = spawn('npm', args, { cwd: REPO, env: { ...npmEnv(), CC_REAL: '' }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	const npmExited = new Promise((resolve) => npm.on('exit', (code, sig) => resolve({ code, signal: sig })));
	let bannerSeen;
	const banner = new Promise((resolve) => { bannerSeen = resolve; });
	for (const stream of [npm.stdout, npm.stderr]) {
		createInterface({ input: stream }).on('line', (line) => {
			lines.push(line);
			const dev = /^\[dev\] repo .* pid (\d+)$/.exec(line);
			if (dev) pids.dev = Number(dev[1]);
			const sandbox = /^\[dev\] sandbox data: .*\(pid (\d+)\)$/.exec(line);
			if (sandbox) pids.sandbox = Number(sandbox[1]);
			const n8n = /^\[dev\] n8n ready after .*\(pid (\d+)\)$/.exec(line);
			if (n8n) pids.n8n = Number(n8n[1]);
			if (/is running with/.test(line)) bannerSeen(true);
		});
	}
	try {
		const up = await T(`${name}: start (n8n + sandbox)`, () => Promise.race([banner, npmExited.then(() => false), sleep(600_000).then(() => false)]));
		if (!checks.ok(`${name}: dev prints its banner`, up === true, lines.slice(-30).join('\n'))) return;
		checks.ok(`${name}: the banner names n8n ${major}.x`, lines.some((l) => new RegExp(`n8n ${major}\\.\\d+\\.\\d+ \\(Node v\\d+`).test(l)), lines.filter((l) => /is running with/.test(l)));
		checks.ok(`${name}: dev.mjs, n8n and the sandbox are running`, alive(pids.dev) && alive(pids.n8n) && alive(pids.sandbox), pids);

		const t0 = Date.now();
		process.kill(npm.pid, signal);
		let stopped = false;
		await T(`${name}: everything stops`, async () => {
			await Promise.race([npmExited, sleep(15_000)]);
			for (let i = 0; i < 120 && !stopped; i++) { // up to 60 s more
				const free = await Promise.all(Object.values(ports).map(portFree));
				stopped = free.every(Boolean) && !alive(pids.dev) && !alive(pids.n8n) && !alive(pids.sandbox);
				if (!stopped) await sleep(500);
			}
		});
		const still = Object.entries(pids).filter(([, pid]) => alive(pid)).map(([k]) => k);
		const busy = [];
		for (const [k, port] of Object.entries(ports)) if (!(await portFree(port))) busy.push(`${k}:${port}`);
		checks.ok(`${name}: dev.mjs, n8n and the sandbox stopped and their ports are free (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
			stopped, { stillRunning: still, portsInUse: busy, lastLines: lines.slice(-8) });
		checks.ok(`${name}: dev says why it stops`, lines.some((l) => /^\[dev\] stopping \((the npm script shell exited|the parent process exited|npm exited|SIGINT|SIGTERM|SIGHUP)\)/.test(l)), lines.slice(-8));
	} finally {
		for (const pid of [pids.n8n, pids.sandbox]) if (alive(pid)) try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
		for (const pid of [pids.dev, npm.pid]) if (alive(pid)) try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
		rmSync(userFolder, { recursive: true, force: true });
	}
}
