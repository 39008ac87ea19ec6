import { afterEach, describe, expect, it } from 'vitest';
import { runToolCalls, type ToolResultEvent } from '../../../src/lib/agent/tool-calls';
import type { ToolCallEndEvent } from '../../../src/lib/providers';
import { createBrowserRuntime } from '../../../src/lib/runtime/browser';
import type { Runtime } from '../../../src/lib/runtime/types';
import { createReadTracker } from '../../../src/lib/tools';
import { openWorkspace, type Workspace } from '../../../src/lib/workspace';
import type { WorkspacePersistence } from '../../../src/lib/workspace/types';

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

/** Storage that holds every save until `release` (or fails it, with `fail`). */
function heldStorage() {
	const saved: string[] = [];
	let release!: () => void;
	let fail!: (error: Error) => void;
	const gate = new Promise<void>((resolve, reject) => {
		release = resolve;
		fail = reject;
	});
	// A failure may come before any save has started waiting on the gate: handled here, it is
	// still seen by every save that waits (else Node reports it unhandled and fails the run).
	gate.catch(() => {});
	const persistence: WorkspacePersistence = {
		putFile: async (path) => {
			await gate;
			saved.push(path);
		},
		putDir: () => gate,
		deleteTree: () => gate
	};
	return { persistence, saved, release: () => release(), fail: (error: Error) => fail(error) };
}

async function start(calls: ToolCallEndEvent[], persistence: WorkspacePersistence) {
	const runtime = await createBrowserRuntime({ files: { 'a.txt': 'hello\n' } });
	const workspace = await openWorkspace({
		projectId: 'durable',
		runtime,
		persistence,
		onError: () => {}
	});
	open.push({ workspace, runtime });
	const persisted: ToolResultEvent[] = [];
	const done = runToolCalls(calls, {
		workspace,
		runtime,
		readTracker: createReadTracker(),
		signal: new AbortController().signal,
		emit: () => {},
		onTodos: () => {},
		persist: async (event) => {
			persisted.push(event);
		}
	});
	return { done, persisted, workspace };
}

describe('a tool result is recorded only once its changes are saved', () => {
	it('holds back the result of a write and a command until storage has them', async () => {
		const storage = heldStorage();
		const { done, persisted, workspace } = await start(
			[
				call('1', 'read', { path: 'a.txt' }),
				call('2', 'write', { path: 'b.txt', content: 'bee\n' }),
				call('3', 'bash', { command: 'echo sea > c.txt' })
			],
			storage.persistence
		);
		// The read is recorded; the write waits on storage although its file is written.
		await expect.poll(() => workspace.exists('b.txt')).toBe(true);
		await expect.poll(() => persisted.map((event) => event.toolCallId)).toEqual(['1']);
		storage.release();
		const results = await done;
		expect(results.map((event) => [event.toolCallId, event.ok])).toEqual([
			['1', true],
			['2', true],
			['3', true]
		]);
		expect(storage.saved).toEqual(expect.arrayContaining(['b.txt', 'c.txt']));
	});

	it('reports a write whose save failed as failed, saying why', async () => {
		const storage = heldStorage();
		const { done } = await start(
			[call('1', 'write', { path: 'b.txt', content: 'bee\n' })],
			storage.persistence
		);
		storage.fail(new Error('The browser storage is full. Free some space, then try again.'));
		const [result] = await done;
		expect(result!.ok).toBe(false);
		expect(result!.output).toMatch(/Created 'b\.txt'/);
		expect(result!.output).toMatch(/storage is full/);
	});
});
