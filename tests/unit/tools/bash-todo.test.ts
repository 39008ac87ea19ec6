import { describe, expect, it } from 'vitest';
import { BASH_MAX_OUTPUT_CHARS } from '../../../src/lib/tools';
import { RUNTIMES, useHarness } from './harness';

describe.each(RUNTIMES)('bash on the %s runtime', (_name, create) => {
	const open = useHarness(create);

	it('runs in the project root and reports output and exit code', async () => {
		const { run } = await open({ 'src/a.txt': 'hello' });
		const result = await run('bash', { command: 'cat src/a.txt' });
		expect(result).toEqual({
			ok: true,
			output: 'hello\n\nExit code: 0',
			metadata: { exitCode: 0, timedOut: false, aborted: false, truncated: false }
		});
	});

	it('reports a failing exit code and stderr, still as a completed call', async () => {
		const { run } = await open();
		const result = await run('bash', { command: 'echo oops >&2; exit 3' });
		expect(result.ok).toBe(true);
		expect(result.output).toBe('oops\n\nExit code: 3');
		expect(result.metadata?.exitCode).toBe(3);
	});

	it('says when there was no output', async () => {
		const { run } = await open();
		expect((await run('bash', { command: 'true' })).output).toBe('(no output)\n\nExit code: 0');
	});

	it('keeps the head and tail of long output with a note of what was cut', async () => {
		const { run } = await open();
		const result = await run('bash', {
			command: 'echo START; for i in $(seq 1 4000); do echo "line $i of the output"; done; echo END'
		});
		expect(result.output.length).toBeLessThan(BASH_MAX_OUTPUT_CHARS + 200);
		expect(result.output.startsWith('START\nline 1 of the output')).toBe(true);
		expect(result.output).toMatch(/\n… \d+ characters cut …\n/);
		expect(result.output).toMatch(/line 4000 of the output\nEND\n\nExit code: 0$/);
		expect(result.metadata?.truncated).toBe(true);
	});

	it('stops a command at its timeout and says so', async () => {
		const { run } = await open();
		const result = await run('bash', { command: 'sleep 30', timeout_ms: 1000 });
		expect(result.ok).toBe(false);
		expect(result.output).toContain('timed out after 1000 ms');
		expect(result.metadata).toMatchObject({ timedOut: true, exitCode: 124 });
	});

	it('stops when the turn is aborted and says so', async () => {
		const { ctx, controller } = await open();
		const { runTool } = await import('../../../src/lib/tools');
		const pending = runTool('bash', { command: 'sleep 30' }, ctx);
		controller.abort();
		const result = await pending;
		expect(result.ok).toBe(false);
		expect(result.output).toContain('stopped by the user');
		expect(result.metadata).toMatchObject({ aborted: true, exitCode: 130 });
	});

	it('refuses a timeout above the maximum', async () => {
		const { run } = await open();
		const result = await run('bash', { command: 'true', timeout_ms: 700_000 });
		expect(result.ok).toBe(false);
		expect(result.output).toContain('timeout_ms');
		expect(result.output).toContain('600000');
	});

	it('streams output through onProgress', async () => {
		const { run, progress } = await open();
		await run('bash', { command: 'echo streamed' });
		expect(progress.join('')).toContain('streamed');
	});
});

describe.each(RUNTIMES)('todo_write on the %s runtime', (_name, create) => {
	const open = useHarness(create);

	it('stores the list through the context and summarises it', async () => {
		const { run, todos } = await open();
		const list = [
			{ content: 'Read the code', status: 'completed' },
			{ content: 'Fix the bug', status: 'in_progress' },
			{ content: 'Run the tests', status: 'pending' }
		];
		const result = await run('todo_write', { todos: list });
		expect(result).toEqual({
			ok: true,
			output: 'Todo list updated: 1 completed, 1 in progress, 1 pending. Now: Fix the bug',
			metadata: { todos: list }
		});
		expect(todos).toEqual([list]);
	});

	it('rejects an unknown status and an empty item, and stores nothing', async () => {
		const { run, todos } = await open();
		const result = await run('todo_write', {
			todos: [
				{ content: 'x', status: 'done' },
				{ content: '  ', status: 'pending' }
			]
		});
		expect(result.ok).toBe(false);
		expect(result.output).toContain('todos[0].status');
		expect(result.output).toContain('todos[1].content');
		expect(todos).toEqual([]);
	});
});
