import {
	Annotation,
	Compartment,
	EditorState,
	Transaction,
	type Text,
	type TransactionSpec
} from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { isWithin, normalizePath } from '$lib/runtime/paths';
import type { WorkspaceApi, WorkspaceChange } from '$lib/workspace/types';
import { fileExtensions } from './extensions';
import { languageFor } from './languages';
import { HUGE_FILE_BYTES } from './limits';
import { minimalChange } from './text-diff';
import { systemColorScheme, themeFor, type ColorScheme } from './theme';
import type { EditorSessionOptions, OpenFile } from './types';

/** Marks transactions that bring in a change made outside the editor (a process, the agent). */
export const externalChange = Annotation.define<boolean>();

/** What the session keeps per open file besides the reactive tab. Not reactive on purpose:
 * EditorStates are immutable values that must not be wrapped in Svelte proxies. */
interface FileRecord {
	/** The file's state; stale while the view shows this file (the view holds the live one). */
	state: EditorState | null;
	/** The document as last loaded or saved: `dirty` means "differs from this". */
	saved: Text | null;
	/** Text being written by save() right now, so its own change event is recognised. */
	saving: string | null;
	/** Bumped on every read; a read that finds a newer number was overtaken and is dropped. */
	reads: number;
	scroll: ReturnType<EditorView['scrollSnapshot']> | null;
}

function messageOf(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return text.replace(/[.\s]+$/, '');
}

/**
 * The open files of one project and the one CodeMirror view that shows them. Each file keeps
 * its own EditorState (undo history, selection, scroll); switching tabs swaps states into the
 * view. Works without a view too (tests, headless), in which case states are updated directly.
 */
export class EditorSession {
	readonly workspace: WorkspaceApi;
	/** Asked before a dirty tab is closed. The Editor component installs its dialog here. */
	confirmDiscard: (path: string) => boolean | Promise<boolean>;

	#files = $state<OpenFile[]>([]);
	#activePath = $state<string | null>(null);
	#colorScheme: ColorScheme;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- holds EditorStates; must stay unproxied
	#records = new Map<string, FileRecord>();
	#view: EditorView | null = null;
	/** Which file's state the view holds right now; null when it holds none of ours. */
	#viewPath: string | null = null;
	#theme = new Compartment();
	#hugeFileBytes: number;
	#unsubscribe: () => void;

	constructor(workspace: WorkspaceApi, options: EditorSessionOptions = {}) {
		this.workspace = workspace;
		this.confirmDiscard = options.confirmDiscard ?? (() => false);
		this.#colorScheme = options.colorScheme ?? systemColorScheme();
		this.#hugeFileBytes = options.hugeFileBytes ?? HUGE_FILE_BYTES;
		this.#unsubscribe = workspace.subscribe((changes) => this.#onWorkspaceChanges(changes));
	}

	/** The tabs, in order. */
	get files(): readonly Readonly<OpenFile>[] {
		return this.#files;
	}

	get paths(): string[] {
		return this.#files.map((file) => file.path);
	}

	get activePath(): string | null {
		return this.#activePath;
	}

	get active(): Readonly<OpenFile> | undefined {
		return this.#activePath === null ? undefined : this.#file(this.#activePath);
	}

	get colorScheme(): ColorScheme {
		return this.#colorScheme;
	}

	get hasUnsavedChanges(): boolean {
		return this.#files.some((file) => file.dirty);
	}

	file(path: string): Readonly<OpenFile> | undefined {
		return this.#file(normalizePath(path));
	}

	isOpen(path: string): boolean {
		return this.#file(normalizePath(path)) !== undefined;
	}

	/** The live state of an open text file (what the person sees, unsaved edits included). */
	getState(path: string): EditorState | undefined {
		return this.#stateOf(normalizePath(path)) ?? undefined;
	}

	getText(path: string): string | undefined {
		return this.getState(path)?.doc.toString();
	}

