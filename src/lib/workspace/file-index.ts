import { basename, dirname } from '../runtime';
import type { WorkspaceFile, WorkspaceNode } from './types';

export interface DirEntryNode {
	readonly type: 'directory';
	readonly path: string;
	ignored: boolean;
	/** node_modules or .git: listed, never descended. */
	readonly opaque: boolean;
	/** Where the folder really is in the project, when reached through a symbolic link. */
	realPath?: string;
}

export interface FileEntryNode {
	readonly type: 'file';
	readonly path: string;
	ignored: boolean;
	size: number;
	mtimeMs: number;
	hash: number;
	binary: boolean;
	text: string | undefined;
	textIsExact: boolean;
}

export type IndexNode = DirEntryNode | FileEntryNode;

/**
 * The in-memory picture of the project: every folder and file with what the UI and search
 * need, plus a child list per folder so listing a folder does not scan the whole project.
 */
export class FileIndex {
	readonly #nodes = new Map<string, IndexNode>();
	readonly #children = new Map<string, Set<string>>();

	constructor() {
		this.#nodes.set('', { type: 'directory', path: '', ignored: false, opaque: false });
		this.#children.set('', new Set());
	}

	get(path: string): IndexNode | undefined {
		return this.#nodes.get(path);
	}

	isDir(path: string): boolean {
		return this.#nodes.get(path)?.type === 'directory';
	}

	/** Adds or replaces a node; its parent must already be indexed. */
	set(node: IndexNode): void {
		const parent = this.#children.get(dirname(node.path));
		if (!parent) throw new Error(`Workspace index: parent of '${node.path}' is not indexed.`);
		const previous = this.#nodes.get(node.path);
		if (previous && previous.type !== node.type) this.delete(node.path);
		this.#nodes.set(node.path, node);
		parent.add(node.path);
		if (node.type === 'directory' && !this.#children.has(node.path)) {
			this.#children.set(node.path, new Set());
		}
	}

	/** Removes a node and everything below it; returns the removed nodes. */
	delete(path: string): IndexNode[] {
		if (path === '') throw new Error('Workspace index: the root cannot be removed.');
		const removed = [...this.subtree(path)];
		for (const node of removed) {
			this.#nodes.delete(node.path);
			this.#children.delete(node.path);
		}
		this.#children.get(dirname(path))?.delete(path);
		return removed;
	}

	childPaths(path: string): string[] {
		return [...(this.#children.get(path) ?? [])];
	}

	/** `path` and everything below it, each folder before its contents. */
	*subtree(path: string): Generator<IndexNode> {
		const node = this.#nodes.get(path);
		if (!node) return;
		yield node;
		for (const child of this.#children.get(path) ?? []) yield* this.subtree(child);
	}

	*files(): Generator<FileEntryNode> {
		for (const node of this.#nodes.values()) if (node.type === 'file') yield node;
	}

	*dirs(): Generator<DirEntryNode> {
		for (const node of this.#nodes.values()) if (node.type === 'directory') yield node;
	}

	list(path: string): WorkspaceNode[] {
		const nodes = this.childPaths(path).map((child) => this.#nodes.get(child)!);
		return nodes
			.sort((a, b) =>
				a.type === b.type
					? compareNames(basename(a.path), basename(b.path))
					: a.type === 'directory'
						? -1
						: 1
			)
			.map((node) => ({
				path: node.path,
				name: basename(node.path),
				type: node.type,
				ignored: node.ignored
			}));
	}
}

/**
 * Made on first use, not on import: the first collator a page makes loads ICU's collation data
 * (12–35 ms on this machine), and at module level that landed in the IDE's first mount, its
 * longest task. A page opening a project has one made first, in a worker (ICU keeps the data for
 * the whole process) or a task before the mount (state/early-open.ts, with these options).
 */
let collator: Intl.Collator | undefined;

function compareNames(a: string, b: string): number {
	collator ??= new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
	return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

export function toWorkspaceFile(node: FileEntryNode): WorkspaceFile {
	return {
		path: node.path,
		// Read when asked: a text's UTF-8 size is worked out on first use (textFileNode), and a
		// listing of every file (the project map, quick open) must not measure 30 MB to make.
		get size() {
			return node.size;
		},
		mtimeMs: node.mtimeMs,
		binary: node.binary,
		textIsExact: node.textIsExact,
		ignored: node.ignored
	};
}
