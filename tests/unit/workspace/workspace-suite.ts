/**
 * The workspace's behaviour, run against every runtime the tests can create: the in-memory double
 * (with sync and batched watch delivery, with and without stat) and the real runtimes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../src/lib/runtime/types';
import { openWorkspace, type Workspace, type WorkspaceChange } from '../../../src/lib/workspace';
import { RecordingPersistence } from './recording-persistence';

export type RuntimeFactory = (files?: Record<string, string | Uint8Array>) => Promise<Runtime>;

let probes = 0;

/**
 * Waits until the workspace has seen every watch event caused so far: events arrive in order, so
 * once a probe written after them has come and gone, the earlier ones have been handled.
 */
export async function settle(workspace: Workspace): Promise<void> {
	const path = `probe-${++probes}.tmp`;
	const fs = workspace.runtime.fs;
	await fs.writeFile(path, 'probe');
	await expect.poll(() => workspace.exists(path)).toBe(true);
	await fs.rm(path);
	await expect.poll(() => workspace.exists(path)).toBe(false);
	await workspace.flush();
}

const isProbe = (change: WorkspaceChange) => change.path.startsWith('probe-');

/**
 * `seeded`: the workspace opens as the app opens it, with the index built from the files the
 * runtime was seeded with (in slices) and the runtime attached afterwards (not walked).
 */
