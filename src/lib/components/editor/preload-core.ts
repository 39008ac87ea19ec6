/**
 * CodeMirror's core, a part per import, for the idle preload (load-editor.ts). Evaluated as one
 * chunk, its top level (the base themes' style modules, the legacy token table) was one task of
 * ~60 ms, in the idle time while a project opens. Every dynamic import is a chunk of its own, so
 * these evaluate one per task, and the editor's chunk then finds them done. A module of its own,
 * fetched in idle time: its imports' bookkeeping stays out of the IDE's first paint.
 */
import { yieldToPage } from '$lib/runtime';

const CORE_PARTS = [
	() => import('@codemirror/state'),
	() => import('@codemirror/view'),
	() => import('@codemirror/language'),
	() => import('@codemirror/commands'),
	() => import('@codemirror/search')
];

/** Evaluates the parts in turn, a task apart, until `stop()` says the rest is wanted at once. */
export async function preloadCore(stop: () => boolean): Promise<void> {
	for (const part of CORE_PARTS) {
		if (stop()) return;
		await part();
		await yieldToPage();
	}
}
