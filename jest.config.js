/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	testMatch: ['<rootDir>/test/**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	// Engine-level tests start servers and the n8n engine; keep the default timeout generous.
	testTimeout: 30000,
	// Says once whether the official spec is there to check against (CC_SWAGGER_PATH, CC_NO_SPEC),
	// and closes with how many tests were skipped for its absence.
	globalSetup: '<rootDir>/test/jest/globalSetup.js',
	reporters: ['default', '<rootDir>/test/jest/specReporter.js'],
};
