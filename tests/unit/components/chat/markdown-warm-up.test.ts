// @vitest-environment jsdom
/**
 * The first send warms the reply's formatting (markdown-loader.ts warmMarkdown): marked's rules
 * and DOMPurify run once on a short text in idle time, so the first reply does not pay for
 * compiling them in the task that shows it.
 */
import { Lexer } from 'marked';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	renderMarkdown,
	WARM_UP_TEXT,
	warmUpSteps
} from '../../../../src/lib/components/chat/markdown';
import { runWhenIdle } from '../../../../src/lib/components/chat/markdown-loader';

afterEach(() => vi.unstubAllGlobals());

/**
 * A fresh loader on a page whose idle callbacks go into `idle` (never run unless a test runs
 * them), with `steps` as the warm-up.
 */
async function loaderWith(steps: (() => void)[], idle: (() => void)[] = []) {
	vi.stubGlobal('requestIdleCallback', (task: () => void) => idle.push(task));
	vi.stubGlobal('cancelIdleCallback', () => {});
	vi.resetModules();
	const loader = await import('../../../../src/lib/components/chat/markdown-loader');
	const markdown = await loader.loadMarkdown();
	const made = vi.spyOn(markdown, 'warmUpSteps').mockReturnValue(steps);
	return { loader, markdown, made };
}

