/**
 * Hostile paths and output on the node runtime (what `kiln tool` and `kiln run` use): escapes by
 * text and through symbolic links, link loops in walks, endless output. Each row shows the tool
 * result the model would have received.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OUTPUT_HEAD_CHARS, OUTPUT_TAIL_CHARS } from '../../src/lib/runtime';
import { createBrowserRuntime } from '../../src/lib/runtime/browser';
import { createNodeRuntime } from '../../src/lib/runtime/node';
import type { Runtime } from '../../src/lib/runtime/types';
import { createReadTracker, runTool, type ToolResult } from '../../src/lib/tools';
import { openWorkspace, type Workspace } from '../../src/lib/workspace';
import { runCli } from '../unit/cli/cli-process';
import { recordRow } from '../suite-table/row';

const SECRET = 'outside-secret-7f3a';

let base: string;
let project: string;
let outside: string;
let runtime: Runtime;
let workspace: Workspace;
const tracker = createReadTracker();

beforeAll(async () => {
	base = await mkdtemp(join(tmpdir(), 'kiln-bad-paths-'));
	project = join(base, 'project');
	outside = join(base, 'outside');
	await mkdir(join(project, 'src'), { recursive: true });
	await mkdir(outside);
	await writeFile(join(outside, 'secret.txt'), `${SECRET}\n`);
	await writeFile(join(project, 'src/app.ts'), 'export const app = 1;\n');
	await symlink(join(outside, 'secret.txt'), join(project, 'secret-link.txt'));
	await symlink(outside, join(project, 'outside-dir'));
	await symlink('..', join(project, 'src/loop'));
	await symlink(join(outside, 'not-there.txt'), join(project, 'dangling.txt'));
	runtime = await createNodeRuntime({ root: project });
	workspace = await openWorkspace({ projectId: 'bad-paths', runtime });
});

afterAll(async () => {
	workspace?.dispose();
	await runtime?.dispose();
	await rm(base, { recursive: true, force: true });
});

function call(name: string, args: Record<string, unknown>): Promise<ToolResult> {
	return runTool(name, args, {
		workspace,
		runtime,
		signal: new AbortController().signal,
		readTracker: tracker
	});
}

function shown(result: ToolResult): string {
	return `${result.ok ? 'ok' : 'tool error'}: ${result.output}`;
}

describe('path escapes by text', () => {
	for (const path of ['../../etc/passwd', '/etc/passwd', 'src/../../outside/secret.txt']) {
		test(`read ${path}`, async ({ task }) => {
			const result = await call('read', { path });
			expect(result.ok).toBe(false);
			expect(result.output).not.toContain('root:');
			expect(result.output).not.toContain(SECRET);
			recordRow(task, { input: `read '${path}'`, 'what Kiln did': shown(result) });
		});
	}

	test('write ../escape.txt', async ({ task }) => {
		const result = await call('write', { path: '../escape.txt', content: 'x' });
		expect(result.ok).toBe(false);
		expect(existsSync(join(base, 'escape.txt'))).toBe(false);
		recordRow(task, { input: "write '../escape.txt'", 'what Kiln did': shown(result) });
	});
});

describe('path escapes through symbolic links', () => {
	test('read a file link pointing outside', async ({ task }) => {
		const result = await call('read', { path: 'secret-link.txt' });
		expect(result.ok).toBe(false);
		expect(result.output).toMatch(/leads outside the project folder/);
		expect(result.output).not.toContain(SECRET);
		recordRow(task, {
			input: "read 'secret-link.txt' (→ a file outside --dir)",
			'what Kiln did': shown(result)
		});
	});

	test('read through a folder link pointing outside', async ({ task }) => {
		const result = await call('read', { path: 'outside-dir/secret.txt' });
		expect(result.ok).toBe(false);
		expect(result.output).not.toContain(SECRET);
		recordRow(task, {
			input: "read 'outside-dir/secret.txt' (outside-dir → a folder outside --dir)",
			'what Kiln did': shown(result)
		});
	});

	test('write through a folder link pointing outside', async ({ task }) => {
		const result = await call('write', { path: 'outside-dir/planted.txt', content: 'x' });
		expect(result.ok).toBe(false);
		expect(existsSync(join(outside, 'planted.txt'))).toBe(false);
		recordRow(task, {
			input: "write 'outside-dir/planted.txt' (outside-dir → a folder outside --dir)",
			'what Kiln did': shown(result)
		});
	});

	test('write over a file link pointing outside', async ({ task }) => {
		const result = await call('write', { path: 'secret-link.txt', content: 'overwritten' });
		expect(result.ok).toBe(false);
		expect(await readFile(join(outside, 'secret.txt'), 'utf8')).toBe(`${SECRET}\n`);
		recordRow(task, {
			input: "write 'secret-link.txt' (→ a file outside --dir)",
			'what Kiln did': shown(result)
		});
	});

	test('edit through a file link pointing outside', async ({ task }) => {
		const result = await call('edit', {
			path: 'secret-link.txt',
			old_string: SECRET,
			new_string: 'edited'
		});
		expect(result.ok).toBe(false);
		expect(await readFile(join(outside, 'secret.txt'), 'utf8')).toBe(`${SECRET}\n`);
		recordRow(task, {
			input: "edit 'secret-link.txt' (→ a file outside --dir)",
			'what Kiln did': shown(result)
		});
	});

	test('write to a dangling link pointing outside', async ({ task }) => {
		const result = await call('write', { path: 'dangling.txt', content: 'x' });
		expect(result.ok).toBe(false);
		expect(existsSync(join(outside, 'not-there.txt'))).toBe(false);
		recordRow(task, {
			input: "write 'dangling.txt' (→ a missing file outside --dir)",
			'what Kiln did': shown(result)
		});
	});

	test('grep the whole project with links pointing outside', async ({ task }) => {
		const result = await call('grep', { pattern: SECRET });
		expect(result.ok).toBe(true);
		expect(result.output).toMatch(/^No matches/);
		recordRow(task, {
			input: `grep '${SECRET}' (a string only the files outside hold)`,
			'what Kiln did': shown(result)
		});
	});
});

describe('symbolic link loops in walks', () => {
	for (const [name, args] of [
		['list', {}],
		['glob', { pattern: '**/*.ts' }],
		['grep', { pattern: 'app' }]
	] as const) {
		test(`${name} over a project with src/loop → ..`, async ({ task }) => {
			const result = await call(name, args);
			expect(result.ok).toBe(true);
			expect(result.output).toMatch(/'src\/loop' is a symbolic link loop/);
			expect(result.output).not.toMatch(/src\/loop\/src/);
			recordRow(task, {
				input: `${name} ${JSON.stringify(args)} with src/loop → .. (a loop)`,
				'what Kiln did': shown(result)
			});
		});
	}

	test('list into the loop itself', async ({ task }) => {
		const result = await call('list', { path: 'src/loop' });
		expect(result.ok).toBe(false);
		recordRow(task, { input: "list 'src/loop' (a loop)", 'what Kiln did': shown(result) });
	});

	test('offline runtime: a command makes link loops, the project is opened again', async ({
		task
	}) => {
		const offline = await createBrowserRuntime({ files: { 'src/app.ts': 'export {};\n' } });
		try {
			await offline.exec('ln -s .. src/up && ln -s /project/src/self src/self');
			const reopened = await openWorkspace({ projectId: 'offline', runtime: offline });
			const result = await runTool(
				'list',
				{},
				{
					workspace: reopened,
					runtime: offline,
					signal: new AbortController().signal,
					readTracker: createReadTracker()
				}
			);
			reopened.dispose();
			expect(result.ok).toBe(true);
			expect(result.output).toMatch(/'src\/up' is a symbolic link loop/);
			recordRow(task, {
				input: "offline runtime: 'ln -s .. src/up' and a self link, then the project is reopened",
				'what Kiln did': shown(result)
			});
		} finally {
			await offline.dispose();
		}
	});

	for (const runtimeChoice of ['node', 'browser']) {
		test(`kiln tool list --runtime ${runtimeChoice} over a loop (the real CLI)`, async ({
			task
		}) => {
			const run = await runCli(['tool', 'list', '--dir', project, '--runtime', runtimeChoice]);
			expect(run.stderr).not.toMatch(/unexpected failure/);
			expect(run.stdout).toContain('app.ts');
			recordRow(task, {
				input: `kiln tool list --runtime ${runtimeChoice} with src/loop → ..`,
				'what Kiln did': `exit ${run.code}: ${run.stdout.trim()}${run.stderr ? ` (stderr: ${run.stderr.trim()})` : ''}`
			});
		}, 30_000);
	}
});

