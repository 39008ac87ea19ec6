/**
 * A new chat's session context made ahead in idle time (agent/session-context-ahead.ts): the
 * first send takes it as made while no file has changed, builds it afresh once one has, and never
 * keeps what failed or what a workspace that counts no changes (the CLI's doubles) gave.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadTokenizer } from '../../../src/lib/agent';
import {
	prepareSessionContext,
	sessionContextFor
} from '../../../src/lib/agent/session-context-ahead';
import { createBrowserRuntime } from '../../../src/lib/runtime/browser';
import type { ToolWorkspace } from '../../../src/lib/tools';
import { openWorkspace, type Workspace } from '../../../src/lib/workspace';
import { fixtureProject } from './project/fixture-project';

const opened: Workspace[] = [];

async function open(files: Record<string, string> = fixtureProject) {
	const runtime = await createBrowserRuntime({ files });
	const workspace = await openWorkspace({ projectId: 'ahead', runtime });
	opened.push(workspace);
	return workspace;
}

afterEach(async () => {
	vi.restoreAllMocks();
	for (const workspace of opened.splice(0)) {
		workspace.dispose();
		await workspace.runtime.dispose();
	}
});

describe("a new session's context made ahead", () => {
	// Counted exactly, as after the idle prefetch (session-context-rough.test.ts: before it).
	beforeAll(async () => {
		expect(await loadTokenizer()).toBe(true);
	});

	it('is what the first send takes while no file has changed, without reading the files again', async () => {
		const workspace = await open({ ...fixtureProject, 'AGENTS.md': 'Use tabs.\n' });
		await prepareSessionContext(workspace);
		const listed = vi.spyOn(workspace, 'allFiles');
		const context = await sessionContextFor(workspace);
		expect(listed).not.toHaveBeenCalled();
		expect(context).toContain('Use tabs.');
		expect(context).toContain('src/main.ts');
		// The same text a send builds for itself.
		vi.restoreAllMocks();
		const fresh = await sessionContextFor(workspaceWithoutRevision(workspace));
		expect(context).toBe(fresh);
	});

	it('is built afresh once a file changed, and has the change', async () => {
		const workspace = await open();
		await prepareSessionContext(workspace);
		await workspace.writeFile('src/added-later.ts', 'export const late = 1;\n');
		const context = await sessionContextFor(workspace);
		expect(context).toContain('added-later.ts');
	});

	it('is made once for the same files, however often it is asked for', async () => {
		const workspace = await open();
		const listed = vi.spyOn(workspace, 'allFiles');
		await Promise.all([prepareSessionContext(workspace), prepareSessionContext(workspace)]);
		await prepareSessionContext(workspace);
		expect(listed).toHaveBeenCalledTimes(1);
	});

	it('forgets a context that failed: the send builds its own', async () => {
		const workspace = await open();
		vi.spyOn(workspace, 'allFiles').mockImplementationOnce(() => {
			throw new Error('index not ready');
		});
		await expect(prepareSessionContext(workspace)).resolves.toBeUndefined();
		expect(await sessionContextFor(workspace)).toContain('src/main.ts');
	});

	it('is built by the send when the one being made ahead fails meanwhile', async () => {
		const workspace = await open();
		vi.spyOn(workspace, 'allFiles').mockImplementationOnce(() => {
			throw new Error('index not ready');
		});
		const prepared = prepareSessionContext(workspace);
		// Asked for while the one made ahead is still on its way (and about to fail).
		expect(await sessionContextFor(workspace)).toContain('src/main.ts');
		await prepared;
	});

	it('keeps nothing for a workspace that counts no changes', async () => {
		const workspace = await open();
		const uncounted = workspaceWithoutRevision(workspace);
		await prepareSessionContext(uncounted);
		const listed = vi.spyOn(workspace, 'allFiles');
		await sessionContextFor(uncounted);
		expect(listed).toHaveBeenCalledTimes(1);
	});
});

/** The workspace as one that counts no changes (a test double's) sees it: no `revision`. */
function workspaceWithoutRevision(workspace: Workspace): ToolWorkspace {
	return new Proxy(workspace, {
		get(target, key) {
			if (key === 'revision') return undefined;
			const value: unknown = Reflect.get(target, key, target);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
}
