/**
 * Leaving a chat (a new one, another opened) stops what its agent left running in the background,
 * and only that: the person's own processes keep running. On the real Node runtime.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createNodeRuntime } from '../../../../src/lib/runtime/node';
import type { Runtime } from '../../../../src/lib/runtime';
import { stopAgentProcesses } from '../../../../src/lib/state/chat/project-chat';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function nodeRuntime(): Promise<Runtime> {
	const root = await mkdtemp(join(tmpdir(), 'kiln-project-chat-'));
	const runtime = await createNodeRuntime({ root });
	cleanups.push(() => rm(root, { recursive: true, force: true }));
	cleanups.push(() => runtime.dispose());
	return runtime;
}

describe('stopAgentProcesses', () => {
	it("stops the agent's background processes and leaves the person's running", async () => {
		const runtime = await nodeRuntime();
		const processes = runtime.processes!;
		const agent = await processes.start('sleep 300', { startedBy: 'agent' });
		const person = await processes.start('sleep 300', { startedBy: 'person' });

		stopAgentProcesses(processes);

		await vi.waitFor(() => expect(processes.get(agent.id)?.status).toBe('stopped'));
		expect(processes.get(agent.id)?.stoppedBy).toBe('session');
		expect(processes.get(person.id)?.status).toBe('running');
	});

	it('does nothing where the runtime has no background processes', () => {
		expect(() => stopAgentProcesses(undefined)).not.toThrow();
	});
});
