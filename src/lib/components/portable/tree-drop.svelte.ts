/**
 * Files and folders dropped on the file tree, written into the open project through the
 * workspace. The same names are refused and the same limits apply as for Import; a file that
 * exists is replaced only after the person says so, and one with unsaved editor text never is.
 */
import type { DroppedItems, ImportProgress, SkippedItem } from '$lib/share';
import type { WorkspaceApi } from '$lib/workspace';
import type { FileData } from '$lib/storage';
import { loadShare } from './import-run.svelte';

export interface DropPlan {
	readonly folder: string;
	readonly files: Record<string, FileData>;
	readonly dirs: readonly string[];
	readonly skipped: SkippedItem[];
	/** Paths (inside the project) that exist already: written only if the person agrees. */
	readonly conflicts: readonly string[];
}

/** A drop as caught in its event: what was dropped, and the project folder it goes into. */
export interface TreeDropRequest {
	readonly dropped: DroppedItems;
	readonly folder: string;
}

export interface DropOutcome {
	readonly written: number;
	readonly folder: string;
	readonly skipped: readonly SkippedItem[];
}

const join = (folder: string, path: string) => (folder ? `${folder}/${path}` : path);

export class TreeDrop {
	progress = $state.raw<ImportProgress | null>(null);
	error = $state<string | null>(null);
	outcome = $state.raw<DropOutcome | null>(null);
	/** Waiting for the person: replace existing files or not. */
	pending = $state.raw<DropPlan | null>(null);

	constructor(
		private readonly workspace: () => WorkspaceApi | null,
		private readonly hasUnsavedText: (path: string) => boolean
	) {}

	dismiss(): void {
		this.error = null;
		this.outcome = null;
	}

	/** Reads what was dropped (captured in the drop event: see drop-capture.ts) into `folder`. */
	async drop(dropped: DroppedItems, folder: string): Promise<void> {
		if (this.progress || this.pending) return;
		this.dismiss();
		this.progress = { phase: 'Reading the dropped files', done: 0 };
		const share = await loadShare();
		try {
			const read = await share.readDroppedAsIs(dropped, {
				onProgress: (progress) => (this.progress = progress)
			});
			const workspace = this.workspace();
			if (!workspace) return;
			const files: Record<string, FileData> = {};
			const skipped = [...read.skipped];
			const conflicts: string[] = [];
			for (const [path, data] of Object.entries(read.files)) {
				const target = join(folder, path);
				if (this.hasUnsavedText(target)) {
					skipped.push({ path: target, reason: 'unsaved' });
					continue;
				}
				if (workspace.isDirectory(target)) {
					skipped.push({ path: target, reason: 'exists' });
					continue;
				}
				if (workspace.exists(target)) conflicts.push(target);
				files[path] = data;
			}
			const plan: DropPlan = { folder, files, dirs: read.dirs, skipped, conflicts };
			if (conflicts.length > 0) this.pending = plan;
			else await this.write(plan, true);
		} catch (error) {
			this.error =
				error instanceof share.ImportError
					? error.message
					: `The dropped files could not be read: ${(error as Error)?.message ?? error}. Try again.`;
		} finally {
			this.progress = null;
		}
	}

	/** The person's answer about existing files. */
	async resolve(answer: 'replace' | 'keep' | 'cancel'): Promise<void> {
		const plan = this.pending;
		this.pending = null;
		if (!plan || answer === 'cancel') return;
		await this.write(plan, answer === 'replace');
	}

	async write(plan: DropPlan, replace: boolean): Promise<void> {
		const workspace = this.workspace();
		if (!workspace) return;
		const skipped = [...plan.skipped];
		const entries = Object.entries(plan.files);
		let written = 0;
		try {
			for (const dir of plan.dirs) await workspace.mkdir(join(plan.folder, dir));
			for (const [index, [path, data]] of entries.entries()) {
				const target = join(plan.folder, path);
				if (!replace && plan.conflicts.includes(target)) {
					skipped.push({ path: target, reason: 'exists' });
					continue;
				}
				// Checked again: the person may have typed while the question was open.
				if (this.hasUnsavedText(target)) {
					skipped.push({ path: target, reason: 'unsaved' });
					continue;
				}
				this.progress = { phase: 'Writing files', done: index + 1, total: entries.length };
				await workspace.writeFile(target, data);
				written++;
			}
			this.outcome = { written, folder: plan.folder, skipped };
		} catch (error) {
			this.error =
				`Writing the dropped files stopped after ${written} of ${entries.length}: ` +
				`${(error as Error)?.message ?? error}. The files written so far are in the project; drop the rest again.`;
		} finally {
			this.progress = null;
		}
	}
}
