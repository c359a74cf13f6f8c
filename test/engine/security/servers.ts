/**
 * Local servers for the security suites, on 127.0.0.1, started and stopped by each suite:
 *  - a hostile "Constant Contact" whose answers each test scripts (next links elsewhere,
 *    redirects, echoes of the token, odd shapes), recording every request it gets;
 *  - a bystander, another origin that must never receive a request, recording headers.
 * The fake OAuth server from test/fake still issues and renews the tokens.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
	method: string;
	url: string;
	headers: IncomingMessage['headers'];
	body: string;
}

export interface Reply {
	status?: number;
	headers?: Record<string, string>;
	/** An object or array is sent as JSON; a string as is. */
	body?: unknown;
}

export type Handler = (req: Seen, n: number) => Reply | undefined;

export interface RecordingServer {
	origin: string;
	port: number;
	seen: Seen[];
	/** Scripts the answers (until the next call); undefined answers 404 `[]`. */
	answer(handler: Handler): void;
	stop(): Promise<void>;
}

export async function startRecordingServer(defaultHandler: Handler = () => undefined): Promise<RecordingServer> {
	const seen: Seen[] = [];
	let handler = defaultHandler;
	const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const entry: Seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
			seen.push(entry);
			const reply = handler(entry, seen.length - 1) ?? { status: 404, body: [] };
			const json = typeof reply.body !== 'string';
			const payload = reply.body === undefined ? '' : json ? JSON.stringify(reply.body) : (reply.body as string);
			res.writeHead(reply.status ?? 200, {
				'Content-Type': json ? 'application/json' : 'text/html; charset=utf-8',
				...(reply.headers ?? {}),
			});
			res.end(payload);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		origin: `http://127.0.0.1:${port}`,
		port,
		seen,
		answer(next) {
			handler = next;
		},
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve());
			}),
	};
}

/** The bearer token a request carried. */
export function bearerOf(req: Seen): string {
	return String(req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
}

/**
 * Every form in which `secret` could be read out of `text` (an independent check of the node's
 * redaction): plain, any letter case, URL-encoded once or twice, JSON-escaped, \u-escaped, hex,
 * and base64 / base64url at each of the three byte alignments inside a longer encoded text.
 */
export function leaks(text: string, secret: string): string[] {
	const found: string[] = [];
	const lower = text.toLowerCase();
	const has = (form: string, name: string) => {
		if (form.length >= 8 && lower.includes(form.toLowerCase())) found.push(name);
	};
	has(secret, 'plain');
	has(encodeURIComponent(secret), 'url');
	has(encodeURIComponent(encodeURIComponent(secret)), 'url twice');
	has(JSON.stringify(secret).slice(1, -1).replace(/\//g, '\\/'), 'json');
	has([...secret].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''), 'unicode');
	has(Buffer.from(secret).toString('hex'), 'hex');
	for (let shift = 0; shift < 3; shift++) {
		for (const encoding of ['base64', 'base64url'] as const) {
			const encoded = Buffer.concat([Buffer.alloc(shift), Buffer.from(secret)]).toString(encoding);
			const core = encoded.slice(Math.ceil((shift * 8) / 6), Math.floor(((shift + secret.length) * 8) / 6));
			if (text.includes(core) && core.length >= 8) found.push(`${encoding}@${shift}`);
		}
	}
	return found;
}
