/**
 * The tree's actions menu: where it opens (at the pointer, or below a row for Shift+F10 and
 * the Menu key), which actions it offers, and where focus returns when it closes.
 */
import type { MenuItem } from './ContextMenu.svelte';

export interface TreeMenuActions {
	isDirectory(path: string): boolean;
	open(path: string): void;
	create(kind: 'file' | 'directory', path: string | null): void;
	rename(path: string): void;
	askDelete(path: string): void;
}

/** The actions of a row (or of the tree's background, `path` null). */
export function treeMenuItems(path: string | null, actions: TreeMenuActions): MenuItem[] {
	const items: MenuItem[] = [];
	if (path !== null && !actions.isDirectory(path))
		items.push({ label: 'Open', run: () => actions.open(path) });
	items.push(
		{ label: 'New file', run: () => actions.create('file', path) },
		{ label: 'New folder', run: () => actions.create('directory', path) }
	);
	if (path !== null) {
		items.push(
			{ label: 'Rename', run: () => actions.rename(path) },
			{ label: 'Delete', run: () => actions.askDelete(path) }
		);
	}
	return items;
}

export interface TreeMenuHost {
	select(path: string): void;
	focusRow(path: string | null): Promise<void>;
	rowElement(path: string): HTMLElement | null;
}

export class TreeMenu {
	/** The open menu: for which row (null: the background) and where. */
	shown = $state<{ path: string | null; x: number; y: number } | null>(null);
	readonly #host: TreeMenuHost;

	constructor(host: TreeMenuHost) {
		this.#host = host;
	}

	onRowContextMenu(event: MouseEvent, path: string) {
		event.preventDefault();
		event.stopPropagation();
		this.#host.select(path);
		this.shown = { path, x: event.clientX, y: event.clientY };
	}

	onBackgroundContextMenu = (event: MouseEvent) => {
		event.preventDefault();
		this.shown = { path: null, x: event.clientX, y: event.clientY };
	};

	openBelow(path: string) {
		const rect = this.#host.rowElement(path)?.getBoundingClientRect();
		this.shown = { path, x: rect ? rect.left + 16 : 0, y: rect ? rect.bottom : 0 };
	}

	close = (restoreFocus: boolean) => {
		const path = this.shown?.path ?? null;
		this.shown = null;
		if (restoreFocus) void this.#host.focusRow(path);
	};
}
