/**
 * The tree's inline editor: renaming a row, or naming a new file or folder in place. Enter
 * commits, Escape cancels, leaving the field commits a changed name; a refused name keeps the
 * field open with the reason beside it.
 */
import { tick } from 'svelte';
import type { SvelteSet } from 'svelte/reactivity';
import { basename, dirname, joinPath } from '$lib/runtime';
import type { WorkspaceApi } from '$lib/workspace';
import { validateName } from './name-validation';
import { clauseOf } from '$lib/errors';
import { ancestorsOf } from './tree-model';
import { checkMovePath, type MoveCheck } from './move-target';
import { moveInTree } from './tree-move';

export type TreeEditTarget =
	{ mode: 'rename'; path: string } | { mode: 'create'; kind: 'file' | 'directory'; parent: string };

/** What the inline editor needs from its tree. */
export interface InlineEditHost {
	workspace(): WorkspaceApi;
	/** The tree's expanded folders: opened to show a new item, kept across a rename. */
	expanded: SvelteSet<string>;
	selectedPath(): string | null;
	select(path: string): void;
	focusRow(path: string | null): Promise<void>;
	/** Focuses the name field once it shows; `selectTo` as in TreeNameField.focus. */
	focusField(selectTo?: number): void;
	onCreatedFile(path: string): void;
}

export class InlineEdit {
	target = $state<TreeEditTarget | null>(null);
	value = $state('');
	error = $state<string | null>(null);
	busy = $state(false);
	readonly #host: InlineEditHost;

	constructor(host: InlineEditHost) {
		this.#host = host;
	}

	async startCreate(kind: 'file' | 'directory', parent: string) {
		for (const folder of [...ancestorsOf(parent), parent])
			if (folder) this.#host.expanded.add(folder);
		this.target = { mode: 'create', kind, parent };
		this.value = '';
		this.error = null;
		await tick();
		this.#host.focusField();
	}

	async startRename(path: string) {
		this.#host.select(path);
		this.target = { mode: 'rename', path };
		this.value = basename(path);
		this.error = null;
		await tick();
		// Select the stem, as most editors do, so typing keeps the extension.
		const dot = this.value.lastIndexOf('.');
		const whole = this.#host.workspace().isDirectory(path) || dot <= 0;
		this.#host.focusField(whole ? this.value.length : dot);
	}

	cancel() {
		const was = this.target;
		this.target = null;
		this.error = null;
		if (was?.mode === 'rename') void this.#host.focusRow(was.path);
		else if (was) void this.#host.focusRow(this.#host.selectedPath() ?? (was.parent || null));
	}

	async commit() {
		const active = this.target;
		if (!active || this.busy) return;
		const workspace = this.#host.workspace();
		const check = this.#check(active, workspace);
		if (!check.ok) {
			this.error = check.error;
			return;
		}
		const target = check.path;
		if (active.mode === 'rename' && target === active.path) return this.cancel();
		this.busy = true;
		try {
			if (active.mode === 'rename') {
				await moveInTree(workspace, this.#host.expanded, active.path, target);
			} else if (active.kind === 'file') {
				await workspace.writeFile(target, '');
			} else {
				await workspace.mkdir(target);
			}
			this.target = null;
			this.error = null;
			await this.#host.focusRow(target);
			if (active.mode === 'create' && active.kind === 'file') this.#host.onCreatedFile(target);
		} catch (cause) {
			const verb = active.mode === 'rename' ? 'rename to' : 'create';
			this.error = `Could not ${verb} "${target}": ${clauseOf(cause)}. Try another name, or press Escape to cancel.`;
		} finally {
			this.busy = false;
		}
	}

	/**
	 * The name typed, as a project path. A rename that contains "/" is a move: the path starts at
	 * the project's top folder and missing folders are created.
	 */
	#check(active: TreeEditTarget, workspace: WorkspaceApi): MoveCheck {
		if (active.mode === 'rename' && /[/\\]/.test(this.value)) {
			return checkMovePath(this.value, {
				from: active.path,
				exists: (path) => workspace.exists(path),
				isDirectory: (path) => workspace.isDirectory(path)
			});
		}
		const parent = active.mode === 'create' ? active.parent : dirname(active.path);
		const check = validateName(this.value, {
			siblings: workspace.listDir(parent).map((node) => node.name),
			current: active.mode === 'rename' ? basename(active.path) : undefined
		});
		return check.ok ? { ok: true, path: joinPath(parent, check.name) } : check;
	}

	onKeydown = (event: KeyboardEvent) => {
		// The tree's own keys (arrows, F2, Delete, letters) must not act while typing a name.
		event.stopPropagation();
		if (event.key === 'Enter') {
			event.preventDefault();
			void this.commit();
		} else if (event.key === 'Escape') {
			event.preventDefault();
			this.cancel();
		}
	};

	onBlur = () => {
		const target = this.target;
		if (!target || this.busy) return;
		const unchanged =
			this.value.trim() === '' ||
			(target.mode === 'rename' && this.value === basename(target.path));
		if (unchanged) this.cancel();
		else void this.commit();
	};

	onInput = () => {
		this.error = null;
	};
}
