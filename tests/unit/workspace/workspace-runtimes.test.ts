import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBrowserRuntime } from '../../../src/lib/runtime/browser';
import { createNodeRuntime } from '../../../src/lib/runtime/node';
import { openWorkspace, seedRuntime, type WorkspaceChange } from '../../../src/lib/workspace';
import { describeWorkspaceSuite, settle } from './workspace-suite';

const folders: string[] = [];

async function nodeRuntime(files: Record<string, string | Uint8Array> = {}) {
	const root = await mkdtemp(join(tmpdir(), 'kiln-workspace-'));
	folders.push(root);
	const runtime = await createNodeRuntime({ root });
	await seedRuntime(runtime, { files });
	return runtime;
}

afterAll(async () => {
	for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

describeWorkspaceSuite('the browser runtime (just-bash)', (files) =>
	createBrowserRuntime({ files })
);
describeWorkspaceSuite('the node runtime', nodeRuntime);

describe.each([
	['browser', (files: Record<string, string>) => createBrowserRuntime({ files })],
	['node', nodeRuntime]
])('workspace and commands on the %s runtime', (_name, create) => {
	it('sees what a command writes and removes, as changes from the runtime', async () => {
		const runtime = await create({ 'keep.txt': 'k' });
		const workspace = await openWorkspace({ projectId: 'p', runtime });
		const changes: WorkspaceChange[] = [];
		workspace.subscribe((batch) => changes.push(...batch));
		try {
			await runtime.exec('mkdir -p out/deep && echo built > out/deep/a.txt');
			await expect.poll(() => workspace.peekText('out/deep/a.txt')).toBe('built\n');
			expect(changes).toContainEqual({ type: 'change', path: 'out/deep/a.txt', origin: 'runtime' });
			await runtime.exec('rm -r out');
			await expect.poll(() => workspace.exists('out')).toBe(false);
			expect(workspace.exists('out/deep/a.txt')).toBe(false);
		} finally {
			workspace.dispose();
			await runtime.dispose();
		}
	});

	it('a file the workspace writes and a command then reads produces one notification', async () => {
		const runtime = await create({});
		const workspace = await openWorkspace({ projectId: 'p', runtime });
		const changes: WorkspaceChange[] = [];
		workspace.subscribe((batch) => changes.push(...batch.filter((c) => c.path === 'a.txt')));
		try {
			await workspace.writeFile('a.txt', 'from the workspace');
			expect((await runtime.exec('cat a.txt')).output).toBe('from the workspace');
			await settle(workspace);
			expect(changes).toEqual([{ type: 'change', path: 'a.txt', origin: 'workspace' }]);
		} finally {
			workspace.dispose();
			await runtime.dispose();
		}
	});
});
