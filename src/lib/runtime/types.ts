/**
 * The sandbox contract. Everything above the runtime (workspace, tools, UI) talks only to
 * these types, so a project can move between runtimes without noticing.
 *
 * Paths are project-relative POSIX paths without a leading slash: `src/main.ts`. The project
 * root is `''` (`.` and `/` are accepted and mean the same). Each implementation maps them onto
 * its own root (a directory, just-bash's `/project`, WebContainer's workdir).
 */

import type { BackgroundProcesses } from './process-types';

export * from './process-types';

export type RuntimeKind = 'webcontainer' | 'browser' | 'node';

export interface RuntimeCapabilities {
	readonly kind: RuntimeKind;
	/** What a person sees in the Runtime status: "WebContainer", "Offline runtime", "Node.js". */
	readonly label: string;
	/** Real Node.js (`node`, `npm`, `npx`) is available to commands. */
	readonly node: boolean;
	readonly npm: boolean;
	/** `stat` is implemented (WebContainer's fs has none). */
	readonly stat: boolean;
	/**
	 * How a preview is produced: `server` — dev servers announce URLs through onPreview;
	 * `static` — the app serves the workspace's files itself; `none` — no preview.
	 */
	readonly preview: 'server' | 'static' | 'none';
	/** A short sentence for the model and the person about what commands can and cannot do. */
	readonly summary: string;
}

/**
 * EACCES: refused because the path leads outside the project (a symbolic link) — only runtimes
 * over a real folder can meet one; ELOOP: a symbolic link loop.
 */
export type FsErrorCode =
	'ENOENT' | 'EEXIST' | 'ENOTDIR' | 'EISDIR' | 'ENOTEMPTY' | 'EINVAL' | 'EACCES' | 'ELOOP';

/** The one error type every runtime's filesystem throws, so callers can branch on `code`. */
export class RuntimeFsError extends Error {
	override readonly name = 'RuntimeFsError';
	constructor(
		readonly code: FsErrorCode,
		readonly path: string,
		message?: string
	) {
		super(message ?? `${code}: ${describeFsError(code)} '${path}'`);
	}
}

function describeFsError(code: FsErrorCode): string {
	switch (code) {
		case 'ENOENT':
			return 'no such file or directory';
		case 'EEXIST':
			return 'already exists';
		case 'ENOTDIR':
			return 'not a directory';
		case 'EISDIR':
			return 'is a directory';
		case 'ENOTEMPTY':
			return 'directory not empty';
		case 'EINVAL':
			return 'invalid path';
		case 'EACCES':
			return 'outside the project';
		case 'ELOOP':
			return 'symbolic link loop';
	}
}

export function isFsError(error: unknown, code?: FsErrorCode): error is RuntimeFsError {
	return error instanceof RuntimeFsError && (code === undefined || error.code === code);
}

/**
 * Set for a symbolic link (by runtimes over a real folder): `target` is the project path it
 * really leads to, absent when it leads outside the project, to nothing, or round in a loop.
 * Walks use it to follow links inside the project without going round a loop for ever.
 */
export interface LinkInfo {
	readonly target?: string;
}

export interface DirEntry {
	readonly name: string;
	/** What the entry is, a link listed as what it leads to (a dangling one as a file). */
	readonly type: 'file' | 'directory';
	readonly link?: LinkInfo;
}

export interface FileStat {
	readonly type: 'file' | 'directory';
	readonly size: number;
	readonly mtimeMs: number;
	/** Set when the path itself is a symbolic link (inside the project: stat refuses others). */
	readonly link?: LinkInfo;
}

/**
 * A change seen by watch. `change` covers both creation and modification of a file;
 * `remove` covers files and directories (and everything under a removed directory).
 */
export type FsEvent =
	| { readonly type: 'change'; readonly path: string }
	| { readonly type: 'mkdir'; readonly path: string }
	| { readonly type: 'remove'; readonly path: string };

export type FsEventListener = (events: readonly FsEvent[]) => void;

export interface RuntimeFs {
	readFile(path: string): Promise<Uint8Array>;
	readTextFile(path: string): Promise<string>;
	/** Creates or replaces a file; the parent directory must exist. */
	writeFile(path: string, data: string | Uint8Array): Promise<void>;
	mkdir(path: string, options?: { recursive?: boolean }): Promise<void>;
	rm(path: string, options?: { recursive?: boolean; force?: boolean }): Promise<void>;
	rename(from: string, to: string): Promise<void>;
	readdir(path: string): Promise<DirEntry[]>;
	/** Present only where `capabilities.stat` is true. */
	stat?(path: string): Promise<FileStat>;
	/**
	 * Reports every change under the project root, whoever made it (including this object's own
	 * writes: the workspace filters out the ones it caused). Returns an unsubscribe function.
	 */
	watch(listener: FsEventListener): () => void;
}

