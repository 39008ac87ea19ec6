/**
 * One import into a new project, as the Import dialog shows it: progress while reading, the
 * refusal message if the source is refused, and what was created and skipped when it is done.
 * A new run cancels the one before.
 */
import type { ImportedFiles, ImportProgress, SessionDocument, SkippedItem } from '$lib/share';
import { messageOf } from '$lib/errors';

/** share (fflate, the GitHub client) loads when first used, not with the page. */
export const loadShare = () => import('$lib/share');

export interface ImportDone {
	readonly projectId: string;
	readonly name: string;
	readonly fileCount: number;
	readonly skipped: readonly SkippedItem[];
	readonly conversation: 'restored' | 'unreadable' | 'none';
	readonly conversationProblem?: string;
}

export type Share = Awaited<ReturnType<typeof loadShare>>;

export type ImportReader = (
	options: { onProgress: (progress: ImportProgress) => void; signal: AbortSignal },
	share: Share
) => Promise<ImportedFiles>;

export class ImportRun {
	progress = $state.raw<ImportProgress | null>(null);
	error = $state<string | null>(null);
	done = $state.raw<ImportDone | null>(null);
	#controller: AbortController | null = null;

	get busy(): boolean {
		return this.progress !== null;
	}

	cancel(): void {
		this.#controller?.abort();
		this.#controller = null;
		this.progress = null;
	}

	reset(): void {
		this.cancel();
		this.error = null;
		this.done = null;
	}

	async run(read: ImportReader): Promise<ImportDone | null> {
		this.reset();
		const controller = new AbortController();
		this.#controller = controller;
		this.progress = { phase: 'Starting', done: 0 };
		const share = await loadShare();
		try {
			const imported = await read(
				{
					signal: controller.signal,
					onProgress: (progress) => {
						if (this.#controller === controller) this.progress = progress;
					}
				},
				share
			);
			if (controller.signal.aborted) return null;
			if (Object.keys(imported.files).length === 0 && imported.dirs.length === 0) {
				throw new share.ImportError(
					'There was nothing to import: every entry was left out (see why below), or the ' +
						'source is empty. Choose another zip, folder or files.'
				);
			}
			this.progress = { phase: 'Saving the project', done: 0 };
			let session: SessionDocument | undefined;
			let conversationProblem: string | undefined;
			if (imported.sessionJson !== undefined) {
				try {
					session = share.parseSessionDocument(imported.sessionJson);
				} catch (error) {
					conversationProblem = messageOf(error);
				}
			}
			const projectId = await share.createProjectFromFiles({
				name: imported.name,
				files: imported.files,
				dirs: imported.dirs,
				session
			});
			const done: ImportDone = {
				projectId,
				name: imported.name,
				fileCount: Object.keys(imported.files).length,
				skipped: imported.skipped,
				conversation: session ? 'restored' : conversationProblem ? 'unreadable' : 'none',
				...(conversationProblem ? { conversationProblem } : {})
			};
			this.done = done;
			return done;
		} catch (error) {
			if (controller.signal.aborted) return null;
			this.error =
				error instanceof share.ImportError
					? error.message
					: `The import failed: ${(error as Error)?.message ?? error}. Nothing was created; try again.`;
			return null;
		} finally {
			if (this.#controller === controller) {
				this.#controller = null;
				this.progress = null;
			}
		}
	}
}
