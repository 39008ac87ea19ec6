import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBrowserRuntime } from '../../../src/lib/runtime/browser';
import { createNodeRuntime } from '../../../src/lib/runtime/node';
import type { Runtime } from '../../../src/lib/runtime/types';
import { openWorkspace, type Workspace } from '../../../src/lib/workspace';

describe('workspace over a folder with symbolic links', () => {
	let base: string;
	let root: string;
	let runtime: Runtime;
	let workspace: Workspace | undefined;

	beforeEach(async () => {
		base = await mkdtemp(join(tmpdir(), 'kiln-links-'));
		root = join(base, 'project');
		await mkdir(join(root, 'a/b'), { recursive: true });
		await writeFile(join(root, 'a/b/file.txt'), 'x\n');
		runtime = await createNodeRuntime({ root });
	});

	afterEach(async () => {
		workspace?.dispose();
		await runtime.dispose();
		await rm(base, { recursive: true, force: true });
	});

	it('follows a link inside the project and indexes its files under the link too', async () => {
		await symlink('a/b', join(root, 'shortcut'));
		workspace = await openWorkspace({ projectId: 'p', runtime });
		expect(workspace.allFiles().map((file) => file.path)).toEqual([
			'a/b/file.txt',
			'shortcut/file.txt'
		]);
		expect(workspace.skippedEntries()).toEqual([]);
	});

	it('skips two links that lead into each other (a loop no single link shows)', async () => {
		await mkdir(join(root, 'c'));
		await symlink('../c', join(root, 'a/to-c'));
		await symlink('../a', join(root, 'c/to-a'));
		workspace = await openWorkspace({ projectId: 'p', runtime });
		const paths = workspace.allFiles().map((file) => file.path);
		expect(paths).toContain('a/b/file.txt');
		expect(paths).toContain('c/to-a/b/file.txt');
		expect(paths.every((path) => path.split('/').length < 6)).toBe(true);
		expect(workspace.skippedEntries()).toEqual([
			{ path: 'a/to-c/to-a', reason: 'loop', target: 'a' },
			{ path: 'c/to-a/to-c', reason: 'loop', target: 'c' }
		]);
	});

	it('skips a loop a command creates after the project was opened', async () => {
		workspace = await openWorkspace({ projectId: 'p', runtime });
		// At the root: Node's recursive watch may still be setting up its watches in subfolders.
		await runtime.exec('ln -s . up');
		await expect
			.poll(() => workspace!.skippedEntries(), { timeout: 10_000 })
			.toEqual([{ path: 'up', reason: 'loop', target: '' }]);
		await workspace.flush();
		expect(workspace.allFiles().map((file) => file.path)).toEqual(['a/b/file.txt']);
		await runtime.exec('rm up');
		await expect.poll(() => workspace!.skippedEntries(), { timeout: 10_000 }).toEqual([]);
	}, 30_000);

	it('leaves out a link to outside the project, and forgets it once removed', async () => {
		await writeFile(join(base, 'secret.txt'), 'secret\n');
		await symlink(join(base, 'secret.txt'), join(root, 'leak.txt'));
		workspace = await openWorkspace({ projectId: 'p', runtime });
		expect(workspace.exists('leak.txt')).toBe(false);
		expect(workspace.skippedEntries()).toEqual([{ path: 'leak.txt', reason: 'outside' }]);
		await workspace.remove('leak.txt');
		await expect.poll(() => workspace!.skippedEntries(), { timeout: 10_000 }).toEqual([]);
		// Removing the link removed the link only.
		expect(existsSync(join(base, 'secret.txt'))).toBe(true);
	}, 30_000);
});

describe('workspace over the browser runtime with links a command made', () => {
	it('opens, skipping a link to a folder above and a link to itself', async () => {
		const runtime = await createBrowserRuntime({ files: { 'a/b.txt': 'x' } });
		try {
			const made = await runtime.exec('ln -s .. a/up && ln -s /project/a/self a/self');
			expect(made.exitCode).toBe(0);
			const workspace = await openWorkspace({ projectId: 'p', runtime });
			expect(workspace.allFiles().map((file) => file.path)).toEqual(['a/b.txt']);
			expect(workspace.skippedEntries()).toEqual([
				{ path: 'a/self', reason: 'outside' },
				{ path: 'a/up', reason: 'loop', target: '' }
			]);
			workspace.dispose();
		} finally {
			await runtime.dispose();
		}
	});
});