export interface ExecOptions {
	/** Project-relative working directory; default the root. */
	cwd?: string;
	env?: Record<string, string>;
	/** Kill the command after this long; the result then has `timedOut: true`. */
	timeoutMs?: number;
	signal?: AbortSignal;
	/** Output as it arrives (stdout and stderr interleaved, as a terminal would show). */
	onOutput?: (chunk: string) => void;
}

export interface ExecResult {
	/** 124 after a timeout, 130 after an abort, as shells report them. */
	readonly exitCode: number;
	/** stdout and stderr interleaved in arrival order. */
	readonly output: string;
	/**
	 * Bytes cut from the middle of a long output (only its start and end are kept, with a line
	 * saying how much is missing); 0 or absent when nothing was cut.
	 */
	readonly omittedBytes?: number;
	readonly timedOut: boolean;
	readonly aborted: boolean;
}

/**
 * An interactive shell as the terminal sees it: bytes in, bytes out, a size. The browser
 * runtime implements it with its own line editor; WebContainer with `jsh`; xterm stays outside.
 */
export interface ShellSession {
	write(data: string): void;
	resize(cols: number, rows: number): void;
	onData(listener: (data: string) => void): () => void;
	readonly exit: Promise<number>;
	kill(): void;
	/**
	 * Told when a command typed at the prompt ends. Only shells that run one command at a time
	 * themselves can tell (LineShell); jsh in WebContainer cannot, so it is optional.
	 */
	onCommandEnd?(listener: (end: CommandEnd) => void): () => void;
}

/** A command the person ran in the terminal, once it ended. */
export interface CommandEnd {
	readonly command: string;
	readonly exitCode: number;
	/** The end of what it printed (raw terminal text, at most COMMAND_TAIL_CHARS). */
	readonly output: string;
}

/** How much of a command's output CommandEnd keeps: enough for an error and its context. */
export const COMMAND_TAIL_CHARS = 8192;

export interface ShellOptions {
	cols: number;
	rows: number;
	cwd?: string;
	env?: Record<string, string>;
}

export type PreviewEvent =
	| { readonly type: 'ready'; readonly port: number; readonly url: string }
	| { readonly type: 'closed'; readonly port: number };

/**
 * A search by a native engine (ripgrep) with the workspace's rules: .gitignore without needing a
 * git repository, .ignore/.rgignore, hidden names, node_modules and .git skipped, binary files
 * skipped, symbolic links not followed, no global or user configuration.
 */
export interface NativeGrepRequest {
	/** A regular expression in ripgrep's (Rust) syntax. */
	readonly pattern: string;
	readonly ignoreCase: boolean;
	/** The project-relative folder searched ('' for the whole project). */
	readonly path: string;
	/** ripgrep --glob patterns, project-relative when they contain '/'. */
	readonly globs: readonly string[];
	readonly mode: 'files' | 'count' | 'content';
	/** Lines of context (content mode). */
	readonly context: number;
	readonly signal?: AbortSignal;
}

export interface NativeGrepFile {
	readonly path: string;
	/** Matching lines: counted (count mode), or the 1-based numbers found (content mode). */
	readonly count: number;
	/** Content mode: 1-based line number → text (without \n), matches and context alike. */
	readonly lines?: ReadonlyMap<number, string>;
	/** Content mode: the 1-based numbers of the matching lines, ascending. */
	readonly matched?: readonly number[];
}

export type NativeGrepResult =
	| { readonly ok: true; readonly files: NativeGrepFile[] }
	/** The engine is missing or refused the request (say, a pattern its dialect rejects). */
	| { readonly ok: false; readonly reason: string };

export interface NativeSearch {
	/** Which engine answers, for people and benchmarks ("ripgrep 13.0.0"). */
	readonly label: string;
	grep(request: NativeGrepRequest): Promise<NativeGrepResult>;
}

export interface Runtime {
	readonly capabilities: RuntimeCapabilities;
	readonly fs: RuntimeFs;
	/** A native search engine, where this runtime has one (the node runtime, with ripgrep). */
	readonly search?: NativeSearch;
	exec(command: string, options?: ExecOptions): Promise<ExecResult>;
	openShell(options: ShellOptions): Promise<ShellSession>;
	onPreview(listener: (event: PreviewEvent) => void): () => void;
	/**
	 * Background processes (dev servers, watchers). Every runtime has them; one that cannot run
	 * any refuses to start them with a message that says why. Optional for doubles in tests.
	 */
	readonly processes?: BackgroundProcesses;
	/** Stops every process it started (background ones included): nothing is left running. */
	dispose(): Promise<void>;
}

export const EXIT_TIMEOUT = 124;
export const EXIT_ABORTED = 130;
