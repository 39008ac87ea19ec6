import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OPAQUE_DIRS } from '../lib/workspace';

/**
 * Every file under `root` as project-relative path → bytes, for seeding the browser runtime
 * with a copy. node_modules and .git are left out: the workspace never indexes them and the
 * copy would be large. Symbolic links are skipped, as they could point outside the folder.
 */
export async function readDirectoryFiles(root: string): Promise<Record<string, Uint8Array>> {
	const files: Record<string, Uint8Array> = {};
	async function walk(relative: string): Promise<void> {
		const entries = await readdir(join(root, relative), { withFileTypes: true });
		for (const entry of entries) {
			const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
			if (entry.isDirectory()) {
				if (!OPAQUE_DIRS.has(entry.name)) await walk(path);
			} else if (entry.isFile()) {
				files[path] = new Uint8Array(await readFile(join(root, path)));
			}
		}
	}
	await walk('');
	return files;
}
