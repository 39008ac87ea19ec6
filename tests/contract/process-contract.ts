/**
 * The background-process contract: every runtime that can run processes (node, WebContainer over
 * its test double) starts, reads, caps, kills and cleans up the same way. The processes are
 * real: a real HTTP server, real process trees, checked from outside through their pids.
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	MAX_RUNNING_PROCESSES,
	ProcessError,
	type BackgroundProcesses,
	type Runtime
} from '../../src/lib/runtime/types';
import type { ContractSubject } from './runtime-contract';

/** A server on a free port that says where it listens, as dev servers do. */
export const SERVER_COMMAND = `node -e "const s = require('http').createServer((q, r) => r.end('hello from kiln')); s.listen(0, '127.0.0.1', () => console.log('listening on http://localhost:' + s.address().port + '/'))"`;

/** A shell whose child prints its pid and then both wait: killing must reach the child too. */
export const TREE_COMMAND = `sleep 300 & echo "child $!"; wait`;

/** A shell that exits at once, leaving its child running (and holding its output). */
export const ORPHAN_COMMAND = `sleep 40 & echo "child $!"`;

/** True while the process exists and is not a zombie waiting to be reaped. */
export function isAlive(pid: number): boolean {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat[stat.lastIndexOf(')') + 2] !== 'Z';
	} catch {
		return false;
	}
}

/** Whether something accepts connections on the port (127.0.0.1). */
export function portOpen(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect({ port, host: '127.0.0.1' });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/** The pid TREE_COMMAND's child printed, once it did. */
export function childPid(processes: BackgroundProcesses, id: string): Promise<number> {
	return waitFor(() => {
		const match = /child (\d+)/.exec(processes.recentOutput(id));
		return match ? Number(match[1]) : undefined;
	}, 'the child pid');
}

/** Waits until `read` gives a value (conditions, not sleeps). */
export async function waitFor<T>(read: () => T | undefined, what: string, ms = 15_000): Promise<T> {
	const deadline = Date.now() + ms;
	for (;;) {
		const value = read();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}

export function describeProcessContract(name: string, setup: () => Promise<ContractSubject>) {
	describe(`background processes: ${name}`, () => {
		let subject: ContractSubject;
		let runtime: Runtime;
		let processes: BackgroundProcesses;

		beforeEach(async () => {
			subject = await setup();
			runtime = subject.runtime;
			processes = runtime.processes!;
		});

		afterEach(async () => {
			await runtime.dispose();
			await subject.cleanup?.();
		});

		it('starts without waiting, with ids in start order, and reads output since the last read', async () => {
			const first = await processes.start('echo one; sleep 300', { startedBy: 'agent' });
			const second = await processes.start('sleep 300', { startedBy: 'person' });
			expect([first.id, second.id]).toEqual(['bash_1', 'bash_2']);
			expect(first.status).toBe('running');
			expect(processes.get('bash_2')).toMatchObject({ startedBy: 'person', command: 'sleep 300' });
			await waitFor(
				() => (processes.recentOutput(first.id).includes('one') ? true : undefined),
				'output'
			);
			expect(processes.readNew(first.id).text).toMatch(/^one\r?\n$/);
			expect(processes.readNew(first.id)).toEqual({ text: '', droppedChars: 0 });
		});

		it('runs a real server that answers until it is killed', async () => {
			const started = await processes.start(SERVER_COMMAND, { startedBy: 'agent' });
			const settled = await processes.settle(started.id, 15_000);
			expect(settled.status).toBe('running');
			const line = processes.readNew(started.id).text;
			const port = Number(/localhost:(\d+)/.exec(line)?.[1]);
			expect(line).toMatch(/listening on http:\/\/localhost:\d+\//);
			const page = await fetch(`http://127.0.0.1:${port}/`);
			expect(await page.text()).toBe('hello from kiln');
			const killed = await processes.kill(started.id, 'agent');
			expect(killed).toMatchObject({ status: 'stopped', stoppedBy: 'agent' });
			await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
		});

		it('kills the whole process tree', async () => {
			const started = await processes.start(TREE_COMMAND, { startedBy: 'agent' });
			const pid = await childPid(processes, started.id);
			expect(isAlive(pid)).toBe(true);
			await processes.kill(started.id, 'agent');
			await waitFor(() => (isAlive(pid) ? undefined : true), 'the child to end');
		});

		it('kills what the shell left running after it exited', async () => {
			const started = await processes.start(ORPHAN_COMMAND, { startedBy: 'agent' });
			const pid = await childPid(processes, started.id);
			expect(isAlive(pid)).toBe(true);
			const killed = await processes.kill(started.id, 'agent');
			expect(killed).toMatchObject({ status: 'stopped', stoppedBy: 'agent' });
			await waitFor(() => (isAlive(pid) ? undefined : true), 'the child to end', 5000);
		});

		it('reports an exit with its code, once, to the agent that did not see it', async () => {
			const started = await processes.start('echo broken >&2; exit 3', { startedBy: 'agent' });
			const ended = await processes.settle(started.id, 15_000);
			await waitFor(
				() => (processes.get(started.id)?.status === 'exited' ? true : undefined),
				'exit'
			);
			expect(processes.get(started.id)).toMatchObject({ status: 'exited', exitCode: 3 });
			expect(ended.id).toBe(started.id);
			const notices = processes.takeUnseenEnds();
			expect(notices).toHaveLength(1);
			expect(notices[0]!.tail).toContain('broken');
			expect(processes.takeUnseenEnds()).toEqual([]);
		});

		it('does not remind of an end the agent already read', async () => {
			const started = await processes.start('exit 1', { startedBy: 'agent' });
			await waitFor(
				() => (processes.get(started.id)?.status === 'exited' ? true : undefined),
				'exit'
			);
			processes.readNew(started.id);
			expect(processes.takeUnseenEnds()).toEqual([]);
		});

		it(`refuses more than ${MAX_RUNNING_PROCESSES} at once, with the ids that run`, async () => {
			for (let i = 0; i < MAX_RUNNING_PROCESSES; i++) {
				await processes.start('sleep 300', { startedBy: 'agent' });
			}
			const refused = processes.start('sleep 300', { startedBy: 'agent' });
			await expect(refused).rejects.toBeInstanceOf(ProcessError);
			await expect(refused).rejects.toThrow(
				/8 background processes are already running \(bash_1,.*bash_8\).*bash_kill/
			);
			await processes.kill('bash_3', 'person');
			await expect(processes.start('sleep 300', { startedBy: 'agent' })).resolves.toMatchObject({
				id: 'bash_9'
			});
		});

		it('leaves nothing running after dispose', async () => {
			const started = await processes.start(TREE_COMMAND, { startedBy: 'person' });
			const pid = await childPid(processes, started.id);
			await runtime.dispose();
			await waitFor(() => (isAlive(pid) ? undefined : true), 'the child to end');
			expect(processes.get(started.id)).toMatchObject({ status: 'stopped', stoppedBy: 'session' });
			await expect(processes.start('sleep 1', { startedBy: 'agent' })).rejects.toBeInstanceOf(
				ProcessError
			);
		});

		it('leaves nothing running after dispose, even what the shell left behind', async () => {
			const started = await processes.start(ORPHAN_COMMAND, { startedBy: 'agent' });
			const pid = await childPid(processes, started.id);
			await runtime.dispose();
			await waitFor(() => (isAlive(pid) ? undefined : true), 'the child to end', 5000);
		});
	});
}
