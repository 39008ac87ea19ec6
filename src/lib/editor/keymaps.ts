import { Prec, type Extension } from '@codemirror/state';
import { keymap, type EditorView } from '@codemirror/view';
import { openSearchPanel } from '@codemirror/search';

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
function openReplace(view: EditorView): boolean {
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
