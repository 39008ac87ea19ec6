/**
 * The workspace as the rest of the app sees it: the file tree, the editor, the preview and
 * (later) the agent's tools read the project through this interface and write through it.
 * Paths are project-relative, as in the runtime layer.
 */

export interface WorkspaceNode {
	readonly path: string;
	readonly name: string;
	readonly type: 'file' | 'directory';
	/** Matched by .gitignore (or node_modules/.git): shown dimmed, skipped by search. */
	readonly ignored: boolean;
}

export interface WorkspaceFile {
	readonly path: string;
	readonly size: number;
	readonly mtimeMs: number;
	/** Contains bytes that are not text: editors show a notice, search skips it. */
	readonly binary: boolean;
	/**
	 * False for text with bytes past its first 8 KB that are not UTF-8: its decoded text has U+FFFD
	 * in their place, so saving that text would damage the file (the editor opens it read-only).
	 */
	readonly textIsExact?: boolean;
	readonly ignored: boolean;
}

/**
 * A symbolic link the workspace does not index: `loop` leads back to a folder above it
 * (`target`), `outside` leads out of the project (or to nothing).
 */
export interface SkippedEntry {
	readonly path: string;
	readonly reason: 'loop' | 'outside';
	readonly target?: string;
}

/** Who caused a change: this workspace's own write, a process in the runtime, or a (re)load. */
export type WorkspaceChangeOrigin = 'workspace' | 'runtime' | 'load';

export interface WorkspaceChange {
	readonly type: 'change' | 'mkdir' | 'remove';
	readonly path: string;
	readonly origin: WorkspaceChangeOrigin;
}

export type WorkspaceListener = (changes: readonly WorkspaceChange[]) => void;

export interface WorkspaceApi {
	readonly projectId: string;
	/** Grows by one on every batch of changes: a cheap key for UI reactivity. */
	readonly revision: number;
	exists(path: string): boolean;
	isDirectory(path: string): boolean;
	getFile(path: string): WorkspaceFile | undefined;
	/** Children of a folder: folders first, then files, each sorted by name. node_modules and .git
	 * appear as (ignored) folders whose contents are never indexed. */
	listDir(path: string): WorkspaceNode[];
	/** Every indexed file, ignored ones included (check `ignored`). */
	allFiles(): WorkspaceFile[];
	readText(path: string): Promise<string>;
	readBytes(path: string): Promise<Uint8Array>;
	/** Creates parent folders as needed. */
	writeFile(path: string, content: string | Uint8Array): Promise<void>;
	mkdir(path: string): Promise<void>;
	/** Removes a file or a folder with everything in it. */
	remove(path: string): Promise<void>;
	rename(from: string, to: string): Promise<void>;
	subscribe(listener: WorkspaceListener): () => void;
	/**
	 * Resolves when every change so far is in storage (writes resolve before that); rejects if a
	 * save failed. Absent where nothing is stored.
	 */
	flush?(): Promise<void>;
}

/**
 * Where the workspace keeps the project between visits (IndexedDB for the app: see
 * `projectPersistence` in storage). Calls arrive in the order the changes happened and must be
 * applied in that order. node_modules and .git content never reaches it.
 */
export interface WorkspacePersistence {
	putFile(path: string, data: string | Uint8Array, mtimeMs: number): Promise<void>;
	/** Records a folder, so an empty one survives a reload. */
	putDir(path: string): Promise<void>;
	/** Forgets a file, or a folder with everything in it. */
	deleteTree(path: string): Promise<void>;
}

/**
 * The files a runtime was seeded with (a stored project snapshot has this shape): the workspace
 * builds its index from them rather than reading the runtime back.
 */
export interface WorkspaceSeed {
	/** path → content: text as strings, everything else as bytes */
	readonly files: Readonly<Record<string, string | Uint8Array>>;
	/** Folders to show even when empty. */
	readonly dirs?: readonly string[];
	/** When each file was last written, by path (now, where missing). */
	readonly mtimes?: Readonly<Record<string, number>>;
	/** hashBytes of the files given as bytes, by path, where already worked out (hashSeedBytes). */
	readonly hashes?: Readonly<Record<string, number>>;
}
