import { flushSync, mount, unmount } from 'svelte';
import { afterEach, expect, it } from 'vitest';
import type { RequestSnapshot, SessionEvent } from '../../src/lib/agent/types';
import { ContextStatus } from '../../src/lib/components/context';
import type { ChatSession, ContextStatusValue } from '../../src/lib/state/chat';

const snapshot: RequestSnapshot = {
	layers: [
		{ name: 'tools', tokens: 4000, blocks: 9, breakpoint: true },
		{ name: 'system', tokens: 1000, blocks: 1, breakpoint: true },
		{ name: 'session', tokens: 500, blocks: 1, breakpoint: false },
		{ name: 'messages', tokens: 100, blocks: 1, breakpoint: true }
	],
	breakpoints: 3,
	estimatedInputTokens: 5600,
	model: 'claude-sonnet-4-5',
	maxTokens: 8192,
	kind: 'step',
	toolNames: ['read']
};
const events: SessionEvent[] = [
	{
		type: 'session-start',
		at: 1,
		provider: 'anthropic',
		model: 'claude-sonnet-4-5',
		runtime: 'browser'
	},
	{ type: 'user-message', id: 'u1', at: 2, text: 'What is in README.md?' },
	{ type: 'request', at: 3, step: 1, snapshot },
	{
		type: 'assistant-step',
		id: 's1',
		at: 4,
		step: 1,
		message: { role: 'assistant', content: [{ type: 'text', text: 'A title.' }] },
		stopReason: 'end_turn',
		usage: { inputTokens: 100, cacheReadTokens: 5000, cacheWriteTokens: 500, outputTokens: 20 },
		model: 'claude-sonnet-4-5'
	}
];
const status: ContextStatusValue = {
	used: 42_000,
	window: 200_000,
	cacheReadShare: 0.91,
	costUsd: 0.84,
	costKnown: true
};

let component: ReturnType<typeof mount> | undefined;
afterEach(() => {
	if (component) unmount(component);
	component = undefined;
	document.body.innerHTML = '';
});

it('shows the Context status and opens the inspector with the layers, cache use and request', async () => {
	let loads = 0;
	const load = async () => void loads++;
	const chat = { contextStatus: status, events, load } as unknown as ChatSession;
	component = mount(ContextStatus, { target: document.body, props: { chat } });
	flushSync();
	// The status loads the chat itself, whichever panel is showing.
	expect(loads).toBe(1);

	const region = document.querySelector('[role="status"][aria-label="Context"]')!;
	expect(region.textContent).toContain('42k / 200k · 91% cached · $0.84');
	(region.querySelector('button') as HTMLButtonElement).click();
	flushSync();

	// The inspector's code loads when it is first opened.
	await expect.poll(() => document.querySelector('dialog')?.open).toBe(true);
	const dialog = document.querySelector('dialog')!;
	const title = document.getElementById(dialog.getAttribute('aria-labelledby')!)!;
	expect(title.textContent).toBe('Context inspector');
	expect(dialog.querySelector('[aria-label="Requests"]')!.textContent).toContain(
		'Turn 1, step 1 · 5.6k tokens · 89% cached'
	);
	const rows = [...dialog.querySelectorAll('tbody tr')].map((row) =>
		row.querySelector('th')!.textContent!.trim()
	);
	expect(rows).toEqual(['Tools', 'System prompt', 'Session context', 'Messages']);
	expect(dialog.textContent).toContain('Read from cache');
	// Prices come from the model catalog, which loads on demand.
	await expect.poll(() => dialog.textContent).toMatch(/Cost\s*\$0\.0/);

	const details = dialog.querySelector('details')!;
	expect(details.querySelector('summary')!.textContent).toBe('Show request');
	details.open = true;
	details.dispatchEvent(new Event('toggle'));
	flushSync();
	await expect
		.poll(() => dialog.querySelector('pre')?.textContent ?? '')
		.toContain('What is in README.md?');
	expect(dialog.querySelector('pre')!.textContent).toContain('"model": "claude-sonnet-4-5"');
});

it('the Mode selector and the Sessions list drive the chat session', async () => {
	const { ModeSelect, SessionList } = await import('../../src/lib/components/sessions');
	const calls: string[] = [];
	const fake = { mode: 'auto', running: false, sessionId: 'b' };
	const chat = {
		...fake,
		get mode() {
			return fake.mode;
		},
		async setMode(mode: string) {
			calls.push(`mode:${mode}`);
			fake.mode = mode;
		},
		sessions: {
			async list() {
				return [
					{ id: 'b', title: 'Second chat', model: 'm', updatedAt: 2 },
					{ id: 'a', title: 'First chat', model: 'm', updatedAt: 1 }
				];
			}
		},
		async openSession(id: string) {
			calls.push(`open:${id}`);
		}
	} as unknown as ChatSession;
	const target = document.body;
	component = mount(ModeSelect, { target, props: { chat } });
	const list = mount(SessionList, { target, props: { chat } });
	flushSync();

	const select = document.querySelector('select') as HTMLSelectElement;
	expect(select.labels?.[0]?.textContent?.trim()).toMatch(/^Mode/);
	expect([...select.options].map((option) => option.text)).toEqual([
		'Ask',
		'Auto-edit',
		'Auto',
		'Plan'
	]);
	expect(select.value).toBe('auto');
	select.value = 'plan';
	select.dispatchEvent(new Event('change', { bubbles: true }));
	await expect.poll(() => calls).toEqual(['mode:plan']);
	await expect.poll(() => select.value).toBe('plan');

	const open = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Sessions')!;
	open.click();
	// The inspector's code loads when it is first opened.
	await expect.poll(() => document.querySelector('dialog')?.open).toBe(true);
	const dialog = document.querySelector('dialog')!;
	await expect.poll(() => dialog.querySelectorAll('li').length).toBe(2);
	const first = [...dialog.querySelectorAll('li button')].find((b) =>
		b.textContent?.includes('First chat')
	) as HTMLButtonElement;
	first.click();
	await expect.poll(() => calls).toEqual(['mode:plan', 'open:a']);
	expect(dialog.open).toBe(false);
	unmount(list);
});

it('the Sessions button opens the list again at once after a chat was chosen', async () => {
	const { SessionList } = await import('../../src/lib/components/sessions');
	const chat = {
		running: false,
		sessionId: 'b',
		sessions: { list: async () => [{ id: 'a', title: 'First chat', model: 'm', updatedAt: 1 }] },
		openSession: async () => {}
	} as unknown as ChatSession;
	component = mount(SessionList, { target: document.body, props: { chat } });
	flushSync();
	const button = [...document.querySelectorAll('button')].find(
		(b) => b.textContent === 'Sessions'
	)!;
	button.click();
	await expect.poll(() => document.querySelector('dialog li button')).not.toBeNull();

	// Chosen, then the button clicked again before the next frame (a busy page, a quick person):
	// the browser reports the first list's close in that frame, which must not shut the second.
	(document.querySelector('dialog li button') as HTMLButtonElement).click();
	flushSync();
	button.click();
	flushSync();
	await new Promise((resolve) => requestAnimationFrame(resolve));
	await new Promise((resolve) => requestAnimationFrame(resolve));
	flushSync();
	const lists = [...document.querySelectorAll('dialog')].filter(
		(dialog) => dialog.querySelector('h2')?.textContent === 'Sessions'
	);
	expect(lists.map((list) => list.open)).toEqual([true]);
});
