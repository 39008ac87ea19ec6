import type { WorkspaceNode } from '$lib/workspace';

/** One visible line of the tree: a file, or a folder that may be expanded. */
export interface TreeRow {
	readonly path: string;
	readonly name: string;
	readonly type: 'file' | 'directory';
	readonly ignored: boolean;
	/** 1 for the project's top level, as aria-level counts. */
	readonly level: number;
	/** For folders: whether their children are shown. Always false for files. */
	readonly expanded: boolean;
	/** The folder it sits in ('' for the top level). */
	readonly parent: string;
	/** Position among its siblings, 1-based, and their number: for aria-posinset/aria-setsize. */
	readonly posInSet: number;
	readonly setSize: number;
}

/** How a file was chosen in the tree: the page decides from it whether the editor takes focus. */
export type OpenSource = 'click' | 'keyboard' | 'menu' | 'create';

export type ListDir = (path: string) => readonly WorkspaceNode[];

/**
 * The rows a person sees: the children of `root`, and recursively the children of every expanded
 * folder, in the order listDir gives (folders first, by name).
 */
export function flattenTree(listDir: ListDir, expanded: ReadonlySet<string>, root = ''): TreeRow[] {
	const rows: TreeRow[] = [];
	const visit = (folder: string, level: number) => {
		const children = listDir(folder);
		children.forEach((node, index) => {
			const open = node.type === 'directory' && expanded.has(node.path);
			rows.push({
				path: node.path,
				name: node.name,
				type: node.type,
				ignored: node.ignored,
				level,
				expanded: open,
				parent: folder,
				posInSet: index + 1,
				setSize: children.length
			});
			if (open) visit(node.path, level + 1);
		});
	};
	visit(root, 1);
	return rows;
}

/** Every folder above `path` (not `path` itself), outermost first: what to expand to reveal it. */
export function ancestorsOf(path: string): string[] {
	const parts = path.split('/').filter(Boolean);
	return parts.slice(0, -1).map((_, index) => parts.slice(0, index + 1).join('/'));
}

/**
 * The paths after `from` was renamed to `to`: the path itself and anything below it move along,
 * so expanded folders and the selection survive a rename.
 */
export function movePath(path: string, from: string, to: string): string {
	if (path === from) return to;
	if (path.startsWith(from + '/')) return to + path.slice(from.length);
	return path;
}

/**
 * The folder a drop on `target` lands in: a folder row itself, a file row's folder, or the top
 * ('' ) for anything else in the tree.
 */
export function dropFolderAt(
	target: EventTarget | null,
	isDirectory: (path: string) => boolean
): string {
	const row = (target as Element | null)?.closest?.('[data-path]');
	const path = row?.getAttribute('data-path') ?? '';
	if (!path || isDirectory(path)) return path;
	return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}
