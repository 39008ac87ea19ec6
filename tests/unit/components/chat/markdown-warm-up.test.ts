// @vitest-environment jsdom
/**
 * The first send warms the reply's formatting (markdown-loader.ts warmMarkdown): marked's rules
 * and DOMPurify run once on a short text in idle time, so the first reply does not pay for
 * compiling them in the task that shows it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderMarkdown, WARM_UP_TEXT } from '../../../../src/lib/components/chat/markdown';

afterEach(() => vi.unstubAllGlobals());

describe('the Markdown warm-up', () => {
	it('runs the rules a reply usually needs: blocks, lists, quotes, code, tables and inline marks', () => {
		const root = document.createElement('div');
		root.innerHTML = renderMarkdown(WARM_UP_TEXT);
		const tags = ['h1', 'ul', 'ol', 'blockquote', 'hr', 'pre', 'table', 'em', 'strong', 'code'];
		for (const tag of [...tags, 'del', 'a']) expect(root.querySelector(tag), tag).not.toBeNull();
	});

	it('renders it in idle time, once per page', async () => {
		const idle: (() => void)[] = [];
		vi.stubGlobal('requestIdleCallback', (task: () => void) => idle.push(task));
		vi.stubGlobal('cancelIdleCallback', () => {});
		vi.resetModules();
		const loader = await import('../../../../src/lib/components/chat/markdown-loader');
		const markdown = await loader.loadMarkdown();
		const warmUp = vi.spyOn(markdown, 'warmUp');

		loader.warmMarkdown();
		loader.warmMarkdown(); // a second send: nothing more
		await vi.waitFor(() => expect(idle).toHaveLength(1));
		expect(warmUp).not.toHaveBeenCalled(); // not in the send's own task
		idle.shift()!();
		expect(warmUp).toHaveBeenCalledTimes(1);
		expect(idle).toHaveLength(0);
	});
});
