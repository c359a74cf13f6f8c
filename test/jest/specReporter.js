// @ts-check
'use strict';

/**
 * jest reporter (next to the default one): one closing line on the spec check — on, or off with
 * the number of tests skipped for it, per file. Tests are skipped only when they can be judged
 * against the spec alone (describe.skip without it); any other skipped test is named as such.
 */
const path = require('node:path');
const { specStatus } = require('../fake/specValidator');

class SpecReporter {
	/** @param {any} _globalConfig @param {any} _options @param {any} [context] */
	constructor(_globalConfig, _options, context) {
		this.rootDir = context?.config?.rootDir ?? process.cwd();
	}

	/** @param {unknown} _contexts @param {import('@jest/test-result').AggregatedResult} results */
	onRunComplete(_contexts, results) {
		/** @type {string[]} */
		const perFile = [];
		for (const file of results.testResults) {
			const skipped = file.testResults.filter((t) => t.status === 'pending' || t.status === 'skipped' || t.status === 'todo').length;
			if (skipped) perFile.push(`${path.relative(process.cwd(), file.testFilePath)}: ${skipped}`);
		}
		const skipped = results.numPendingTests + results.numTodoTests;
		const status = specStatus();
		const where = perFile.length ? ` (${perFile.join(', ')})` : '';
		if (status.on) {
			process.stdout.write(`spec check on (${status.path}); ${skipped} tests skipped${where}\n`);
		} else {
			process.stdout.write(`spec check off (${status.reason}): ${skipped} spec-only tests skipped${where}\n`);
		}
	}
}

module.exports = SpecReporter;
