/**
 * The idle preload (load-editor.ts, preload-core.ts) evaluates CodeMirror's core a part per task (each import is its own chunk in
 * the build), so no one task evaluates all of it; a file that opens meanwhile takes the rest at once.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

/** What was evaluated, in order, with the loader's yields between. */
let steps: string[];
/** Idle callbacks waiting, and yields waiting to be let through (each is a task boundary). */
let idle: (() => void)[];
let gates: (() => void)[];

const PARTS = {
	'@codemirror/state': 'state',
	'@codemirror/view': 'view',
	'@codemirror/language': 'language',
	'@codemirror/commands': 'commands',
	'@codemirror/search': 'search',
	'../../../../src/lib/components/editor/editor-chunk': 'editor'
};

beforeEach(() => {
	steps = [];
	idle = [];
	gates = [];
	// Fresh modules and factories each time, so every evaluation is seen.
	vi.resetModules();
	for (const [path, name] of Object.entries(PARTS)) {
		vi.doMock(path, () => (steps.push(name), {}));
	}
	vi.doMock('../../../../src/lib/runtime', () => ({
		whenIdle: (task: () => void) => {
			idle.push(task);
			return () => idle.splice(idle.indexOf(task), 1);
		},
		yieldToPage: () =>
			new Promise<void>((resolve) => gates.push(() => (steps.push('yield'), resolve())))
	}));
});

const loader = () => import('../../../../src/lib/components/editor/load-editor');

/** Lets the loader's next yield through, once it is waiting at one. */
async function letThrough() {
	await vi.waitFor(() => expect(gates.length).toBe(1));
	gates.shift()!();
}

describe('preloading the editor', () => {
	it('waits for idle time, then evaluates the core part by part, a task apart, then the rest', async () => {
		const { preloadEditor } = await loader();
		preloadEditor();
		expect(idle).toHaveLength(1);
		expect(steps).toEqual([]);
		idle[0]!();
		for (let part = 0; part < 5; part++) await letThrough();
		await vi.waitFor(() => expect(steps).toContain('editor'));
		expect(steps).toEqual([
			'state',
			'yield',
			'view',
			'yield',
			'language',
			'yield',
			'commands',
			'yield',
			'search',
			'yield',
			'editor'
		]);
	});

	it('stops staging once a file asks for the editor: that import takes the rest at once', async () => {
		const { loadEditor, preloadEditor } = await loader();
		preloadEditor();
		idle[0]!();
		await letThrough();
		await vi.waitFor(() => expect(steps).toEqual(['state', 'yield', 'view']));
		await loadEditor();
		await letThrough();
		expect(steps).toEqual(['state', 'yield', 'view', 'editor', 'yield']);
		// The staging loop saw the editor loading and stopped: nothing more is evaluated or awaited.
		expect(gates).toEqual([]);
	});

	it('does nothing once stopped (the IDE closed before the page was idle)', async () => {
		const { preloadEditor } = await loader();
		const stop = preloadEditor();
		stop();
		expect(idle).toEqual([]);
		expect(steps).toEqual([]);
	});
});
