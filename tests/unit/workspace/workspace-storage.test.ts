import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { createBrowserRuntime } from '../../../src/lib/runtime/browser';
import { createProject, loadProjectSnapshot, projectPersistence } from '../../../src/lib/storage';
import { getTemplate } from '../../../src/lib/templates';
import { openWorkspace, seedRuntime } from '../../../src/lib/workspace';
import { freshIndexedDb } from '../storage/reset';
import { createMemoryRuntime } from './memory-runtime';

beforeEach(freshIndexedDb);

/** Opens a stored project the way the app does: snapshot → runtime → workspace over storage. */
async function openStored(projectId: string) {
	const snapshot = await loadProjectSnapshot(projectId);
	const runtime = createMemoryRuntime();
	await seedRuntime(runtime, snapshot);
	const workspace = await openWorkspace({
		projectId,
		runtime,
		persistence: projectPersistence(projectId)
	});
	return { workspace, runtime };
}

describe('workspace over IndexedDB storage', () => {
	it('keeps every change across a reload, empty folders and bytes included', async () => {
		const template = getTemplate('vite-ts')!;
		const project = await createProject({
			name: 'app',
			template: template.id,
			files: { ...template.files }
		});

		const first = await openStored(project.id);
		await first.workspace.writeFile('src/main.ts', 'console.log("edited")');
		await first.workspace.writeFile('public/icon.bin', new Uint8Array([0, 1, 2]));
		await first.workspace.mkdir('src/empty');
		await first.workspace.remove('src/style.css');
		await first.runtime.fs.mkdir('dist', { recursive: true });
		await first.runtime.fs.writeFile('dist/index.js', 'built');
		await first.runtime.fs.mkdir('node_modules/vite', { recursive: true });
		await first.runtime.fs.writeFile('node_modules/vite/package.json', '{}');
		await expect.poll(() => first.workspace.exists('dist/index.js')).toBe(true);
		await first.workspace.flush();
		first.workspace.dispose();

		const second = await openStored(project.id);
		expect(await second.workspace.readText('src/main.ts')).toBe('console.log("edited")');
		expect(Array.from(await second.workspace.readBytes('public/icon.bin'))).toEqual([0, 1, 2]);
		expect(second.workspace.isDirectory('src/empty')).toBe(true);
		expect(second.workspace.exists('src/style.css')).toBe(false);
		expect(second.workspace.getFile('dist/index.js')?.ignored).toBe(true);
		expect(second.workspace.exists('node_modules')).toBe(false);
		second.workspace.dispose();
	});

	it('starts a browser runtime from a stored project', async () => {
		const template = getTemplate('static-site')!;
		const project = await createProject({
			name: 's',
			template: template.id,
			files: template.files
		});
		const snapshot = await loadProjectSnapshot(project.id);
		const runtime = await createBrowserRuntime({ files: snapshot.files });
		try {
			const workspace = await openWorkspace({ projectId: project.id, runtime });
			expect(workspace.allFiles().map((file) => file.path)).toEqual([
				'index.html',
				'main.js',
				'style.css'
			]);
			expect((await runtime.exec('grep -c getElementById main.js')).exitCode).toBe(0);
			workspace.dispose();
		} finally {
			await runtime.dispose();
		}
	});
});
