import { isWithin, normalizePath } from '../../runtime';
import type { WorkspaceChange } from '../../workspace';
import type { FileEdit, FileState } from './edit-diff';
import { compare } from './wording';
import type { ProjectWorkspace } from './types';

/**
 * Edits the person made between the agent's turns, as diffs for a reminder. The context engineer
 * wires it like this:
 *
 * - create one tracker per session, after the workspace is ready: `trackUserEdits(workspace)`;
 * - after each tool call that wrote a file through the workspace (write, edit), call
 *   `markAgentWrite(path)`: the model knows that content, so it is not reported back to it (the
 *   same call fits a `read`, which also shows the model the current content);
 * - at the start of each turn, `collectUserEdits()` and, when not null, put the text in a
 *   reminder inside the new user message;
 * - `dispose()` when the session ends.
 *
 * Changes made by commands (origin 'runtime') are never reported: the agent ran them, and sees
 * their effect through its tools. They move the baseline instead, unless the person had already
 * edited that file since the last collect (then the diff shows both, which is still true).
 */
export interface UserEditTracker {
	/**
	 * Diffs of the person's edits since the last collect (or since tracking began); null if none.
	 * The edits are taken at the call. The diff code (jsdiff) is not part of the IDE's first paint:
	 * it is fetched when the person first edits a file, and a collect with no edits needs none
	 * (on a slow line, waiting for it held a send's request for a round trip: ~0.6–1.2 s at
	 * Fast 3G).
	 */
	collectUserEdits(): Promise<string | null>;
	/**
	 * The agent itself wrote (or read) `path`: take its current content, or `content` when given
	 * (null: the agent removed it), as what the model knows.
	 */
	markAgentWrite(path: string, content?: string | null): void;
	/** Paths with changes not yet collected (for tests and status displays). */
	pendingPaths(): string[];
	dispose(): void;
}

export function trackUserEdits(
	workspace: Pick<ProjectWorkspace, 'allFiles' | 'peekText' | 'getFile' | 'subscribe'>
): UserEditTracker {
	/** What the model is assumed to know of each file. Strings are shared with the index, not copied. */
	const known = new Map<string, FileState>();
	const pending = new Set<string>();
	/** Something to describe at the next collect: its diff code is fetched now, not then. */
	const addPending = (path: string) => {
		pending.add(path);
		void loadEditDiff().catch(() => {}); // the collect loads it again, and says what failed
	};

	/** What the model would be told of a listed file that is not ignored. */
	const stateOf = (file: { path: string; binary: boolean }): FileState => {
		const text = workspace.peekText(file.path);
		return file.binary || text === undefined ? { kind: 'binary' } : { kind: 'text', text };
	};
	const current = (path: string): FileState => {
		const file = workspace.getFile(path);
		return !file || file.ignored ? { kind: 'missing' } : stateOf(file);
	};
	const setKnown = (path: string, state: FileState) => {
		if (state.kind === 'missing') known.delete(path);
		else known.set(path, state);
	};
	// A removed folder arrives as one change: everything known below it is affected.
	const affected = (change: WorkspaceChange): string[] => {
		if (change.type === 'mkdir') return [];
		if (change.type === 'change') return [change.path];
		const below = [...known.keys(), ...pending].filter((path) => isWithin(path, change.path));
		return [...new Set([change.path, ...below])];
	};

	// From the listing itself, not current()'s lookup per file: 2,000 files' lookups were ~10 ms
	// of the task that opens the chat.
	for (const file of workspace.allFiles()) {
		if (!file.ignored) known.set(file.path, stateOf(file));
	}

	const unsubscribe = workspace.subscribe((changes) => {
		for (const change of changes) {
			for (const path of affected(change)) {
				if (change.origin === 'workspace') addPending(path);
				else if (!pending.has(path)) setKnown(path, current(path));
			}
		}
	});

	return {
		collectUserEdits() {
			const edits: FileEdit[] = [];
			for (const path of [...pending].sort(compare)) {
				const before = known.get(path) ?? { kind: 'missing' };
				const after = current(path);
				edits.push({ path, before, after });
				setKnown(path, after);
			}
			pending.clear();
			if (edits.length === 0) return Promise.resolve(null);
			return loadEditDiff().then(({ describeEdits }) => describeEdits(edits));
		},
		markAgentWrite(rawPath, content) {
			const path = normalizePath(rawPath);
			pending.delete(path);
			if (content === undefined) setKnown(path, current(path));
			else setKnown(path, content === null ? { kind: 'missing' } : { kind: 'text', text: content });
			// Agent's write content differs from what is there now: someone edited after it.
			if (content !== undefined) {
				const now = current(path);
				const same =
					now.kind === 'missing' ? content === null : now.kind === 'text' && now.text === content;
				if (!same) addPending(path);
			}
		},
		pendingPaths: () => [...pending].sort(compare),
		dispose: unsubscribe
	};
}

let editDiff: Promise<typeof import('./edit-diff')> | undefined;

/** The diff code, loaded once; a failed load (offline) is tried again on the next call. */
function loadEditDiff(): Promise<typeof import('./edit-diff')> {
	if (editDiff) return editDiff;
	const attempt = import('./edit-diff');
	editDiff = attempt;
	attempt.catch(() => {
		if (editDiff === attempt) editDiff = undefined;
	});
	return attempt;
}