describe('the Markdown warm-up', () => {
	it('runs the rules a reply usually needs: blocks, lists, quotes, code, tables and inline marks', () => {
		const root = document.createElement('div');
		root.innerHTML = renderMarkdown(WARM_UP_TEXT);
		const tags = ['h1', 'ul', 'ol', 'blockquote', 'hr', 'pre', 'table', 'em', 'strong', 'code'];
		for (const tag of [...tags, 'del', 'a']) expect(root.querySelector(tag), tag).not.toBeNull();
	});

	it('compiles each of marked’s rules in a step of its own, then renders the text', () => {
		const steps = warmUpSteps();
		// Every rule of every flavour (normal, GFM, breaks, pedantic), and the two renders.
		expect(steps.length).toBeGreaterThan(100);
		for (const step of steps) step();
		// Running the rules on their own leaves them as marked expects: rendering still works.
		const root = document.createElement('div');
		root.innerHTML = renderMarkdown('Some *text*\n\n- a\n- b');
		expect(root.querySelector('em')?.textContent).toBe('text');
		expect(root.querySelectorAll('li')).toHaveLength(2);
	});

	it('takes each rule through every tier V8 compiles it in: twice, then on two-byte text', async () => {
		vi.resetModules();
		const markdown = await import('../../../../src/lib/components/chat/markdown');
		const rule = Lexer.rules.block.normal.heading;
		const steps = markdown.warmUpSteps();
		const exec = vi.spyOn(RegExp.prototype, 'exec');
		for (const step of steps) step();
		const subjects = exec.mock.contexts.flatMap((context, index) =>
			context === rule ? [exec.mock.calls[index]![0]] : []
		);
		exec.mockRestore();
		// Bytecode on the first use, native code on the second.
		expect(subjects.filter((subject) => subject === markdown.WARM_UP_TEXT)).toHaveLength(2);
		// A reply with a dash or an emoji is two-byte text, which V8 compiles for again.
		expect(subjects.some((subject) => [...subject].some((c) => c.codePointAt(0)! > 0xff))).toBe(
			true
		);
	});

	it('does nothing more once a reply has rendered for real (not the person’s own message)', async () => {
		vi.resetModules();
		const markdown = await import('../../../../src/lib/components/chat/markdown');
		const steps = markdown.warmUpSteps();
		const exec = vi.spyOn(RegExp.prototype, 'exec');
		steps[0]!();
		expect(exec).toHaveBeenCalled(); // the warm-up's own renders do not count as a reply
		steps.at(-1)!();
		exec.mockClear();
		steps[1]!();
		expect(exec).toHaveBeenCalled();

		// The person's own message renders first: the warm-up goes on.
		new markdown.MarkdownBlocks({ typed: true }).render('My *question*');
		exec.mockClear();
		steps[2]!();
		expect(exec).toHaveBeenCalled();

		markdown.renderMarkdown('A reply');
		exec.mockClear();
		for (const step of steps) step();
		expect(exec).not.toHaveBeenCalled();
		exec.mockRestore();
	});

	it('runs the steps in idle time, a few milliseconds per idle callback, once per page', async () => {
		const idle: (() => void)[] = [];
		vi.stubGlobal('requestIdleCallback', (task: () => void) => idle.push(task));
		vi.stubGlobal('cancelIdleCallback', () => {});
		vi.resetModules();
		const loader = await import('../../../../src/lib/components/chat/markdown-loader');
		const markdown = await loader.loadMarkdown();
		const steps = Array.from({ length: 5 }, () => vi.fn());
		vi.spyOn(markdown, 'warmUpSteps').mockReturnValue(steps);

		loader.warmMarkdown();
		loader.warmMarkdown(); // a second send: nothing more
		await vi.waitFor(() => expect(idle).toHaveLength(1));
		expect(steps[0]).not.toHaveBeenCalled(); // not in the send's own task
		idle.shift()!();
		await vi.waitFor(() => {
			for (const step of steps) expect(step).toHaveBeenCalledTimes(1);
		});
	});

	it('hurries for a render: the steps run without idle time, and the code comes after the last', async () => {
		const idle: (() => void)[] = []; // a page never idle: its callbacks never run
		const order: string[] = [];
		const steps = [0, 1, 2, 3, 4].map((n) => vi.fn(() => void order.push(`step ${n}`)));
		const { loader, markdown } = await loaderWith(steps, idle);

		loader.warmMarkdown();
		await vi.waitFor(() => expect(idle).toHaveLength(1));
		expect(order).toEqual([]);

		const ready = loader.loadWarmMarkdown().then((module) => {
			order.push('handed over');
			return module;
		});
		await expect(ready).resolves.toBe(markdown);
		expect(order).toEqual(['step 0', 'step 1', 'step 2', 'step 3', 'step 4', 'handed over']);
		expect(idle).toHaveLength(1); // still waiting, never called: the warm-up did not need it
	});

	it('warms up for a render that comes before any send, once', async () => {
		const steps = Array.from({ length: 3 }, () => vi.fn());
		const { loader, made } = await loaderWith(steps);

		await loader.loadWarmMarkdown();
		await loader.loadWarmMarkdown();
		loader.warmMarkdown();
		for (const step of steps) expect(step).toHaveBeenCalledTimes(1);
		expect(made).toHaveBeenCalledTimes(1);
	});

	it('hands the code over even when a step fails: the render compiles what is left', async () => {
		const after = vi.fn();
		const failing = () => {
			throw new Error('a rule the browser refused');
		};
		const { loader, markdown } = await loaderWith([failing, after]);

		await expect(loader.loadWarmMarkdown()).resolves.toBe(markdown);
		expect(after).not.toHaveBeenCalled();
	});

	it('stops a slice once its time is up and goes on in the next idle callback', async () => {
		const idle: (() => void)[] = [];
		vi.stubGlobal('requestIdleCallback', (task: () => void) => idle.push(task));
		vi.stubGlobal('cancelIdleCallback', () => {});
		let clock = 0;
		const ran: number[] = [];
		// Each step takes 4 ms: two fit in a slice (the second ends it past the 6 ms budget).
		const steps = [0, 1, 2, 3, 4].map((n) => () => {
			ran.push(n);
			clock += 4;
		});
		const running = runWhenIdle(steps, () => clock);
		expect(ran).toEqual([]);
		idle.shift()!();
		await vi.waitFor(() => expect(ran).toEqual([0, 1]));
		await vi.waitFor(() => expect(idle).toHaveLength(1));
		idle.shift()!();
		await vi.waitFor(() => expect(ran).toEqual([0, 1, 2, 3]));
		await vi.waitFor(() => expect(idle).toHaveLength(1));
		idle.shift()!();
		await running;
		expect(ran).toEqual([0, 1, 2, 3, 4]);
		expect(idle).toHaveLength(0);
	});
});
