'use strict';
// Entry point of `npm run bench`: node bench/run.js [file.bench.ts]
require('./register-ts');
require(require('node:path').resolve(__dirname, process.argv[2] ?? 'contacts.bench.ts'));
