import { agentMarks } from './agent-marks';
import type { ChangeScope, ChangeSource, FileChange } from './change-source';
import { NO_PATHS, revertedPaths, revertChange, type RevertWorkspace } from './revert-change';
import { messageOf } from '../../errors';

/** One entry of the scope picker. */
export interface ScopeOption {
	readonly id: string;
	readonly label: string;
	readonly scope: ChangeScope;
}

/** A revert waiting for the person's yes: all files, or one with unsaved text in the editor. */
export interface PendingRevert {
	readonly all: boolean;
	readonly paths: readonly string[];
	/** Of `paths`, the ones with unsaved text in the editor (kept there, never dropped). */
	readonly unsaved: readonly string[];
}

export interface ChangeReviewOptions {
	source: ChangeSource;
	/** Where reverts write: the project's workspace (refusing while another tab owns it). */
	workspace: RevertWorkspace;
	/** The editor holds unsaved text for this file. */
	hasUnsavedText?: (path: string) => boolean;
}

export type AgentChangeStatus = FileChange['status'];

const SESSION_ID = 'session';

function scopeId(scope: ChangeScope): string {
	return scope.kind === 'session' ? SESSION_ID : `turn-${scope.turnIndex}`;
}

/** "Turn 2: Add a footer"; a source's label that already says "Turn 2" is kept as it is. */
function turnLabel(turnIndex: number, label: string): string {
	const name = `Turn ${turnIndex + 1}`;
	if (!label.trim()) return name;
	return label.toLowerCase().startsWith('turn ') ? label : `${name}: ${label}`;
}

/**
 * The "Changes" review: what the agent changed in a turn or in the whole chat, the file shown
 * side by side, and reverting files to how they were before. Also keeps the paths the chat
 * changed, for the file tree's marks.
 */
export class ChangeReview {
	/** The region is shown. */
	open = $state(false);
	scopes = $state.raw<readonly ScopeOption[]>([
		{ id: SESSION_ID, label: 'Whole session', scope: { kind: 'session' } }
	]);
	/** The person's pick; null follows the newest turn. */
	#picked = $state<string | null>(null);
	files = $state.raw<readonly FileChange[]>([]);
	/** Listed files that are back as they were before (a finished turn still lists them). */
	reverted = $state.raw<ReadonlySet<string>>(NO_PATHS);
	selectedPath = $state<string | null>(null);
	loading = $state(false);
	/** The changes could not be listed; says what to do next. */
	error = $state<string | null>(null);
	reverting = $state(false);
	/** What the last revert did (or failed to do), for a live status line. */
	revertMessage = $state<{ tone: 'info' | 'error'; text: string } | null>(null);
	pending = $state.raw<PendingRevert | null>(null);
	/** Files the whole chat changed and that exist now, for the tree's marks. */
	sessionChanges = $state.raw<ReadonlyMap<string, AgentChangeStatus>>(agentMarks([]));

	readonly scopeId: string = $derived.by(() => {
		const picked = this.#picked;
		if (picked !== null && this.scopes.some((option) => option.id === picked)) return picked;
		return this.scopes.at(-1)?.id ?? SESSION_ID;
	});
	readonly scope: ChangeScope = $derived(
		this.scopes.find((option) => option.id === this.scopeId)?.scope ?? { kind: 'session' }
	);
	readonly selected: FileChange | null = $derived(
		this.files.find((file) => file.path === this.selectedPath) ?? null
	);

	#options: ChangeReviewOptions;
	#generation = 0;
	#wasRunning = false;
	/** The chat last followed; undefined before the first call. */
	#sessionId: string | null | undefined = undefined;

	constructor(options: ChangeReviewOptions) {
		this.#options = options;
	}

	toggle(): void {
		this.open = !this.open;
		if (this.open) void this.refresh();
	}

