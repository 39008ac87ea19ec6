import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OPAQUE_DIRS } from '../lib/workspace';
import { KILN_DIR } from './session-files';

export interface DirectoryCopy {
	/** Every regular file, by project-relative path. */
	readonly files: Record<string, Uint8Array>;
	/** Symbolic links left out, by project-relative path. */
	readonly skippedLinks: readonly string[];
}

/**
 * Every file under `root` as project-relative path → bytes, for seeding the browser runtime
 * with a copy. node_modules and .git are left out: the workspace never indexes them and the
 * copy would be large; so is .kiln (kiln's own sessions, not the project's). Symbolic links are not followed, so a link out of the folder or a link
 * loop cannot reach the copy; they are listed so the person can be told.
 */
export async function readDirectoryFiles(root: string): Promise<DirectoryCopy> {
	const files: Record<string, Uint8Array> = {};
	const skippedLinks: string[] = [];
	async function walk(relative: string): Promise<void> {
		const entries = await readdir(join(root, relative), { withFileTypes: true });
		for (const entry of entries) {
			const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
			if (entry.isSymbolicLink()) {
				skippedLinks.push(path);
			} else if (entry.isDirectory()) {
				if (!OPAQUE_DIRS.has(entry.name) && path !== KILN_DIR) await walk(path);
			} else if (entry.isFile()) {
				files[path] = new Uint8Array(await readFile(join(root, path)));
			}
		}
	}
	await walk('');
	return { files, skippedLinks: skippedLinks.sort() };
}

/** The note for the person about links the copy left out ('' when none). */
export function skippedLinksNote(paths: readonly string[]): string {
	if (paths.length === 0) return '';
	const shown = paths.slice(0, 5).map((path) => `'${path}'`);
	if (paths.length > shown.length) shown.push(`${paths.length - shown.length} more`);
	return `kiln: --runtime browser copies regular files only; symbolic links were left out: ${shown.join(', ')}.\n`;
}
