/**
 * The pictures in docs/screenshots/ match the build: `npm run screenshots` records in
 * docs/screenshots/manifest.json the package version and a hash of the node's, the trigger's and
 * the credential's descriptions (scripts/lib/descriptionHash.cjs); when the built descriptions
 * (dist/, made by `npm run build` before jest in `npm test`) no longer give that hash, the
 * editor shows something the pictures do not, and this fails. Also: every picture the manifest
 * lists is there, every PNG in the folder is listed, and every picture the README and docs
 * refer to is there and listed.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const { descriptionHash } = require('../../scripts/lib/descriptionHash.cjs') as { descriptionHash: (distDir: string) => string };

const REPO = path.resolve(__dirname, '..', '..');
const DIST = path.join(REPO, 'dist');
const SHOTS = path.join(REPO, 'docs', 'screenshots');
const MANIFEST = path.join(SHOTS, 'manifest.json');
const REMAKE = 'run `npm run screenshots` and commit docs/screenshots';

interface Manifest {
	packageVersion: string;
	descriptionHash: string;
	n8n: Record<string, string>;
	files: Record<string, { major: number; what: string }>;
	takenAt: string;
}

const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };

/** Markdown pages that show pictures: README.md, docs/*.md, examples/README.md. */
const pages = [
	path.join(REPO, 'README.md'),
	...readdirSync(path.join(REPO, 'docs')).filter((f) => f.endsWith('.md')).map((f) => path.join(REPO, 'docs', f)),
	path.join(REPO, 'examples', 'README.md'),
].filter((f) => existsSync(f));

/** Every reference to a PNG under docs/screenshots/ in those pages (Markdown or <img src>), resolved from the page. */
function referencedPictures(): { page: string; ref: string; file: string }[] {
	const found: { page: string; ref: string; file: string }[] = [];
	for (const page of pages) {
		const text = readFileSync(page, 'utf8');
		for (const m of text.matchAll(/(?:\]\(|src=["'])([^)"'\s]*screenshots\/[^)"'\s]+\.png)/g)) {
			const file = path.resolve(path.dirname(page), m[1]);
			if (path.dirname(file) === SHOTS) found.push({ page: path.relative(REPO, page), ref: m[1], file });
		}
	}
	return found;
}

describe('docs/screenshots/manifest.json', () => {
	test('the node and credential descriptions are the ones the screenshots were taken of', () => {
		if (!existsSync(path.join(DIST, 'nodes', 'ConstantContact', 'ConstantContact.node.js'))) {
			throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
		}
		const built = descriptionHash(DIST);
		if (built !== manifest.descriptionHash) {
			throw new Error(
				`the node's or credential's descriptions changed since the screenshots were taken: ${REMAKE}\n` +
					`  (descriptions hash of dist/: ${built}; manifest, taken ${manifest.takenAt}: ${manifest.descriptionHash})`,
			);
		}
	});

	test("the screenshots were taken of this package version (package.json's)", () => {
		if (manifest.packageVersion !== pkg.version) {
			throw new Error(`the screenshots were taken of version ${manifest.packageVersion}, package.json says ${pkg.version}: ${REMAKE}`);
		}
	});

	test('it records the n8n version of each major', () => {
		expect(Object.keys(manifest.n8n).sort()).toEqual(['1', '2']);
		for (const [major, version] of Object.entries(manifest.n8n)) expect(version).toMatch(new RegExp(`^${major}\\.\\d+\\.\\d+`));
		expect(Number.isNaN(Date.parse(manifest.takenAt))).toBe(false);
	});

	test('every picture it lists is there, and every picture there is listed', () => {
		const listed = Object.keys(manifest.files).sort();
		const missing = listed.filter((name) => !existsSync(path.join(SHOTS, name)));
		if (missing.length) throw new Error(`docs/screenshots/manifest.json lists ${missing.join(', ')}, not in docs/screenshots: ${REMAKE}`);
		const present = readdirSync(SHOTS).filter((f) => f.endsWith('.png')).sort();
		const unlisted = present.filter((name) => !listed.includes(name));
		if (unlisted.length) {
			throw new Error(`docs/screenshots holds ${unlisted.join(', ')}, which the manifest does not list (left over from an earlier run?): delete it or ${REMAKE}`);
		}
		for (const name of listed) {
			expect(manifest.files[name].what).toEqual(expect.any(String));
			expect(Object.keys(manifest.n8n)).toContain(String(manifest.files[name].major));
		}
	});

	test('every picture the README and docs show is there and listed in the manifest', () => {
		const refs = referencedPictures();
		expect(refs.length).toBeGreaterThan(0);
		const bad = refs
			.filter(({ file }) => !existsSync(file) || !(path.basename(file) in manifest.files))
			.map(({ page, ref, file }) => `${page}: ${ref} (${existsSync(file) ? 'not in the manifest' : 'missing'})`);
		if (bad.length) throw new Error(`pictures referred to but not made by \`npm run screenshots\`:\n  ${bad.join('\n  ')}`);
	});
});
