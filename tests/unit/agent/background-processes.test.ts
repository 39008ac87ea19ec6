/**
 * Background processes across turns, on the node runtime with real processes: a turn that ends
 * or is stopped leaves none behind where the front end asks for that (the CLI), and a process
 * that dies between turns is told to the agent in its next message as a reminder.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeRuntime } from '../../../src/lib/runtime/node';
import { SERVER_COMMAND, waitFor, portOpen } from '../../contract/process-contract';
import { ofType, useAgentHarness } from './harness';

const folders: string[] = [];
afterEach(async () => {
	for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function nodeRuntimeIn(): Promise<{
	root: string;
	make: () => ReturnType<typeof createNodeRuntime>;
}> {
	const root = await mkdtemp(join(tmpdir(), 'kiln-agent-processes-'));
	folders.push(root);
	return { root, make: () => createNodeRuntime({ root }) };
}

function portOf(output: string): number {
	return Number(/localhost:(\d+)/.exec(output)?.[1]);
}

describe('background processes and turns', () => {
	const setup = useAgentHarness();

	it('a turn that ends stops the servers it started (stopProcessesAfterTurn)', async () => {
		const { make } = await nodeRuntimeIn();
		const h = await setup(
			'anthropic',
			[
				{
					toolCalls: [{ name: 'bash', input: { command: SERVER_COMMAND, run_in_background: true } }]
				},
				{ text: 'The server ran.' }
			],
			{ runtime: make, agent: { stopProcessesAfterTurn: true } }
		);
		const result = await h.run('Start the server');
		expect(result.reason).toBe('completed');
		const [started] = ofType(h.log.events, 'tool-result');
		expect(started!.output).toContain('Started bash_1 in the background');
		expect(h.runtime.processes!.list().filter((p) => p.status === 'running')).toEqual([]);
		expect(h.runtime.processes!.get('bash_1')).toMatchObject({ status: 'stopped' });
		expect(await portOpen(portOf(started!.output))).toBe(false);
	});

	it('a turn that is stopped stops them too', async () => {
		const { make } = await nodeRuntimeIn();
		const h = await setup(
			'anthropic',
			[
				{
					toolCalls: [{ name: 'bash', input: { command: SERVER_COMMAND, run_in_background: true } }]
				},
				{ text: 'never finished', fault: { type: 'stall', afterChunks: 3 } }
			],
			{ runtime: make, agent: { stopProcessesAfterTurn: true } }
		);
		const controller = new AbortController();
		const result = await h.run('Start the server', {
			signal: controller.signal,
			onEvent: (event) => {
				if (event.type === 'persisted' && event.event.type === 'tool-result') {
					setImmediate(() => controller.abort());
				}
			}
		});
		expect(result.reason).toBe('aborted');
		const [started] = ofType(h.log.events, 'tool-result');
		expect(h.runtime.processes!.get('bash_1')).toMatchObject({ status: 'stopped' });
		expect(await portOpen(portOf(started!.output))).toBe(false);
	});

	it('tells the agent in its next message when a process it started crashed, with its output', async () => {
		const { root, make } = await nodeRuntimeIn();
		const command =
			'echo server ready; while [ ! -f crash ]; do sleep 0.05; done; echo "Error: boom" >&2; exit 2';
		const h = await setup(
			'anthropic',
			[
				{ toolCalls: [{ name: 'bash', input: { command, run_in_background: true } }] },
				{ text: 'Started.' },
				{ text: 'I see it crashed.' }
			],
			{ runtime: make, agent: { processReminders: true } }
		);
		await h.run('Start it');
		expect(h.runtime.processes!.get('bash_1')?.status).toBe('running');
		await writeFile(join(root, 'crash'), '');
		await waitFor(
			() => (h.runtime.processes!.get('bash_1')?.status === 'exited' ? true : undefined),
			'the crash'
		);
		await h.run('How is it going?');
		const messages = ofType(h.log.events, 'user-message');
		expect(messages[0]!.reminder ?? '').not.toContain('bash_1');
		const reminder = messages[1]!.reminder!;
		expect(reminder).toMatch(/^<system-reminder>\nBackground processes you started have ended/);
		expect(reminder).toContain('bash_1 (echo server ready;');
		expect(reminder).toContain('exited with code 2 (it crashed)');
		expect(reminder).toContain('Error: boom');
		// Told once: the turn after says nothing more about it.
		expect(h.runtime.processes!.takeUnseenEnds()).toEqual([]);
	});
});