export function describeWorkspaceSuite(
	name: string,
	createRuntime: RuntimeFactory,
	{ seeded = false }: { seeded?: boolean } = {}
) {
	describe(`workspace over ${name}${seeded ? ', opened from its seed' : ''}`, () => {
		const opened: { workspace: Workspace; runtimes: Runtime[] }[] = [];

		async function open(files: Record<string, string | Uint8Array> = {}) {
			const runtime = await createRuntime(files);
			const persistence = new RecordingPersistence();
			const errors: Error[] = [];
			const workspace = await openWorkspace({
				projectId: 'p1',
				runtime: seeded ? Promise.resolve(runtime) : runtime,
				...(seeded ? { seed: { files }, indexInSlices: true } : {}),
				persistence,
				onError: (error) => errors.push(error)
			});
			if (seeded) await workspace.runtimeReady;
			const changes: WorkspaceChange[] = [];
			workspace.subscribe((batch) => changes.push(...batch.filter((c) => !isProbe(c))));
			const entry = { workspace, runtimes: [runtime] };
			opened.push(entry);
			return { workspace, runtime, persistence, changes, errors, entry };
		}

		afterEach(async () => {
			for (const { workspace, runtimes } of opened.splice(0)) {
				workspace.dispose();
				for (const runtime of runtimes) await runtime.dispose();
			}
		});

		describe('index', () => {
			it('lists folders first, then files, each by name', async () => {
				const { workspace } = await open({
					'b.txt': 'b',
					'a.txt': 'a',
					'src/main.ts': 'main',
					'lib/x.ts': 'x'
				});
				expect(workspace.listDir('').map((node) => `${node.type} ${node.name}`)).toEqual([
					'directory lib',
					'directory src',
					'file a.txt',
					'file b.txt'
				]);
				expect(workspace.listDir('src')).toEqual([
					{ path: 'src/main.ts', name: 'main.ts', type: 'file', ignored: false }
				]);
				expect(workspace.allFiles().map((file) => file.path)).toEqual([
					'a.txt',
					'b.txt',
					'lib/x.ts',
					'src/main.ts'
				]);
				expect(workspace.isDirectory('src')).toBe(true);
				expect(workspace.exists('./src/main.ts')).toBe(true);
				expect(workspace.getFile('src/main.ts')).toMatchObject({ size: 4, binary: false });
				expect(await workspace.readText('src/main.ts')).toBe('main');
			});

			it('orders all files folder by folder, as ripgrep does (a/b before a-b)', async () => {
				const { workspace } = await open({
					'context-upkeep.ts': 'x',
					'context/a.ts': 'a',
					'context.ts': 'y'
				});
				expect(workspace.allFiles().map((file) => file.path)).toEqual([
					'context/a.ts',
					'context-upkeep.ts',
					'context.ts'
				]);
			});

			it('shows node_modules and .git as ignored folders without reading into them', async () => {
				const { workspace } = await open({
					'node_modules/pkg/index.js': 'module.exports = 1',
					'.git/HEAD': 'ref: refs/heads/main',
					'packages/a/node_modules/dep/x.js': 'x',
					'index.js': 'i'
				});
				expect(workspace.listDir('')).toContainEqual({
					path: 'node_modules',
					name: 'node_modules',
					type: 'directory',
					ignored: true
				});
				expect(workspace.listDir('.git')).toEqual([]);
				expect(workspace.listDir('node_modules')).toEqual([]);
				expect(workspace.isDirectory('packages/a/node_modules')).toBe(true);
				expect(workspace.exists('packages/a/node_modules/dep')).toBe(false);
				expect(workspace.allFiles().map((file) => file.path)).toEqual(['index.js']);
				// Still readable on request.
				expect(await workspace.readText('node_modules/pkg/index.js')).toBe('module.exports = 1');
			});

			it('marks binary files by a NUL byte or invalid UTF-8, keeping text files readable', async () => {
				const { workspace } = await open({
					'image.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
					'latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9]),
					'utf8.txt': 'café ✓'
				});
				expect(workspace.getFile('image.png')?.binary).toBe(true);
				expect(workspace.getFile('latin1.txt')?.binary).toBe(true);
				expect(workspace.getFile('utf8.txt')).toMatchObject({ binary: false, size: 9 });
				expect(Array.from(await workspace.readBytes('image.png'))).toEqual([
					0x89, 0x50, 0x4e, 0x47, 0x00, 0x01
				]);
			});
		});

		describe('.gitignore', () => {
			it('applies root and nested rules, with negation and folder rules', async () => {
				const { workspace } = await open({
					'.gitignore': 'dist/\n*.log\n!keep.log\n',
					'dist/bundle.js': 'b',
					'debug.log': 'd',
					'keep.log': 'k',
					'src/.gitignore': 'generated.ts\n',
					'src/generated.ts': 'g',
					'src/main.ts': 'm',
					'generated.ts': 'root one is not ignored'
				});
				const ignored = (path: string) => workspace.getFile(path)?.ignored;
				expect(workspace.listDir('').find((node) => node.name === 'dist')?.ignored).toBe(true);
				expect(ignored('dist/bundle.js')).toBe(true);
				expect(ignored('debug.log')).toBe(true);
				expect(ignored('keep.log')).toBe(false);
				expect(ignored('src/generated.ts')).toBe(true);
				expect(ignored('src/main.ts')).toBe(false);
				expect(ignored('generated.ts')).toBe(false);
				// Ignored files are indexed all the same.
				expect(await workspace.readText('dist/bundle.js')).toBe('b');
			});

			it('re-reads rules when a .gitignore is written, changed by a process, or removed', async () => {
				const { workspace, runtime } = await open({ 'out/a.js': 'a', 'notes.md': 'n' });
				expect(workspace.getFile('out/a.js')?.ignored).toBe(false);

				await workspace.writeFile('.gitignore', 'out/\n');
				expect(workspace.getFile('out/a.js')?.ignored).toBe(true);
				expect(workspace.listDir('').find((node) => node.name === 'out')?.ignored).toBe(true);

				await runtime.fs.writeFile('.gitignore', '*.md\n');
				await expect.poll(() => workspace.getFile('notes.md')?.ignored).toBe(true);
				expect(workspace.getFile('out/a.js')?.ignored).toBe(false);

				await runtime.fs.rm('.gitignore');
				await expect.poll(() => workspace.getFile('notes.md')?.ignored).toBe(false);
			});

			it('applies rules to files created later', async () => {
				const { workspace, runtime } = await open({ '.gitignore': '*.tmp\nbuild/\n' });
				await workspace.writeFile('a.tmp', 'x');
				expect(workspace.getFile('a.tmp')?.ignored).toBe(true);
				await runtime.fs.mkdir('build/sub', { recursive: true });
				await runtime.fs.writeFile('build/sub/out.js', 'o');
				await expect.poll(() => workspace.getFile('build/sub/out.js')?.ignored).toBe(true);
			});
		});

		describe('writes through the workspace', () => {
			it('writes a file (creating folders) with exactly one notification', async () => {
				const { workspace, runtime, changes } = await open();
				const revision = workspace.revision;
				await workspace.writeFile('src/deep/a.ts', 'export {}');
				expect(await runtime.fs.readTextFile('src/deep/a.ts')).toBe('export {}');
				expect(workspace.getFile('src/deep/a.ts')?.size).toBe(9);
				await settle(workspace);
				expect(changes).toEqual([
					{ type: 'mkdir', path: 'src', origin: 'workspace' },
					{ type: 'mkdir', path: 'src/deep', origin: 'workspace' },
					{ type: 'change', path: 'src/deep/a.ts', origin: 'workspace' }
				]);
				// One batch for the write, then the probe's two.
				expect(workspace.revision).toBe(revision + 3);
			});

			it('overwrites a file: one notification per write, none for the same content again', async () => {
				const { workspace, changes } = await open({ 'a.txt': 'one' });
				await workspace.writeFile('a.txt', 'two');
				await workspace.writeFile('a.txt', 'three');
				await workspace.writeFile('a.txt', 'three');
				await settle(workspace);
				expect(changes).toEqual([
					{ type: 'change', path: 'a.txt', origin: 'workspace' },
					{ type: 'change', path: 'a.txt', origin: 'workspace' }
				]);
				expect(await workspace.readText('a.txt')).toBe('three');
			});

			it('creates, renames and removes folders', async () => {
				const { workspace, runtime, changes } = await open({
					'old/x.txt': 'x',
					'old/y/z.txt': 'z'
				});
				await workspace.mkdir('empty/inner');
				expect(workspace.isDirectory('empty/inner')).toBe(true);
				await workspace.rename('old', 'moved/new');
				expect(workspace.exists('old')).toBe(false);
				expect(await workspace.readText('moved/new/y/z.txt')).toBe('z');
				expect(await runtime.fs.readTextFile('moved/new/x.txt')).toBe('x');
				await workspace.remove('moved');
				expect(workspace.exists('moved/new/x.txt')).toBe(false);
				await expect(runtime.fs.readdir('moved')).rejects.toThrow();
				await settle(workspace);
				expect(changes.filter((c) => c.origin !== 'workspace')).toEqual([]);
				expect(changes).toContainEqual({ type: 'remove', path: 'old', origin: 'workspace' });
				expect(changes).toContainEqual({
					type: 'change',
					path: 'moved/new/y/z.txt',
					origin: 'workspace'
				});
				expect(changes.at(-1)).toEqual({ type: 'remove', path: 'moved', origin: 'workspace' });
			});

			it('renames a file over another one', async () => {
				const { workspace } = await open({ 'a.txt': 'a', 'b.txt': 'b' });
				await workspace.rename('a.txt', 'b.txt');
				expect(workspace.exists('a.txt')).toBe(false);
				expect(await workspace.readText('b.txt')).toBe('a');
			});

			it('reports a failed write to the caller and keeps the index as the runtime is', async () => {
				const { workspace } = await open({ 'file.txt': 'f' });
				await expect(workspace.writeFile('file.txt/child.txt', 'x')).rejects.toThrow();
				expect(workspace.getFile('file.txt')?.size).toBe(1);
				expect(workspace.exists('file.txt/child.txt')).toBe(false);
				await expect(workspace.remove('')).rejects.toThrow(/cannot be removed/);
				await expect(workspace.rename('missing', 'elsewhere')).rejects.toThrow();
			});
		});

		describe('changes made by processes', () => {
			it('indexes new files and folders and tells subscribers they came from the runtime', async () => {
				const { workspace, runtime, changes } = await open();
				await runtime.fs.mkdir('gen/a', { recursive: true });
				await runtime.fs.writeFile('gen/a/out.txt', 'made by a command');
				await expect.poll(() => workspace.exists('gen/a/out.txt')).toBe(true);
				expect(await workspace.readText('gen/a/out.txt')).toBe('made by a command');
				expect(changes).toContainEqual({
					type: 'change',
					path: 'gen/a/out.txt',
					origin: 'runtime'
				});
				expect(changes).toContainEqual({ type: 'mkdir', path: 'gen', origin: 'runtime' });
				expect(changes.every((change) => change.origin === 'runtime')).toBe(true);
			});

			it('re-reads a changed file', async () => {
				const { workspace, runtime } = await open({ 'a.txt': 'before' });
				await runtime.fs.writeFile('a.txt', 'after, longer');
				await expect.poll(() => workspace.peekText('a.txt')).toBe('after, longer');
				expect(workspace.getFile('a.txt')?.size).toBe(13);
			});

			it('removes a deleted folder with its whole subtree', async () => {
				const { workspace, runtime, changes } = await open({ 'd/e/f.txt': 'f', 'd/g.txt': 'g' });
				await runtime.fs.rm('d', { recursive: true });
				await expect.poll(() => workspace.exists('d')).toBe(false);
				expect(workspace.exists('d/e/f.txt')).toBe(false);
				expect(workspace.allFiles()).toEqual([]);
				expect(changes).toContainEqual({ type: 'remove', path: 'd', origin: 'runtime' });
				// On a busy machine the watcher may report files inside before the folder is gone
				// (seen with the node runtime under load): their removals may come first, one each.
				for (const change of changes) {
					expect(change).toMatchObject({ type: 'remove', origin: 'runtime' });
					expect(['d', 'd/e', 'd/e/f.txt', 'd/g.txt']).toContain(change.path);
				}
			});

			it('follows a folder moved by a process', async () => {
				const { workspace, runtime } = await open({ 'a/b/c.txt': 'c' });
				await runtime.fs.rename('a', 'z');
				await expect.poll(() => workspace.exists('z/b/c.txt')).toBe(true);
				expect(workspace.exists('a')).toBe(false);
			});

			it('shows node_modules appearing, without indexing what is inside', async () => {
				const { workspace, runtime } = await open({ 'package.json': '{}' });
				await runtime.fs.mkdir('node_modules/left-pad', { recursive: true });
				await runtime.fs.writeFile('node_modules/left-pad/index.js', 'x');
				await expect.poll(() => workspace.isDirectory('node_modules')).toBe(true);
				await settle(workspace);
				expect(workspace.listDir('node_modules')).toEqual([]);
				expect(workspace.allFiles().map((file) => file.path)).toEqual(['package.json']);
			});
		});

		describe('persistence', () => {
			it('saves every change but node_modules content, ignored files included', async () => {
				const { workspace, runtime, persistence } = await open({ '.gitignore': 'dist/\n' });
				await workspace.writeFile('src/a.ts', 'a');
				await workspace.writeFile('logo.bin', new Uint8Array([0, 1, 2]));
				await workspace.mkdir('empty');
				await runtime.fs.mkdir('dist', { recursive: true });
				await runtime.fs.writeFile('dist/out.js', 'built');
				await runtime.fs.mkdir('node_modules/x', { recursive: true });
				await runtime.fs.writeFile('node_modules/x/i.js', 'dep');
				await settle(workspace);
				expect(persistence.text('src/a.ts')).toBe('a');
				expect(persistence.files.get('logo.bin')).toEqual(new Uint8Array([0, 1, 2]));
				expect(persistence.text('dist/out.js')).toBe('built');
				expect(persistence.dirs).toEqual(new Set(['src', 'empty', 'dist']));
				expect([...persistence.files.keys()].some((path) => path.includes('node_modules'))).toBe(
					false
				);
				// The first walk saves nothing: those files came from storage.
				expect(persistence.files.has('.gitignore')).toBe(false);
			});

			it('saves removals and renames', async () => {
				const { workspace, persistence } = await open();
				await workspace.writeFile('old/a.txt', 'a');
				await workspace.writeFile('gone.txt', 'g');
				await workspace.rename('old', 'new');
				await workspace.remove('gone.txt');
				await workspace.flush();
				expect([...persistence.files.keys()]).toEqual(['new/a.txt']);
				expect([...persistence.dirs]).toEqual(['new']);
			});

			it('stores a renamed file at its new place before forgetting the old one', async () => {
				const { workspace, persistence } = await open({ 'style.css': 'body {}', 'dir/a.txt': 'a' });
				await workspace.rename('style.css', 'theme.css');
				await workspace.rename('dir', 'moved/dir');
				await workspace.flush();
				// A crash between two commits may cut this list anywhere: no cut loses a file.
				const order = (entry: string) => persistence.log.indexOf(entry);
				expect(order('putFile theme.css')).toBeGreaterThanOrEqual(0);
				expect(order('putFile theme.css')).toBeLessThan(order('deleteTree style.css'));
				expect(order('putFile moved/dir/a.txt')).toBeLessThan(order('deleteTree dir'));
				expect([...persistence.files.keys()].sort()).toEqual(['moved/dir/a.txt', 'theme.css']);
			});

			it('keeps the bytes of a file whose text would not round-trip', async () => {
				const { workspace, persistence } = await open();
				const bytes = new Uint8Array(9000).fill(0x61);
				bytes[8999] = 0xff; // invalid UTF-8 after the first 8 KB: text, but not exact
				await workspace.writeFile('mostly-text.txt', bytes);
				await workspace.flush();
				expect(workspace.getFile('mostly-text.txt')?.binary).toBe(false);
				expect(persistence.files.get('mostly-text.txt')).toEqual(bytes);
			});

			it('flush rejects once with the save error, and the error is reported', async () => {
				const { workspace, persistence, errors } = await open();
				persistence.failWith = new Error('Disk full. Free some space.');
				await workspace.writeFile('a.txt', 'a');
				await expect(workspace.flush()).rejects.toThrow(/Disk full/);
				await expect(workspace.flush()).resolves.toBeUndefined();
				expect(errors.map((error) => error.message)).toEqual(['Disk full. Free some space.']);
			});
		});

		describe('switchRuntime', () => {
			it('copies the project into the next runtime and follows its changes from then on', async () => {
				const { workspace, runtime, changes, entry } = await open({
					'src/a.ts': 'a',
					'bin.dat': new Uint8Array([0, 255, 1]),
					'node_modules/dep/x.js': 'dep'
				});
				await workspace.mkdir('empty');
				const next = await createRuntime();
				entry.runtimes.push(next);
				await workspace.switchRuntime(next);
				expect(workspace.runtime).toBe(next);
				expect(await next.fs.readTextFile('src/a.ts')).toBe('a');
				expect(Array.from(await next.fs.readFile('bin.dat'))).toEqual([0, 255, 1]);
				expect(await next.fs.readdir('empty')).toEqual([]);
				await expect(next.fs.readdir('node_modules')).rejects.toThrow();
				expect(workspace.allFiles().map((file) => file.path)).toEqual(['bin.dat', 'src/a.ts']);

				const before = changes.length;
				await runtime.fs.writeFile('old-runtime.txt', 'not followed');
				await next.fs.writeFile('new-runtime.txt', 'followed');
				await expect.poll(() => workspace.exists('new-runtime.txt')).toBe(true);
				await settle(workspace);
				expect(workspace.exists('old-runtime.txt')).toBe(false);
				expect(changes.slice(before)).toEqual([
					{ type: 'change', path: 'new-runtime.txt', origin: 'runtime' }
				]);
				await workspace.writeFile('after.txt', 'x');
				expect(await next.fs.readTextFile('after.txt')).toBe('x');
			});
		});

		describe('dispose', () => {
			it('stops notifications and refuses writes with a clear message', async () => {
				const { workspace, runtime, changes } = await open();
				workspace.dispose();
				await runtime.fs.writeFile('late.txt', 'x');
				await expect(workspace.writeFile('a.txt', 'a')).rejects.toThrow(/closed.*Open it again/);
				await workspace.flush();
				expect(changes).toEqual([]);
			});
		});
	});
}
