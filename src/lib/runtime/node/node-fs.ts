/**
 * RuntimeFs over a real directory with node:fs/promises. Every path goes through real-paths.ts:
 * symbolic links are followed only while they stay inside the project folder.
 */
import {
	lstat,
	mkdir,
	readFile,
	readdir,
	realpath,
	rename,
	rm,
	stat,
	writeFile
} from 'node:fs/promises';
import { join } from 'node:path';
import { normalizePath } from '../paths';
import {
	RuntimeFsError,
	type DirEntry,
	type FsEventListener,
	type LinkInfo,
	type RuntimeFs
} from '../types';
import { toRuntimeFsError } from './fs-errors';
import type { RealPaths } from './real-paths';

export function createNodeFs(
	paths: RealPaths,
	watch: (listener: FsEventListener) => () => void
): RuntimeFs {
	const run = async <T>(path: string, operation: () => Promise<T>): Promise<T> => {
		try {
			return await operation();
		} catch (error) {
			throw toRuntimeFsError(error, path);
		}
	};

	const refuseRoot = (path: string, action: string) => {
		if (normalizePath(path) === '') {
			throw new RuntimeFsError('EINVAL', path, `Cannot ${action} the project root itself.`);
		}
	};

	/** Where a link really leads, as a project path (undefined: outside, nowhere, a loop). */
	const linkTarget = async (absolute: string): Promise<LinkInfo> => {
		const real = await realpath(absolute).catch(() => undefined);
		const target = real === undefined ? undefined : paths.toProject(real);
		return target === undefined ? {} : { target };
	};

	return {
		readFile: (path) =>
			run(path, async () => {
				const buffer = await readFile(await paths.existing(path));
				return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
			}),
		readTextFile: (path) => run(path, async () => readFile(await paths.existing(path), 'utf8')),
		writeFile: (path, data) => run(path, async () => writeFile(await paths.forWrite(path), data)),
		mkdir: (path, options) =>
			run(path, async () => {
				await mkdir(await paths.forWrite(path), { recursive: options?.recursive ?? false });
			}),
		rm: (path, options) =>
			run(path, async () => {
				refuseRoot(path, 'remove');
				// The entry itself: removing a link removes the link, never what it points to.
				await rm(await paths.entry(path), {
					recursive: options?.recursive ?? false,
					force: options?.force ?? false
				});
			}),
		rename: (from, to) =>
			run(from, async () => {
				refuseRoot(from, 'rename');
				refuseRoot(to, 'replace');
				await rename(await paths.entry(from), await paths.entry(to));
			}),
		readdir: (path) =>
			run(path, async () => {
				const folder = await paths.existing(path);
				const entries = await readdir(folder, { withFileTypes: true });
				return Promise.all(
					entries.map(async (entry): Promise<DirEntry> => {
						if (!entry.isSymbolicLink()) {
							return { name: entry.name, type: entry.isDirectory() ? 'directory' : 'file' };
						}
						// A link is listed as what it leads to; one leading outside (or nowhere) as a
						// file without a target, which reading then refuses with a clear message.
						const link = await linkTarget(join(folder, entry.name));
						const directory =
							link.target !== undefined &&
							(await stat(join(folder, entry.name)).then(
								(target) => target.isDirectory(),
								() => false
							));
						return { name: entry.name, type: directory ? 'directory' : 'file', link };
					})
				);
			}),
		stat: (path) =>
			run(path, async () => {
				const real = await paths.existing(path);
				const info = await stat(real);
				const own = await lstat(await paths.entry(path));
				return {
					type: info.isDirectory() ? 'directory' : 'file',
					size: info.isDirectory() ? 0 : info.size,
					mtimeMs: info.mtimeMs,
					...(own.isSymbolicLink() ? { link: { target: paths.toProject(real) } } : {})
				};
			}),
		watch
	};
}
