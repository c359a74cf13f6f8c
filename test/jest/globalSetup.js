// @ts-check
'use strict';

/**
 * jest global setup: says once, before any test runs, whether the fake checks requests against
 * Constant Contact's official spec. Test workers inherit CC_SPEC_NOTICE_SHOWN, so the fakes they
 * start do not repeat the notice (test/fake/specValidator.js).
 */
const { specStatus, specOffNotice } = require('../fake/specValidator');

module.exports = async function globalSetup() {
	const status = specStatus();
	if (status.on) {
		process.stdout.write(`\nspec check on: requests and responses are checked against ${status.path}\n`);
	} else {
		process.stderr.write(`\n${specOffNotice(status.reason)}\n`);
		process.env.CC_SPEC_NOTICE_SHOWN = '1';
	}
};
