/**
 * Moving files and folders by dragging rows onto a folder (or the tree's empty space, for the top
 * folder). Rows carry their own data type, so the import drop zone around the tree, which reacts
 * only to files from the operating system, never takes a row for an import, and this never takes
 * an import for a move.
 */
import type { SvelteSet } from 'svelte/reactivity';
import { clauseOf } from '$lib/errors';
import type { WorkspaceApi } from '$lib/workspace';
import { checkMoveInto, type MoveCheck } from './move-target';
import { moveInTree } from './tree-move';
import { dropFolderAt } from './tree-model';

/** The drag data type of a tree row: its project path. */
export const TREE_ROW_TYPE = 'application/x-kiln-tree-path';

export interface TreeDragHost {
	workspace(): WorkspaceApi;
	expanded: SvelteSet<string>;
	focusRow(path: string): Promise<void>;
}

export class TreeDrag {
	/** While a row is dragged over a place it may go: that folder ('' for the top). */
	over = $state<string | null>(null);
	/** Why the last drop did not move anything, until dismissed or the next drag. */
	error = $state<string | null>(null);
	/** The row being dragged (drag data cannot be read before the drop). */
	#from: string | null = null;
	readonly #host: TreeDragHost;

	constructor(host: TreeDragHost) {
		this.#host = host;
	}

	start = (event: DragEvent, path: string) => {
		if (!event.dataTransfer) return;
		event.dataTransfer.setData(TREE_ROW_TYPE, path);
		event.dataTransfer.setData('text/plain', path);
		event.dataTransfer.effectAllowed = 'move';
		this.#from = path;
		this.error = null;
	};

	end = () => {
		this.#from = null;
		this.over = null;
	};

	dragOver = (event: DragEvent) => {
		if (!this.#isRowDrag(event)) return;
		const folder = this.#folderAt(event);
		const check = this.#check(folder);
		// Refusing the dragover is what shows the "no drop" cursor; the drop then explains why.
		if (check && check.ok && check.path === this.#from) {
			this.over = null;
			return;
		}
		event.preventDefault();
		if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
		this.over = folder;
	};

	dragLeave = (event: DragEvent) => {
		const tree = event.currentTarget as Element;
		if (!tree.contains(event.relatedTarget as Node | null)) this.over = null;
	};

	drop = async (event: DragEvent) => {
		if (!this.#isRowDrag(event)) return;
		event.preventDefault();
		const from = this.#from;
		const folder = this.#folderAt(event);
		this.end();
		const check = from === null ? null : this.#check(folder, from);
		if (!from || !check) return;
		if (!check.ok) {
			this.error = check.error;
			return;
		}
		if (check.path === from) return;
		try {
			await moveInTree(this.#host.workspace(), this.#host.expanded, from, check.path);
			await this.#host.focusRow(check.path);
		} catch (cause) {
			this.error = `Could not move ${from}: ${clauseOf(cause)}. Nothing was moved; try again.`;
		}
	};

	dismiss = () => {
		this.error = null;
	};

	#isRowDrag(event: DragEvent): boolean {
		return this.#from !== null && (event.dataTransfer?.types.includes(TREE_ROW_TYPE) ?? false);
	}

	#folderAt(event: DragEvent): string {
		const workspace = this.#host.workspace();
		return dropFolderAt(event.target, (path) => workspace.isDirectory(path));
	}

	#check(folder: string, from = this.#from): MoveCheck | null {
		if (from === null) return null;
		const workspace = this.#host.workspace();
		return checkMoveInto(folder, {
			from,
			exists: (path) => workspace.exists(path),
			isDirectory: (path) => workspace.isDirectory(path)
		});
	}
}
