/** The vocabulary of an import: what came in, what was left out and why. */
import type { FileData } from '../storage';

export interface ImportLimits {
	/** Files kept; more is refused (a project this big does not belong in a browser tab). */
	readonly maxFiles: number;
	/** Bytes of all kept files together, after decompression. */
	readonly maxTotalBytes: number;
	/** One file's size after decompression. */
	readonly maxFileBytes: number;
	/** Decompressed size over compressed size, per zip entry and for the whole zip. */
	readonly maxRatio: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
	maxFiles: 5000,
	maxTotalBytes: 100 * 1024 * 1024,
	maxFileBytes: 25 * 1024 * 1024,
	maxRatio: 200
};

/** Why an entry was left out, worded for the person. */
export type SkipReason =
	| 'junk'
	| 'node_modules'
	| '.git'
	| 'link'
	| 'unsafe-name'
	| 'conversation'
	| 'exists'
	| 'unsaved'
	| 'too-large';

export interface SkippedItem {
	readonly path: string;
	readonly reason: SkipReason;
}

/** A file or folder as a source lists it, before any rule is applied. */
export type RawEntry =
	| { readonly kind: 'file'; readonly path: string; readonly data: FileData }
	| { readonly kind: 'dir'; readonly path: string };

export interface ImportedFiles {
	/** A name for the new project (the zip's, the folder's or the repository's). */
	readonly name: string;
	readonly files: Record<string, FileData>;
	/** Folders that hold nothing (kept so the tree looks as it did). */
	readonly dirs: string[];
	readonly skipped: SkippedItem[];
	/** `.kiln/session.json` from a Kiln export, when it was present and readable. */
	readonly sessionJson?: string;
	readonly totalBytes: number;
}

export interface ImportProgress {
	/** What is happening, for a status line ("Reading archive.zip", "Downloading 12 of 40"). */
	readonly phase: string;
	readonly done: number;
	readonly total?: number;
}

export type ProgressListener = (progress: ImportProgress) => void;

/** Refused input: the whole import stops and the message says why and what to do. */
export class ImportError extends Error {
	override name = 'ImportError';
}
