// @ts-check
'use strict';

/**
 * jest setup file for .ci/run's first jest run (spec on): notes, in the file named by env
 * CC_SPEC_REFUSALS_FILE, every test file in which Constant Contact's spec refused a request
 * (SpecValidator.validateRequest returned errors: the fake answered 400 fake.spec_violation, or a
 * test of the validator itself). Only in those files can an answer of the fake, and so a test,
 * differ when the spec is absent; .ci/run runs exactly them again with CC_NO_SPEC=1. A new test file
 * that sends a request the spec refuses is picked up by itself, with no list to keep.
 */
const fs = require('node:fs');
const { SpecValidator } = require('../test/fake/specValidator');

const listFile = process.env.CC_SPEC_REFUSALS_FILE;
const testPath = expect.getState().testPath;
let noted = false;
const validateRequest = SpecValidator.prototype.validateRequest;
/** @param {Parameters<SpecValidator['validateRequest']>[0]} req */
SpecValidator.prototype.validateRequest = function (req) {
	const result = validateRequest.call(this, req);
	if (result.errors.length && !noted && listFile && testPath) {
		noted = true;
		fs.appendFileSync(listFile, `${testPath}\n`);
	}
	return result;
};
