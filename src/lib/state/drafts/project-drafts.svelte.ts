import type { EditorSession } from '$lib/editor';
import { DraftWriter } from '$lib/editor/drafts';
import { deleteDraft, loadProjectDrafts, putDraft } from '$lib/storage';
import { messageOf } from '$lib/errors';

/** The page's editor session, loaded when first needed; null when the page is gone meanwhile. */
export type EditorSource = () => Promise<EditorSession | null>;

/**
 * Unsaved editor text of one open project, kept in IndexedDB as the person types: written a
 * moment after typing stops, at once when the page is hidden, closed or left, and brought back
 * into tabs when the project opens (or when this tab takes the project over from another one).
 */
export class ProjectDrafts {
	readonly projectId: string;
	readonly writer: DraftWriter;
	/** A short word for the page: drafts that could not be restored or stored. */
	notice = $state<string | null>(null);

	constructor(projectId: string) {
		this.projectId = projectId;
		this.writer = new DraftWriter({
			write: (path, text, baseHash) =>
				putDraft({ projectId, path, text, baseHash, updatedAt: Date.now() }),
			remove: (path) => deleteDraft(projectId, path),
			onError: () => {
				this.notice =
					'Unsaved changes could not be kept in the browser’s storage (it may be full). Save your files before closing this tab.';
			}
		});
	}

	/**
	 * Opens a tab for every stored draft, marked unsaved. `stop` ends early (page left, tab lost).
	 * The editor is asked for only when there is a draft: it is loaded on demand (CodeMirror).
	 */
	async restore(editor: EditorSource, stop: () => boolean = () => false): Promise<void> {
		try {
			// Drafts that cannot be read are set aside by storage, and its notice says so.
			const drafts = await loadProjectDrafts(this.projectId);
			if (drafts.length === 0 || stop()) return;
			const target = await editor();
			for (const draft of drafts) {
				if (stop() || !target) return;
				await target.restoreDraft(draft);
			}
		} catch (error) {
			this.notice = `Unsaved changes from your last visit could not be restored: ${messageOf(error)}. Reload the page to try again.`;
		}
	}

	/**
	 * What moving the project between tabs means for unsaved text. Handing over: stop the agent,
	 * make the editor read-only and store every draft before the other tab takes over. Owning it
	 * again: the other tab's drafts are restored first, then this tab's unsaved text is stored
	 * again (a draft the other tab saved or reverted is gone from storage, but nothing typed here
	 * is lost).
	 */
	ownershipHooks(
		editor: { current: () => EditorSession | null; load: EditorSource },
		options: { stopAgent: () => void; stop: () => boolean }
	): { beforeHandOver: () => Promise<void>; onOwner: () => Promise<void> } {
		return {
			beforeHandOver: async () => {
				options.stopAgent();
				// No editor yet: nothing was typed here, and one created later starts read-only.
				editor.current()?.setReadOnly(true);
				await this.writer.pause();
			},
			onOwner: async () => {
				editor.current()?.setReadOnly(false);
				this.writer.resume();
				await this.restore(editor.load, options.stop);
				editor.current()?.reportDrafts();
			}
		};
	}

	/**
	 * Writes drafts at once when the page is hidden or closed, and asks before closing only when a
	 * draft could not be stored (otherwise closing is safe). Returns the function that stops.
	 */
	watchPage(hasUnsavedChanges: () => boolean): () => void {
		const flush = () => void this.writer.flush();
		const onVisibility = () => {
			if (document.visibilityState === 'hidden') flush();
		};
		const onBeforeUnload = (event: BeforeUnloadEvent) => {
			if (this.writer.failed && hasUnsavedChanges()) event.preventDefault();
		};
		window.addEventListener('pagehide', flush);
		document.addEventListener('visibilitychange', onVisibility);
		window.addEventListener('beforeunload', onBeforeUnload);
		return () => {
			window.removeEventListener('pagehide', flush);
			document.removeEventListener('visibilitychange', onVisibility);
			window.removeEventListener('beforeunload', onBeforeUnload);
		};
	}

	/** Leaving the project: what was typed a moment ago is stored, then nothing more is written. */
	async leave(): Promise<void> {
		try {
			await this.writer.flush();
		} finally {
			this.writer.dispose();
		}
	}
}
