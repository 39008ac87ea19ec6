/**
 * Which of the IDE's dialogs is open. A dialog's chunk loads the first time it opens (see
 * lazy-parts.ts) and it stays mounted after that, so closing it runs its own closing code.
 */
export class IdeDialogState {
	settings = $state(false);
	/** Why Settings opened (the chat needs a model, say), shown at its top. */
	settingsReason = $state<string | undefined>(undefined);
	share = $state(false);
	quickOpen = $state(false);
	/** The candidates quick open offers, fixed when it opens. */
	quickOpenPaths = $state.raw<string[]>([]);

	palette = $state(false);

	/** Dialogs opened at least once on this page. */
	used = $state({ settings: false, share: false, quickOpen: false, palette: false });

	openSettings(reason?: string): void {
		this.settingsReason = reason;
		this.settings = this.used.settings = true;
	}

	openShare(): void {
		this.share = this.used.share = true;
	}

	openPalette(): void {
		this.palette = this.used.palette = true;
	}

	openQuickOpen(paths: string[]): void {
		this.quickOpenPaths = paths;
		this.quickOpen = this.used.quickOpen = true;
	}
}
