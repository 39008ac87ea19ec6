import type { WorkspaceApi, WorkspaceNode } from '../../../src/lib/workspace';

/** Just enough of a workspace for export: files and folders from a map. */
export function fakeWorkspace(
	files: Record<string, Uint8Array>,
	dirs: string[] = []
): WorkspaceApi {
	const allDirs = new Set(dirs);
	for (const path of [...Object.keys(files), ...dirs]) {
		const parts = path.split('/');
		for (let i = 1; i < parts.length; i++) allDirs.add(parts.slice(0, i).join('/'));
	}
	const parentOf = (path: string) => path.split('/').slice(0, -1).join('/');
	const node = (path: string, type: WorkspaceNode['type']): WorkspaceNode => ({
		path,
		name: path.split('/').at(-1)!,
		type,
		ignored: false
	});
	return {
		projectId: 'p',
		revision: 0,
		exists: (path) => path in files || allDirs.has(path),
		isDirectory: (path) => allDirs.has(path),
		getFile: () => undefined,
		listDir: (dir) => [
			...[...allDirs].filter((d) => parentOf(d) === dir).map((d) => node(d, 'directory')),
			...Object.keys(files)
				.filter((f) => parentOf(f) === dir)
				.map((f) => node(f, 'file'))
		],
		allFiles: () =>
			Object.entries(files).map(([path, data]) => ({
				path,
				size: data.byteLength,
				mtimeMs: 0,
				binary: false,
				ignored: false
			})),
		readText: async (path) => new TextDecoder().decode(files[path]),
		readBytes: async (path) => files[path]!,
		writeFile: async () => {},
		mkdir: async () => {},
		remove: async () => {},
		rename: async () => {},
		subscribe: () => () => {}
	};
}
