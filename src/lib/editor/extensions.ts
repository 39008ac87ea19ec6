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
import { indentKeymap, replaceKeymap, saveKeymap } from './keymaps';

export interface FileExtensionsOptions {
	/** The language support (see languageFor); ignored for huge files. */
	language: Extension;
	/** Huge files are read-only, unhighlighted and carry only light extensions. */
	huge: boolean;
	/** Read-only without being huge (a file that is not valid UTF-8 throughout). */
	readOnly?: boolean;
	/** The accessible name of the text area: the file's path now (a move changes it). */
	label: () => string;
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
		EditorView.updateListener.of(options.onUpdate),
		// A name for screen readers, and a stop for keyboard users in the scroller (axe's
		// scrollable-region-focusable does not count a contenteditable as focusable on its own).
		EditorView.contentAttributes.of(() => ({ 'aria-label': options.label(), tabindex: '0' }))
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
	if (!options.huge) return [basicSetup, replaceKeymap, indentKeymap, options.language, common];
	return [
		lineNumbers(),
		highlightSpecialChars(),
		drawSelection(),
		keymap.of([...defaultKeymap, ...searchKeymap]),
		EditorState.readOnly.of(true),
		EditorView.editable.of(false),
		// Not editable means not focusable by default: the tabindex in `common` keeps it reachable
		// by keyboard for reading and for Ctrl/Cmd+F.
		EditorView.contentAttributes.of({ 'aria-readonly': 'true' }),
		common
	];
}
