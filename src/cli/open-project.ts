import { realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createBrowserRuntime } from '../lib/runtime/browser';
import { createNodeRuntime, type ProcessHost } from '../lib/runtime/node';
import { lazyCommandHost } from './command-host';
import type { Runtime } from '../lib/runtime';
import { openWorkspace, type Workspace } from '../lib/workspace';
import type { RuntimeChoice } from './parse-options';
import { withoutKeyVariables } from './provider-config';
import { readDirectoryFiles, skippedLinksNote } from './read-directory';
import { UsageError } from './usage-error';

export interface CliProject {
	readonly runtime: Runtime;
	readonly workspace: Workspace;
	/** Things the person should know about how the folder was opened ('' when none). */
	readonly note: string;
	/** The folder's real path when commands run on this machine (node runtime), else undefined. */
	readonly commandRoot?: string;
	dispose(): Promise<void>;
}

/**
 * The folder as the agent sees it. With the node runtime tools change the real folder; with
 * the browser runtime they work on an in-memory copy and the folder is never written.
 * No persistence: the folder (or nothing) is the only store.
 */
export async function openProject(dir: string, choice: RuntimeChoice): Promise<CliProject> {
	const root = await checkFolder(dir);
	// Commands run under a host that never held the API key (see command-host.ts).
	const processHost: ProcessHost | undefined =
		choice === 'node' ? lazyCommandHost(withoutKeyVariables(process.env)) : undefined;
	let runtime: Runtime | undefined;
	let note = '';
	try {
		if (choice === 'node') {
			runtime = await createNodeRuntime({ root, processHost });
		} else {
			const copy = await readDirectoryFiles(root);
			note = skippedLinksNote(copy.skippedLinks);
			runtime = await createBrowserRuntime({ files: copy.files });
		}
		const workspace = await openWorkspace({ projectId: 'cli', runtime });
		const opened = runtime;
		return {
			runtime: opened,
			workspace,
			note,
			...(choice === 'node' ? { commandRoot: await realpath(root) } : {}),
			async dispose() {
				workspace.dispose();
				await opened.dispose();
				await processHost?.dispose();
			}
		};
	} catch (error) {
		await runtime?.dispose();
		await processHost?.dispose();
		throw error;
	}
}

/** The folder's absolute path; a UsageError when it is not a folder. */
export async function checkFolder(dir: string): Promise<string> {
	const root = resolve(dir);
	const info = await stat(root).catch(() => undefined);
	if (!info?.isDirectory()) {
		throw new UsageError(`--dir '${dir}' is not a folder. Pass the project folder to work in.`);
	}
	return root;
}
