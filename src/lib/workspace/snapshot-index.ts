import { dirname, normalizePath, runAtOnce, timeSlices, type Steps } from '../runtime';
import type { Step } from './change-feed';
import { encodeText, hashBytes } from './content';
import type { FileEntryNode } from './file-index';
import { GITIGNORE, isInsideOpaque, isOpaqueName } from './gitignore';
import type { IndexRecorder } from './index-recorder';
import type { WorkspaceSeed } from './types';

/**
 * Builds the index from the files a runtime was seeded with, without reading them back from it:
 * the same index the walk of that runtime would build (folders, ignored flags, node_modules and
 * .git listed but not descended), at the cost of a loop over the paths. Text stays as it came;
 * its UTF-8 size and hash are worked out the first time something asks (see textFileNode).
 */
export function indexSeed(recorder: IndexRecorder, seed: WorkspaceSeed, step: Step): void {
	runAtOnce(indexSeedSteps(recorder, seed, step));
}

/**
 * indexSeed in slices of the page's time, for a page that is opening (2,000 files were one task
 * of 60–100 ms on a 4× slower CPU). Long slices: each pause lets the page's other work in and
 * the files wait behind it; ~25 ms is one or two slices for 2,000 files here. False when
 * `stopped` said so between two slices (the index is then partial).
 */
export async function indexSeedInSlices(
	recorder: IndexRecorder,
	seed: WorkspaceSeed,
	step: Step,
	stopped: () => boolean
): Promise<boolean> {
	const pause = timeSlices(25);
	const steps = indexSeedSteps(recorder, seed, step);
	while (!steps.next().done) {
		if (stopped()) return false;
		await pause();
	}
	return true;
}

/** Files indexed between two offers to pause in indexSeedSteps. */
const SEED_FILES_PER_STEP = 50;

/** indexSeed, offering to pause (a `yield`) every SEED_FILES_PER_STEP files. */
function* indexSeedSteps(recorder: IndexRecorder, seed: WorkspaceSeed, step: Step): Steps<void> {
	const files = new Map<string, { data: string | Uint8Array; mtimeMs: number; hash?: number }>();
	const now = Date.now();
	let done = 0;
	for (const [path, data] of Object.entries(seed.files)) {
		const normal = normalizePath(path);
		const mtimeMs = seed.mtimes?.[path] ?? now;
		if (normal !== '') files.set(normal, { data, mtimeMs, hash: seed.hashes?.[path] });
		if (++done % SEED_FILES_PER_STEP === 0) yield;
	}
	const paths = [...files.keys()];
	// .gitignore files first, shallowest first, so every other path gets its ignored flag once.
	const depth = (path: string) => path.split('/').length;
	const rules = paths.filter((path) => path === GITIGNORE || path.endsWith('/' + GITIGNORE));
	rules.sort((a, b) => depth(a) - depth(b));
	const isRule = new Set(rules);
	const restoreFile = (path: string) => {
		const outer = opaqueRoot(path);
		if (outer !== undefined) return recordFolder(recorder, outer, step);
		recorder.indexAncestors(path, step);
		const { data, mtimeMs, hash } = files.get(path)!;
		recorder.restoreFile(path, data, mtimeMs, step, hash);
	};
	for (const path of rules) restoreFile(path);
	for (const dir of seed.dirs ?? []) {
		const normal = normalizePath(dir);
		if (normal !== '') recordFolder(recorder, opaqueRoot(normal) ?? normal, step);
	}
	for (const path of paths) {
		if (!isRule.has(path)) restoreFile(path);
		if (++done % SEED_FILES_PER_STEP === 0) yield;
	}
}

/**
 * The seed with every byte file's hash worked out, in short slices: hashing a project's images
 * was ~15–20 ms of the one task that builds the index and shows the tree (megabytes of bytes).
 * Text needs none: its hash is worked out on first use (textFileNode).
 */
export async function hashSeedBytes(seed: WorkspaceSeed): Promise<WorkspaceSeed> {
	const pause = timeSlices();
	const hashes: Record<string, number> = { ...seed.hashes };
	for (const [path, data] of Object.entries(seed.files)) {
		if (typeof data === 'string' || hashes[path] !== undefined) continue;
		await pause();
		hashes[path] = hashBytes(data);
	}
	// Field by field: a spread would run any getter the caller's object has (a snapshot's size).
	return { files: seed.files, dirs: seed.dirs, mtimes: seed.mtimes, hashes };
}

function recordFolder(recorder: IndexRecorder, path: string, step: Step): void {
	recorder.indexAncestors(path, step);
	recorder.recordDir(path, step);
}

/** `a/node_modules` for `a/node_modules/b/c`: the walk lists that folder and stops there. */
function opaqueRoot(path: string): string | undefined {
	if (!isInsideOpaque(path)) return undefined;
	let root = dirname(path);
	while (root !== '' && !isOpaqueName(root)) root = dirname(root);
	return root;
}

/**
 * Whether a stored string can stand for its file as it is: what the walk would call exact text.
 * A NUL makes it binary, and a lone surrogate would be written as U+FFFD: those take the long way.
 */
export function isPlainText(text: string): boolean {
	if (text.includes('\u0000')) return false;
	const wellFormed = (text as { isWellFormed?: () => boolean }).isWellFormed;
	return wellFormed ? wellFormed.call(text) : true;
}

/**
 * Any character but printable ASCII, tab and line breaks: a text without one is as many bytes as
 * characters. (Other control characters are rare in text; they only send it the slower way.)
 */
const NON_ASCII = /[^\t\n\r\u0020-\u007e]/;

/** The UTF-8 size of a text, encoding it only when it is not plain ASCII. */
function utf8Size(text: string): number {
	return NON_ASCII.test(text) ? encodeText(text).byteLength : text.length;
}

/**
 * A text file whose size and hash are computed on first use, each on its own: listing every
 * file (the chat does on opening) needs sizes, and only comparing a re-read needs the hash.
 * Restoring a 30 MB project would otherwise encode and hash every byte before the tree could
 * show a single name.
 */
export function textFileNode(
	path: string,
	text: string,
	mtimeMs: number,
	ignored: boolean
): FileEntryNode {
	let size: number | undefined;
	let hash: number | undefined;
	return {
		type: 'file',
		path,
		ignored,
		mtimeMs,
		binary: false,
		text,
		textIsExact: true,
		get size() {
			size ??= utf8Size(text);
			return size;
		},
		set size(value) {
			size = value;
		},
		get hash() {
			hash ??= hashBytes(encodeText(text));
			return hash;
		},
		set hash(value) {
			hash = value;
		}
	};
}