	/**
	 * Told what the chat is doing: when a turn ends or another chat is shown (and on the first
	 * call), what changed is read again.
	 */
	follow(chat: { running: boolean; sessionId: string | null }): void {
		const ended = this.#wasRunning && !chat.running;
		const switched = chat.sessionId !== this.#sessionId;
		this.#wasRunning = chat.running;
		this.#sessionId = chat.sessionId;
		if (ended || (switched && !chat.running)) void this.refresh();
	}

	pickScope(id: string): void {
		if (!this.scopes.some((option) => option.id === id)) return;
		this.#picked = id;
		void this.refresh();
	}

	select(path: string): void {
		this.selectedPath = path;
	}

	/** Reads the turns, the scope's changes and the session's (for the tree) again. */
	async refresh(): Promise<void> {
		const generation = ++this.#generation;
		const current = () => generation === this.#generation;
		this.loading = true;
		try {
			const turns = await this.#options.source.turns();
			if (!current()) return;
			this.scopes = [
				{ id: SESSION_ID, label: 'Whole session', scope: { kind: 'session' } },
				...turns.map(({ turnIndex, label }) => ({
					id: scopeId({ kind: 'turn', turnIndex }),
					label: turnLabel(turnIndex, label),
					scope: { kind: 'turn', turnIndex } as const
				}))
			];
			const scope = this.scope;
			const session = await this.#options.source.changes({ kind: 'session' });
			const files = scope.kind === 'session' ? session : await this.#options.source.changes(scope);
			const reverted = await revertedPaths(this.#options.workspace, files);
			if (!current()) return;
			this.sessionChanges = agentMarks(session);
			this.files = files;
			this.reverted = reverted;
			if (!files.some((file) => file.path === this.selectedPath)) {
				this.selectedPath = files[0]?.path ?? null;
			}
			this.error = null;
		} catch (error) {
			if (!current()) return;
			this.error = `The changes could not be read: ${messageOf(error)}. Press Refresh to try again; your files are untouched.`;
		} finally {
			if (current()) this.loading = false;
		}
	}

	/** Reverts one file, asking first when the editor holds unsaved text for it. */
	askRevert(path: string): Promise<void> | void {
		const unsaved = this.#unsaved([path]);
		if (unsaved.length > 0) {
			this.pending = { all: false, paths: [path], unsaved };
			return;
		}
		return this.#revert([path]);
	}

	/** Asks before reverting every listed file. */
	askRevertAll(): void {
		const paths = this.files.map((file) => file.path).filter((path) => !this.reverted.has(path));
		if (paths.length === 0) return;
		this.pending = { all: true, paths, unsaved: this.#unsaved(paths) };
	}

	confirmRevert(): Promise<void> {
		const pending = this.pending;
		this.pending = null;
		return pending ? this.#revert(pending.paths) : Promise.resolve();
	}

	cancelRevert(): void {
		this.pending = null;
	}

	#unsaved(paths: readonly string[]): string[] {
		const hasUnsaved = this.#options.hasUnsavedText;
		return hasUnsaved ? paths.filter((path) => hasUnsaved(path)) : [];
	}

	async #revert(paths: readonly string[]): Promise<void> {
		if (this.reverting) return;
		const changes = this.files.filter((file) => paths.includes(file.path));
		this.reverting = true;
		this.revertMessage = null;
		const failed: string[] = [];
		try {
			// One at a time, in path order: a failure leaves the others reverted and says which.
			for (const change of changes) {
				try {
					await revertChange(this.#options.workspace, change);
				} catch (error) {
					failed.push(`${change.path} (${messageOf(error)})`);
				}
			}
		} finally {
			this.reverting = false;
		}
		const done = changes.length - failed.length;
		this.revertMessage =
			failed.length === 0
				? {
						tone: 'info',
						text: done === 1 ? `Reverted ${changes[0]?.path}.` : `Reverted ${done} files.`
					}
				: {
						tone: 'error',
						text: `Reverted ${done} of ${changes.length} files. Could not revert ${failed.join(', ')}. The files listed were left as they are; try Revert again, or reload the page if it keeps failing.`
					};
		await this.refresh();
	}
}
