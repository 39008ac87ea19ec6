// @vitest-environment jsdom
/**
 * Incremental Markdown: a reply rendered block by block (each block cached by its source) reads
 * exactly as the whole reply rendered at once, and while it streams only the open block is
 * parsed and sanitised again.
 */
import { describe, expect, it } from 'vitest';
import { MarkdownBlocks, renderMarkdown } from '../../../../src/lib/components/chat/markdown';

const REPLY = [
	'# Plan',
	'',
	'Some **bold** text and `code`, see [the docs][docs].',
	'',
	'- one',
	'- two',
	'',
	'1. first',
	'2. second',
	'',
	'```ts',
	'const a = 1;',
	'```',
	'',
	'| a | b |',
	'|---|---|',
	'| 1 | 2 |',
	'',
	'> quoted',
	'',
	'<div style="position:fixed">raw html</div>',
	'',
	'Setext heading',
	'===',
	'',
	'[docs]: https://example.com/docs',
	''
].join('\n');

describe('MarkdownBlocks', () => {
	it('renders a reply exactly as renderMarkdown does', () => {
		expect(new MarkdownBlocks().render(REPLY).join('')).toBe(renderMarkdown(REPLY));
	});

	it('renders only the open block again as the reply grows', () => {
		const blocks = new MarkdownBlocks();
		const counts: number[] = [];
		// Up to the link definition: a new definition renders every block again (any may use it).
		const streamed = REPLY.slice(0, REPLY.indexOf('[docs]:'));
		let wholeAtHalf = 0;
		for (let end = 1; end <= streamed.length; end += 7) {
			blocks.render(streamed.slice(0, end));
			counts.push(blocks.renderedLast);
			if (end <= streamed.length / 2) wholeAtHalf = blocks.wholeLexes;
		}
		// Once there are a few blocks, only the last ones are lexed again, not the whole text.
		expect(blocks.wholeLexes).toBe(wholeAtHalf);
		// The first render parses its one block; later ones at most the block being written and
		// the one it just closed (a blank line can end a block and start the next).
		expect(Math.max(...counts.slice(1))).toBeLessThanOrEqual(2);
		const final = blocks.render(REPLY);
		expect(final.join('')).toBe(renderMarkdown(REPLY));
	});

	it('matches the whole reply rendered at once at every point while it streams', () => {
		const long = Array.from({ length: 2 }, (_, i) => REPLY.replace('# Plan', `# Plan ${i}`)).join(
			'\n- tail item\n\n'
		);
		const blocks = new MarkdownBlocks();
		for (let end = 1; end <= long.length; end += 5) {
			const text = long.slice(0, end);
			expect(blocks.render(text).join('')).toBe(renderMarkdown(text));
		}
	}, 60_000);

	it('renders a reference link whose definition arrives after its use', () => {
		const blocks = new MarkdownBlocks();
		const before = blocks.render('See [the docs][docs].\n\nMore text.').join('');
		expect(before).not.toContain('href');
		const after = blocks.render(
			'See [the docs][docs].\n\nMore text.\n\n[docs]: https://example.com/'
		);
		expect(after.join('')).toContain('href="https://example.com/"');
	});

	it('keeps the blocks apart, each one sanitised on its own', () => {
		const blocks = new MarkdownBlocks().render(
			'<div>\n\n<script>alert(1)</script>\n\n</div>\n\nok'
		);
		expect(blocks.join('')).not.toContain('script');
		expect(blocks.at(-1)).toBe('<p>ok</p>\n');
	});
});
