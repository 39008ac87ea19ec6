import type { EditorState, Text } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';

/** What the session keeps per open file besides the reactive tab. Not reactive on purpose:
 * EditorStates are immutable values that must not be wrapped in Svelte proxies. */
export interface FileRecord {
	/** The file's state; stale while the view shows this file (the view holds the live one). */
	state: EditorState | null;
	/** The document as last loaded or saved: `dirty` means "differs from this". */
	saved: Text | null;
	/** Text being written by save() right now, so its own change event is recognised. */
	saving: string | null;
	/** Bumped on every read; a read that finds a newer number was overtaken and is dropped. */
	reads: number;
	scroll: ReturnType<EditorView['scrollSnapshot']> | null;
}

export function emptyRecord(): FileRecord {
	return { state: null, saved: null, saving: null, reads: 0, scroll: null };
}
