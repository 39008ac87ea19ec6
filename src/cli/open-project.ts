import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createBrowserRuntime } from '../lib/runtime/browser';
import { createNodeRuntime } from '../lib/runtime/node';
import type { Runtime } from '../lib/runtime/types';
import { openWorkspace, type Workspace } from '../lib/workspace';
import type { RuntimeChoice } from './parse-options';
import { readDirectoryFiles } from './read-directory';
import { UsageError } from './usage-error';

export interface CliProject {
	readonly runtime: Runtime;
	readonly workspace: Workspace;
	dispose(): Promise<void>;
}

/**
 * The folder as the agent sees it. With the node runtime tools change the real folder; with
 * the browser runtime they work on an in-memory copy and the folder is never written.
 * No persistence: the folder (or nothing) is the only store.
 */
export async function openProject(dir: string, choice: RuntimeChoice): Promise<CliProject> {
	const root = resolve(dir);
	const info = await stat(root).catch(() => undefined);
	if (!info?.isDirectory()) {
		throw new UsageError(`--dir '${dir}' is not a folder. Pass the project folder to work in.`);
	}
	const runtime =
		choice === 'node'
			? await createNodeRuntime({ root })
			: await createBrowserRuntime({ files: await readDirectoryFiles(root) });
	try {
		const workspace = await openWorkspace({ projectId: 'cli', runtime });
		return {
			runtime,
			workspace,
			async dispose() {
				workspace.dispose();
				await runtime.dispose();
			}
		};
	} catch (error) {
		await runtime.dispose();
		throw error;
	}
}
