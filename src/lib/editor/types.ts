import type { FilePosition } from './reveal';
import type { ColorScheme } from './theme';

export type OpenFileStatus = 'loading' | 'text' | 'binary' | 'error';

/** One editor tab, as the UI renders it. */
export interface OpenFile {
	readonly path: string;
	/** loading: being read · text: editable (or read-only) · binary: a notice · error: see `error`. */
	status: OpenFileStatus;
	/** Size in bytes, when known. */
	size: number | null;
	/** The document differs from the text last loaded or saved. */
	dirty: boolean;
	saving: boolean;
	/**
	 * Opened read-only: larger than the huge-file limit, or not valid UTF-8 throughout (saving the
	 * decoded text would replace the bytes that are not). `readOnlyReason` says which.
	 */
	readOnly: boolean;
	readOnlyReason?: 'huge' | 'not-utf8';
	/** The file changed on disk while the tab had unsaved changes: the person chooses. */
	changedOnDisk: boolean;
	/** The file was removed while the tab had unsaved changes: saving recreates it. */
	deleted: boolean;
	/** What went wrong opening, reloading or saving, and what to do next. */
	error: string | null;
	/** Unsaved text was brought back from a stored draft: a short notice until dismissed or saved. */
	restoredDraft: 'clean' | 'changed-on-disk' | null;
}

/** Where the session reports unsaved text as it changes (see DraftWriter). */
export interface DraftSink {
	/** `text` is the unsaved document, or null when the file has nothing unsaved any more. */
	update(path: string, text: string | null, baseHash: string | null): void;
}

/** A draft to bring back into a tab (what storage kept). */
export interface RestorableDraft {
	readonly path: string;
	readonly text: string;
	/** textHash of the file's text when the draft began; null when the file did not exist. */
	readonly baseHash: string | null;
}

/** Saving would replace a file that changed on disk since the editor last loaded or saved it. */
export interface SaveConflict {
	readonly path: string;
	/** The file as it is now. */
	readonly disk: string;
	/** What saving would write. */
	readonly mine: string;
}

export type SaveConflictAnswer = 'overwrite' | 'cancel';

export interface EditorSessionOptions {
	/** Defaults to the system setting (dark where unknown). */
	colorScheme?: ColorScheme;
	/** Asked before a tab with unsaved changes is closed; the default refuses to discard. */
	confirmDiscard?: (path: string) => boolean | Promise<boolean>;
	/** Files larger than this open read-only without highlighting (default 5 MB). */
	hugeFileBytes?: number;
	/** Told about unsaved text as it changes, so it can be kept as a draft. */
	drafts?: DraftSink;
	/** Asked before a save replaces a file that changed on disk; the default cancels. */
	confirmOverwrite?: (conflict: SaveConflict) => SaveConflictAnswer | Promise<SaveConflictAnswer>;
}

/** `at`: a line to put the cursor on and scroll to (a source link from the Console). */
export type OpenOptions = { focus?: boolean; at?: FilePosition };
