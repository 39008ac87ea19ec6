/**
 * The diff code behind the person's-edits reminder is its own chunk: a send with no edits must not
 * wait for it (on a slow line that was a round trip between the send and its request), and an
 * edit fetches it ahead of the send that will describe it.
 */
import { afterEach, expect, it, vi } from 'vitest';
// From its own file: the folder's index re-exports edit-diff's limits, which would load it.
import { trackUserEdits, type UserEditTracker } from '../../../../src/lib/agent/project/user-edits';
import { createBrowserRuntime } from '../../../../src/lib/runtime/browser';
import { openWorkspace, type Workspace } from '../../../../src/lib/workspace';

const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../../src/lib/agent/project/edit-diff', async (original) => {
	loads.count++;
	return original();
});

const opened: { workspace: Workspace; tracker: UserEditTracker }[] = [];

afterEach(async () => {
	for (const { workspace, tracker } of opened.splice(0)) {
		tracker.dispose();
		workspace.dispose();
		await workspace.runtime.dispose();
	}
});

it('collects no edits without the diff code, and fetches it when the person edits', async () => {
	const runtime = await createBrowserRuntime({ files: { 'a.txt': 'one\n' } });
	const workspace = await openWorkspace({ projectId: 'edit-loading', runtime });
	const tracker = trackUserEdits(workspace);
	opened.push({ workspace, tracker });

	expect(await tracker.collectUserEdits()).toBeNull();
	expect(loads.count).toBe(0);

	await workspace.writeFile('a.txt', 'two\n');
	// Fetched at the edit, before any collect asks for it.
	await expect.poll(() => loads.count).toBe(1);
	expect(await tracker.collectUserEdits()).toContain('-one\n+two\n');
	expect(loads.count).toBe(1);
});