	/**
	 * Opens a file in a tab (or shows its tab if it is open already) and makes it active. Resolves
	 * once the content is shown; failures end up in the tab's `error`, never as a rejection.
	 */
	async open(path: string, options: { focus?: boolean } = {}): Promise<void> {
		path = normalizePath(path);
		if (!this.#file(path)) {
			this.#files.push({
				path,
				status: 'loading',
				size: this.workspace.getFile(path)?.size ?? null,
				dirty: false,
				saving: false,
				readOnly: false,
				changedOnDisk: false,
				deleted: false,
				error: null
			});
			this.#records.set(path, { state: null, saved: null, saving: null, reads: 0, scroll: null });
			this.activate(path);
			await this.#load(path);
		} else {
			this.activate(path);
		}
		if (options.focus && this.#activePath === path) this.focus();
	}

	activate(path: string): void {
		path = normalizePath(path);
		if (!this.#file(path) || this.#activePath === path) return;
		this.#activePath = path;
		this.#showInView(path);
	}

	/**
	 * Closes a tab. A tab with unsaved changes asks `confirmDiscard` first unless `force` is set.
	 * Resolves to false when the person chose to keep it open.
	 */
	async close(path: string, options: { force?: boolean } = {}): Promise<boolean> {
		path = normalizePath(path);
		const file = this.#file(path);
		if (!file) return true;
		if (file.dirty && !options.force) {
			const discard = await this.confirmDiscard(path);
			if (!discard) return false;
		}
		this.#closeNow(path);
		return true;
	}

	/** Writes the document to the workspace. Resolves to false (with the tab's `error` set) on failure. */
	async save(path: string | null = this.#activePath): Promise<boolean> {
		if (path === null) return false;
		path = normalizePath(path);
		const file = this.#file(path);
		const record = this.#records.get(path);
		const state = this.#stateOf(path);
		if (!file || !record || !state || file.status !== 'text' || file.readOnly) return false;
		const doc = state.doc;
		const text = doc.toString();
		record.saving = text;
		file.saving = true;
		try {
			await this.workspace.writeFile(path, text);
			record.saved = doc;
			file.error = null;
			file.deleted = false;
			file.changedOnDisk = false;
			// The person may have typed while the write was in flight.
			file.dirty = !(this.#stateOf(path)?.doc.eq(doc) ?? true);
			return true;
		} catch (error) {
			file.error = `Could not save ${path}: ${messageOf(error)}. Your changes are still in the editor; try saving again.`;
			return false;
		} finally {
			record.saving = null;
			file.saving = false;
		}
	}

	/** Saves every dirty tab; resolves to true when all of them were saved. */
	async saveAll(): Promise<boolean> {
		const dirty = this.#files.filter((file) => file.dirty).map((file) => file.path);
		const results = await Promise.all(dirty.map((path) => this.save(path)));
		return results.every(Boolean);
	}

	/** Applies a transaction to an open file, through the view when it shows that file. */
	dispatch(path: string, ...specs: TransactionSpec[]): void {
		path = normalizePath(path);
		if (this.#view && this.#viewPath === path) {
			// The update listener picks the change up, as it does for typing.
			this.#view.dispatch(...specs);
			return;
		}
		const record = this.#records.get(path);
		if (!record?.state) return;
		const transaction = record.state.update(...specs);
		record.state = transaction.state;
		if (transaction.docChanged) this.#afterDocChange(path, transaction.state);
	}

	/** For a tab marked changed on disk (or any tab): drop local edits and show the file as it is now. */
	async reloadFromDisk(path: string): Promise<void> {
		path = normalizePath(path);
		const file = this.#file(path);
		if (!file) return;
		if (file.status !== 'text') return this.#load(path);
		const record = this.#records.get(path);
		if (!record) return;
		const read = ++record.reads;
		try {
			const text = await this.workspace.readText(path);
			if (record.reads !== read) return;
			this.#replaceDocument(path, text);
		} catch (error) {
			if (record.reads !== read) return;
			file.error = `Could not reload ${path}: ${messageOf(error)}. Check that the file still exists, then try again.`;
		}
	}

	/** For a tab marked changed on disk: keep the editor's text; the next save overwrites the file. */
	keepLocalChanges(path: string): void {
		const file = this.#file(normalizePath(path));
		if (file) file.changedOnDisk = false;
	}

	/** Clears a tab's error message once the person has seen it. */
	dismissError(path: string): void {
		const file = this.#file(normalizePath(path));
		if (file) file.error = null;
	}

	setColorScheme(scheme: ColorScheme): void {
		if (scheme === this.#colorScheme) return;
		this.#colorScheme = scheme;
		const effect = this.#theme.reconfigure(themeFor(scheme));
		for (const path of this.#records.keys()) this.dispatch(path, { effects: effect });
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
		if (this.#view && this.#viewPath !== null && this.#viewPath === this.#activePath)
			this.#view.focus();
	}

	dispose(): void {
		this.#unsubscribe();
		this.#view = null;
		this.#viewPath = null;
	}

	#file(path: string): OpenFile | undefined {
		return this.#files.find((file) => file.path === path);
	}

	#stateOf(path: string): EditorState | null {
		if (this.#view && this.#viewPath === path) return this.#view.state;
		return this.#records.get(path)?.state ?? null;
	}

	/** Reads a file and builds its state from scratch (first open, retry, binary ↔ text). */
	async #load(path: string): Promise<void> {
		const record = this.#records.get(path);
		const file = this.#file(path);
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
			// The index may not know the size yet: the text itself is the last word.
			const tooBig = huge || text.length > this.#hugeFileBytes;
			const notUtf8 = info?.textIsExact === false;
			const readOnly = tooBig || notUtf8;
			this.#forgetState(path, record);
			record.state = EditorState.create({
				doc: text,
				extensions: fileExtensions({
					language: tooBig ? [] : language,
					huge: tooBig,
					readOnly,
					theme: this.#theme.of(themeFor(this.#colorScheme)),
					onSave: () => void this.save(path),
					onUpdate: (update) => {
						if (update.docChanged) this.#afterDocChange(path, update.state);
					}
				})
			});
			record.saved = record.state.doc;
			Object.assign(file, {
				status: 'text',
				size: info?.size ?? text.length,
				readOnly,
				readOnlyReason: tooBig ? 'huge' : notUtf8 ? 'not-utf8' : undefined,
				dirty: false,
				changedOnDisk: false,
				deleted: false,
				error: null
			});
			if (this.#activePath === path) this.#showInView(path);
		} catch (error) {
			if (record.reads !== read) return;
			file.status = 'error';
			file.error = `Could not open ${path}: ${messageOf(error)}. Check that the file still exists, then try again.`;
		}
	}

	/** Drops a file's state, making sure the view does not go on showing it. */
	#forgetState(path: string, record: FileRecord): void {
		if (this.#viewPath === path) this.#viewPath = null;
		record.state = null;
		record.saved = null;
		record.scroll = null;
	}

	#afterDocChange(path: string, state: EditorState): void {
		const file = this.#file(path);
		const saved = this.#records.get(path)?.saved;
		if (file && saved) file.dirty = !state.doc.eq(saved);
	}

	/** Puts the view's live state back into its file's record before the view shows another one. */
	#stashView(): void {
		if (!this.#view || this.#viewPath === null) return;
		const record = this.#records.get(this.#viewPath);
		if (record) {
			record.state = this.#view.state;
			record.scroll = this.#view.scrollSnapshot();
		}
		this.#viewPath = null;
	}

	#showInView(path: string): void {
		if (!this.#view || this.#viewPath === path) return;
		this.#stashView();
		const record = this.#records.get(path);
		if (!record?.state) return;
		this.#view.setState(record.state);
		this.#viewPath = path;
		if (record.scroll) this.#view.dispatch({ effects: record.scroll });
	}

	#closeNow(path: string): void {
		const index = this.#files.findIndex((file) => file.path === path);
		if (index === -1) return;
		const record = this.#records.get(path);
		if (record) record.reads++; // reads in flight for this tab are now pointless
		if (this.#viewPath === path) {
			this.#viewPath = null;
			// Let go of the document (it may be megabytes); the view is hidden until the next file.
			this.#view?.setState(EditorState.create());
		}
		this.#records.delete(path);
		this.#files.splice(index, 1);
		if (this.#activePath === path) {
			const next = this.#files[index] ?? this.#files[index - 1];
			this.#activePath = null;
			if (next) this.activate(next.path);
		}
	}

	/**
	 * Outside changes. Whether a path still exists is read from the workspace after the batch, so a
	 * delete-and-rewrite (or a rename onto an open path) reads as a change, not as a close.
	 */
	#onWorkspaceChanges(changes: readonly WorkspaceChange[]): void {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- local to this call
		const affected = new Set<string>();
		for (const change of changes) {
			if (change.type === 'mkdir') continue;
			for (const file of this.#files) {
				if (change.type === 'remove' ? isWithin(file.path, change.path) : file.path === change.path)
					affected.add(file.path);
			}
		}
		for (const path of affected) {
			const present = this.workspace.exists(path) && !this.workspace.isDirectory(path);
			if (present) void this.#onChangedOnDisk(path);
			else this.#onRemoved(path);
		}
	}

	#onRemoved(path: string): void {
		const file = this.#file(path);
		const record = this.#records.get(path);
		if (!file || !record) return;
		record.reads++;
		if (!file.dirty) return this.#closeNow(path);
		file.deleted = true;
		file.changedOnDisk = false;
	}

	async #onChangedOnDisk(path: string): Promise<void> {
		const file = this.#file(path);
		const record = this.#records.get(path);
		if (!file || !record) return;
		file.deleted = false;
		const becameBinary = this.workspace.getFile(path)?.binary ?? false;
		if (file.status !== 'text' || (becameBinary && !file.dirty)) return this.#load(path);
		const read = ++record.reads;
		let text: string;
		try {
			text = await this.workspace.readText(path);
		} catch {
			// Gone again before we could read it: the remove event that follows closes the tab.
			return;
		}
		if (record.reads !== read || !record.saved) return;
		// Our own save, or a write of exactly what we last knew: nothing new to show.
		if (text === record.saving || sameText(record.saved, text)) return;
		const state = this.#stateOf(path);
		if (!state) return;
		if (!file.dirty) return this.#replaceDocument(path, text);
		if (sameText(state.doc, text)) {
			// Someone wrote exactly what the person has typed: it is saved now.
			record.saved = state.doc;
			file.dirty = false;
			file.changedOnDisk = false;
			return;
		}
		file.changedOnDisk = true;
	}

	/** Replaces the document with the file's text as a minimal edit, so the cursor stays put. */
	#replaceDocument(path: string, text: string): void {
		const file = this.#file(path);
		const record = this.#records.get(path);
		const state = this.#stateOf(path);
		if (!file || !record || !state) return;
		const change = minimalChange(state.doc.toString(), text);
		if (change) {
			this.dispatch(path, {
				changes: change,
				annotations: [Transaction.addToHistory.of(false), externalChange.of(true)]
			});
		}
		record.saved = this.#stateOf(path)?.doc ?? null;
		file.dirty = false;
		file.changedOnDisk = false;
		file.error = null;
	}
}

function sameText(doc: Text, text: string): boolean {
	return doc.length === text.length && doc.toString() === text;
}
