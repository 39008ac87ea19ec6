/**
 * The subagent runner against the scripted model server, through the real providers, on a
 * browser runtime (just-bash) and a real workspace.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { memorySessionLog, type LiveEvent, type SessionEvent } from '../../../../src/lib/agent';
import {
	createSubagentRunner,
	type SubagentRunnerOptions
} from '../../../../src/lib/agent/subagents';
import { runToolCalls, type ToolResultEvent } from '../../../../src/lib/agent/tool-calls';
import { createProvider, type ToolCallEndEvent } from '../../../../src/lib/providers';
import { createBrowserRuntime } from '../../../../src/lib/runtime/browser';
import type { Runtime } from '../../../../src/lib/runtime/types';
import {
	createReadTracker,
	type SubagentRequest,
	type ToolWorkspace
} from '../../../../src/lib/tools';
import { openWorkspace, type Workspace } from '../../../../src/lib/workspace';
import {
	startMockModelServer,
	type MockModelServer,
	type ScriptInput
} from '../../../../tooling/mock-model';

type Format = 'anthropic' | 'openai';
type Json = Record<string, unknown>;

let server: MockModelServer;
const open: { workspace: Workspace; runtime: Runtime }[] = [];
beforeAll(async () => {
	server = await startMockModelServer();
});
afterAll(async () => {
	await server.close();
});
afterEach(async () => {
	for (const { workspace, runtime } of open.splice(0)) {
		workspace.dispose();
		await runtime.dispose();
	}
});

interface Setup {
	workspace: Workspace;
	runtime: Runtime;
	stored: { id: string; events: readonly SessionEvent[] }[];
	live: { id: string; event: LiveEvent }[];
	runner: ReturnType<typeof createSubagentRunner>;
}

async function setup(
	format: Format,
	script: ScriptInput,
	files: Record<string, string>,
	options: Partial<SubagentRunnerOptions> & {
		wrapWorkspace?: (workspace: Workspace) => ToolWorkspace;
	} = {}
): Promise<Setup> {
	server.setScript(script);
	server.reset();
	const runtime = await createBrowserRuntime({ files });
	const workspace = await openWorkspace({ projectId: 'subagents', runtime });
	open.push({ workspace, runtime });
	const provider = createProvider(
		format === 'anthropic'
			? { provider: 'anthropic', apiKey: 'k', baseUrl: server.url, model: 'mock-model' }
			: { provider: 'openai', apiKey: 'k', baseUrl: server.openaiBaseURL, model: 'mock-model' }
	);
	const stored: Setup['stored'] = [];
	const live: Setup['live'] = [];
	const { wrapWorkspace, ...rest } = options;
	const runner = createSubagentRunner({
		provider,
		providerId: format,
		model: 'mock-model',
		workspace: wrapWorkspace ? wrapWorkspace(workspace) : workspace,
		runtime: () => runtime,
		retry: { sleep: async () => {} },
		onEvent: (id, event) => live.push({ id, event }),
		store: (id, events) => {
			stored.push({ id, events });
		},
		...rest
	});
	return { workspace, runtime, stored, live, runner };
}

function request(
	prompt: string,
	agent: SubagentRequest['agent'],
	toolCallId?: string
): SubagentRequest {
	return {
		description: 'test task',
		prompt,
		agent,
		signal: new AbortController().signal,
		...(toolCallId ? { toolCallId } : {})
	};
}

function toolResults(events: readonly SessionEvent[]) {
	return events.flatMap((event) => (event.type === 'tool-result' ? [event] : []));
}

function toolNames(format: Format, body: Json): string[] {
	const tools = body.tools as Json[];
	return format === 'anthropic'
		? tools.map((tool) => tool.name as string)
		: tools.map((tool) => (tool.function as Json).name as string);
}

describe.each(['anthropic', 'openai'] as const)('subagents (%s)', (format) => {
	it('lets an explore subagent read but refuses its writes and mutating commands', async () => {
		const s = await setup(
			format,
			[
				{
					toolCalls: [
						{ name: 'read', input: { path: 'a.txt' } },
						{ name: 'write', input: { path: 'a.txt', content: 'changed\n' } },
						{ name: 'bash', input: { command: 'rm a.txt' } },
						{ name: 'bash', input: { command: 'cat a.txt | wc -l' } },
						{ name: 'task', input: { description: 'nested', prompt: 'go' } }
					],
					usage: { inputTokens: 100, outputTokens: 10, cacheCreationInputTokens: 40 }
				},
				{
					text: 'Report: a.txt holds one line, "hello".',
					usage: { inputTokens: 30, outputTokens: 12, cacheReadInputTokens: 140 }
				}
			],
			{ 'a.txt': 'hello\n' }
		);
		const report = await s.runner(request('Survey a.txt', 'explore', 'call-explore'));

		expect(report).toMatchObject({
			subagentId: 'call-explore',
			agent: 'explore',
			report: 'Report: a.txt holds one line, "hello".',
			reason: 'completed',
			model: 'mock-model',
			steps: 2
		});
		if (format === 'anthropic') {
			expect(report.usage).toEqual({
				inputTokens: 130,
				outputTokens: 22,
				cacheReadTokens: 140,
				cacheWriteTokens: 40
			});
		} else {
			expect(report.usage.outputTokens).toBe(22);
		}
		expect(await s.workspace.readText('a.txt')).toBe('hello\n');

		const [stored] = s.stored;
		expect(stored?.id).toBe('call-explore');
		const results = toolResults(stored!.events);
		expect(results.map((r) => [r.name, r.ok])).toEqual([
			['read', true],
			['write', false],
			['bash', false],
			['bash', true],
			['task', false]
		]);
		expect(results[1]!.output).toMatch(/explore subagent/);
		expect(results[2]!.output).toMatch(/rm is not a known read-only command/);
		expect(results[3]!.output).toMatch(/^1\n/);
		expect(results[4]!.output).toMatch(/cannot start subagents/);
		expect(stored!.events[0]?.type).toBe('session-start');
		expect(stored!.events.at(-1)?.type).toBe('turn-end');

		// Live events are forwarded under the subagent's id.
		expect(s.live.length).toBeGreaterThan(0);
		expect(new Set(s.live.map((entry) => entry.id))).toEqual(new Set(['call-explore']));
		expect(s.live.some((entry) => entry.event.type === 'text-delta')).toBe(true);

		// The model got only the explore tools, in registry order, and the subagent instructions.
		const body = server.requests()[0]!.body as Json;
		expect(toolNames(format, body)).toEqual(['read', 'glob', 'grep', 'list', 'bash', 'preview']);
		const system =
			format === 'anthropic'
				? (body.system as Json[]).map((block) => block.text as string).join('\n')
				: ((body.messages as Json[])[0]!.content as string);
		expect(system).toContain('You are a subagent');
		expect(system).toContain('explore subagent');
		if (format === 'anthropic') {
			const blocks = body.system as Json[];
			expect(blocks.at(-1)!.cache_control).toEqual({ type: 'ephemeral' });
			expect(blocks.slice(0, -1).every((block) => block.cache_control === undefined)).toBe(true);
		}
	});

	it('lets a general subagent change files, but not start subagents', async () => {
		const s = await setup(
			format,
			[
				{
					toolCalls: [
						{ name: 'write', input: { path: 'new.txt', content: 'made by a subagent\n' } },
						{ name: 'task', input: { description: 'nested', prompt: 'go', agent: 'general' } }
					]
				},
				{ text: 'Created new.txt.' }
			],
			{}
		);
		const report = await s.runner(request('Create new.txt', 'general'));
		expect(report.reason).toBe('completed');
		expect(report.report).toBe('Created new.txt.');
		expect(await s.workspace.readText('new.txt')).toBe('made by a subagent\n');
		const results = toolResults(s.stored[0]!.events);
		expect(results.map((r) => r.ok)).toEqual([true, false]);
		expect(results[1]!.output).toMatch(/cannot start subagents/);
		const body = server.requests()[0]!.body as Json;
		expect(toolNames(format, body)).toEqual([
			'read',
			'write',
			'edit',
			'glob',
			'grep',
			'list',
			'bash',
			'bash_output',
			'bash_kill',
			'todo_write',
			'preview'
		]);
	});

	it('runs four task calls of one step in parallel, queues a fifth, and keeps the results in order', async () => {
		const jobs = [1, 2, 3, 4, 5];
		const script: ScriptInput = jobs.flatMap((n) => [
			{
				match: { lastUserMessageIncludes: `JOB-${n}-BRIEF` },
				toolCalls: [{ name: 'read', input: { path: `job${n}.txt` } }],
				usage: { inputTokens: 10 * n, outputTokens: 1 }
			},
			{
				match: { lastUserMessageIncludes: `JOB-${n}-CONTENT` },
				text: `report ${n}`,
				usage: { inputTokens: 100 * n, outputTokens: 2 }
			}
		]);
		const files = Object.fromEntries(jobs.map((n) => [`job${n}.txt`, `JOB-${n}-CONTENT\n`]));

		// The first four reads wait for each other: they can only all arrive if four subagents
		// run at once. Then they are let go one by one, in reverse, each after the previous
		// subagent has finished, so the subagents finish out of the model's order.
		const held = new Map<number, () => void>();
		let inFlight = 0;
		let maxInFlight = 0;
		let statsAtBarrier: { running: number; queued: number } | undefined;
		let releaseNext: (() => void) | undefined;
		const finished: string[] = [];
		const s: Setup = await setup(format, script, files, {
			wrapWorkspace: (workspace) => ({
				exists: (path) => workspace.exists(path),
				isDirectory: (path) => workspace.isDirectory(path),
				getFile: (path) => workspace.getFile(path),
				listDir: (path) => workspace.listDir(path),
				allFiles: () => workspace.allFiles(),
				peekText: (path) => workspace.peekText(path),
				readText: (path) => workspace.readText(path),
				writeFile: (path, data) => workspace.writeFile(path, data),
				readBytes: async (path) => {
					const n = Number(/^job(\d)\.txt$/.exec(path)?.[1]);
					if (n >= 1 && n <= 4) {
						inFlight++;
						maxInFlight = Math.max(maxInFlight, inFlight);
						await new Promise<void>((resolve) => {
							held.set(n, resolve);
							if (held.size === 4) {
								statsAtBarrier = s.runner.stats();
								let next = 4;
								releaseNext = () => held.get(next--)?.();
								releaseNext();
							}
						});
						inFlight--;
					}
					return workspace.readBytes(path);
				}
			}),
			store: (id) => {
				finished.push(id);
				releaseNext?.();
			}
		});

		const calls: ToolCallEndEvent[] = jobs.map((n) => ({
			type: 'tool-call-end',
			id: `task-${n}`,
			name: 'task',
			rawArguments: '',
			input: { description: `job ${n}`, prompt: `Do JOB-${n}-BRIEF and report.` }
		}));
		const persisted: ToolResultEvent[] = [];
		const log = memorySessionLog();
		const results = await runToolCalls(calls, {
			workspace: s.workspace,
			runtime: s.runtime,
			readTracker: createReadTracker(),
			signal: new AbortController().signal,
			emit: () => {},
			onTodos: () => {},
			persist: async (event) => {
				persisted.push(event);
				await log.append(event);
			},
			runSubagent: s.runner
		});

		expect(maxInFlight).toBe(4);
		expect(statsAtBarrier).toEqual({ running: 4, queued: 1 });
		expect(s.runner.stats()).toEqual({ running: 0, queued: 0 });
		// Finished out of order (job 4 first), yet reported in the model's order.
		expect(finished[0]).toBe('task-4');
		expect(finished).not.toEqual(jobs.map((n) => `task-${n}`));
		expect(results.map((r) => r.toolCallId)).toEqual(jobs.map((n) => `task-${n}`));
		expect(persisted.map((r) => r.toolCallId)).toEqual(jobs.map((n) => `task-${n}`));
		expect(results.map((r) => r.output)).toEqual(jobs.map((n) => `report ${n}`));
		expect(results.every((r) => r.ok)).toBe(true);
		// Each subagent's usage comes back with its result, for the session's totals.
		for (const [index, result] of results.entries()) {
			const n = index + 1;
			expect(result.metadata?.subagent).toMatchObject({ id: `task-${n}`, steps: 2 });
			expect(result.metadata?.subagent?.usage.outputTokens).toBe(3);
			if (format === 'anthropic') {
				expect(result.metadata?.subagent?.usage.inputTokens).toBe(110 * n);
			}
		}
		// The fifth subagent's first request came only after a slot was free.
		const requests = server.requests();
		const firstOfFifth = requests.findIndex((r) => JSON.stringify(r.body).includes('JOB-5-BRIEF'));
		const lastOfFourth = requests.findIndex((r) =>
			JSON.stringify(r.body).includes('JOB-4-CONTENT')
		);
		expect(firstOfFifth).toBeGreaterThan(lastOfFourth);
	});
});
