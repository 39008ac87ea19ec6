import { Prec, type Extension } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { openSearchPanel } from '@codemirror/search';
import { indentWithTab } from '@codemirror/commands';

/** Ctrl/Cmd+S saves. It always claims the key, so the browser's "Save page" dialog never opens. */
export function saveKeymap(onSave: () => void): Extension {
	return Prec.highest(
		keymap.of([
			{
				key: 'Mod-s',
				preventDefault: true,
				run: () => {
					onSave();
					return true;
				}
			}
		])
	);
}

/** Opens the search panel with the caret in its replace field (the panel has no command for it). */
export function openReplace(view: EditorView): boolean {
	openSearchPanel(view);
	const field = view.dom.querySelector<HTMLInputElement>('.cm-search input[name=replace]');
	if (!field) return true; // read-only documents have no replace field: the search panel is enough
	field.focus();
	field.select();
	return true;
}

/** Ctrl+H (VS Code on Windows/Linux) and Cmd+Alt+F (VS Code on macOS) open find-and-replace. */
export const replaceKeymap: Extension = keymap.of([
	{ key: 'Mod-h', run: openReplace, preventDefault: true },
	{ key: 'Mod-Alt-f', run: openReplace, preventDefault: true }
]);

/**
 * The id of the editor's keyboard help, which the Editor component renders once per page. The
 * text area points at it (aria-describedby) so a screen reader announces how to leave.
 */
export const EDITOR_KEYS_HELP_ID = 'kiln-editor-keys-help';

/** What the help says: Tab indents, so leaving needs CodeMirror's escape hatch. */
export const EDITOR_KEYS_HELP =
	'Tab indents and Shift+Tab outdents. To move focus out of the editor, press Escape, then Tab.';

/**
 * Tab indents, as in every code editor. Trapping Tab would strand keyboard users, so this relies on
 * CodeMirror's tab focus mode: right after Escape, Tab and Shift+Tab move focus as usual.
 */
export const indentKeymap: Extension = [
	keymap.of([indentWithTab]),
	EditorView.contentAttributes.of({ 'aria-describedby': EDITOR_KEYS_HELP_ID })
];
