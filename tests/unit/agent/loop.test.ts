import { describe, expect, it } from 'vitest';
import { TOOL_NAMES } from '../../../src/lib/tools';
import type { Workspace } from '../../../src/lib/workspace';
import {
	API_KEY,
	FORMATS,
	assertValidConversation,
	lastToolResults,
	ofType,
	types,
	useAgentHarness
} from './harness';

describe.each(FORMATS)('the agent loop (%s)', (format) => {
	const setup = useAgentHarness();

	it('streams a text answer and records the turn', async () => {
		const h = await setup(format, [{ text: 'Hello there, how can I help?', chunkSize: 5 }]);
		const result = await h.run('Hi');

		expect(result.reason).toBe('completed');
		expect(result.error).toBeUndefined();
		expect(result.usage.outputTokens).toBeGreaterThan(0);
		expect(types(h.log.events)).toEqual([
			'session-start',
			'user-message',
			'assistant-step',
			'turn-end'
		]);
		const deltas = h.live.flatMap((e) => (e.type === 'text-delta' ? [e.text] : []));
		expect(deltas.length).toBeGreaterThan(1);
		expect(deltas.join('')).toBe('Hello there, how can I help?');
		const [step] = ofType(h.log.events, 'assistant-step');
		expect(step!.message.content).toEqual([{ type: 'text', text: 'Hello there, how can I help?' }]);
		expect(step!.stopReason).toBe('end_turn');
		expect(ofType(h.log.events, 'turn-end')[0]).toMatchObject({ reason: 'completed' });
		// Every persisted event was announced, in order.
		const announced = h.live.flatMap((e) => (e.type === 'persisted' ? [e.event.type] : []));
		expect(announced).toEqual(types(h.log.events, true));
		// Keys reach the provider only.
		expect(JSON.stringify(h.log.events)).not.toContain(API_KEY);
	});

	it('sends the tools in fixed order, the static prompt first, the environment after, with breakpoints on the system layers', async () => {
		const h = await setup(format, [{ text: 'ok' }]);
		await h.run('Hi');
		const [body] = h.bodies();
		if (format === 'anthropic') {
			const tools = body!.tools as { name: string; cache_control?: unknown }[];
			expect(tools.map((t) => t.name)).toEqual([...TOOL_NAMES]);
			// The system prompt's breakpoint right after the tools covers them.
			expect(tools.every((t) => t.cache_control === undefined)).toBe(true);
			const system = body!.system as { text: string; cache_control?: unknown }[];
			expect(system).toHaveLength(2);
			expect(system[0]!.text).toMatch(/^You are Kiln/);
			expect(system[0]!.cache_control).toEqual({ type: 'ephemeral' });
			expect(system[1]!.text).toContain('Node.js is NOT available');
			expect(system[1]!.cache_control).toEqual({ type: 'ephemeral' });
			const messages = body!.messages as { content: { text: string; cache_control?: unknown }[] }[];
			expect(messages).toHaveLength(1);
			expect(messages[0]!.content).toEqual([
				{ type: 'text', text: 'Hi', cache_control: { type: 'ephemeral' } }
			]);
		} else {
			const tools = body!.tools as { function: { name: string } }[];
			expect(tools.map((t) => t.function.name)).toEqual([...TOOL_NAMES]);
			const messages = body!.messages as { role: string; content: string }[];
			expect(messages[0]!.role).toBe('system');
			expect(messages[0]!.content).toMatch(/^You are Kiln/);
			expect(messages[0]!.content).toContain('Node.js is NOT available');
			expect(messages.slice(1)).toEqual([{ role: 'user', content: 'Hi' }]);
		}
	});

	it('runs a tool call that writes a file, persisting the step before running it', async () => {
		const h = await setup(format, [
			{ toolCalls: [{ name: 'write', input: { path: 'src/hello.txt', content: 'hi\n' } }] },
			{ text: 'Created src/hello.txt.' }
		]);
		const result = await h.run('Create a hello file');

		expect(result.reason).toBe('completed');
		expect(await h.workspace.readText('src/hello.txt')).toBe('hi\n');
		expect(types(h.log.events)).toEqual([
			'session-start',
			'user-message',
			'assistant-step',
			'tool-result',
			'assistant-step',
			'turn-end'
		]);
		const [toolResult] = ofType(h.log.events, 'tool-result');
		expect(toolResult).toMatchObject({ name: 'write', ok: true });
		expect(toolResult!.metadata?.created).toBe(true);

		const order = h.live.map((e) =>
			e.type === 'persisted' ? `persisted ${e.event.type}` : e.type
		);
		const at = (name: string) => order.indexOf(name);
		expect(at('tool-call-start')).toBeLessThan(at('tool-call-ready'));
		expect(at('tool-call-ready')).toBeLessThan(at('persisted assistant-step'));
		expect(at('persisted assistant-step')).toBeLessThan(at('tool-running'));
		expect(at('tool-running')).toBeLessThan(at('persisted tool-result'));
		const ready = h.live.find((e) => e.type === 'tool-call-ready');
		expect(ready).toMatchObject({
			name: 'write',
			summary: expect.stringContaining('src/hello.txt')
		});

		const second = h.bodies()[1]!;
		assertValidConversation(format, second);
		const results = lastToolResults(format, second);
		expect(results).toHaveLength(1);
		expect(results[0]!.id).toBe(toolResult!.toolCallId);
		expect(results[0]!.content).toBe(toolResult!.output);
	});

	it('runs read-only calls in parallel and mutating ones in order, all results in one message', async () => {
		const trace: string[] = [];
		let readsStarted = 0;
		let bothStarted!: () => void;
		const overlap = new Promise<void>((resolve) => (bothStarted = resolve));
		// If reads ran one at a time the first would wait here for a second that never starts;
		// the watchdog lets it go on so the assertion below fails instead of the test hanging.
		const watchdog = () => new Promise<void>((resolve) => setTimeout(resolve, 2000).unref());
		const wrap = (workspace: Workspace) =>
			new Proxy(workspace, {
				get(target, property) {
					if (property === 'readBytes') {
						return async (path: string) => {
							trace.push(`read-start ${path}`);
							if (++readsStarted === 2) bothStarted();
							await Promise.race([overlap, watchdog()]);
							const bytes = await target.readBytes(path);
							trace.push(`read-end ${path}`);
							return bytes;
						};
					}
					if (property === 'writeFile') {
						return async (path: string, content: string | Uint8Array) => {
							trace.push(`write-start ${path}`);
							// Give a parallel caller the chance to start in between.
							await new Promise((resolve) => setImmediate(resolve));
							await target.writeFile(path, content);
							trace.push(`write-end ${path}`);
						};
					}
					const value: unknown = Reflect.get(target, property, target);
					return typeof value === 'function' ? value.bind(target) : value;
				}
			});
		const h = await setup(
			format,
			[
				{
					toolCalls: [
						{ name: 'read', input: { path: 'a.txt' } },
						{ name: 'read', input: { path: 'b.txt' } },
						{ name: 'write', input: { path: 'c.txt', content: 'first' } },
						{ name: 'write', input: { path: 'd.txt', content: 'second' } }
					]
				},
				{ text: 'Done.' }
			],
			{ files: { 'a.txt': 'alpha\n', 'b.txt': 'beta\n' }, wrapWorkspace: wrap }
		);
		const result = await h.run('Read both, write two');
		expect(result.reason).toBe('completed');

		// The reads overlapped: the second started before the first ended.
		expect(trace.indexOf('read-start b.txt')).toBeLessThan(trace.indexOf('read-end a.txt'));
		// The writes did not overlap each other or the reads, and kept the model's order.
		// (write itself may read the file it replaces; only the project files a and b matter here.)
		const relevant = trace.filter((entry) => /^write-|^read-\w+ [ab]\.txt$/.test(entry));
		expect(relevant.slice(-4)).toEqual([
			'write-start c.txt',
			'write-end c.txt',
			'write-start d.txt',
			'write-end d.txt'
		]);
		expect(relevant.slice(0, 4).every((entry) => entry.startsWith('read-'))).toBe(true);

		const calls = ofType(h.log.events, 'assistant-step')[0]!.message.content.flatMap((b) =>
			b.type === 'tool_call' ? [b.id] : []
		);
		const logged = ofType(h.log.events, 'tool-result');
		expect(logged.map((r) => r.toolCallId)).toEqual(calls);
		expect(logged.every((r) => r.ok)).toBe(true);

		const second = h.bodies()[1]!;
		assertValidConversation(format, second);
		const wire = lastToolResults(format, second);
		expect(wire.map((r) => r.id)).toEqual(calls);
		expect(wire[0]!.content).toContain('alpha');
		expect(wire[1]!.content).toContain('beta');
		const messages = second.messages as { role: string }[];
		if (format === 'anthropic') {
			// One user message holds all four results.
			expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
		} else {
			expect(messages.map((m) => m.role)).toEqual([
				'system',
				'user',
				'assistant',
				'tool',
				'tool',
				'tool',
				'tool'
			]);
		}
	});

	it('forwards the plan from todo_write', async () => {
		const todos = [
			{ content: 'Read the code', status: 'completed' },
			{ content: 'Fix the bug', status: 'in_progress' }
		];
		const seen: unknown[] = [];
		const h = await setup(
			format,
			[{ toolCalls: [{ name: 'todo_write', input: { todos } }] }, { text: 'ok' }],
			{
				agent: { onTodos: (list) => seen.push(list) }
			}
		);
		await h.run('Plan it');
		expect(seen).toEqual([todos]);
		expect(h.live.find((e) => e.type === 'todos')).toEqual({ type: 'todos', todos });
	});
});