describe('endless output', () => {
	test('bash: yes, stopped by its timeout', async ({ task }) => {
		const result = await call('bash', { command: 'yes', timeout_ms: 2000 });
		expect(result.ok).toBe(false);
		expect(result.metadata).toMatchObject({ timedOut: true, truncated: true });
		expect(result.output).toMatch(/more bytes in the middle that were not kept/);
		recordRow(task, {
			input: "bash 'yes' (endless output), timeout_ms 2000",
			'what Kiln did': summarize(result.output)
		});
	}, 30_000);

	test('runtime exec: yes | head -c 200000000 keeps a bounded string', async ({ task }) => {
		const result = await runtime.exec('yes | head -c 200000000');
		expect(result.exitCode).toBe(0);
		expect(result.output.length).toBeLessThan(OUTPUT_HEAD_CHARS + OUTPUT_TAIL_CHARS + 100);
		expect(result.omittedBytes).toBe(200_000_000 - OUTPUT_HEAD_CHARS - OUTPUT_TAIL_CHARS);
		recordRow(task, {
			input: 'yes | head -c 200000000 (200 MB of output)',
			'what Kiln did': `kept ${result.output.length} characters; ${summarize(result.output)}`
		});
	}, 60_000);
});

/** The lines around the omission marker and the status, for the table. */
function summarize(output: string): string {
	const lines = output.split('\n');
	const marker = lines.find((line) => line.includes('bytes omitted')) ?? '';
	const status = lines.filter((line) => /Exit code|timed out|not kept/.test(line));
	return [marker, ...status].filter(Boolean).join(' / ');
}
