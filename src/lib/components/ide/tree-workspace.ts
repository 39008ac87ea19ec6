import type { EditorSession } from '$lib/editor';
import { guardedWorkspace } from '$lib/state';
import type { WorkspaceApi } from '$lib/workspace';

/**
 * What the file tree changes files through: writes are refused while another tab owns the
 * project, and moves (rename) are followed by the editor's open tabs: their text, unsaved
 * changes and drafts go along to the new path instead of being closed or left behind as deleted.
 */
export function treeWorkspaceFor(
	project: { readonly workspace: WorkspaceApi | null; readonly readOnly: boolean },
	editor: () => EditorSession | null | undefined
): WorkspaceApi | null {
	if (!project.workspace) return null;
	const guarded = guardedWorkspace(project.workspace, () => project.readOnly);
	const rename = (from: string, to: string): Promise<void> => {
		const session = editor();
		const move = () => guarded.rename(from, to);
		// Before the editor has loaded there are no tabs to take along.
		return session ? session.move(from, to, move) : move();
	};
	// A proxy rather than a copy: `revision` is a getter that must stay live.
	return new Proxy(guarded, {
		get: (target, key, receiver) => (key === 'rename' ? rename : Reflect.get(target, key, receiver))
	});
}
