/**
 * The project's files as a share link carries them: what the workspace indexes, minus what is
 * installed or built (node_modules, .git, anything .gitignore matches), which the person is told.
 * Typed structurally, so this folder needs nothing from the workspace layer but its shape.
 */

interface FileEntry {
	readonly path: string;
	readonly ignored: boolean;
}

interface NodeEntry extends FileEntry {
	readonly type: 'file' | 'directory';
}

/** The part of the workspace this reads. */
export interface ShareSource {
	allFiles(): readonly FileEntry[];
	listDir(path: string): readonly NodeEntry[];
	readBytes(path: string): Promise<Uint8Array>;
}

export interface CollectedFiles {
	readonly files: Record<string, Uint8Array>;
	/** Folders with nothing in them that would otherwise be lost. */
	readonly dirs: string[];
	/** Ignored folders (node_modules, .git, build output), each as one entry. */
	readonly leftOutDirs: string[];
	/** Ignored files outside those folders. */
	readonly leftOutFiles: string[];
}

export async function collectShareFiles(source: ShareSource): Promise<CollectedFiles> {
	const dirs: string[] = [];
	const leftOutDirs: string[] = [];
	const walk = (path: string) => {
		const children = source.listDir(path);
		if (path !== '' && children.length === 0) dirs.push(path);
		for (const child of children) {
			if (child.type !== 'directory') continue;
			if (child.ignored) leftOutDirs.push(child.path);
			else walk(child.path);
		}
	};
	walk('');
	const inLeftOutDir = (path: string) => leftOutDirs.some((dir) => path.startsWith(dir + '/'));
	const files: [string, Uint8Array][] = [];
	const leftOutFiles: string[] = [];
	const all = [...source.allFiles()].sort((a, b) => (a.path < b.path ? -1 : 1));
	for (const file of all) {
		if (inLeftOutDir(file.path)) continue;
		if (file.ignored) leftOutFiles.push(file.path);
		else files.push([file.path, await source.readBytes(file.path)]);
	}
	return { files: Object.fromEntries(files), dirs, leftOutDirs, leftOutFiles };
}

/** "node_modules, dist and 2 ignored files": what the dialog says was left out. */
export function describeLeftOut(collected: CollectedFiles): string | null {
	const parts = [...collected.leftOutDirs];
	const count = collected.leftOutFiles.length;
	if (count === 1) parts.push(collected.leftOutFiles[0]!);
	else if (count > 1) parts.push(`${count} ignored files`);
	if (parts.length === 0) return null;
	const list =
		parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
	return `Left out (installed, built or ignored by .gitignore): ${list}.`;
}
