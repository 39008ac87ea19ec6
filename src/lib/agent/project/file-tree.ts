import { extensionOf } from './outline/extension';
import { runAtOnce, type Steps } from './time-slices';
import { compare, plural } from './wording';
import type { CountTokens } from './types';

/** A folder shows at most this many of its own files; the rest become one "more" line. */
export const MAX_FILES_PER_FOLDER = 15;
/** How many files a crowded folder still names. */
const MAX_STANDOUT_FILES = 5;

interface Folder {
	readonly path: string;
	readonly name: string;
	readonly depth: number;
	readonly folders: Folder[];
	readonly files: string[];
	/** Files in it and below it. */
	total: number;
}

export interface FileTreeInput {
	/** Paths of the files to show (ignored files already left out). */
	readonly paths: readonly string[];
	/** Higher first: which files a crowded folder still shows. */
	readonly score: (path: string) => number;
	readonly maxTokens: number;
	readonly countTokens: CountTokens;
}

/**
 * An indented tree of the project that fits `maxTokens`. Folders open breadth-first (shallow
 * before deep, then those with the most relevant files) while their listing fits; the others
 * stay closed with a file count. A crowded folder shows only its few files that stand out and
 * counts the rest by extension.
 */
export function renderFileTree(input: FileTreeInput): string[] {
	return runAtOnce(fileTreeSteps(input));
}

/** renderFileTree, one step per folder weighed (time-slices.ts). */
export function* fileTreeSteps(input: FileTreeInput): Steps<string[]> {
	const root = buildFolders(input.paths);
	yield;
	const open = new Set<Folder>([root]);
	let used = countLines(listing(root, open, input.score), input.countTokens);
	// Folders holding the most relevant files open first among those of the same depth.
	const best = new Map<Folder, number>();
	const bestOf = (folder: Folder): number => {
		let value = best.get(folder);
		if (value === undefined) {
			value = Math.max(-Infinity, ...folder.files.map(input.score), ...folder.folders.map(bestOf));
			best.set(folder, value);
		}
		return value;
	};
	const order = (a: Folder, b: Folder) =>
		a.depth - b.depth || bestOf(b) - bestOf(a) || compare(a.path, b.path);
	yield;
	const queue = [...root.folders].sort(order);
	while (queue.length > 0) {
		const folder = queue.shift()!;
		yield;
		const cost = countLines(listing(folder, new Set([folder]), input.score), input.countTokens);
		if (used + cost > input.maxTokens) continue;
		used += cost;
		open.add(folder);
		queue.push(...folder.folders);
		queue.sort(order);
	}
	return render(root, open, input.score);
}

/** The lines a folder adds when it is opened: its folders (closed) and its files. */
function listing(folder: Folder, open: ReadonlySet<Folder>, score: (path: string) => number) {
	const indent = '  '.repeat(folder.depth + 1);
	const lines = folder.folders.map((child) => indent + folderLine(child, open.has(child)));
	lines.push(...fileLines(folder, indent, score));
	return lines;
}

function render(
	folder: Folder,
	open: ReadonlySet<Folder>,
	score: (path: string) => number
): string[] {
	const indent = '  '.repeat(folder.depth + 1);
	const lines: string[] = [];
	for (const child of folder.folders) {
		lines.push(indent + folderLine(child, open.has(child)));
		if (open.has(child)) lines.push(...render(child, open, score));
	}
	lines.push(...fileLines(folder, indent, score));
	return lines;
}

function folderLine(folder: Folder, isOpen: boolean): string {
	return isOpen ? `${folder.name}/` : `${folder.name}/ (${plural(folder.total, 'file')})`;
}

function fileLines(folder: Folder, indent: string, score: (path: string) => number): string[] {
	if (folder.files.length <= MAX_FILES_PER_FOLDER) {
		return folder.files.map((path) => indent + nameOf(path));
	}
	// 300 widgets named alike say nothing one by one: show those that score above the crowd.
	const scores = folder.files.map(score).sort((a, b) => a - b);
	const median = scores[Math.floor(scores.length / 2)] ?? 0;
	const shown = new Set(
		[...folder.files]
			.filter((path) => score(path) > median)
			.sort((a, b) => score(b) - score(a) || compare(a, b))
			.slice(0, MAX_STANDOUT_FILES)
	);
	const lines = folder.files.filter((path) => shown.has(path)).map((path) => indent + nameOf(path));
	const rest = folder.files.filter((path) => !shown.has(path));
	const more = shown.size > 0 ? plural(rest.length, 'more file') : plural(rest.length, 'file');
	lines.push(`${indent}… ${more} (${countExtensions(rest)})`);
	return lines;
}

/** `12 .png, 3 .ts, 1 other`: the most common first. */
function countExtensions(paths: readonly string[]): string {
	const counts = new Map<string, number>();
	for (const path of paths) {
		const extension = extensionOf(path);
		const key = extension ? '.' + extension : 'other';
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return [...counts]
		.sort(([a, x], [b, y]) => y - x || compare(a, b))
		.slice(0, 4)
		.map(([extension, count]) => `${count} ${extension}`)
		.join(', ');
}

function buildFolders(paths: readonly string[]): Folder {
	const root: Folder = { path: '', name: '', depth: -1, folders: [], files: [], total: 0 };
	const byPath = new Map<string, Folder>([['', root]]);
	for (const path of [...paths].sort(compare)) {
		const parts = path.split('/');
		let folder = root;
		folder.total++;
		for (let i = 0; i < parts.length - 1; i++) {
			const folderPath = parts.slice(0, i + 1).join('/');
			let child = byPath.get(folderPath);
			if (!child) {
				child = { path: folderPath, name: parts[i]!, depth: i, folders: [], files: [], total: 0 };
				byPath.set(folderPath, child);
				folder.folders.push(child);
			}
			child.total++;
			folder = child;
		}
		folder.files.push(path);
	}
	for (const folder of byPath.values()) folder.folders.sort((a, b) => compare(a.name, b.name));
	return root;
}

function countLines(lines: readonly string[], countTokens: CountTokens): number {
	return lines.length === 0 ? 0 : countTokens(lines.join('\n') + '\n');
}

function nameOf(path: string): string {
	return path.slice(path.lastIndexOf('/') + 1);
}

export { plural };
