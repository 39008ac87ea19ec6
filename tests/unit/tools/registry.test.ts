import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
	coreTools,
	defineTool,
	MAX_TOOL_OUTPUT_CHARS,
	runTool,
	summarizeToolCall,
	TOOL_NAMES,
	toolDefinitions,
	ToolError
} from '../../../src/lib/tools';
import { RUNTIMES, useHarness } from './harness';

const [, browser] = RUNTIMES[1]!;

describe('tool definitions for providers', () => {
	it('lists the core tools in the fixed order, whatever order names come in', () => {
		expect(toolDefinitions().map((d) => d.name)).toEqual([...TOOL_NAMES]);
		expect(toolDefinitions(['bash', 'read', 'grep']).map((d) => d.name)).toEqual([
			'read',
			'grep',
			'bash'
		]);
	});

	it('is byte-identical from call to call (the prompt cache depends on it)', () => {
		expect(JSON.stringify(toolDefinitions())).toBe(JSON.stringify(toolDefinitions()));
	});

	it('hands out copies: marking one for caching does not change the next', () => {
		const first = toolDefinitions();
		(first.at(-1) as { cache?: unknown }).cache = { ttl: '5m' };
		(first[0]!.inputSchema as { type: string }).type = 'changed';
		expect(toolDefinitions().at(-1)).not.toHaveProperty('cache');
		expect(toolDefinitions()[0]!.inputSchema.type).toBe('object');
	});

	it('publishes the contract parameters as JSON Schema', () => {
		const byName = Object.fromEntries(toolDefinitions().map((d) => [d.name, d.inputSchema]));
		const props = (name: string) => Object.keys(byName[name]!.properties as object);
		expect(props('read')).toEqual(['path', 'offset', 'limit']);
		expect(props('write')).toEqual(['path', 'content']);
		expect(props('edit')).toEqual(['path', 'old_string', 'new_string', 'replace_all']);
		expect(props('glob')).toEqual(['pattern', 'path']);
		expect(props('grep')).toEqual([
			'pattern',
			'path',
			'glob',
			'output_mode',
			'ignore_case',
			'context',
			'head_limit'
		]);
		expect(props('list')).toEqual(['path']);
		expect(props('bash')).toEqual(['command', 'timeout_ms', 'run_in_background']);
		expect(props('bash_output')).toEqual(['bash_id']);
		expect(props('bash_kill')).toEqual(['bash_id']);
		expect(props('todo_write')).toEqual(['todos']);
		expect(byName.edit).toMatchObject({
			type: 'object',
			required: ['path', 'old_string', 'new_string'],
			additionalProperties: false
		});
		expect(byName.grep).toMatchObject({
			properties: { output_mode: { enum: ['files', 'content', 'count'] } }
		});
		expect(byName.todo_write).toMatchObject({
			properties: {
				todos: {
					items: { properties: { status: { enum: ['pending', 'in_progress', 'completed'] } } }
				}
			}
		});
		expect(JSON.stringify(byName)).not.toContain('$schema');
		expect(JSON.stringify(byName)).not.toContain(String(Number.MAX_SAFE_INTEGER));
	});

	it('marks read, glob, grep, list, bash_output and preview as read-only', () => {
		expect(
			coreTools()
				.filter((t) => t.readOnly)
				.map((t) => t.name)
		).toEqual(['read', 'glob', 'grep', 'list', 'bash_output', 'preview']);
	});

	it('refuses unknown names', () => {
		expect(() => toolDefinitions(['read', 'nope'])).toThrow(/Unknown tool nope/);
	});
});

