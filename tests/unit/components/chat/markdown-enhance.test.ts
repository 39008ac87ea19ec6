// @vitest-environment jsdom
/**
 * Links and Copy buttons added to a rendered reply. A streamed reply is enhanced after every
 * render, with the text between blocks sitting right in the reply's root: paths in blocks that
 * arrive later must still become links, and nothing is linked twice.
 */
import { describe, expect, it } from 'vitest';
import { enhanceReply, referenceOf } from '../../../../src/lib/components/chat/markdown-enhance';

const FILES = new Set(['src/app.ts', 'README.md']);
const isFile = (path: string) => FILES.has(path);

function links(root: HTMLElement) {
	return [...root.querySelectorAll<HTMLElement>('button.file-link')].map((link) => ({
		text: link.textContent,
		...referenceOf(link)
	}));
}

describe('enhanceReply', () => {
	it('links paths in blocks rendered after earlier ones were enhanced', () => {
		const root = document.createElement('div');
		root.innerHTML = '<p>Looking at the project.</p>\n';
		enhanceReply(root, isFile);
		expect(links(root)).toEqual([]);

		// The next render: the first block kept, a second one added after the root's text node.
		root.insertAdjacentHTML('beforeend', '<p>plain src/app.ts#L3 works, see `x`.</p>\n');
		enhanceReply(root, isFile);
		expect(links(root)).toEqual([
			{ text: 'src/app.ts#L3', path: 'src/app.ts', line: 3, column: undefined }
		]);

		// Enhancing again changes nothing.
		const html = root.innerHTML;
		enhanceReply(root, isFile);
		expect(root.innerHTML).toBe(html);
	});

	it('links inline code naming a project file and leaves other code and text alone', () => {
		const root = document.createElement('div');
		root.innerHTML =
			'<p>At <code>src/app.ts:12:5</code>, not <code>src/missing.ts</code> or notes.txt.</p>';
		enhanceReply(root, isFile);
		expect(links(root)).toEqual([
			{ text: 'src/app.ts:12:5', path: 'src/app.ts', line: 12, column: 5 }
		]);
		expect(root.textContent).toBe('At src/app.ts:12:5, not src/missing.ts or notes.txt.');
	});

	it('re-renders of the open block are linked afresh', () => {
		const root = document.createElement('div');
		root.innerHTML = '<p>see README</p>';
		enhanceReply(root, isFile);
		root.innerHTML = '<p>see README.md</p>';
		enhanceReply(root, isFile);
		expect(links(root).map((link) => link.path)).toEqual(['README.md']);
	});

	it('adds one Copy button per code block, however often it runs', () => {
		const root = document.createElement('div');
		root.innerHTML = '<pre><code>npm test\n</code></pre>\n<pre><code>ls</code></pre>';
		enhanceReply(root);
		enhanceReply(root);
		expect(root.querySelectorAll('button.copy-code')).toHaveLength(2);
	});
});
