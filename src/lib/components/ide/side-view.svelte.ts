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

	/** Starts a new file in the tree; set by the mounted file column (absent while none is). */
	newFile: (() => void) | undefined;

	showSearch(): void {
		this.view = 'search';
		this.searchUsed = true;
		this.searchFocus++;
	}
}
