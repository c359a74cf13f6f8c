// A pass-through HTTP proxy in front of the fake Constant Contact API, one per n8n process: each
// process's credential points at its own proxy (CREDENTIALS_OVERWRITE_DATA), so the proxy's log
// tells which process (main, worker 1, worker 2, …) sent which request, and when.
import { request as httpRequest, createServer } from 'node:http';

/**
 * Starts a proxy on 127.0.0.1 (a free port) forwarding everything to `target` (the fake API's
 * origin, e.g. http://127.0.0.1:1234). Returns { name, url, baseUrl, log, stop() }; `log` holds
 * { proc, method, path, status, at } per request, in arrival order.
 */
export async function startProxy(name, target) {
	const to = new URL(target);
	const log = [];
	const server = createServer((req, res) => {
		const entry = { proc: name, method: req.method, path: req.url.split('?')[0], status: null, at: Date.now() };
		log.push(entry);
		const upstream = httpRequest(
			{ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: { ...req.headers, host: to.host } },
			(answer) => {
				entry.status = answer.statusCode;
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', () => {
			entry.status = 0;
			res.destroy();
		});
		req.on('aborted', () => upstream.destroy());
		req.pipe(upstream);
	});
	server.keepAliveTimeout = 5_000;
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const { port } = server.address();
	const url = `http://127.0.0.1:${port}`;
	return {
		name,
		url,
		baseUrl: `${url}/v3`,
		log,
		stop: () => new Promise((resolve) => {
			server.closeAllConnections?.();
			server.close(() => resolve());
		}),
	};
}
