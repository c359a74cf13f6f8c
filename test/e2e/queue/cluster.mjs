// n8n's queue mode on 127.0.0.1, started and stopped by the test itself: Redis and Postgres from
// Debian's packages (installed with apt-get when missing; CI runs as root), one n8n main and N
// workers (`n8n worker --concurrency=C`), each n8n process with its own user folder (the packed
// package unpacked into it) and its own proxy in front of the fake Constant Contact, so the
// proxies' logs say which process sent which request. Used by the queue-mode test (run.mjs) and
// the queue-mode benchmark (bench/queue.mjs). How it was worked out: the team's queue-mode
// recipe (/work/shared/n8n/queue-mode-recipe.md).
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { CREDENTIAL_TYPE, PACKAGE, freePort, installPackageInto, n8nEnv, run, startN8n } from '../../../scripts/lib/n8n.mjs';
import { startProcess } from '../util.mjs';
import { startProxy } from './proxy.mjs';

export const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
const which = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim() || undefined;

/** The Postgres server binaries: /usr/lib/postgresql/<newest major>/bin, else PATH. */
function postgresBin() {
	const root = '/usr/lib/postgresql';
	if (existsSync(root)) {
		const majors = readdirSync(root).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a));
		for (const major of majors) {
			const dir = path.join(root, major, 'bin');
			if (existsSync(path.join(dir, 'pg_ctl')) && existsSync(path.join(dir, 'initdb'))) return dir;
		}
	}
	const initdb = which('initdb');
	return initdb && which('pg_ctl') ? path.dirname(initdb) : undefined;
}

/**
 * Redis and Postgres: present, or installed from Debian's packages (root only), with the `extra`
 * packages given (one apt-get for all). Answers what it did and how long it took, for the report.
 */
export async function ensureServers({ say = console.log, extra = [] } = {}) {
	const missing = [...extra];
	if (!which('redis-server')) missing.push('redis-server');
	if (!postgresBin() || !which('psql')) missing.push('postgresql');
	if (!missing.length) return { installed: [], ms: 0 };
	if (!isRoot()) throw new Error(`${missing.join(' and ')} missing: install them (apt-get install -y ${missing.join(' ')}) or run as root`);
	const t0 = Date.now();
	say(`installing ${missing.join(', ')} from Debian's packages (apt-get)…`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const apt = ['-o', 'DPkg::Lock::Timeout=600', '-o', 'Acquire::Retries=3'];
	await run('apt-get', [...apt, 'update', '-qq'], { env, stdout: 'ignore', quiet: true, timeoutMs: 15 * 60_000 });
	await run('apt-get', [...apt, 'install', '-y', '-qq', '--no-install-recommends', ...missing], { env, stdout: 'ignore', quiet: true, timeoutMs: 20 * 60_000 });
	if (!which('redis-server') || !postgresBin()) throw new Error('apt-get finished but redis-server or Postgres is still missing');
	return { installed: missing, ms: Date.now() - t0 };
}

/** Everything to stop at process exit, synchronously (also after Ctrl-C or a crash). */
const exitHooks = new Set();
process.on('exit', () => {
	for (const hook of [...exitHooks].reverse()) {
		try {
			hook();
		} catch {
			/* best effort */
		}
	}
});

/** Redis without persistence on a free port. */
export async function startRedis({ dir }) {
	const port = await freePort();
	const redis = await startProcess(which('redis-server') ?? 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'no'], {
		name: 'redis',
		ready: /Ready to accept connections/i,
		timeoutMs: 30_000,
	});
	return { port, stop: redis.stop, output: redis.output };
}

/**
 * Postgres in a fresh data folder (as the `postgres` user when root: initdb refuses root), on a
 * free port, trust authentication, fsync off (test data only), with a database `n8n`.
 */
