import { describe, expect, it } from 'vitest';
import {
	createReadTracker,
	runTool,
	TASK_MAX_REPORT_CHARS,
	TOOL_NAMES,
	type SubagentReport,
	type SubagentRequest,
	type ToolContext
} from '../../../../src/lib/tools';

const USAGE = { inputTokens: 100, outputTokens: 20, cacheReadTokens: 300, cacheWriteTokens: 50 };

function context(runSubagent?: (request: SubagentRequest) => Promise<SubagentReport>): ToolContext {
	// The task tool touches neither the workspace nor the runtime.
	return {
		workspace: {} as ToolContext['workspace'],
		runtime: {} as ToolContext['runtime'],
		signal: new AbortController().signal,
		readTracker: createReadTracker(),
		...(runSubagent ? { runSubagent } : {})
	};
}

function report(overrides: Partial<SubagentReport> = {}): SubagentReport {
	return {
		subagentId: 'sub-1',
		agent: 'explore',
		report: 'Found it in src/a.ts:12.',
		reason: 'completed',
		usage: USAGE,
		model: 'mock-model',
		steps: 3,
		...overrides
	};
}

describe('the task tool', () => {
	it('is registered after the core tools (only preview came later), so their order is unchanged', () => {
		expect(TOOL_NAMES.slice(-3)).toEqual(['todo_write', 'task', 'preview']);
	});

	it('validates its arguments', async () => {
		const calls: SubagentRequest[] = [];
		const ctx = context(async (request) => {
			calls.push(request);
			return report();
		});
		const missing = await runTool('task', { description: 'x' }, ctx);
		expect(missing.ok).toBe(false);
		expect(missing.output).toMatch(/prompt: missing/);
		const badAgent = await runTool('task', { description: 'x', prompt: 'y', agent: 'writer' }, ctx);
		expect(badAgent.ok).toBe(false);
		expect(badAgent.output).toMatch(/agent/);
		const blank = await runTool('task', { description: ' ', prompt: 'y' }, ctx);
		expect(blank.ok).toBe(false);
		expect(calls).toHaveLength(0);
	});

	it('starts an explore subagent by default and returns its report with its usage', async () => {
		const calls: SubagentRequest[] = [];
		const ctx = context(async (request) => {
			calls.push(request);
			return report();
		});
		const result = await runTool(
			'task',
			{ description: 'Find the parser', prompt: 'Where is X parsed?' },
			ctx
		);
		expect(calls).toEqual([
			{
				description: 'Find the parser',
				prompt: 'Where is X parsed?',
				agent: 'explore',
				signal: ctx.signal
			}
		]);
		expect(result.ok).toBe(true);
		expect(result.output).toBe('Found it in src/a.ts:12.');
		expect(result.metadata?.subagent).toEqual({
			id: 'sub-1',
			agent: 'explore',
			description: 'Find the parser',
			reason: 'completed',
			steps: 3,
			model: 'mock-model',
			usage: USAGE
		});
	});

	it('refuses clearly where no subagent can start (inside a subagent)', async () => {
		const result = await runTool('task', { description: 'd', prompt: 'p' }, context());
		expect(result.ok).toBe(false);
		expect(result.output).toMatch(/subagents cannot start subagents/);
	});

	it('bounds a long report to about 2,000 tokens and says so', async () => {
		const long = `START ${'x'.repeat(TASK_MAX_REPORT_CHARS * 3)} END`;
		const result = await runTool(
			'task',
			{ description: 'd', prompt: 'p' },
			context(async () => report({ report: long }))
		);
		expect(result.ok).toBe(true);
		expect(result.output.length).toBeLessThan(TASK_MAX_REPORT_CHARS + 400);
		expect(result.output).toMatch(/^START/);
		expect(result.output).toMatch(/END\n\n\(The report was longer than about 2,000 tokens/);
		expect(result.metadata?.truncated).toBe(true);
	});

	it('reports an unfinished subagent as a failure, keeping what it wrote', async () => {
		const result = await runTool(
			'task',
			{ description: 'd', prompt: 'p', agent: 'general' },
			context(async () =>
				report({
					agent: 'general',
					report: 'Half done.',
					reason: 'step-limit',
					error: 'Too many steps.'
				})
			)
		);
		expect(result.ok).toBe(false);
		expect(result.output).toMatch(/^Half done\./);
		expect(result.output).toMatch(/did not finish \(step-limit: Too many steps\.\)/);
	});
});
