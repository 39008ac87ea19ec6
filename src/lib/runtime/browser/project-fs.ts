/**
 * The runtime's RuntimeFs over just-bash's filesystem: project-relative paths mapped under
 * /project, errors mapped to RuntimeFsError, and the checks in-memory storage skips (a write
 * needs an existing parent folder, a folder is never overwritten by a file) made here so this
 * runtime behaves like a real disk.
 */
import type { FsStat } from 'just-bash/browser';
import { normalizePath } from '../paths';
import {
	RuntimeFsError,
	type DirEntry,
	type FileStat,
	type FsEventListener,
	type RuntimeFs
} from '../types';
import type { FsEventBatcher } from './event-batcher';
import { toRuntimeFsError } from './fs-errors';
import { parentOf, toBashPath, toProjectPath } from './project-paths';
import type { WatchedFs } from './watched-fs';

export function createProjectFs(fs: WatchedFs, events: FsEventBatcher): RuntimeFs {
	const statOrUndefined = async (absolute: string): Promise<FsStat | undefined> => {
		try {
			return await fs.stat(absolute);
		} catch {
			return undefined;
		}
	};

	/** Runs one operation; errors come out as RuntimeFsError, events go out before it resolves. */
	const run = async <T>(path: string, operation: () => Promise<T>): Promise<T> => {
		try {
			return await operation();
		} catch (error) {
			throw toRuntimeFsError(error, path);
		} finally {
			events.flush();
		}
	};

	const refuseRoot = (path: string, action: string) => {
		if (normalizePath(path) === '') {
			throw new RuntimeFsError('EINVAL', path, `Cannot ${action} the project root itself.`);
		}
	};

	const requireParentFolder = async (path: string, absolute: string) => {
		const parent = await statOrUndefined(parentOf(absolute));
		if (!parent) throw new RuntimeFsError('ENOENT', path);
		if (!parent.isDirectory) throw new RuntimeFsError('ENOTDIR', path);
	};

	return {
		readFile: (path) =>
			run(path, async () => {
				// A copy: the caller must not be able to change the stored bytes in place.
				return new Uint8Array(await fs.readFileBuffer(toBashPath(path)));
			}),

		readTextFile: (path) =>
			run(path, async () => new TextDecoder().decode(await fs.readFileBuffer(toBashPath(path)))),

		writeFile: (path, data) =>
			run(path, async () => {
				const absolute = toBashPath(path);
				await requireParentFolder(path, absolute);
				if ((await statOrUndefined(absolute))?.isDirectory) {
					throw new RuntimeFsError('EISDIR', path);
				}
				await fs.writeFile(absolute, typeof data === 'string' ? data : new Uint8Array(data));
			}),

		mkdir: (path, options) =>
			run(path, async () => {
				const absolute = toBashPath(path);
				const existing = await statOrUndefined(absolute);
				if (existing) {
					if (options?.recursive && existing.isDirectory) return;
					throw new RuntimeFsError('EEXIST', path);
				}
				if (!options?.recursive) await requireParentFolder(path, absolute);
				await fs.mkdir(absolute, { recursive: options?.recursive ?? false });
			}),

		rm: (path, options) =>
			run(path, async () => {
				refuseRoot(path, 'remove');
				const absolute = toBashPath(path);
				let stat: FsStat;
				try {
					stat = await fs.lstat(absolute);
				} catch (error) {
					if (options?.force) return;
					throw error;
				}
				if (stat.isDirectory && !options?.recursive) throw new RuntimeFsError('EISDIR', path);
				await fs.rm(absolute, { recursive: options?.recursive ?? false, force: false });
			}),

		rename: (from, to) =>
			run(from, async () => {
				refuseRoot(from, 'rename');
				refuseRoot(to, 'replace');
				const source = toBashPath(from);
				const target = toBashPath(to);
				const sourceStat = await fs.lstat(source);
				if (source === target) return;
				if (target.startsWith(`${source}/`)) {
					throw new RuntimeFsError('EINVAL', to, `Cannot move '${from}' into itself ('${to}').`);
				}
				await requireParentFolder(to, target);
				const targetStat = await statOrUndefined(target);
				// rename(2) rules: a file replaces a file, a folder replaces only an empty folder.
				if (targetStat?.isDirectory) {
					if (!sourceStat.isDirectory) throw new RuntimeFsError('EISDIR', to);
					if ((await fs.readdir(target)).length > 0) throw new RuntimeFsError('ENOTEMPTY', to);
					await fs.inner.rm(target, { recursive: true });
				} else if (targetStat && sourceStat.isDirectory) {
					throw new RuntimeFsError('ENOTDIR', to);
				}
				await fs.mv(source, target);
			}),

		readdir: (path) =>
			run(path, async () => {
				const absolute = toBashPath(path);
				const entries = await fs.readdirWithFileTypes(absolute);
				return Promise.all(
					entries.map(async (entry): Promise<DirEntry> => {
						if (!entry.isSymbolicLink) {
							return { name: entry.name, type: entry.isDirectory ? 'directory' : 'file' };
						}
						// A symlink is listed as what it points to (a dangling one as a file), with
						// where it really leads, so walks can tell a loop.
						const link = `${absolute}/${entry.name}`;
						const directory = (await statOrUndefined(link))?.isDirectory ?? false;
						const real = await fs.realpath(link).catch(() => undefined);
						const target = real === undefined ? undefined : toProjectPath(real);
						return {
							name: entry.name,
							type: directory ? 'directory' : 'file',
							link: target === undefined ? {} : { target }
						};
					})
				);
			}),

		stat: (path) =>
			run(path, async (): Promise<FileStat> => {
				const absolute = toBashPath(path);
				const stat = await fs.stat(absolute);
				const own = await fs.lstat(absolute);
				const target = own.isSymbolicLink ? toProjectPath(await fs.realpath(absolute)) : undefined;
				return {
					type: stat.isDirectory ? 'directory' : 'file',
					size: stat.isDirectory ? 0 : stat.size,
					mtimeMs: stat.mtime.getTime(),
					...(own.isSymbolicLink ? { link: target === undefined ? {} : { target } } : {})
				};
			}),

		watch: (listener: FsEventListener) => events.subscribe(listener)
	};
}
