/**
 * The project as a zip a person can keep, unpack anywhere and import again: every file the
 * workspace holds (never node_modules or .git, which it does not index), empty folders, and on
 * request the conversation under `.kiln/`. Settings and keys live in another store and are never
 * read here.
 */
import { zipSync, type Zippable } from 'fflate';
import type { WorkspaceApi } from '../workspace';
import { SESSION_JSON_PATH, SESSION_MARKDOWN_PATH } from './import-collect';
import type { ProgressListener } from './import-types';
import { sessionToJson, sessionToMarkdown, type SessionSource } from './session-document';
import { Breather } from './yield';

const EXCLUDED_DIRS = new Set(['node_modules', '.git']);
/** Deflate level of the exported zip (fflate's default); the benchmark compares at the same one. */
export const EXPORT_ZIP_LEVEL = 6;

export interface ExportOptions {
	/** The conversation to include; nothing of it goes in unless one of the flags is set. */
	session?: SessionSource;
	includeMarkdown?: boolean;
	includeJson?: boolean;
	onProgress?: ProgressListener;
}

export interface ProjectArchive {
	readonly fileName: string;
	readonly bytes: Uint8Array;
	readonly fileCount: number;
}

/** A file name for the download: the project's name without characters file systems refuse. */
export function archiveName(projectName: string): string {
	const safe = Array.from(projectName, (char) =>
		char.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(char) ? '-' : char
	)
		.join('')
		.replace(/-+/g, '-')
		.replace(/^[.\s-]+|[.\s-]+$/g, '');
	return `${safe || 'project'}.zip`;
}

function excluded(path: string): boolean {
	return path.split('/').some((part) => EXCLUDED_DIRS.has(part));
}

/** Folders with nothing in them: a zip keeps them only as entries of their own. */
function emptyDirs(workspace: WorkspaceApi, dir = ''): string[] {
	const found: string[] = [];
	for (const node of workspace.listDir(dir)) {
		if (node.type !== 'directory' || excluded(node.path)) continue;
		const children = workspace.listDir(node.path);
		if (children.length === 0) found.push(node.path);
		else found.push(...emptyDirs(workspace, node.path));
	}
	return found;
}

export async function exportProject(
	workspace: WorkspaceApi,
	projectName: string,
	options: ExportOptions = {}
): Promise<ProjectArchive> {
	const entries: Zippable = {};
	const files = workspace.allFiles().filter((file) => !excluded(file.path));
	const breather = new Breather();
	for (const [index, file] of files.entries()) {
		entries[file.path] = await workspace.readBytes(file.path);
		options.onProgress?.({ phase: 'Collecting files', done: index + 1, total: files.length });
		await breather.maybe();
	}
	for (const dir of emptyDirs(workspace)) entries[`${dir}/`] = new Uint8Array(0);
	const encoder = new TextEncoder();
	if (options.session && options.includeJson) {
		entries[SESSION_JSON_PATH] = encoder.encode(sessionToJson(options.session));
	}
	if (options.session && options.includeMarkdown) {
		entries[SESSION_MARKDOWN_PATH] = encoder.encode(sessionToMarkdown(options.session));
	}
	options.onProgress?.({ phase: 'Compressing', done: files.length, total: files.length });
	return {
		fileName: archiveName(projectName),
		bytes: await zipFiles(entries),
		fileCount: files.length
	};
}

type WorkerAnswer = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

/**
 * Zips in a worker of our own where there is one (the page), so a big project does not freeze
 * it; on this thread where there is none (Node: tests, the benchmark) or it cannot start. Not
 * fflate's async zip: see export-zip.worker.ts for why.
 */
export function zipFiles(entries: Zippable): Promise<Uint8Array> {
	const here = () => zipSync(entries, { level: EXPORT_ZIP_LEVEL });
	if (typeof Worker === 'undefined') return Promise.resolve(here());
	return new Promise((resolve, reject) => {
		let worker: Worker;
		try {
			worker = new Worker(new URL('./export-zip.worker.ts', import.meta.url), { type: 'module' });
		} catch {
			resolve(here());
			return;
		}
		worker.onmessage = (event: MessageEvent<WorkerAnswer>) => {
			worker.terminate();
			const answer = event.data;
			if (answer.ok) resolve(answer.bytes);
			else reject(new Error(`The zip could not be made: ${answer.message}`));
		};
		worker.onerror = () => {
			worker.terminate();
			try {
				resolve(here());
			} catch (error) {
				reject(error instanceof Error ? error : new Error(String(error)));
			}
		};
		// Copied, not transferred: the buffers may be the workspace's own.
		worker.postMessage({ entries, level: EXPORT_ZIP_LEVEL });
	});
}

/** Hands the bytes to the browser as a download. */
export function downloadBytes(bytes: Uint8Array, fileName: string, type = 'application/zip'): void {
	const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	link.style.display = 'none';
	document.body.append(link);
	link.click();
	link.remove();
	// Revoked later: revoking at once can cancel the download in some browsers.
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
