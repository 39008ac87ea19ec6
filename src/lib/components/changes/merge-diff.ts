/**
 * The side-by-side diff, built on @codemirror/merge. Only ever imported dynamically (see
 * ChangeDiffView), so the merge view stays out of the IDE's first paint.
 */
import { MergeView } from '@codemirror/merge';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, lineNumbers } from '@codemirror/view';
import { languageFor, themeFor, type ColorScheme } from '$lib/editor';

export interface MergeDiffInput {
	readonly path: string;
	readonly before: string;
	readonly after: string;
	readonly colorScheme: ColorScheme;
}

function side(
	doc: string,
	label: string,
	shared: Extension
): { doc: string; extensions: Extension } {
	return {
		doc,
		extensions: [
			shared,
			EditorState.readOnly.of(true),
			EditorView.editable.of(false),
			EditorView.contentAttributes.of({ 'aria-label': label, 'aria-readonly': 'true' })
		]
	};
}

/** Mounts a read-only merge view of both sides into `parent`; returns the function that removes it. */
export async function mountMergeDiff(
	parent: HTMLElement,
	input: MergeDiffInput
): Promise<() => void> {
	const language = await languageFor(input.path).catch(() => []);
	const shared = [lineNumbers(), themeFor(input.colorScheme), language, EditorView.lineWrapping];
	const view = new MergeView({
		parent,
		a: side(input.before, `Before: ${input.path}`, shared),
		b: side(input.after, `After: ${input.path}`, shared),
		collapseUnchanged: { margin: 3, minSize: 6 },
		// A long, very different file falls back to a coarser diff rather than freezing the tab.
		diffConfig: { scanLimit: 500, timeout: 300 }
	});
	return () => view.destroy();
}
