import type { FileSystemAPI } from '@webcontainer/api';
import { dirname, normalizePath } from '../paths';
import { RuntimeFsError, type DirEntry, type RuntimeFs } from '../types';
import { fsErrorCode, toRuntimeFsError } from './errors';
import type { WatchHub } from './watch';

/** Project paths map onto WebContainer paths relative to its workdir; the root is `.`. */
function toContainerPath(path: string): string {
	return normalizePath(path) || '.';
}

/**
 * RuntimeFs over WebContainer's fs. There is no stat (WebContainer has none), so `stat` is
 * left out altogether rather than emulated, and capabilities say so.
 */
export function createWebContainerFs(fs: FileSystemAPI, hub: WatchHub): RuntimeFs {
	const run = async <T>(operation: string, path: string, action: () => Promise<T>): Promise<T> => {
		try {
			return await action();
		} catch (error) {
			throw toRuntimeFsError(error, operation, path);
		}
	};

	return {
		readFile: (path) => run('read', path, () => fs.readFile(toContainerPath(path))),

		readTextFile: (path) => run('read', path, () => fs.readFile(toContainerPath(path), 'utf-8')),

		writeFile: (path, data) =>
			run('write', path, async () => {
				const target = toContainerPath(path);
				try {
					await fs.writeFile(target, data);
				} catch (error) {
					// The contract wants ENOENT for a missing parent. WebContainer does fail there, but
					// its message is all we get; if it names no code, ask the parent directly.
					if (fsErrorCode(error) === undefined && !(await exists(fs, dirname(target)))) {
						throw new RuntimeFsError('ENOENT', path);
					}
					throw error;
				}
			}),

		mkdir: (path, options) =>
			run('create folder', path, async () => {
				const target = toContainerPath(path);
				if (options?.recursive) await fs.mkdir(target, { recursive: true });
				else await fs.mkdir(target);
			}),

		rm: (path, options) =>
			run('remove', path, async () => {
				const target = toContainerPath(path);
				if (target === '.') {
					throw new RuntimeFsError('EINVAL', path, 'Refusing to remove the project root.');
				}
				await fs.rm(target, {
					recursive: options?.recursive === true,
					force: options?.force === true
				});
			}),

		rename: (from, to) =>
			run('rename', from, () => fs.rename(toContainerPath(from), toContainerPath(to))),

		readdir: (path) =>
			run('list', path, async () => {
				const entries = await fs.readdir(toContainerPath(path), { withFileTypes: true });
				const result: DirEntry[] = [];
				for (const entry of entries) {
					// Symlinks (node_modules/.bin) are neither; the contract only knows files and folders.
					if (entry.isDirectory()) result.push({ name: entry.name, type: 'directory' });
					else if (entry.isFile()) result.push({ name: entry.name, type: 'file' });
				}
				return result;
			}),

		watch: (listener) => hub.subscribe(listener)
	};
}

async function exists(fs: FileSystemAPI, folder: string): Promise<boolean> {
	try {
		await fs.readdir(folder || '.');
		return true;
	} catch {
		return false;
	}
}
