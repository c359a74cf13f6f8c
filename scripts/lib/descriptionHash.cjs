// API stable: descriptionHash(distDir), descriptionSnapshot(distDir), stableJson(value)
//
// A fingerprint of what the editor shows of this package: the node's and the trigger's
// `description` and the credential's name, display name, icon, documentation link, properties,
// `authenticate` / `test`, as built into dist/. `npm run screenshots` writes it to
// docs/screenshots/manifest.json; test/unit/screenshotsManifest.test.ts compares it with the build,
// so a change of the editor's texts without new pictures fails the tests.
//
// CommonJS, Node built-ins only (the dist modules themselves load n8n-workflow).
'use strict';

const { createHash } = require('node:crypto');
const path = require('node:path');

/** The dist files, relative to dist/, and the class each exports. */
const NODES = [
	['nodes/ConstantContact/ConstantContact.node.js', 'ConstantContact'],
	['nodes/ConstantContact/ConstantContactTrigger.node.js', 'ConstantContactTrigger'],
];
const CREDENTIAL = ['credentials/ConstantContactOAuth2Api.credentials.js', 'ConstantContactOAuth2Api'];
/** The credential's members that the editor uses (everything but its methods, e.g. preAuthentication). */
const CREDENTIAL_KEYS = ['name', 'displayName', 'extends', 'icon', 'iconColor', 'documentationUrl', 'properties', 'authenticate', 'test', 'httpRequestNode', 'genericAuth', 'supportedNodes'];

/**
 * JSON with every object's keys sorted, so that the order in which the source declares them does
 * not matter (array order does: it is the order of the fields and options in the editor).
 * undefined is left out as JSON.stringify does; a function (a computed `authenticate`) counts by
 * its source; RegExp by its source and flags.
 */
function stableJson(value) {
	return JSON.stringify(normalize(value, new WeakSet()));
}

function normalize(value, seen) {
	if (value === null || typeof value !== 'object') {
		if (typeof value === 'function') return { $function: value.toString() };
		if (typeof value === 'bigint') return value.toString();
		if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
		return value;
	}
	if (value instanceof RegExp) return { $regexp: value.toString() };
	if (value instanceof Date) return value.toISOString();
	if (seen.has(value)) throw new Error('descriptionHash: the description refers to itself (a cycle)');
	seen.add(value);
	let out;
	if (Array.isArray(value)) {
		out = value.map((v) => (v === undefined || typeof v === 'symbol' ? null : normalize(v, seen)));
	} else {
		out = {};
		for (const key of Object.keys(value).sort()) {
			const v = value[key];
			if (v === undefined || typeof v === 'symbol') continue;
			out[key] = normalize(v, seen);
		}
	}
	seen.delete(value);
	return out;
}

/** Loads a built module fresh (no stale copy from require's cache after a rebuild). */
function load(distDir, file, exportName) {
	const full = path.resolve(distDir, file);
	for (const key of Object.keys(require.cache)) {
		if (key.startsWith(path.resolve(distDir) + path.sep)) delete require.cache[key];
	}
	const mod = require(full);
	const Class = mod[exportName];
	if (typeof Class !== 'function') throw new Error(`descriptionHash: ${full} does not export ${exportName}`);
	return new Class();
}

/** The descriptions that are hashed: { nodes: { <file>: description }, credential: {...} }. */
function descriptionSnapshot(distDir) {
	const nodes = {};
	for (const [file, exportName] of NODES) nodes[file] = load(distDir, file, exportName).description;
	const instance = load(distDir, CREDENTIAL[0], CREDENTIAL[1]);
	const credential = {};
	for (const key of CREDENTIAL_KEYS) if (instance[key] !== undefined) credential[key] = instance[key];
	return { nodes, credential: { [CREDENTIAL[0]]: credential } };
}

/** sha256 (hex) of the stable JSON of the node, trigger and credential descriptions in distDir. */
function descriptionHash(distDir) {
	return createHash('sha256').update(stableJson(descriptionSnapshot(distDir))).digest('hex');
}

module.exports = { descriptionHash, descriptionSnapshot, stableJson };
