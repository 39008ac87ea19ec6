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
}

export interface EditorSessionOptions {
	/** Defaults to the system setting (dark where unknown). */
	colorScheme?: ColorScheme;
	/** Asked before a tab with unsaved changes is closed; the default refuses to discard. */
	confirmDiscard?: (path: string) => boolean | Promise<boolean>;
	/** Files larger than this open read-only without highlighting (default 5 MB). */
	hugeFileBytes?: number;
}
