/**
 * The tools' side of background processes, as the model uses them: bash with
 * run_in_background, bash_output and bash_kill on the node runtime with a real HTTP server,
 * and the browser runtime's refusal.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	ORPHAN_COMMAND,
	SERVER_COMMAND,
	TREE_COMMAND,
	isAlive,
	waitFor,
	portOpen
} from '../../contract/process-contract';
import type { ProcessInfo, Runtime } from '../../../src/lib/runtime/types';
import { RUNTIMES, useHarness } from './harness';

const [, nodeFactory] = RUNTIMES.find(([name]) => name === 'node')!;
const [, browserFactory] = RUNTIMES.find(([name]) => name === 'browser')!;

/** The agent's foreground command, once the table lists it. */
function foregroundJob(runtime: Runtime): Promise<ProcessInfo> {
	return waitFor(
		() => runtime.processes!.list().find((info) => info.foreground),
		'the foreground job'
	);
}

describe('background processes through the tools (node)', () => {
	const open = useHarness(nodeFactory);

	it('starts a server, reads its listening line, fetches a page in the foreground, stops it, and the port closes', async () => {
		const h = await open();
		const started = await h.run('bash', { command: SERVER_COMMAND, run_in_background: true });
		expect(started.ok).toBe(true);
		expect(started.output).toMatch(/^Started bash_1 in the background\./);
		expect(started.metadata?.bashId).toBe('bash_1');
		// It returned as soon as the server said where it listens, with that line and its URL.
		expect(started.output).toMatch(/bash_1: running for \d+ s/);
		const url = started.metadata?.url;
		expect(url).toMatch(/^http:\/\/localhost:\d+\/$/);
		expect(started.output).toContain(`URL: ${url}`);
		expect(started.output).toMatch(/listening on http:\/\/localhost:\d+\//);
		const port = Number(new URL(url!).port);

		// Nothing new yet: bash_output says so, with the status.
		const quiet = await h.run('bash_output', { bash_id: 'bash_1' });
		expect(quiet.output).toContain('bash_1: running');
		expect(quiet.output).toContain('(no new output)');

		const page = await h.run('bash', {
			command: `node -e "fetch('http://127.0.0.1:${port}/').then(r => r.text()).then(t => console.log('got: ' + t))"`
		});
		expect(page.output).toContain('got: hello from kiln');
		expect(page.output).toContain('Exit code: 0');

		const killed = await h.run('bash_kill', { bash_id: 'bash_1' });
		expect(killed.ok).toBe(true);
		expect(killed.output).toMatch(
			/^Stopped bash_1 \(node -e .*\) after \d+ s; http:\/\/localhost:\d+\/ is closed\./
		);
		expect(await portOpen(port)).toBe(false);

		const after = await h.run('bash_output', { bash_id: 'bash_1' });
		expect(after.output).toContain('bash_1: stopped (bash_kill)');
		const again = await h.run('bash_kill', { bash_id: 'bash_1' });
		expect(again.output).toMatch(/was not running: it stopped \(bash_kill\)\. Nothing to stop\./);
	});

	it('reads only what came since the previous read, and reports an exit code', async () => {
		const h = await open();
		const started = await h.run('bash', {
			command: 'echo first ready; while [ ! -f go ]; do sleep 0.05; done; echo second; exit 4',
			run_in_background: true
		});
		expect(started.output).toContain('first ready');
		await writeFile(join(h.root!, 'go'), '');
		await waitFor(
			() => (h.runtime.processes!.get('bash_1')?.status === 'exited' ? true : undefined),
			'the exit'
		);
		const read = await h.run('bash_output', { bash_id: 'bash_1' });
		expect(read.output).toContain('bash_1: exited with code 4');
		// The start already returned "first"; this read has only what came after.
		const newOutput = read.output.split('New output since the previous read:\n')[1];
		expect(newOutput).toBe('second');
	});

	it('answers unknown ids with the ids there are', async () => {
		const h = await open();
		const none = await h.run('bash_output', { bash_id: 'bash_7' });
		expect(none.ok).toBe(false);
		expect(none.output).toMatch(/no background process 'bash_7'.*None was started/);
		await h.run('bash', { command: 'sleep 300', run_in_background: true });
		const wrong = await h.run('bash_kill', { bash_id: 'bash_2' });
		expect(wrong.output).toMatch(/The processes are: bash_1 \(running for \d+ s\)/);
	});

	it('kills the whole tree on bash_kill', async () => {
		const h = await open();
		const started = await h.run('bash', { command: TREE_COMMAND, run_in_background: true });
		const pid = Number(/child (\d+)/.exec(started.output)?.[1]);
		expect(isAlive(pid)).toBe(true);
		await h.run('bash_kill', { bash_id: 'bash_1' });
		await waitFor(() => (isAlive(pid) ? undefined : true), 'the child to end');
	});

	it('stops on bash_kill what the shell left running after it exited', async () => {
		const h = await open();
		const started = await h.run('bash', {
			command: `${ORPHAN_COMMAND}; echo ready`,
			run_in_background: true
		});
		const pid = Number(/child (\d+)/.exec(started.output)?.[1]);
		expect(isAlive(pid)).toBe(true);
		const killed = await h.run('bash_kill', { bash_id: 'bash_1' });
		expect(killed.ok).toBe(true);
		expect(killed.output).toContain('It and every process it started are gone.');
		await waitFor(() => (isAlive(pid) ? undefined : true), 'the child to end', 5000);
	});

	it('lists a foreground command while it runs, and a person can stop it', async () => {
		const h = await open();
		const running = h.run('bash', { command: 'echo started; sleep 300' });
		const job = await foregroundJob(h.runtime);
		expect(job).toMatchObject({ startedBy: 'agent', command: 'echo started; sleep 300' });
		await waitFor(
			() => (h.runtime.processes!.recentOutput(job.id).includes('started') ? true : undefined),
			'output'
		);
		await h.runtime.processes!.kill(job.id, 'person');
		const result = await running;
		expect(result.ok).toBe(false);
		expect(result.output).toContain('stopped by the person from the Processes panel');
		expect(h.runtime.processes!.list()).toEqual([]);
	});
});

describe('background processes through the tools (browser)', () => {
	const open = useHarness(browserFactory);

	it('refuses with a message that says the static preview already serves the files', async () => {
		const h = await open({ 'index.html': '<h1>hi</h1>' });
		const refused = await h.run('bash', { command: 'npx serve .', run_in_background: true });
		expect(refused.ok).toBe(false);
		expect(refused.output).toMatch(/cannot run background processes or servers/);
		expect(refused.output).toMatch(/preview pane already serves the project's files/);
		expect(h.runtime.processes!.list()).toEqual([]);
	});

	it('still lists a foreground command while it runs', async () => {
		const h = await open();
		const result = h.run('bash', { command: 'echo hi; sleep 30' });
		const job = await foregroundJob(h.runtime);
		await h.runtime.processes!.kill(job.id, 'person');
		expect((await result).output).toContain('stopped by the person');
	});
});
