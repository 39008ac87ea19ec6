/** What the command palette asks of the file tree; the mounted file column provides it. */
export interface TreeCommands {
	/** Starts naming a new file in the selected folder. */
	newFile(): void;
	/** The row selected in the tree (a file or a folder), or null. */
	selected(): string | null;
	/** Starts renaming `path` in place, as F2 on its row does. */
	rename(path: string): void;
	/** Asks before deleting `path`, as Delete on its row does. */
	askDelete(path: string): void;
}

/**
 * What the file column shows: the tree ("Files") or the Search panel, as VS Code's side bar
 * switches. The Search panel's chunk loads the first time it is shown and it stays mounted.
 */
export class SideView {
	view = $state<'files' | 'search'>('files');
	/** The Search panel has been shown on this page (so it is mounted, keeping its search). */
	searchUsed = $state(false);
	/** Bumped to put the caret in the search field. */
	searchFocus = $state(0);

	/** The file tree's commands; set by the mounted file column (absent while none is). */
	tree = $state.raw<TreeCommands | undefined>(undefined);

	showSearch(): void {
		this.view = 'search';
		this.searchUsed = true;
		this.searchFocus++;
	}
}
