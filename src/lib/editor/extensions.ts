import { defaultKeymap } from '@codemirror/commands';
import { search, searchKeymap } from '@codemirror/search';
import { EditorState, type Extension } from '@codemirror/state';
import {
	drawSelection,
	EditorView,
	highlightSpecialChars,
	keymap,
	lineNumbers,
	type ViewUpdate
} from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { replaceKeymap, saveKeymap } from './keymaps';

export interface FileExtensionsOptions {
	/** The language support (see languageFor); ignored for huge files. */
	language: Extension;
	/** Huge files are read-only, unhighlighted and carry only light extensions. */
	huge: boolean;
	/** Read-only without being huge (a file that is not valid UTF-8 throughout). */
	readOnly?: boolean;
	/** The theme, inside a compartment so the colour scheme can change without new states. */
	theme: Extension;
	onSave: () => void;
	onUpdate: (update: ViewUpdate) => void;
}

/** Every extension one open file's EditorState carries. */
export function fileExtensions(options: FileExtensionsOptions): Extension {
	const common = [
		search({ top: true }),
		saveKeymap(options.onSave),
		options.theme,
		EditorView.updateListener.of(options.onUpdate)
	];
	if (!options.huge && options.readOnly) {
		return [
			basicSetup,
			options.language,
			EditorState.readOnly.of(true),
			EditorView.contentAttributes.of({ 'aria-readonly': 'true' }),
			common
		];
	}
	if (!options.huge) return [basicSetup, replaceKeymap, options.language, common];
	return [
		lineNumbers(),
		highlightSpecialChars(),
		drawSelection(),
		keymap.of([...defaultKeymap, ...searchKeymap]),
		EditorState.readOnly.of(true),
		EditorView.editable.of(false),
		// Not editable means not focusable by default: keep it reachable by keyboard for reading
		// and for Ctrl/Cmd+F.
		EditorView.contentAttributes.of({ tabindex: '0', 'aria-readonly': 'true' }),
		common
	];
}
