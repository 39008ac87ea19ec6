/** RuntimeFs over a real directory with node:fs/promises. */
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { normalizePath } from '../paths';
import { RuntimeFsError, type DirEntry, type FsEventListener, type RuntimeFs } from '../types';
import { toRuntimeFsError } from './fs-errors';

export function createNodeFs(
	root: string,
	watch: (listener: FsEventListener) => () => void
): RuntimeFs {
	const resolve = (path: string) => {
		const normalized = normalizePath(path);
		return normalized === '' ? root : join(root, normalized);
	};

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

	return {
		readFile: (path) =>
			run(path, async () => {
				const buffer = await readFile(resolve(path));
				return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
			}),
		readTextFile: (path) => run(path, () => readFile(resolve(path), 'utf8')),
		writeFile: (path, data) => run(path, () => writeFile(resolve(path), data)),
		mkdir: (path, options) =>
			run(path, async () => {
				await mkdir(resolve(path), { recursive: options?.recursive ?? false });
			}),
		rm: (path, options) =>
			run(path, async () => {
				refuseRoot(path, 'remove');
				await rm(resolve(path), {
					recursive: options?.recursive ?? false,
					force: options?.force ?? false
				});
			}),
		rename: (from, to) =>
			run(from, async () => {
				refuseRoot(from, 'rename');
				refuseRoot(to, 'replace');
				await rename(resolve(from), resolve(to));
			}),
		readdir: (path) =>
			run(path, async () => {
				const folder = resolve(path);
				const entries = await readdir(folder, { withFileTypes: true });
				return Promise.all(
					entries.map(async (entry): Promise<DirEntry> => {
						let directory = entry.isDirectory();
						// A symlink is listed as what it points to; a dangling one as a file.
						if (entry.isSymbolicLink()) {
							directory = await stat(join(folder, entry.name)).then(
								(target) => target.isDirectory(),
								() => false
							);
						}
						return { name: entry.name, type: directory ? 'directory' : 'file' };
					})
				);
			}),
		stat: (path) =>
			run(path, async () => {
				const info = await stat(resolve(path));
				return {
					type: info.isDirectory() ? 'directory' : 'file',
					size: info.isDirectory() ? 0 : info.size,
					mtimeMs: info.mtimeMs
				};
			}),
		watch
	};
}
