// @vitest-environment jsdom
/**
 * The person's own messages render as Markdown too, through the same sanitiser as replies, with
 * the line breaks they typed and any HTML they typed shown as text.
 */
import { describe, expect, it } from 'vitest';
import { MarkdownBlocks } from '../../../../src/lib/components/chat/markdown';

const typed = (text: string) => new MarkdownBlocks({ typed: true }).render(text).join('');

describe('a typed message', () => {
	it('renders Markdown: emphasis, code, lists and links', () => {
		const html = typed('Make it **bold**, keep `x`:\n\n- one\n- two\n\nSee https://example.com');
		expect(html).toContain('<strong>bold</strong>');
		expect(html).toContain('<code>x</code>');
		expect(html).toContain('<li>one</li>');
		expect(html).toMatch(/<a href="https:\/\/example\.com"[^>]*target="_blank"/);
	});

	it('keeps a single line break as one', () => {
		expect(typed('first line\nsecond line')).toContain('first line<br>second line');
		// A reply follows Markdown's paragraphs instead.
		expect(new MarkdownBlocks().render('first line\nsecond line').join('')).not.toContain('<br>');
	});

	it('shows typed HTML as text instead of running or dropping it', () => {
		const html = typed('why is <button onclick="alert(1)"> grey?\n\n<img src=x onerror=alert(1)>');
		expect(html).toContain('&lt;button onclick=');
		expect(html).not.toContain('<button');
		expect(html).not.toContain('<img');
	});

	it('goes through the same sanitiser as replies: no script links', () => {
		const html = typed('[click](javascript:alert(1))');
		expect(html).not.toContain('javascript:');
	});
});
