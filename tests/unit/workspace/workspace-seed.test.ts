import { afterEach, describe, expect, it } from 'vitest';
import { createBrowserRuntime } from '../../../src/lib/runtime/browser';
import type { Runtime } from '../../../src/lib/runtime/types';
import {
	hashSeedBytes,
	openWorkspace,
	Workspace,
	type WorkspaceSeed
} from '../../../src/lib/workspace';
import { hashBytes } from '../../../src/lib/workspace/content';
import { createMemoryRuntime, type MemoryRuntime } from './memory-runtime';
import { RecordingPersistence } from './recording-persistence';
import { describeWorkspaceSuite } from './workspace-suite';

// Every behaviour of the workspace holds when it opens from its seed and the runtime attaches later.
describeWorkspaceSuite('the memory runtime', async (files) => createMemoryRuntime({ files }), {
	seeded: true
});
describeWorkspaceSuite(
	'the browser runtime (just-bash)',
	(files) => createBrowserRuntime({ files }),
	{
		seeded: true
	}
);

const latin1 = new Uint8Array([...new TextEncoder().encode('x'.repeat(9000)), 0xe9, 0x0a]);

/** A project with everything the index treats specially. */
const SEED: WorkspaceSeed = {
	files: {
		'.gitignore': 'dist/\n*.log\n',
		'src/main.ts': 'export const main = "é ✓ 🎉";\n',
		'src/.gitignore': 'generated.ts\n',
		'src/generated.ts': 'export {};\n',
		'dist/out.js': 'built\n',
		'debug.log': 'noise\n',
		'logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]),
		'nul.txt': 'a\u0000b',
		'latin1.txt': latin1,
		'node_modules/pkg/index.js': 'module.exports = 1;\n',
		'.git/HEAD': 'ref: refs/heads/main\n'
	},
	dirs: ['empty', 'src/empty-too', 'node_modules/pkg'],
	mtimes: { 'src/main.ts': 1_700_000_000_000 }
};

/** Everything the index tells about a project, folder by folder. */
function picture(workspace: Workspace) {
	const nodes: unknown[] = [];
	const visit = (dir: string) => {
		for (const node of workspace.listDir(dir)) {
			const file = workspace.getFile(node.path);
			const { mtimeMs: _mtime, ...rest } = file ?? { mtimeMs: 0 };
			nodes.push({ ...node, ...(file ? rest : {}), text: workspace.peekText(node.path) });
			if (node.type === 'directory') visit(node.path);
		}
	};
	visit('');
	return nodes;
}