export async function startPostgres() {
	const bin = postgresBin();
	if (!bin) throw new Error('Postgres (initdb, pg_ctl) not found');
	const port = await freePort();
	const data = mkdtempSync(path.join('/tmp', 'cc-queue-pg-'));
	const asPg = isRoot();
	if (asPg) {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
		chownSync(data, uid, gid);
	}
	const pgRun = (tool, args, options = {}) =>
		asPg ? run('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args], { cwd: '/tmp', quiet: true, stdout: 'ignore', ...options }) : run(path.join(bin, tool), args, { cwd: '/tmp', quiet: true, stdout: 'ignore', ...options });
	const stopSync = () => {
		const args = ['-D', data, 'stop', '-m', 'immediate'];
		if (asPg) spawnSync('runuser', ['-u', 'postgres', '--', path.join(bin, 'pg_ctl'), ...args], { stdio: 'ignore', cwd: '/tmp' });
		else spawnSync(path.join(bin, 'pg_ctl'), args, { stdio: 'ignore', cwd: '/tmp' });
		rmSync(data, { recursive: true, force: true });
	};
	exitHooks.add(stopSync);
	await pgRun('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8'], { timeoutMs: 120_000 });
	const options = `-p ${port} -k ${data} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
	await pgRun('pg_ctl', ['-D', data, '-l', path.join(data, 'server.log'), '-w', '-t', '120', '-o', options, 'start'], { timeoutMs: 150_000 });
	await run('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', 'CREATE DATABASE n8n'], { quiet: true, stdout: 'ignore', timeoutMs: 60_000 });
	return {
		port,
		data,
		stop: async () => {
			exitHooks.delete(stopSync);
			await pgRun('pg_ctl', ['-D', data, 'stop', '-m', 'fast'], { timeoutMs: 60_000 }).catch(() => undefined);
			rmSync(data, { recursive: true, force: true });
		},
	};
}

/** Unpacks the package once, then copies it into each further user folder. */
async function packageInto(userFolders, { prefix }) {
	const first = await installPackageInto(userFolders[0], { prefix });
	for (const folder of userFolders.slice(1)) {
		const target = path.join(folder, '.n8n', 'nodes', 'node_modules', PACKAGE.name);
		mkdirSync(path.dirname(target), { recursive: true });
		cpSync(first, target, { recursive: true });
	}
}

/**
 * Starts n8n in queue mode (or regular mode with `workers: 0, mode: 'regular'`), all against one
 * Postgres; `apiTarget` is the fake API's origin. Returns { main, workers, proxies: {main,
 * worker1…}, url, redis, postgres, stopWorkers(), startWorkers(n), stop() }.
 */
export async function startCluster({
	version,
	nodeBin = process.execPath,
	n8nBin,
	apiTarget,
	oauth,
	workers = 2,
	concurrency = 5,
	mode = 'queue',
	prefix = '[queue]',
	extraEnv = {},
	logN8n = false,
}) {
	const scratch = mkdtempSync(path.join(tmpdir(), 'cc-queue-'));
	const cleanupScratch = () => rmSync(scratch, { recursive: true, force: true });
	exitHooks.add(cleanupScratch);
	const stops = [];
	const cluster = { scratch, proxies: {}, workers: [] };
	const say = (msg) => console.log(`${prefix} ${msg}`);
	try {
		const postgres = await startPostgres();
		stops.push(() => postgres.stop());
		cluster.postgres = postgres;
		let redis;
		if (mode === 'queue') {
			mkdirSync(path.join(scratch, 'redis'), { recursive: true });
			redis = await startRedis({ dir: path.join(scratch, 'redis') });
			stops.push(() => redis.stop());
			cluster.redis = redis;
		}
		say(`Postgres on ${postgres.port}${redis ? `, Redis on ${redis.port}` : ''}`);

		const maxWorkers = Math.max(workers, 0);
		const folders = ['main', ...Array.from({ length: maxWorkers }, (_, k) => `worker${k + 1}`)].map((name) => path.join(scratch, name));
		for (const folder of folders) mkdirSync(folder, { recursive: true });
		await packageInto(folders, { prefix });

		const common = {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: 'postgres',
			EXECUTIONS_MODE: mode,
			N8N_RUNNERS_ENABLED: 'false',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			N8N_LOG_LEVEL: 'info',
			N8N_HOST: '127.0.0.1',
			...(redis ? { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(redis.port) } : {}),
			...extraEnv,
		};
		const overwrite = (proxy) => JSON.stringify({ [CREDENTIAL_TYPE]: { authUrl: oauth.authorizeUrl, accessTokenUrl: oauth.tokenUrl, apiBaseUrl: proxy.baseUrl } });

		const mainProxy = await startProxy('main', apiTarget);
		stops.push(() => mainProxy.stop());
		cluster.proxies.main = mainProxy;
		const t0 = Date.now();
		const main = await startN8n({
			version,
			nodeBin,
			n8nBin,
			userFolder: folders[0],
			env: { ...common, CREDENTIALS_OVERWRITE_DATA: overwrite(mainProxy) },
			logPrefix: logN8n ? '[n8n main] ' : undefined,
			readyTimeoutMs: 300_000,
		});
		stops.push(() => main.stop());
		cluster.main = main;
		cluster.url = main.url;
		say(`n8n ${version} main (${mode} mode) ready after ${((Date.now() - t0) / 1000).toFixed(1)} s at ${main.url}`);

		cluster.startWorkers = async (count) => {
			const t1 = Date.now();
			const started = [];
			for (let k = 1; k <= count; k++) {
				const name = `worker${k}`;
				const folder = path.join(scratch, name);
				if (!existsSync(folder)) {
					const target = path.join(folder, '.n8n', 'nodes', 'node_modules', PACKAGE.name);
					mkdirSync(path.dirname(target), { recursive: true });
					cpSync(path.join(folders[0], '.n8n', 'nodes', 'node_modules', PACKAGE.name), target, { recursive: true });
				}
				cluster.proxies[name] ??= await startProxy(name, apiTarget);
				const proxy = cluster.proxies[name];
				const env = n8nEnv({
					nodeBin,
					userFolder: folder,
					port: await freePort(),
					env: { ...common, CREDENTIALS_OVERWRITE_DATA: overwrite(proxy), N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
				});
				started.push(
					startProcess(nodeBin, [n8nBin, 'worker', `--concurrency=${concurrency}`], {
						name: `n8n ${name}`,
						env,
						cwd: folder,
						ready: /n8n worker is now ready/,
						timeoutMs: 300_000,
						graceMs: 20_000,
						logPrefix: logN8n ? `[n8n ${name}] ` : undefined,
					}).then((worker) => ({ name, proxy, ...worker })),
				);
			}
			const results = await Promise.allSettled(started);
			const up = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
			cluster.workers.push(...up);
			const failed = results.find((r) => r.status === 'rejected');
			if (failed) throw failed.reason;
			say(`${count} worker(s), concurrency ${concurrency}, ready after ${((Date.now() - t1) / 1000).toFixed(1)} s`);
			return started;
		};
		cluster.stopWorkers = async () => {
			const running = cluster.workers.splice(0);
			await Promise.allSettled(running.map((w) => w.stop()));
		};
		if (mode === 'queue' && workers > 0) await cluster.startWorkers(workers);

		cluster.stop = async () => {
			await cluster.stopWorkers();
			for (const stop of stops.reverse()) await Promise.resolve(stop()).catch(() => undefined);
			await Promise.allSettled(Object.values(cluster.proxies).map((p) => p.stop()));
			exitHooks.delete(cleanupScratch);
			cleanupScratch();
		};
		return cluster;
	} catch (error) {
		await Promise.allSettled((cluster.workers ?? []).map((w) => w.stop()));
		for (const stop of stops.reverse()) await Promise.resolve(stop()).catch(() => undefined);
		await Promise.allSettled(Object.values(cluster.proxies).map((p) => p.stop()));
		exitHooks.delete(cleanupScratch);
		cleanupScratch();
		throw error;
	}
}

/** Every proxy's log, merged in arrival order. */
export function proxyLog(cluster) {
	return Object.values(cluster.proxies).flatMap((p) => p.log).sort((a, b) => a.at - b.at);
}

