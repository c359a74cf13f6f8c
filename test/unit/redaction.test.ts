/** The scrubber on its own: by value in every form, idempotent, bounded depth, cycles. */
import { Scrubber } from '../../nodes/ConstantContact/shared/transport/redaction';

const TOKEN = 'Zk9xQm1uTjZ2cW8tX2FiY2RlZmdo';
const scrubber = () => new Scrubber().add(TOKEN, 'client-secret-value', 'short');

describe('Scrubber', () => {
	test.each([
		['plain', `x ${TOKEN} y`],
		['URL-encoded twice', encodeURIComponent(encodeURIComponent(`a b ${TOKEN}`))],
		['base64 at offset 2', Buffer.from(`ab${TOKEN}cd`).toString('base64')],
		['base64url at offset 1', Buffer.from(`a${TOKEN}`).toString('base64url')],
		['hex', Buffer.from(TOKEN).toString('hex')],
		['upper case', TOKEN.toUpperCase()],
	])('removes the secret %s', (_form, text) => {
		const out = scrubber().text(text);
		expect(out).toContain('[redacted]');
		expect(out.toLowerCase()).not.toContain(TOKEN.toLowerCase());
	});

	test('ignores values too short to tell from ordinary text', () => {
		expect(scrubber().text('a short note')).toBe('a short note');
	});

	test('scrubbing twice changes nothing more', () => {
		const s = scrubber();
		const once = s.text(`Bearer ${TOKEN} refresh_token=${TOKEN}&code=abc access_token: "${TOKEN}"`);
		expect(s.text(once)).toBe(once);
		expect(once).toBe('Bearer [redacted] refresh_token=[redacted]&code=[redacted] access_token: "[redacted]"');
	});

	test('keeps error codes and postal codes', () => {
		expect(scrubber().text('error code: E0000047, postal_code=78701')).toBe('error code: E0000047, postal_code=78701');
	});

	test('replaces what lies deeper than the limit instead of passing it through, and cycles', () => {
		let deep: Record<string, unknown> = { innocent: 'not a secret' };
		for (let n = 0; n < 30; n++) deep = { next: deep };
		const cyclic: Record<string, unknown> = { a: 1 };
		cyclic.self = cyclic;
		const out = scrubber().deep({ deep, cyclic });
		expect(JSON.stringify(out)).toContain('[redacted: nested too deep]');
		expect(JSON.stringify(out)).not.toContain('not a secret');
		expect((out.cyclic as Record<string, unknown>).self).toBe('[circular]');
	});

	test('secret-named keys lose their values; keys holding a secret are scrubbed too', () => {
		const out = scrubber().deep({ token: 'anything', [TOKEN]: 1, note: 'ok' });
		expect(out).toEqual({ token: '[redacted]', '[redacted]': 1, note: 'ok' });
	});
});
