// Mirrors the lint set-up of n8n's own `n8n-node lint` (@n8n/node-cli) so that `npm run lint`
// reports what n8n's package scanner reports: the community-nodes rules and the
// eslint-plugin-n8n-nodes-base rule sets on package.json, credentials/ and nodes/.
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const communityRecommended = n8nCommunityNodesPlugin.configs.recommended;

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.e2e/**', '.cache/**'] },
	{
		files: ['**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended],
		rules: { 'prefer-spread': 'off' },
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		extends: [communityRecommended],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { 'no-console': 'error' },
	},
	{
		files: ['package.json'],
		extends: [communityRecommended],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { ...n8nNodesBase.configs.community.rules },
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{
		// One operation, one file: an operation file imports shared code (../../shared/…) and the
		// helpers of its own resource (./common; Send Now's run list, ./runList), never another
		// operation and never another resource. What two of them need goes to common.ts or shared/.
		files: ['nodes/ConstantContact/resources/*/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{ regex: '^\\./(?!(common|runList)$)', message: 'An operation file imports no other operation: move what both need into ./common.ts.' },
						{ regex: '^\\.\\./(?!\\.\\./shared/)', message: 'An operation file imports nothing of another resource: move what both need into shared/.' },
					],
				},
			],
		},
	},
	{
		// index.ts lists its resource's operation files.
		files: ['nodes/ConstantContact/resources/*/index.ts'],
		rules: { 'no-restricted-imports': 'off' },
	},
	{
		files: ['test/**/*.ts', 'bench/**/*.ts'],
		rules: {
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-require-imports': 'off',
		},
	},
);
