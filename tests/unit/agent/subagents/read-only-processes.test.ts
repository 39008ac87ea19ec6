/**
 * An explore subagent may read the session's background processes, but its reads are not the
 * agent's: bash_output through the read-only runtime leaves the agent's read position and its
 * reminder of an end where they were.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOnlyRuntime } from '../../../../src/lib/agent/subagents';
import { runTool } from '../../../../src/lib/tools';
import { waitFor } from '../../../contract/process-contract';
import { RUNTIMES, useHarness } from '../../tools/harness';

const [, nodeFactory] = RUNTIMES.find(([name]) => name === 'node')!;

describe("an explorer's bash_output", () => {
	const open = useHarness(nodeFactory);

	it("shows the latest output and leaves what is new to the agent, and the agent's reminder, alone", async () => {
		const h = await open();
		const command =
			'echo first ready; while [ ! -f go ]; do sleep 0.05; done; echo "Error: boom"; exit 4';
		const started = await h.run('bash', { command, run_in_background: true });
		expect(started.output).toContain('first ready');
		await writeFile(join(h.root!, 'go'), '');
		await waitFor(
			() => (h.runtime.processes!.get('bash_1')?.status === 'exited' ? true : undefined),
			'the exit'
		);

		const explorer = { ...h.ctx, runtime: readOnlyRuntime(h.runtime) };
		for (let read = 0; read < 2; read++) {
			const peeked = await runTool('bash_output', { bash_id: 'bash_1' }, explorer);
			expect(peeked.output).toContain('bash_1: exited with code 4');
			expect(peeked.output).toContain('Latest output:\nfirst ready\nError: boom');
		}

		expect(h.runtime.processes!.takeUnseenEnds().map((notice) => notice.info.id)).toEqual([
			'bash_1'
		]);
		const read = await h.run('bash_output', { bash_id: 'bash_1' });
		expect(read.output.split('New output since the previous read:\n')[1]).toBe('Error: boom');
	});
});