describe('a workspace opened from its seed', () => {
	const cleanup: (() => Promise<void>)[] = [];
	afterEach(async () => {
		for (const task of cleanup.splice(0)) await task();
	});

	async function seededRuntime(seed: WorkspaceSeed = SEED): Promise<MemoryRuntime> {
		const runtime = createMemoryRuntime({ files: { ...seed.files }, stat: true });
		for (const dir of seed.dirs ?? []) await runtime.fs.mkdir(dir, { recursive: true });
		cleanup.push(() => runtime.dispose());
		return runtime;
	}

	function track(workspace: Workspace): Workspace {
		cleanup.push(async () => workspace.dispose());
		return workspace;
	}

	it('indexes exactly what a walk of the seeded runtime indexes', async () => {
		const walked = track(await openWorkspace({ projectId: 'p', runtime: await seededRuntime() }));
		const seeded = track(
			await openWorkspace({ projectId: 'p', runtime: seededRuntime(), seed: SEED })
		);
		expect(picture(seeded)).toEqual(picture(walked));
		expect(seeded.allFiles().map((file) => [file.path, file.size, file.ignored])).toEqual(
			walked.allFiles().map((file) => [file.path, file.size, file.ignored])
		);
		expect(seeded.getFile('src/main.ts')?.mtimeMs).toBe(1_700_000_000_000);
		// The spot checks that matter to a person, in case both pictures were wrong the same way.
		expect(seeded.getFile('dist/out.js')?.ignored).toBe(true);
		expect(seeded.getFile('src/generated.ts')?.ignored).toBe(true);
		expect(seeded.getFile('nul.txt')?.binary).toBe(true);
		expect(seeded.getFile('latin1.txt')?.textIsExact).toBe(false);
		expect(seeded.isDirectory('empty')).toBe(true);
		expect(seeded.listDir('node_modules')).toEqual([]);
	});

	it('indexes in slices, as a page opens it: the same picture, before the runtime attaches', async () => {
		const runtime = await seededRuntime();
		const sliced = track(
			new Workspace({
				projectId: 'p',
				runtime: Promise.resolve(runtime),
				seed: SEED,
				indexInSlices: true
			})
		);
		// Nothing is indexed in the task that made it: the slices come after.
		expect(sliced.allFiles()).toEqual([]);
		await sliced.ready;
		const atOnce = track(
			await openWorkspace({ projectId: 'p', runtime: seededRuntime(), seed: SEED })
		);
		expect(picture(sliced)).toEqual(picture(atOnce));
		await expect(sliced.runtimeReady).resolves.toBe(runtime);
	});

	it('stops indexing its seed when closed meanwhile', async () => {
		const files = Object.fromEntries(
			Array.from({ length: 3_000 }, (_, i) => [`notes/n${i}.txt`, 'x'])
		);
		const closed = new Workspace({
			projectId: 'p',
			runtime: seededRuntime({ files }),
			seed: { files },
			indexInSlices: true
		});
		closed.dispose();
		await closed.ready;
		expect(closed.allFiles().length).toBeLessThan(3_000);
	});

	it('opens the same with its byte files hashed beforehand (in slices, off the opening task)', async () => {
		let sizeRead = false;
		const snapshot = {
			...SEED,
			// A stored snapshot's size is a getter summing 30 MB: hashing must not set it off.
			get bytes() {
				sizeRead = true;
				return 0;
			}
		};
		const hashed = await hashSeedBytes(snapshot);
		expect(sizeRead).toBe(false);
		expect(hashed.files).toBe(SEED.files);
		expect(hashed.hashes).toEqual({
			'logo.png': hashBytes(SEED.files['logo.png'] as Uint8Array),
			'latin1.txt': hashBytes(latin1)
		});
		const plain = track(
			await openWorkspace({ projectId: 'p', runtime: seededRuntime(), seed: SEED })
		);
		const runtime = await seededRuntime();
		const prehashed = track(
			await openWorkspace({ projectId: 'p', runtime: Promise.resolve(runtime), seed: hashed })
		);
		expect(picture(prehashed)).toEqual(picture(plain));
		// The hash given is the one kept: the same bytes written again are no change at all.
		await prehashed.runtimeReady;
		const changes: unknown[] = [];
		prehashed.subscribe((batch) => changes.push(...batch));
		await runtime.fs.writeFile('logo.png', new Uint8Array(SEED.files['logo.png'] as Uint8Array));
		await runtime.fs.writeFile('touched.txt', 'x');
		await expect.poll(() => prehashed.exists('touched.txt')).toBe(true);
		expect(changes).toEqual([expect.objectContaining({ path: 'touched.txt' })]);

		// And it is taken as given, not worked out again: a wrong one makes the same bytes a change.
		const misled = track(
			await openWorkspace({
				projectId: 'p',
				runtime: Promise.resolve(runtime),
				seed: { ...hashed, hashes: { ...hashed.hashes, 'logo.png': 42 } }
			})
		);
		await misled.runtimeReady;
		const seen: unknown[] = [];
		misled.subscribe((batch) => seen.push(...batch));
		await runtime.fs.writeFile('logo.png', new Uint8Array(SEED.files['logo.png'] as Uint8Array));
		await expect.poll(() => seen).toEqual([expect.objectContaining({ path: 'logo.png' })]);
	});

	it('reads nothing back from the runtime it was seeded with', async () => {
		const runtime = await seededRuntime();
		const before = { ...runtime.calls };
		const workspace = track(
			await openWorkspace({ projectId: 'p', runtime: Promise.resolve(runtime), seed: SEED })
		);
		await workspace.runtimeReady;
		expect(runtime.calls).toEqual(before);
		// And it is attached: a change made by a process arrives through watch.
		await runtime.fs.writeFile('made-by-a-process.txt', 'hi');
		await expect.poll(() => workspace.exists('made-by-a-process.txt')).toBe(true);
	});

	it('answers reads of its text before the runtime is up; writes and bytes wait for it', async () => {
		let attach!: (runtime: Runtime) => void;
		const pending = new Promise<Runtime>((resolve) => (attach = resolve));
		const persistence = new RecordingPersistence();
		const workspace = track(
			await openWorkspace({ projectId: 'p', runtime: pending, seed: SEED, persistence })
		);
		expect(await workspace.readText('src/main.ts')).toBe('export const main = "é ✓ 🎉";\n');
		expect(() => workspace.runtime).toThrow(/still starting/);
		const writing = workspace.writeFile('src/new.ts', 'new\n');
		const bytes = workspace.readBytes('logo.png');
		let wrote = false;
		void writing.then(() => (wrote = true));
		await Promise.resolve();
		expect(wrote).toBe(false);

		const runtime = await seededRuntime();
		attach(runtime);
		await writing;
		expect(await bytes).toEqual(SEED.files['logo.png']);
		expect(await runtime.fs.readTextFile('src/new.ts')).toBe('new\n');
		await workspace.flush();
		// The seed was storage's already: only the new file is saved.
		expect(persistence.log).toEqual(['putFile src/new.ts']);
	});

	it('says why when the runtime cannot start, and refuses writes with that reason', async () => {
		const workspace = track(
			await openWorkspace({
				projectId: 'p',
				runtime: Promise.reject(new Error('the download failed')),
				seed: SEED
			})
		);
		// The files are there all the same.
		expect(workspace.exists('src/main.ts')).toBe(true);
		await expect(workspace.runtimeReady).rejects.toThrow(
			/runtime could not start: the download failed\. Reload the page/
		);
		await expect(workspace.writeFile('a.txt', 'x')).rejects.toThrow(/the download failed/);
	});

	it('does not watch a runtime that arrives after it was closed', async () => {
		let attach!: (runtime: Runtime) => void;
		const pending = new Promise<Runtime>((resolve) => (attach = resolve));
		const workspace = new Workspace({ projectId: 'p', runtime: pending, seed: SEED });
		const changes: unknown[] = [];
		workspace.subscribe((batch) => changes.push(...batch));
		workspace.dispose();
		const runtime = await seededRuntime();
		attach(runtime);
		await workspace.runtimeReady;
		await runtime.fs.writeFile('late.txt', 'x');
		await workspace.idle();
		expect(workspace.exists('late.txt')).toBe(false);
		expect(changes).toEqual([]);
	});
});
