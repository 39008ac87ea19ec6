import type { TreeRow } from './tree-model';

/** What a key press on the tree asks for; the component carries it out. */
export type TreeAction =
	| { readonly type: 'focus'; readonly path: string }
	| { readonly type: 'expand'; readonly path: string }
	| { readonly type: 'collapse'; readonly path: string }
	| { readonly type: 'open'; readonly path: string }
	| { readonly type: 'rename'; readonly path: string }
	| { readonly type: 'delete'; readonly path: string }
	| { readonly type: 'menu'; readonly path: string };

export interface TreeKey {
	readonly key: string;
	readonly shiftKey?: boolean;
	readonly ctrlKey?: boolean;
	readonly metaKey?: boolean;
	readonly altKey?: boolean;
}

/**
 * Keyboard behaviour of the WAI-ARIA tree pattern, plus the IDE's own keys: Enter opens (or
 * toggles a folder), F2 renames, Delete deletes, Shift+F10 / ContextMenu opens the actions menu,
 * and typing a letter jumps to the next name that starts with it. Null when the key is not ours.
 */
export function treeKeyAction(
	rows: readonly TreeRow[],
	focused: string | null,
	event: TreeKey
): TreeAction | null {
	const first = rows[0];
	const last = rows[rows.length - 1];
	if (!first || !last) return null;
	const index = rows.findIndex((row) => row.path === focused);
	const row = rows[index];
	if (!row) {
		// Nothing focused yet (or it vanished): any navigation key starts at the top.
		return ['ArrowDown', 'ArrowUp', 'Home', 'End', 'ArrowRight', 'ArrowLeft'].includes(event.key)
			? { type: 'focus', path: event.key === 'End' ? last.path : first.path }
			: null;
	}
	const modified = event.ctrlKey || event.metaKey || event.altKey;
	switch (event.key) {
		case 'ArrowDown':
			return { type: 'focus', path: (rows[index + 1] ?? row).path };
		case 'ArrowUp':
			return { type: 'focus', path: (rows[index - 1] ?? row).path };
		case 'Home':
			return { type: 'focus', path: first.path };
		case 'End':
			return { type: 'focus', path: last.path };
		case 'ArrowRight':
			if (row.type !== 'directory') return null;
			if (!row.expanded) return { type: 'expand', path: row.path };
			// An open folder: step into its first child, if it has one.
			return rows[index + 1]?.parent === row.path
				? { type: 'focus', path: rows[index + 1]!.path }
				: null;
		case 'ArrowLeft':
			if (row.type === 'directory' && row.expanded) return { type: 'collapse', path: row.path };
			return row.parent === '' ? null : { type: 'focus', path: row.parent };
		case 'Enter':
			if (row.type === 'file') return { type: 'open', path: row.path };
			return { type: row.expanded ? 'collapse' : 'expand', path: row.path };
		case 'F2':
			return { type: 'rename', path: row.path };
		case 'Delete':
			return modified ? null : { type: 'delete', path: row.path };
		case 'ContextMenu':
			return { type: 'menu', path: row.path };
		case 'F10':
			return event.shiftKey ? { type: 'menu', path: row.path } : null;
	}
	if (event.key.length === 1 && event.key !== ' ' && !modified) {
		const letter = event.key.toLowerCase();
		for (let step = 1; step <= rows.length; step++) {
			const candidate = rows[(index + step) % rows.length]!;
			if (candidate.name.toLowerCase().startsWith(letter))
				return { type: 'focus', path: candidate.path };
		}
	}
	return null;
}
