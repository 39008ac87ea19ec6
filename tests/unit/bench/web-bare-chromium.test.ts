import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchBareChromium, NulFramer } from '../../../bench/web/bare-chromium';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('bench:web bare Chromium: the pipe framing', () => {
	it('splits messages at each NUL and keeps a partial one for the next chunk', () => {
		const framer = new NulFramer();
		expect(framer.push(bytes('{"id":1}\0{"id":'))).toEqual(['{"id":1}']);
		expect(framer.push(bytes('2,"x":"é'))).toEqual([]);
		expect(framer.push(bytes('"}\0\0'))).toEqual(['{"id":2,"x":"é"}', '']);
	});

	it('joins a multi-byte character cut between two chunks', () => {
		const framer = new NulFramer();
		const message = bytes('"€"\0');
		expect(framer.push(message.subarray(0, 2))).toEqual([]);
		expect(framer.push(message.subarray(2))).toEqual(['"€"']);
	});
});

describe('bench:web bare Chromium: the real browser', () => {
	it('opens a page, navigates it, evaluates in it, and closes', async () => {
		const profile = await mkdtemp(join(tmpdir(), 'kiln-bare-test-'));
		const browser = await launchBareChromium(profile);
		try {
			const page = await browser.newPage();
			await page.send('Page.navigate', { url: 'data:text/html,<title>bare</title><p>hi</p>' });
			await expect
				.poll(() => page.evaluate<string>('document.title'), { timeout: 10_000 })
				.toBe('bare');
			expect(await page.evaluate<number>('Promise.resolve(6 * 7)')).toBe(42);
			await expect(page.evaluate('missing.value')).rejects.toThrow(/In the page/);
			await expect(page.send('No.suchMethod')).rejects.toThrow(/DevTools/);
		} finally {
			await browser.close();
			await rm(profile, { recursive: true, force: true });
		}
	}, 30_000);
});
