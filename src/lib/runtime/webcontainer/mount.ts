import type { DirectoryNode, FileSystemTree } from '@webcontainer/api';
import { normalizePath } from '../paths';
import { RuntimeFsError } from '../types';
import type { MountableContainer } from './types';

/**
 * Builds the nested tree `container.mount` takes from flat project paths:
 * `{'src/a.ts': '…'}` → `{src: {directory: {'a.ts': {file: {contents: '…'}}}}}`.
 * A path used both as a file and as a folder is refused, as a filesystem would.
 */
export function toFileSystemTree(files: Record<string, string | Uint8Array>): FileSystemTree {
	const root: FileSystemTree = {};
	for (const [rawPath, contents] of Object.entries(files)) {
		const path = normalizePath(rawPath);
		if (path === '') throw new RuntimeFsError('EISDIR', rawPath, 'The project root is a folder.');
		const parts = path.split('/');
		const name = parts.pop() as string;
		let folder = root;
		for (const part of parts) {
			const node = (folder[part] ??= { directory: {} });
			if (!('directory' in node)) throw new RuntimeFsError('ENOTDIR', rawPath);
			folder = (node as DirectoryNode).directory;
		}
		if (folder[name]) throw new RuntimeFsError('EEXIST', rawPath);
		folder[name] = { file: { contents } };
	}
	return root;
}

/** Writes project files into a booted WebContainer in one message (`mount`), optionally below a folder. */
export async function mountFiles(
	container: MountableContainer,
	files: Record<string, string | Uint8Array>,
	options: { mountPoint?: string } = {}
): Promise<void> {
	const mountPoint =
		options.mountPoint === undefined ? undefined : normalizePath(options.mountPoint);
	await container.mount(toFileSystemTree(files), mountPoint ? { mountPoint } : undefined);
}
