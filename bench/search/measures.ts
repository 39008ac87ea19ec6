/**
 * What bench:search times, each from nothing to the answer in hand, on one folder:
 * ripgrep itself (the reference), Kiln's in-process engine over the workspace index (index
 * already loaded, and from a cold start as the CLI did before it used ripgrep), the
 * ripgrep-backed tool path in-process, and `kiln tool grep` end to end (the built CLI).
 */
import { spawn } from 'node:child_process';
import { createNodeRuntime } from '../../src/lib/runtime/node';
import type { Runtime } from '../../src/lib/runtime/types';
import * as tools from '../../src/lib/tools';
import { openWorkspace, type Workspace } from '../../src/lib/workspace';

export interface SearchCase {
	readonly id: string;
	readonly label: string;
	readonly args: {
		pattern: string;
		ignore_case?: boolean;
		glob?: string;
		output_mode?: 'files' | 'content' | 'count';
	};
}

export const CASES: readonly SearchCase[] = [
	{ id: 'literal', label: 'literal, files', args: { pattern: 'createElement' } },
	{
		id: 'regex',
		label: 'regex, content',
		args: { pattern: 'export (async )?function \\w+Sync\\b', output_mode: 'content' }
	},
	{
		id: 'ignore-case',
		label: 'ignore case, count',
		args: { pattern: 'deprecated', ignore_case: true, output_mode: 'count' }
	},
	{ id: 'glob', label: 'glob *.md, files', args: { pattern: 'licen[cs]e', glob: '*.md' } },
	{ id: 'broad', label: 'broad, files', args: { pattern: 'require\\(' } }
];

export interface Measure {
	readonly id: string;
	readonly label: string;
	/** Only on some cases (a cold start is the same indexing work whatever the pattern). */
	readonly onlyCases?: readonly string[];
	run(c: SearchCase): Promise<void>;
	dispose?(): Promise<void>;
}

/** ripgrep with its defaults and the flags that ask for the same output mode. */
export function ripgrepMeasure(dir: string): Measure {
	return {
		id: 'ripgrep',
		label: 'rg (reference)',
		run: async (c) => {
			const mode = c.args.output_mode ?? 'files';
			const args = [mode === 'files' ? '-l' : mode === 'count' ? '-c' : '-n'];
			if (c.args.ignore_case) args.push('-i');
			if (c.args.glob) args.push('-g', c.args.glob);
			args.push('-e', c.args.pattern);
			const code = await drain('rg', args, dir);
			if (code !== 0) throw new Error(`rg exited with ${code} for ${c.id}`);
		}
	};
}

/** The in-process engine over an index loaded beforehand (the app and `kiln run` have one). */
export async function inProcessMeasure(dir: string): Promise<Measure> {
	const runtime = await createNodeRuntime({ root: dir, ripgrep: false });
	const workspace = await openWorkspace({ projectId: 'bench', runtime });
	return {
		id: 'engine',
		label: 'in-process engine (index loaded)',
		run: async (c) => {
			await grepOk(c, runtime, workspace);
		},
		async dispose() {
			workspace.dispose();
			await runtime.dispose();
		}
	};
}

/** Runtime, index and search from nothing: what `kiln tool grep` did before ripgrep. */
export function coldMeasure(dir: string): Measure {
	return {
		id: 'engine-cold',
		label: 'in-process engine, cold (index + search)',
		onlyCases: ['literal'],
		run: async (c) => {
			const runtime = await createNodeRuntime({ root: dir, ripgrep: false });
			const workspace = await openWorkspace({ projectId: 'bench', runtime });
			try {
				await grepOk(c, runtime, workspace);
			} finally {
				workspace.dispose();
				await runtime.dispose();
			}
		}
	};
}

/** The grep tool's ripgrep path in-process, from a fresh runtime and no index. */
export function nativeMeasure(dir: string): Measure | undefined {
	const runNativeGrep = (tools as Record<string, unknown>).runNativeGrep as
		| ((args: unknown, ctx: { runtime: Runtime; signal: AbortSignal }) => Promise<unknown>)
		| undefined;
	if (!runNativeGrep) return undefined;
	return {
		id: 'tool-rg',
		label: 'grep tool via ripgrep (in-process)',
		run: async (c) => {
			const runtime = await createNodeRuntime({ root: dir });
			try {
				const result = await runNativeGrep(c.args, {
					runtime,
					signal: new AbortController().signal
				});
				if (!result) throw new Error(`the ripgrep path declined ${c.id}`);
			} finally {
				await runtime.dispose();
			}
		}
	};
}

/**
 * Node starting and doing nothing: the floor under any Node command, shown beside the CLI
 * so its own share of the time can be read off.
 */
export function nodeStartMeasure(dir: string): Measure {
	return {
		id: 'node-start',
		label: 'node -e 0 (Node starting, nothing else)',
		run: async () => {
			const code = await drain(process.execPath, ['-e', '0'], dir);
			if (code !== 0) throw new Error(`node -e 0 exited with ${code}`);
		}
	};
}

/** `kiln tool grep` as a person runs it: the built CLI (dist/cli/kiln.mjs) as a process. */
export function cliMeasure(dir: string, cli: string): Measure {
	return {
		id: 'cli',
		label: 'kiln tool grep (built CLI, end to end)',
		run: async (c) => {
			const args = [cli, 'tool', 'grep', '--dir', dir, '--args', JSON.stringify(c.args)];
			const code = await drain(process.execPath, args, dir);
			if (code !== 0) throw new Error(`kiln tool grep exited with ${code} for ${c.id}`);
		}
	};
}

async function grepOk(c: SearchCase, runtime: Runtime, workspace: Workspace): Promise<void> {
	const result = await tools.runTool('grep', c.args, {
		workspace,
		runtime,
		signal: new AbortController().signal,
		readTracker: tools.createReadTracker()
	});
	if (!result.ok) throw new Error(`grep failed for ${c.id}: ${result.output}`);
}

/**
 * Set on some machines (this workplace's, for its proxy): Node then loads that CA bundle
 * before it runs any code, ~35 ms here, which a person's shell does not pay. The bench's
 * processes run without it, and the run says so when it was set.
 */
export const MACHINE_ONLY_VARIABLE = 'NODE_EXTRA_CA_CERTS';

const processEnv = Object.fromEntries(
	Object.entries(process.env).filter(([name]) => name !== MACHINE_ONLY_VARIABLE)
);

/** Runs a process with output read and thrown away (as a caller would read it); its exit code. */
function drain(command: string, args: string[], cwd: string): Promise<number | null> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd,
			env: processEnv,
			stdio: ['ignore', 'pipe', 'pipe']
		});
		child.stdout.resume();
		child.stderr.resume();
		child.on('error', reject);
		child.on('close', resolve);
	});
}
