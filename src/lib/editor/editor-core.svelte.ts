import { Compartment, EditorState, type Text, type TransactionSpec } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { isWithin, normalizePath } from '$lib/runtime';
import type { WorkspaceApi, WorkspaceChange } from '$lib/workspace';
import { fileExtensions } from './extensions';
import { languageFor } from './languages';
import { revealSpec } from './reveal';
import { HUGE_FILE_BYTES } from './limits';
import { systemColorScheme, themeFor, type ColorScheme } from './theme';
import type { EditorSessionOptions, OpenFile, OpenOptions } from './types';
import { emptyRecord, type FileRecord } from './file-record';
import { clauseOf } from '../errors';

/**
 * The open files of one project and the one CodeMirror view that shows them. Each file keeps
 * its own EditorState (undo history, selection, scroll); switching tabs swaps states into the
 * view. Works without a view too (tests, headless), in which case states are updated directly.
 * This part holds tabs, states and the view; EditorSession adds saving, outside changes and drafts.
 */
export abstract class EditorCore {
	/** Writes a tab's text to its file (Ctrl/Cmd+S in the text calls this). */
	abstract save(path?: string | null): Promise<boolean>;

	readonly workspace: WorkspaceApi;
	/** Asked before a dirty tab is closed. The Editor component installs its dialog here. */
	confirmDiscard: (path: string) => boolean | Promise<boolean>;

	protected tabs = $state<OpenFile[]>([]);
	#activePath = $state<string | null>(null);
	#colorScheme: ColorScheme;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- holds EditorStates; must stay unproxied
	protected records = new Map<string, FileRecord>();
	#view: EditorView | null = null;
	/** Which file's state the view holds right now; null when it holds none of ours. */
	#viewPath: string | null = null;
	#theme = new Compartment();
	/** Editable, or read-only while another tab owns the project. */
	#access = new Compartment();
	#readOnly = $state(false);
	#hugeFileBytes: number;
	#unsubscribe: () => void;

	constructor(workspace: WorkspaceApi, options: EditorSessionOptions = {}) {
		this.workspace = workspace;
		this.confirmDiscard = options.confirmDiscard ?? (() => false);
		this.#colorScheme = options.colorScheme ?? systemColorScheme();
		this.#hugeFileBytes = options.hugeFileBytes ?? HUGE_FILE_BYTES;
		this.#unsubscribe = workspace.subscribe((changes) => this.onWorkspaceChanges(changes));
	}

	/** The tabs, in order. */
	get files(): readonly Readonly<OpenFile>[] {
		return this.tabs;
	}

	get paths(): string[] {
		return this.tabs.map((file) => file.path);
	}

	get activePath(): string | null {
		return this.#activePath;
	}

	get active(): Readonly<OpenFile> | undefined {
		return this.#activePath === null ? undefined : this.fileOf(this.#activePath);
	}

	get colorScheme(): ColorScheme {
		return this.#colorScheme;
	}

	/** Nothing can be typed or saved: another tab owns the project. */
	get readOnly(): boolean {
		return this.#readOnly;
	}

	get hasUnsavedChanges(): boolean {
		return this.tabs.some((file) => file.dirty);
	}

	file(path: string): Readonly<OpenFile> | undefined {
		return this.fileOf(normalizePath(path));
	}

	isOpen(path: string): boolean {
		return this.fileOf(normalizePath(path)) !== undefined;
	}

	/** The live state of an open text file (what the person sees, unsaved edits included). */
	getState(path: string): EditorState | undefined {
		return this.stateOf(normalizePath(path)) ?? undefined;
	}

	getText(path: string): string | undefined {
		return this.getState(path)?.doc.toString();
	}