describe('runTool', () => {
	const open = useHarness(browser);

	it('answers an unknown tool with the list of tools', async () => {
		const { run } = await open();
		const result = await run('delete_everything', {});
		expect(result.ok).toBe(false);
		expect(result.output).toContain("There is no tool named 'delete_everything'");
		expect(result.output).toContain('read, write, edit');
	});

	it('accepts arguments as a JSON string, as providers stream them', async () => {
		const { run } = await open({ 'a.txt': 'x\n' });
		expect(await run('read', '{"path":"a.txt"}')).toMatchObject({ ok: true, output: '     1\tx' });
	});

	it('explains invalid JSON', async () => {
		const { run } = await open();
		const result = await run('read', '{"path": "a.txt"');
		expect(result.ok).toBe(false);
		expect(result.output).toContain('not valid JSON');
		expect(result.output).toContain('path (string, required)');
	});

	it('lists what is wrong with the arguments, parameter by parameter', async () => {
		const { run } = await open();
		const result = await run('read', { file_path: 'a.txt', offset: 0 });
		expect(result.ok).toBe(false);
		expect(result.output).toContain('Invalid arguments for read:');
		expect(result.output).toContain('- path: missing (required, string)');
		expect(result.output).toContain("- unknown parameter 'file_path'");
		expect(result.output).toMatch(/- offset: .*>=1/);
		expect(result.output).toContain(
			'Parameters: path (string, required), offset (integer), limit (integer).'
		);
	});

	it('reports a wrong-typed parameter as wrong-typed, not as missing', async () => {
		const { run } = await open();
		const result = await run('read', { path: 42, limit: 'ten' });
		expect(result.ok).toBe(false);
		expect(result.output).toContain('- path: expected string, got a number (42)');
		expect(result.output).toContain('- limit: expected number, got a string ("ten")');
		expect(result.output).not.toContain('missing');
	});

	it('treats null as an omitted optional parameter', async () => {
		const { run } = await open({ 'a.txt': 'x\n' });
		expect((await run('read', { path: 'a.txt', offset: null, limit: null })).ok).toBe(true);
	});

	it('does not start a call after the turn was stopped', async () => {
		const { run, controller, runtime } = await open();
		controller.abort();
		const result = await run('write', { path: 'a.txt', content: 'x' });
		expect(result).toMatchObject({ ok: false });
		expect(result.output).toContain('stopped before this call started');
		await expect(runtime.fs.readTextFile('a.txt')).rejects.toThrow();
	});

	it('runs a change without asking anyone: permissions are decided by the agent, not the tools', async () => {
		const { run, runtime } = await open({ 'a.txt': 'x\n' });
		expect((await run('bash', { command: 'echo hi > c.txt' })).ok).toBe(true);
		expect(await runtime.fs.readTextFile('c.txt')).toBe('hi\n');
		for (const tool of coreTools()) expect(Object.keys(tool)).not.toContain('needsPermission');
	});

	it('turns a crash inside a tool into a tool error', async () => {
		const { ctx } = await open();
		const crashing = defineTool({
			name: 'crash',
			description: 'test',
			parameters: z.strictObject({}),
			readOnly: true,
			summarize: () => '',
			async execute() {
				throw new TypeError('cannot read properties of undefined');
			}
		});
		const result = await runTool('crash', {}, ctx, { tools: [crashing] });
		expect(result).toEqual({
			ok: false,
			output:
				'crash failed unexpectedly: cannot read properties of undefined. Check the arguments and try again, or use another tool.'
		});
	});

	it('passes a ToolError message through unchanged', async () => {
		const { ctx } = await open();
		const refusing = defineTool({
			name: 'refuse',
			description: 'test',
			parameters: z.strictObject({}),
			readOnly: true,
			summarize: () => '',
			async execute() {
				throw new ToolError('Nope: do this instead.');
			}
		});
		expect(await runTool('refuse', {}, ctx, { tools: [refusing] })).toEqual({
			ok: false,
			output: 'Nope: do this instead.'
		});
	});

	it('cuts any output over the central limit, keeping head and tail', async () => {
		const { ctx } = await open();
		const chatty = defineTool({
			name: 'chatty',
			description: 'test',
			parameters: z.strictObject({}),
			readOnly: true,
			summarize: () => '',
			async execute() {
				return { ok: true, output: 'HEAD' + 'x'.repeat(MAX_TOOL_OUTPUT_CHARS * 2) + 'TAIL' };
			}
		});
		const result = await runTool('chatty', {}, ctx, { tools: [chatty] });
		expect(result.output.length).toBeLessThan(MAX_TOOL_OUTPUT_CHARS + 100);
		expect(result.output.startsWith('HEAD')).toBe(true);
		expect(result.output.endsWith('TAIL')).toBe(true);
		expect(result.metadata?.truncated).toBe(true);
	});

	it('summarises calls for chat cards', () => {
		expect(summarizeToolCall('bash', '{"command":"npm test\\nnpm run build"}')).toBe('npm test');
		expect(summarizeToolCall('grep', { pattern: 'foo', path: 'src', ignore_case: true })).toBe(
			'/foo/i in src'
		);
		expect(summarizeToolCall('read', { path: 'a.ts', offset: 10, limit: 5 })).toBe(
			'a.ts (lines 10–14)'
		);
		expect(summarizeToolCall('read', { nope: 1 })).toBe('');
	});
});
