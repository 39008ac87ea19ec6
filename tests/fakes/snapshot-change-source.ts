import {
	diffFiles,
	type ChangeScope,
	type ChangeSource,
	type FileChange
} from '$lib/state/changes';
import type { FileData } from '$lib/storage';
import type { Workspace } from '$lib/workspace';

interface Turn {
	label: string;
	before: Record<string, FileData>;
	after: Record<string, FileData> | null;
}

/**
 * A ChangeSource kept in memory, as the checkpoints would keep it: the project's bytes at the
 * start and end of each turn, compared with diffFiles (a running turn against the files now).
 */
export class SnapshotSource implements ChangeSource {
	readonly workspace: Workspace;
	turnList: Turn[] = [];
	/** Set to make every call fail, as a broken store would. */
	failure: Error | null = null;

	constructor(workspace: Workspace) {
		this.workspace = workspace;
	}

	async snapshot(): Promise<Record<string, FileData>> {
		const files: Record<string, FileData> = {};
		for (const file of this.workspace.allFiles()) {
			if (!file.ignored) files[file.path] = await this.workspace.readBytes(file.path);
		}
		return files;
	}

	async startTurn(label: string): Promise<void> {
		this.turnList.push({ label, before: await this.snapshot(), after: null });
	}

	async endTurn(): Promise<void> {
		const turn = this.turnList.at(-1);
		if (turn) turn.after = await this.snapshot();
	}

	async turns() {
		if (this.failure) throw this.failure;
		return this.turnList.map((turn, turnIndex) => ({ turnIndex, label: turn.label }));
	}

	async changes(scope: ChangeScope): Promise<readonly FileChange[]> {
		if (this.failure) throw this.failure;
		const now = await this.snapshot();
		if (scope.kind === 'session') {
			const first = this.turnList[0];
			return first ? diffFiles(first.before, now) : [];
		}
		const turn = this.turnList[scope.turnIndex];
		return turn ? diffFiles(turn.before, turn.after ?? now) : [];
	}
}
