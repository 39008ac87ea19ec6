import { EditorState, Transaction, type Text } from '@codemirror/state';
import { openSearchPanel } from '@codemirror/search';
import { isWithin, normalizePath } from '$lib/runtime';
import type { WorkspaceApi, WorkspaceChange } from '$lib/workspace';
import { clauseOf } from '../errors';
import { EditorCore } from './editor-core.svelte';
import { externalChange } from './external-change';
import { minimalReplacement } from './minimal-replacement';
import { openReplace } from './keymaps';
import { emptyRecord, type FileRecord } from './file-record';
import { docHash } from './text-hash';
import type {
	DraftSink,
	EditorSessionOptions,
	RestorableDraft,
	SaveConflict,
	SaveConflictAnswer
} from './types';

export { externalChange };

/**
 * An editor session that keeps its tabs honest: saving never silently replaces a file that
 * changed on disk, changes made outside the editor (the agent, a command, another tab) show up
 * in open tabs, and unsaved text is reported as drafts so it can outlive the page.
 */
export class EditorSession extends EditorCore {
	/** Asked before a save replaces a file that changed on disk. The Editor installs its dialog. */
	confirmOverwrite: (conflict: SaveConflict) => SaveConflictAnswer | Promise<SaveConflictAnswer>;
	#drafts: DraftSink | undefined;

	constructor(workspace: WorkspaceApi, options: EditorSessionOptions = {}) {
		super(workspace, options);
		this.confirmOverwrite = options.confirmOverwrite ?? (() => 'cancel');
		this.#drafts = options.drafts;
	}

	/**
	 * Opens find (or find and replace) over the shown file, as Ctrl/Cmd+F and Ctrl+H do in the
	 * text (the command palette calls this); false when no text file is shown.
	 */
	find(options: { replace?: boolean } = {}): boolean {
		if (this.active?.status !== 'text') return false;
		return this.inView((view) => (options.replace ? openReplace(view) : openSearchPanel(view)));
	}

