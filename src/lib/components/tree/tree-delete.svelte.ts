/**
 * Deleting from the tree: the path waiting for the person's confirmation, and the error when
 * the workspace refused. Focus moves to the row that took the deleted one's place.
 */
import type { WorkspaceApi } from '$lib/workspace';
import { clauseOf } from '$lib/errors';
import type { TreeRow } from './tree-model';

export interface TreeDeleteHost {
	workspace(): WorkspaceApi;
	rows(): readonly TreeRow[];
	select(path: string): void;
	focusRow(path: string | null): Promise<void>;
}

export class TreeDelete {
	/** The path the confirmation dialog asks about. */
	pending = $state<string | null>(null);
	error = $state<string | null>(null);
	readonly #host: TreeDeleteHost;

	constructor(host: TreeDeleteHost) {
		this.#host = host;
	}

	ask(path: string) {
		this.#host.select(path);
		this.pending = path;
	}

	confirm = async () => {
		const path = this.pending;
		this.pending = null;
		if (!path) return;
		const rows = this.#host.rows();
		const index = rows.findIndex((row) => row.path === path);
		try {
			await this.#host.workspace().remove(path);
			this.error = null;
			await this.#host.focusRow((rows[index] ?? rows[index - 1])?.path ?? null);
		} catch (cause) {
			this.error = `Could not delete ${path}: ${clauseOf(cause)}. Try again; if it keeps failing, reload the page.`;
			await this.#host.focusRow(path);
		}
	};

	cancel = () => {
		const path = this.pending;
		this.pending = null;
		void this.#host.focusRow(path);
	};
}
