import { tick } from 'svelte';
import type { EditorSession, FilePosition } from '$lib/editor';
import type { DraftSink } from '$lib/editor/drafts';
import type { WorkspaceApi } from '$lib/workspace';
import { messageOf } from '$lib/errors';
import { loadEditor, type EditorModule } from './load-editor';

export interface LazyEditorOptions {
	/** The project's files; null until the project is open. */
	workspace: () => WorkspaceApi | null;
	/** Where unsaved text goes as the person types. */
	drafts: DraftSink;
	/** True once the page is gone: nothing may be built that nothing will free. */
	gone: () => boolean;
}

/**
 * The page's editor session, created the first time a file opens (or a draft comes back), once
 * the editor chunk is here. Files opened before that wait in order and open as soon as it
 * arrives, the last one focused, so a click in the tree right after the page loads is not lost.
 */
export class LazyEditor {
	/** The session, once the editor has loaded. */
	session = $state.raw<EditorSession | null>(null);
	/** The editor pane's component, from the same chunk. */
	component = $state.raw<EditorModule['Editor'] | null>(null);
	/** The file waiting for the editor (the last asked for), for the placeholder. */
	opening = $state<string | null>(null);
	/** Why the editor could not be loaded, and what to do. */
	error = $state<string | null>(null);

	#options: LazyEditorOptions;
	#waiting: { path: string; focus: boolean; at?: FilePosition }[] = [];
	#creating: Promise<EditorSession | null> | undefined;

	constructor(options: LazyEditorOptions) {
		this.#options = options;
	}

	/** Opens a file in a tab (at a line, with `at`), now or as soon as the editor is here. */
	open(path: string, options: { focus?: boolean; at?: FilePosition } = {}): void {
		if (this.session) {
			void this.session.open(path, options);
			return;
		}
		this.#waiting.push({ path, focus: options.focus ?? false, at: options.at });
		this.opening = path;
		void this.load();
	}

	/** The session, loading the editor first if needed; null if it could not load or the page left. */
	load(): Promise<EditorSession | null> {
		if (this.session) return Promise.resolve(this.session);
		this.#creating ??= this.#create().finally(() => (this.#creating = undefined));
		return this.#creating;
	}

	dispose(): void {
		this.#waiting = [];
		this.session?.dispose();
	}

	async #create(): Promise<EditorSession | null> {
		let module: EditorModule;
		try {
			this.error = null;
			module = await loadEditor();
		} catch (error) {
			this.error = `The editor could not be loaded (${messageOf(error)}). Check your connection, then try again.`;
			return null;
		}
		const workspace = this.#options.workspace();
		if (!workspace || this.#options.gone()) return null;
		const session = new module.EditorSession(workspace, { drafts: this.#options.drafts });
		this.component = module.Editor;
		this.session = session;
		// Let the Editor mount and attach its view first, so the last file waiting can take focus.
		await tick();
		const waiting = this.#waiting.splice(0);
		this.opening = null;
		for (const [index, file] of waiting.entries()) {
			const focus = file.focus && index === waiting.length - 1;
			void session.open(file.path, { focus, at: file.at });
		}
		return session;
	}
}