	/**
	 * Writes the document to the workspace. When the file changed on disk since it was loaded or
	 * last saved, `confirmOverwrite` is asked first unless `overwrite` is set: a save never
	 * silently undoes someone else's change. Resolves to false when nothing was written (declined,
	 * or failed with the tab's `error` set).
	 */
	async save(
		path: string | null = this.activePath,
		options: { overwrite?: boolean } = {}
	): Promise<boolean> {
		if (path === null || this.readOnly) return false;
		path = normalizePath(path);
		const file = this.fileOf(path);
		const record = this.records.get(path);
		const state = this.stateOf(path);
		if (!file || !record || !state || file.status !== 'text' || file.readOnly) return false;
		// What is saved is the text at the moment of asking, even if typing goes on meanwhile.
		const doc = state.doc;
		const text = doc.toString();
		if (!options.overwrite && !(await this.#mayOverwrite(path, text))) return false;
		if (this.readOnly || this.records.get(path) !== record) return false;
		record.saving = text;
		file.saving = true;
		try {
			await this.workspace.writeFile(path, text);
			// The draft may go only once the file is in storage: a crash in between loses neither.
			await this.workspace.flush?.();
			record.saved = doc;
			file.error = null;
			file.deleted = false;
			file.changedOnDisk = false;
			file.restoredDraft = null;
			// The person may have typed while the write was in flight.
			const current = this.stateOf(path)?.doc;
			file.dirty = !(current?.eq(doc) ?? true);
			this.reportDraft(path, file.dirty && current ? current : null);
			return true;
		} catch (error) {
			file.error = `Could not save ${path}: ${clauseOf(error)}. Your changes are still in the editor; try saving again.`;
			return false;
		} finally {
			record.saving = null;
			file.saving = false;
		}
	}

	/** Saves every dirty tab; resolves to true when all of them were saved. */
	async saveAll(): Promise<boolean> {
		const dirty = this.tabs.filter((file) => file.dirty).map((file) => file.path);
		const results = await Promise.all(dirty.map((path) => this.save(path)));
		return results.every(Boolean);
	}

	/** For a tab marked changed on disk (or any tab): drop local edits and show the file as it is now. */
	async reloadFromDisk(path: string): Promise<void> {
		path = normalizePath(path);
		const file = this.fileOf(path);
		if (!file) return;
		if (file.status !== 'text') return this.load(path);
		const record = this.records.get(path);
		if (!record) return;
		const read = ++record.reads;
		try {
			const text = await this.workspace.readText(path);
			if (record.reads !== read) return;
			if (this.#accessChanged(path, text)) return this.load(path);
			this.#replaceDocument(path, text);
		} catch (error) {
			if (record.reads !== read) return;
			file.error = `Could not reload ${path}: ${clauseOf(error)}. Check that the file still exists, then try again.`;
		}
	}

	/**
	 * For a tab marked changed on disk: keep the editor's text and take the file as it is now as
	 * the version it replaces, so the next save overwrites it without asking again.
	 */
	async keepLocalChanges(path: string): Promise<void> {
		path = normalizePath(path);
		const file = this.fileOf(path);
		const record = this.records.get(path);
		if (!file || !record) return;
		file.changedOnDisk = false;
		if (file.restoredDraft === 'changed-on-disk') file.restoredDraft = 'clean';
		if (!this.workspace.exists(path)) return;
		try {
			const disk = await this.workspace.readText(path);
			const state = this.stateOf(path);
			if (this.records.get(path) !== record || !state) return;
			record.saved = state.toText(disk);
			file.dirty = !sameText(state.doc, disk);
			this.reportDraft(path, file.dirty ? state.doc : null);
		} catch {
			// Unreadable now: the save will ask, which is the safe side.
		}
	}

	/** Hides the "restored from a draft" notice. */
	dismissRestored(path: string): void {
		const file = this.fileOf(normalizePath(path));
		if (file) file.restoredDraft = null;
	}

	/**
	 * Brings back unsaved text kept from an earlier visit (or handed over by another tab): opens the
	 * tab if needed and replaces its text with the draft as one undoable change, so Ctrl+Z shows
	 * the file as it is on disk. Says so when the file changed on disk since the draft began.
	 */
	async restoreDraft(draft: RestorableDraft): Promise<void> {
		const path = normalizePath(draft.path);
		const missing = !this.workspace.exists(path) || this.workspace.isDirectory(path);
		if (missing && !this.isOpen(path)) return this.#openMissing(path, draft.text);
		await this.open(path);
		const file = this.fileOf(path);
		const record = this.records.get(path);
		const state = this.stateOf(path);
		if (!file || !record?.saved || !state || file.status !== 'text' || file.readOnly) return;
		const change = minimalReplacement(state.doc.toString(), draft.text);
		if (change) this.dispatch(path, { changes: change, annotations: externalChange.of(true) });
		const diskChanged = draft.baseHash !== null && draft.baseHash !== docHash(record.saved);
		// The file already holds the draft's text (saved elsewhere meanwhile): nothing to keep.
		if (!file.dirty) return this.reportDraft(path, null);
		file.restoredDraft = diskChanged ? 'changed-on-disk' : 'clean';
		if (diskChanged) file.changedOnDisk = true;
	}

	/**
	 * Reports every unsaved tab to the draft sink again (this tab just became the owner: what it
	 * holds must be stored even if another tab removed the drafts meanwhile).
	 */
	reportDrafts(): void {
		for (const file of this.tabs) {
			const state = this.stateOf(file.path);
			if (file.dirty && state) this.reportDraft(file.path, state.doc);
		}
	}

	/**
	 * Moves a file or folder with `run` (the workspace's rename) while its open tabs follow it:
	 * text, unsaved changes, undo history and drafts go to the new paths. Rejects, with the tabs
	 * where they were, when the move fails or when a tab is already open at a path it would take.
	 */
	async move(from: string, to: string, run: () => Promise<void>): Promise<void> {
		from = normalizePath(from);
		to = normalizePath(to);
		const taken = this.tabs.find(
			(file) => isWithin(file.path, to) && !isWithin(file.path, from) && from !== ''
		);
		if (taken) {
			throw new Error(
				`${taken.path} is open in the editor (a file that is gone, with unsaved text). Save or close that tab first, then move again.`
			);
		}
		const moved = this.retarget(from, to);
		try {
			await run();
		} catch (error) {
			this.retarget(to, from);
			throw error;
		}
		for (const [before, after] of moved) {
			const state = this.stateOf(after);
			if (!this.fileOf(after)?.dirty || !state) continue;
			this.reportDraft(before, null);
			this.reportDraft(after, state.doc);
		}
	}

	/** A tab for a draft whose file is gone: the text as unsaved, saving creates the file again. */
	#openMissing(path: string, text: string): void {
		const record: FileRecord = emptyRecord();
		record.state = EditorState.create({
			doc: '',
			extensions: this.extensionsFor(record, { huge: false, readOnly: false }, [])
		});
		record.saved = record.state.doc;
		record.state = record.state.update({ changes: { from: 0, insert: text } }).state;
		this.records.set(path, record);
		this.tabs.push({
			path,
			status: 'text',
			size: null,
			dirty: text !== '',
			saving: false,
			readOnly: false,
			changedOnDisk: false,
			deleted: true,
			error: null,
			restoredDraft: 'clean'
		});
		this.activate(path);
	}

	/** Tells the draft sink about a file's unsaved text (`null`: nothing unsaved). */
	protected override reportDraft(path: string, doc: Text | null): void {
		if (!this.#drafts) return;
		const file = this.fileOf(path);
		const saved = this.records.get(path)?.saved;
		const base = file?.deleted || !saved ? null : docHash(saved);
		this.#drafts.update(path, doc ? doc.toString() : null, base);
	}

	/** Whether saving may replace what is on disk now, asking the person when it changed. */
	async #mayOverwrite(path: string, mine: string): Promise<boolean> {
		const file = this.fileOf(path);
		const record = this.records.get(path);
		if (!file || !record?.saved) return false;
		let disk: string | null = null;
		if (this.workspace.exists(path) && !this.workspace.isDirectory(path)) {
			try {
				disk = await this.workspace.readText(path);
			} catch {
				disk = null;
			}
		}
		const changed = file.changedOnDisk || (disk !== null && !sameText(record.saved, disk));
		if (!changed || disk === null || mine === disk) return true;
		return (await this.confirmOverwrite({ path, disk, mine })) === 'overwrite';
	}

	/**
	 * Outside changes. Whether a path still exists is read from the workspace after the batch, so a
	 * delete-and-rewrite (or a rename onto an open path) reads as a change, not as a close.
	 */
	protected override onWorkspaceChanges(changes: readonly WorkspaceChange[]): void {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- local to this call
		const affected = new Set<string>();
		for (const change of changes) {
			if (change.type === 'mkdir') continue;
			for (const file of this.tabs) {
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
		const file = this.fileOf(path);
		const record = this.records.get(path);
		if (!file || !record) return;
		record.reads++;
		if (!file.dirty) return this.closeNow(path);
		file.deleted = true;
		file.changedOnDisk = false;
	}

	async #onChangedOnDisk(path: string): Promise<void> {
		const file = this.fileOf(path);
		const record = this.records.get(path);
		if (!file || !record) return;
		file.deleted = false;
		const becameBinary = this.workspace.getFile(path)?.binary ?? false;
		if (file.status !== 'text' || (becameBinary && !file.dirty)) return this.load(path);
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
		// A rewrite that changes how the file may be edited (it grew past the limit, or stopped
		// being UTF-8, or the reverse) opens it afresh, as the first open would have.
		if (!file.dirty && this.#accessChanged(path, text)) return this.load(path);
		const state = this.stateOf(path);
		if (!state) return;
		if (!file.dirty) return this.#replaceDocument(path, text);
		if (sameText(state.doc, text)) {
			// Someone wrote exactly what the person has typed: it is saved now.
			record.saved = state.doc;
			file.dirty = false;
			file.changedOnDisk = false;
			file.restoredDraft = null;
			this.reportDraft(path, null);
			return;
		}
		file.changedOnDisk = true;
	}

	#accessChanged(path: string, text: string): boolean {
		return this.readOnlyReasonOf(path, text) !== this.fileOf(path)?.readOnlyReason;
	}

	/** Replaces the document with the file's text as a minimal edit, so the cursor stays put. */
	#replaceDocument(path: string, text: string): void {
		const file = this.fileOf(path);
		const record = this.records.get(path);
		const state = this.stateOf(path);
		if (!file || !record || !state) return;
		const change = minimalReplacement(state.doc.toString(), text);
		if (change) {
			this.dispatch(path, {
				changes: change,
				annotations: [Transaction.addToHistory.of(false), externalChange.of(true)]
			});
		}
		record.saved = this.stateOf(path)?.doc ?? null;
		file.dirty = false;
		file.changedOnDisk = false;
		file.restoredDraft = null;
		file.error = null;
		this.reportDraft(path, null);
	}
}

function sameText(doc: Text, text: string): boolean {
	return doc.length === text.length && doc.toString() === text;
}
