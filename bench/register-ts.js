'use strict';
// Lets the benchmark scripts require the TypeScript test harness without a build step:
// each .ts file is transpiled (no type check) when it is first required.
const fs = require('node:fs');
const ts = require('typescript');

require.extensions['.ts'] = function compile(module, filename) {
	const source = fs.readFileSync(filename, 'utf8');
	const { outputText } = ts.transpileModule(source, {
		compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
		fileName: filename,
	});
	module._compile(outputText, filename);
};
