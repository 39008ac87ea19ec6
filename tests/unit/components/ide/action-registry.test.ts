import { describe, expect, it } from 'vitest';
import {
	ActionRegistry,
	keyLabel,
	matchesKey,
	type IdeAction
} from '$lib/components/ide/action-registry.svelte';
import { filterActions } from '$lib/components/ide/palette-filter';

/** A keydown as the browser sends it (only the fields the registry reads). */
function keydown(key: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean } = {}) {
	let prevented = false;
	let stopped = false;
	const event = {
		key,
		ctrlKey: mods.ctrl ?? false,
		metaKey: mods.meta ?? false,
		shiftKey: mods.shift ?? false,
		altKey: false,
		get defaultPrevented() {
			return prevented;
		},
		preventDefault: () => (prevented = true),
		stopPropagation: () => (stopped = true)
	} as unknown as KeyboardEvent;
	return { event, prevented: () => prevented, stopped: () => stopped };
}

function action(id: string, title: string, more: Partial<IdeAction> = {}) {
	const runs: string[] = [];
	const made: IdeAction = { id, title, run: () => runs.push(id), ...more };
	return { action: made, runs };
}

describe('action keys', () => {
	it('matches Mod as Ctrl or Cmd, with Shift and the key exact', () => {
		expect(matchesKey('Mod+Shift+F', keydown('F', { ctrl: true, shift: true }).event)).toBe(true);
		expect(matchesKey('Mod+Shift+F', keydown('f', { meta: true, shift: true }).event)).toBe(true);
		expect(matchesKey('Mod+Shift+F', keydown('f', { ctrl: true }).event)).toBe(false);
		expect(matchesKey('Mod+P', keydown('P', { ctrl: true, shift: true }).event)).toBe(false);
		expect(matchesKey('Mod+`', keydown('`', { ctrl: true }).event)).toBe(true);
	});

	it('writes keys as the platform does', () => {
		expect(keyLabel('Mod+Shift+P', false)).toBe('Ctrl+Shift+P');
		expect(keyLabel('Mod+Shift+P', true)).toBe('⌘⇧P');
		expect(keyLabel('Mod+`', false)).toBe('Ctrl+`');
	});
});

describe('ActionRegistry', () => {
	it('runs the action bound to a key and takes the key from the focused part', () => {
		const registry = new ActionRegistry();
		const search = action('search.show', 'Search across files', { key: 'Mod+Shift+F' });
		registry.register(search.action);
		const press = keydown('F', { ctrl: true, shift: true });
		expect(registry.handleKey(press.event)).toBe(true);
		expect(search.runs).toEqual(['search.show']);
		expect(press.prevented()).toBe(true);
		expect(press.stopped()).toBe(true);
		expect(registry.handleKey(keydown('x', { ctrl: true }).event)).toBe(false);
	});

	it('leaves a key handled elsewhere, and does not run an action that cannot run now', () => {
		const registry = new ActionRegistry();
		const save = action('file.save', 'Save', { key: 'Mod+S', keyHandledBy: 'in the editor' });
		const stop = action('agent.stop', 'Stop', {
			key: 'Mod+.',
			unavailable: () => 'The agent is not running.'
		});
		registry.register(save.action, stop.action);
		const press = keydown('s', { ctrl: true });
		expect(registry.handleKey(press.event)).toBe(false);
		expect(press.prevented()).toBe(false);
		expect(registry.handleKey(keydown('.', { ctrl: true }).event)).toBe(true);
		expect([...save.runs, ...stop.runs]).toEqual([]);
	});

	it('adds in one line, replaces by id and removes what it added', () => {
		const registry = new ActionRegistry();
		const first = action('a', 'First');
		registry.register(first.action, action('b', 'Second').action);
		const remove = registry.register(action('a', 'First, again').action);
		expect(registry.list.map((a) => a.title)).toEqual(['Second', 'First, again']);
		remove();
		expect(registry.list.map((a) => a.id)).toEqual(['b']);
		expect(registry.get('b')?.title).toBe('Second');
	});
});

describe('palette filtering', () => {
	const actions = [
		action('file.quickOpen', 'Open file by name').action,
		action('search.show', 'Search across files').action,
		action('terminal.focus', 'Focus the terminal').action
	];

	it('lists every action in order with no query', () => {
		expect(filterActions('  ', actions).map((m) => m.action.id)).toEqual([
			'file.quickOpen',
			'search.show',
			'terminal.focus'
		]);
	});

	it('fuzzy-matches titles, best first, with the matched characters', () => {
		const found = filterActions('srch', actions);
		expect(found[0]?.action.id).toBe('search.show');
		expect(found[0]?.indexes).toEqual([0, 3, 4, 5]);
		expect(filterActions('term', actions).map((m) => m.action.id)).toEqual(['terminal.focus']);
		expect(filterActions('zzz', actions)).toEqual([]);
	});
});
