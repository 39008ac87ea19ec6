/**
 * Builds {runtime, workspace, ToolContext} on each runtime the unit tests can create, so every
 * tool test runs on the node runtime (a temp directory) and the browser runtime (just-bash).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';
import { createBrowserRuntime } from '../../../src/lib/runtime/browser';
import { createNodeRuntime } from '../../../src/lib/runtime/node';
import type { Runtime } from '../../../src/lib/runtime/types';
import {
	createReadTracker,
	runTool,
	type TodoItem,
	type ToolContext,
	type ToolResult
} from '../../../src/lib/tools';
import { openWorkspace, seedRuntime, type Workspace } from '../../../src/lib/workspace';

export type Files = Record<string, string | Uint8Array>;
type RuntimeFactory = (files: Files) => Promise<{ runtime: Runtime; root?: string }>;

const folders: string[] = [];
afterAll(async () => {
	for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

export const RUNTIMES: [string, RuntimeFactory][] = [
	[
		'node',
		async (files) => {
			const root = await mkdtemp(join(tmpdir(), 'kiln-tools-'));
			folders.push(root);
			const runtime = await createNodeRuntime({ root });
			await seedRuntime(runtime, { files });
			return { runtime, root };
		}
	],
	['browser', async (files) => ({ runtime: await createBrowserRuntime({ files }) })]
];

/** For search tools: the node runtime once more, without ripgrep (its in-process engine). */
export const SEARCH_RUNTIMES: [string, RuntimeFactory][] = [
	...RUNTIMES,
	[
		'node (no ripgrep)',
		async (files) => {
			const root = await mkdtemp(join(tmpdir(), 'kiln-tools-'));
			folders.push(root);
			const runtime = await createNodeRuntime({ root, ripgrep: false });
			await seedRuntime(runtime, { files });
			return { runtime, root };
		}
	]
];

export interface Harness {
	runtime: Runtime;
	workspace: Workspace;
	ctx: ToolContext;
	controller: AbortController;
	progress: string[];
	todos: (readonly TodoItem[])[];
	/** The real directory (node runtime only). */
	root?: string;
	run(name: string, args: unknown): Promise<ToolResult>;
}

export interface OpenOptions {
	/** Runs on the runtime before the workspace opens (e.g. `touch -d` to set mtimes). */
	before?: (runtime: Runtime) => Promise<void>;
}

/** Returns an `open(files)` that builds a harness and disposes it after each test. */
export function useHarness(create: RuntimeFactory) {
	const open: Harness[] = [];
	afterEach(async () => {
		for (const harness of open.splice(0)) {
			harness.workspace.dispose();
			await harness.runtime.dispose();
		}
	});
	return async (files: Files = {}, options: OpenOptions = {}): Promise<Harness> => {
		const { runtime, root } = await create(files);
		await options.before?.(runtime);
		const workspace = await openWorkspace({ projectId: 'tools', runtime });
		const controller = new AbortController();
		const progress: string[] = [];
		const todos: (readonly TodoItem[])[] = [];
		const ctx: ToolContext = {
			workspace,
			runtime,
			signal: controller.signal,
			readTracker: createReadTracker(),
			onProgress: (text) => progress.push(text),
			onTodos: (list) => todos.push(list)
		};
		const harness: Harness = {
			runtime,
			workspace,
			ctx,
			controller,
			progress,
			todos,
			root,
			run: (name, args) => runTool(name, args, ctx)
		};
		open.push(harness);
		return harness;
	};
}