	/**
	 * Opens a file in a tab (or shows its tab if it is open already) and makes it active. Resolves
	 * once the content is shown; failures end up in the tab's `error`, never as a rejection.
	 */
	async open(path: string, options: OpenOptions = {}): Promise<void> {
		path = normalizePath(path);
		if (!this.fileOf(path)) {
			this.tabs.push({
				path,
				status: 'loading',
				size: this.workspace.getFile(path)?.size ?? null,
				dirty: false,
				saving: false,
				readOnly: false,
				changedOnDisk: false,
				deleted: false,
				error: null,
				restoredDraft: null
			});
			this.records.set(path, emptyRecord());
			this.activate(path);
			await this.load(path);
		} else {
			this.activate(path);
		}
		const state = options.at && this.stateOf(path);
		if (state && options.at) this.dispatch(path, revealSpec(state, options.at));
		if (options.focus && this.#activePath === path) this.focus();
	}

	activate(path: string): void {
		path = normalizePath(path);
		if (!this.fileOf(path) || this.#activePath === path) return;
		this.#activePath = path;
		this.#showInView(path);
	}

	/**
	 * Closes a tab. A tab with unsaved changes asks `confirmDiscard` first unless `force` is set.
	 * Resolves to false when the person chose to keep it open.
	 */
	async close(path: string, options: { force?: boolean } = {}): Promise<boolean> {
		path = normalizePath(path);
		const file = this.fileOf(path);
		if (!file) return true;
		if (file.dirty && !options.force) {
			const discard = await this.confirmDiscard(path);
			if (!discard) return false;
		}
		this.closeNow(path);
		return true;
	}

	/** Applies a transaction to an open file, through the view when it shows that file. */
	dispatch(path: string, ...specs: TransactionSpec[]): void {
		path = normalizePath(path);
		if (this.#view && this.#viewPath === path) {
			// The update listener picks the change up, as it does for typing.
			this.#view.dispatch(...specs);
			return;
		}
		const record = this.records.get(path);
		if (!record?.state) return;
		const transaction = record.state.update(...specs);
		record.state = transaction.state;
		if (transaction.docChanged) this.#afterDocChange(path, transaction.state);
	}

	/** Makes every tab read-only (another tab owns the project) or editable again. */
	setReadOnly(readOnly: boolean): void {
		if (readOnly === this.#readOnly) return;
		this.#readOnly = readOnly;
		const effect = this.#access.reconfigure(accessFor(readOnly));
		for (const path of this.records.keys()) this.dispatch(path, { effects: effect });
	}

	/** Clears a tab's error message once the person has seen it. */
	dismissError(path: string): void {
		const file = this.fileOf(normalizePath(path));
		if (file) file.error = null;
	}

	setColorScheme(scheme: ColorScheme): void {
		if (scheme === this.#colorScheme) return;
		this.#colorScheme = scheme;
		const effect = this.#theme.reconfigure(themeFor(scheme));
		for (const path of this.records.keys()) this.dispatch(path, { effects: effect });
	}

	/**
	 * Lets a CodeMirror view show the active file. Returns the function that detaches it again
	 * (the view's live state is kept, so nothing typed is lost).
	 */
	attach(view: EditorView): () => void {
		if (this.#view) this.#stashView();
		this.#view = view;
		this.#viewPath = null;
		if (this.#activePath !== null) this.#showInView(this.#activePath);
		return () => {
			if (this.#view !== view) return;
			this.#stashView();
			this.#view = null;
		};
	}

	focus(): void {
		this.inView((view) => view.focus());
	}

	/** Runs `use` on the view when it shows the active file; false when none does. */
	protected inView(use: (view: EditorView) => void): boolean {
		if (!this.#view || this.#viewPath === null || this.#viewPath !== this.#activePath) return false;
		use(this.#view);
		return true;
	}

	dispose(): void {
		this.#unsubscribe();
		this.#view = null;
		this.#viewPath = null;
	}

	protected fileOf(path: string): OpenFile | undefined {
		return this.tabs.find((file) => file.path === path);
	}

	protected stateOf(path: string): EditorState | null {
		if (this.#view && this.#viewPath === path) return this.#view.state;
		return this.records.get(path)?.state ?? null;
	}

	/** Reads a file and builds its state from scratch (first open, retry, binary ↔ text). */
	protected async load(path: string): Promise<void> {
		const record = this.records.get(path);
		const file = this.fileOf(path);
		if (!record || !file) return;
		const read = ++record.reads;
		const info = this.workspace.getFile(path);
		if (info?.binary) {
			this.#forgetState(path, record);
			Object.assign(file, { status: 'binary', size: info.size, dirty: false, error: null });
			return;
		}
		const huge = (info?.size ?? 0) > this.#hugeFileBytes;
		file.status = 'loading';
		try {
			const [text, language] = await Promise.all([
				this.workspace.readText(path),
				// A grammar that fails to download still leaves a usable plain-text editor.
				huge ? [] : languageFor(path).catch(() => [])
			]);
			if (record.reads !== read) return;
			const readOnlyReason = huge ? 'huge' : this.readOnlyReasonOf(path, text);
			const tooBig = readOnlyReason === 'huge';
			const readOnly = readOnlyReason !== undefined;
			this.#forgetState(path, record);
			record.state = EditorState.create({
				doc: text,
				extensions: this.extensionsFor(record, { huge: tooBig, readOnly }, language)
			});
			record.saved = record.state.doc;
			Object.assign(file, {
				status: 'text',
				size: info?.size ?? text.length,
				readOnly,
				readOnlyReason,
				dirty: false,
				changedOnDisk: false,
				deleted: false,
				error: null,
				restoredDraft: null
			});
			if (this.#activePath === path) this.#showInView(path);
		} catch (error) {
			if (record.reads !== read) return;
			file.status = 'error';
			file.error = `Could not open ${path}: ${clauseOf(error)}. Check that the file still exists, then try again.`;
		}
	}

	/** Why a file holding `text` opens read-only, if it does: too large to edit, or not UTF-8. */
	protected readOnlyReasonOf(path: string, text: string): OpenFile['readOnlyReason'] {
		const info = this.workspace.getFile(path);
		// The index may not know the size yet: the text itself is the last word.
		const limit = this.#hugeFileBytes;
		if ((info?.size ?? 0) > limit || text.length > limit) return 'huge';
		// Saving decoded text would replace the bytes that are not UTF-8 with U+FFFD.
		return info?.textIsExact === false ? 'not-utf8' : undefined;
	}

	/** Drops a file's state, making sure the view does not go on showing it. */
	#forgetState(path: string, record: FileRecord): void {
		if (this.#viewPath === path) this.#viewPath = null;
		record.state = null;
		record.saved = null;
		record.scroll = null;
	}

	/** The extensions of one file's state. They find the file's path through its record, since a
	 * move changes the path while the state (and its undo history) lives on. */
	protected extensionsFor(
		record: FileRecord,
		access: { huge: boolean; readOnly: boolean },
		language: Parameters<typeof fileExtensions>[0]['language']
	) {
		const pathNow = () => [...this.records].find(([, value]) => value === record)?.[0];
		return [
			fileExtensions({
				language: access.huge ? [] : language,
				huge: access.huge,
				readOnly: access.readOnly,
				label: () => pathNow() ?? 'New file',
				theme: this.#theme.of(themeFor(this.#colorScheme)),
				onSave: () => void this.save(pathNow() ?? null),
				onUpdate: (update) => {
					const path = pathNow();
					if (update.docChanged && path !== undefined) this.#afterDocChange(path, update.state);
				}
			}),
			this.#access.of(accessFor(this.#readOnly))
		];
	}

	#afterDocChange(path: string, state: EditorState): void {
		const file = this.fileOf(path);
		const saved = this.records.get(path)?.saved;
		if (!file || !saved) return;
		file.dirty = !state.doc.eq(saved);
		this.reportDraft(path, file.dirty ? state.doc : null);
	}

	/** Puts the view's live state back into its file's record before the view shows another one. */
	#stashView(): void {
		if (!this.#view || this.#viewPath === null) return;
		const record = this.records.get(this.#viewPath);
		if (record) {
			record.state = this.#view.state;
			record.scroll = this.#view.scrollSnapshot();
		}
		this.#viewPath = null;
	}

	#showInView(path: string): void {
		if (!this.#view || this.#viewPath === path) return;
		this.#stashView();
		const record = this.records.get(path);
		if (!record?.state) return;
		this.#view.setState(record.state);
		this.#viewPath = path;
		if (record.scroll) this.#view.dispatch({ effects: record.scroll });
	}

	protected closeNow(path: string): void {
		const index = this.tabs.findIndex((file) => file.path === path);
		if (index === -1) return;
		const record = this.records.get(path);
		if (record) record.reads++; // reads in flight for this tab are now pointless
		if (this.#viewPath === path) {
			this.#viewPath = null;
			// Let go of the document (it may be megabytes); the view is hidden until the next file.
			this.#view?.setState(EditorState.create());
		}
		// Closed on purpose (discarded) or because its file is gone with nothing unsaved.
		this.reportDraft(path, null);
		this.records.delete(path);
		this.tabs.splice(index, 1);
		if (this.#activePath === path) {
			const next = this.tabs[index] ?? this.tabs[index - 1];
			this.#activePath = null;
			if (next) this.activate(next.path);
		}
	}

	/** Gives the tabs at or below `from` their paths after a move to `to`, keeping states, unsaved
	 * text and history. Returns the moved paths as [before, after] pairs. */
	protected retarget(from: string, to: string): [string, string][] {
		const moved: [string, string][] = [];
		for (const file of this.tabs) {
			if (from === '' || !isWithin(file.path, from)) continue;
			const next = to + file.path.slice(from.length);
			const record = this.records.get(file.path);
			this.records.delete(file.path);
			if (record) this.records.set(next, record);
			moved.push([file.path, next]);
			if (this.#viewPath === file.path) this.#viewPath = next;
			if (this.#activePath === file.path) this.#activePath = next;
			(file as { path: string }).path = next;
		}
		if (moved.length > 0) this.#view?.dispatch({}); // The text area's name is the new path.
		return moved;
	}

	/** Told when a file's unsaved text changes (`doc`) or goes (`null`); EditorSession keeps drafts. */
	protected reportDraft(_path: string, _doc: Text | null): void {}

	/** Told about outside changes to the project's files; EditorSession keeps tabs in step. */
	protected onWorkspaceChanges(_changes: readonly WorkspaceChange[]): void {}
}

function accessFor(readOnly: boolean) {
	return readOnly ? [EditorState.readOnly.of(true), EditorView.editable.of(false)] : [];
}
