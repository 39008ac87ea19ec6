import { tick } from 'svelte';
import { describe, expect, it } from 'vitest';
import { canRun, isMac } from '$lib/components/ide/action-registry.svelte';
import { ideActionsOverFakes as setup } from '../../../fakes/ide-action-parts';

/** A keydown as the browser sends it (only the fields the registry reads). */
function keydown(key: string, mods: { ctrl?: boolean; shift?: boolean; alt?: boolean } = {}) {
	return {
		key,
		ctrlKey: mods.ctrl ?? false,
		metaKey: false,
		shiftKey: mods.shift ?? false,
		altKey: mods.alt ?? false,
		defaultPrevented: false,
		preventDefault: () => {},
		stopPropagation: () => {}
	} as unknown as KeyboardEvent;
}

describe('the IDE’s actions', () => {
	it('list every key a person can press for them, including those a focused part handles', () => {
		const { registry } = setup();
		const keys = Object.fromEntries(
			registry.list.filter((a) => a.key).map((a) => [a.id, [a.key, a.keyHandledBy]])
		);
		expect(keys).toMatchObject({
			'palette.show': ['Mod+Shift+P', undefined],
			'file.quickOpen': ['Mod+P', undefined],
			'search.show': ['Mod+Shift+F', undefined],
			'terminal.focus': ['Mod+`', undefined],
			'file.save': ['Mod+S', 'in the editor'],
			'editor.find': ['Mod+F', 'in the editor'],
			'editor.replace': [isMac() ? 'Mod+Alt+F' : 'Mod+H', 'in the editor'],
			'editor.close': ['Delete', 'on an editor tab'],
			'file.rename': ['F2', 'in the file tree'],
			'file.delete': ['Delete', 'in the file tree'],
			'agent.stop': ['Escape', 'in the chat']
		});
		expect(registry.get('processes.show')?.title).toBe('Show the processes');
	});

	it('leave the keys of a focused part to it: F2, Delete and Escape on the page do nothing', () => {
		const { registry, calls } = setup({ running: true });
		for (const key of ['F2', 'Delete', 'Escape'])
			expect(registry.handleKey(keydown(key))).toBe(false);
		expect(registry.handleKey(keydown('h', { ctrl: true }))).toBe(false);
		expect(calls).toEqual([]);
	});

	it('rename and delete the row selected in the tree, else the file being edited', async () => {
		const { get, calls, revealed, tree } = setup({ active: 'src/app.ts' });
		get('file.rename').run();
		await tick();
		tree.selection = 'src';
		get('file.delete').run();
		await tick();
		expect(calls).toEqual(['tree.rename src/app.ts', 'tree.askDelete src']);
		expect(revealed).toEqual(['files', 'files']);
	});

	it('say why they cannot run: nothing selected, another tab owns the project, nothing to stop', () => {
		let { get } = setup({ active: null });
		expect(get('file.rename').unavailable?.()).toBe('Select a file in the tree first.');
		expect(get('editor.find').unavailable?.()).toBe('Open a text file first.');
		expect(get('editor.close').unavailable?.()).toBe('No file is open.');
		expect(get('agent.stop').unavailable?.()).toBe('The agent is not running.');
		({ get } = setup({ readOnly: true }));
		expect(get('file.delete').unavailable?.()).toMatch(/open in another tab/);
		expect(get('file.save').unavailable?.()).toMatch(/open in another tab/);
		({ get } = setup({ running: true }));
		expect(canRun(get('agent.stop'))).toBe(true);
		expect(get('chat.new').unavailable?.()).toMatch(/Wait for the agent’s turn to end/);
	});

	it('run from the palette what their keys do where they are handled', async () => {
		const { get, calls, revealed } = setup({ running: true });
		for (const id of [
			'agent.stop',
			'editor.find',
			'editor.replace',
			'editor.close',
			'processes.show'
		])
			get(id).run();
		await tick();
		expect(calls).toEqual([
			'chat.stop',
			'editor.close index.html',
			'processes.focus',
			'editor.find',
			'editor.replace'
		]);
		expect(revealed).toEqual(['editor', 'editor', 'terminal']);
	});
});
