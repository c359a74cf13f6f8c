#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * Run the fakes as a local sandbox:
 *
 *   node test/fake/cli.js [--api-port N] [--oauth-port N] [--seed demo] [--rate-limit N] [--refresh-token-type rotating|longLived] [--campaign-completes-after-polls N]
 *
 * Prints one JSON line {"api":{...},"oauth":{...}} and runs until SIGINT/SIGTERM.
 * Control it over HTTP at <api.url>/__admin/* (see README.md).
 */

const { startFakes } = require('./index');

/** @param {string[]} argv */
function parseArgs(argv) {
	/** @type {import('./index').FakeOptions} */
	const opts = {};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const next = () => {
			const v = argv[++i];
			if (v === undefined) throw new Error(`${a} needs a value`);
			return v;
		};
		const int = () => {
			const v = next();
			if (!/^\d+$/.test(v)) throw new Error(`${a} needs a non-negative integer, got "${v}"`);
			return Number(v);
		};
		switch (a) {
			case '--api-port':
				opts.apiPort = int();
				break;
			case '--oauth-port':
				opts.oauthPort = int();
				break;
			case '--seed': {
				const v = next();
				if (v !== 'demo') throw new Error('--seed supports only "demo"');
				opts.seed = 'demo';
				break;
			}
			case '--rate-limit':
				opts.rateLimitPerSecond = int();
				break;
			case '--campaign-completes-after-polls':
				opts.campaignCompletesAfterPolls = int();
				break;
			case '--refresh-token-type': {
				const v = next();
				if (v !== 'rotating' && v !== 'longLived') throw new Error('--refresh-token-type is rotating or longLived');
				opts.refreshTokenType = v;
				break;
			}
			case '--help':
			case '-h':
				process.stdout.write('usage: node test/fake/cli.js [--api-port N] [--oauth-port N] [--seed demo] [--rate-limit N] [--refresh-token-type rotating|longLived] [--campaign-completes-after-polls N]\n');
				process.exit(0);
				break;
			default:
				throw new Error(`unknown argument ${a}`);
		}
	}
	return opts;
}

async function main() {
	let opts;
	try {
		opts = parseArgs(process.argv.slice(2));
	} catch (e) {
		process.stderr.write(`${/** @type {Error} */ (e).message}\n`);
		process.exit(2);
	}
	const fakes = await startFakes(opts);
	process.stdout.write(JSON.stringify({ api: fakes.api, oauth: fakes.oauth }) + '\n');
	const shutdown = () => {
		fakes.stop().then(() => process.exit(0));
	};
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);
}

main().catch((e) => {
	process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
	process.exit(1);
});
