import { afterEach, describe, expect, it } from 'vitest';
import { permissionGate, type AgentMode } from '../../../../src/lib/agent/permissions';
import { runToolCalls, type ToolResultEvent } from '../../../../src/lib/agent/tool-calls';
import type { LiveEvent } from '../../../../src/lib/agent';
import type { ToolCallEndEvent } from '../../../../src/lib/providers';
import { createBrowserRuntime } from '../../../../src/lib/runtime/browser';
import type { Runtime } from '../../../../src/lib/runtime/types';
import { createReadTracker } from '../../../../src/lib/tools';
import { openWorkspace, type Workspace } from '../../../../src/lib/workspace';

const open: { workspace: Workspace; runtime: Runtime }[] = [];
afterEach(async () => {
	for (const { workspace, runtime } of open.splice(0)) {
		workspace.dispose();
		await runtime.dispose();
	}
});

function call(id: string, name: string, input: Record<string, unknown>): ToolCallEndEvent {
	return { type: 'tool-call-end', id, name, rawArguments: JSON.stringify(input), input };
}

async function run(calls: ToolCallEndEvent[], mode: () => AgentMode) {
	const runtime = await createBrowserRuntime({ files: { 'a.txt': 'hello\n' } });
	const workspace = await openWorkspace({ projectId: 'permissions', runtime });
	open.push({ workspace, runtime });
	const live: LiveEvent[] = [];
	const persisted: ToolResultEvent[] = [];
	const results = await runToolCalls(calls, {
		workspace,
		runtime,
		readTracker: createReadTracker(),
		signal: new AbortController().signal,
		emit: (event) => live.push(event),
		onTodos: () => {},
		persist: async (event) => {
			persisted.push(event);
		},
		permission: permissionGate(mode)
	});
	return { results, persisted, live, workspace };
}

describe('the permission check in the tool runner', () => {
	it('refuses what plan mode forbids before it runs, and runs the rest', async () => {
		const { results, live, workspace } = await run(
			[
				call('1', 'read', { path: 'a.txt' }),
				call('2', 'edit', { path: 'a.txt', old_string: 'hello', new_string: 'bye' }),
				call('3', 'bash', { command: 'echo bye > a.txt' }),
				call('4', 'bash', { command: 'cat a.txt' }),
				call('5', 'write', { path: 'b.txt', content: 'x' }),
				call('6', 'edit', { path: 'a.txt' })
			],
			() => 'plan'
		);
		expect(results.map((r) => [r.toolCallId, r.ok, r.metadata?.refused ?? false])).toEqual([
			['1', true, false],
			['2', false, true],
			['3', false, true],
			['4', true, false],
			['5', false, true],
			// Bad arguments are reported as such, not as a refusal.
			['6', false, false]
		]);
		expect(results[1]!.output).toMatch(/Plan mode/);
		expect(results[2]!.output).toMatch(/redirects output into a file/);
		expect(results[3]!.output).toMatch(/^hello/);
		expect(results[5]!.output).toMatch(/Invalid arguments for edit/);
		expect(await workspace.readText('a.txt')).toBe('hello\n');
		expect(workspace.exists('b.txt')).toBe(false);
		// A refused call never started.
		const started = live.flatMap((e) => (e.type === 'tool-running' ? [e.id] : []));
		expect(started.sort()).toEqual(['1', '4', '6']);
	});

	it('applies the mode of the moment: the same calls run in auto mode', async () => {
		const { results, workspace } = await run(
			[
				call('1', 'read', { path: 'a.txt' }),
				call('2', 'edit', { path: 'a.txt', old_string: 'hello', new_string: 'bye' })
			],
			() => 'auto'
		);
		expect(results.map((r) => r.ok)).toEqual([true, true]);
		expect(await workspace.readText('a.txt')).toBe('bye\n');
	});
});
