/**
 * The process table's own rules over a scripted launcher, so the order in which launches finish
 * and processes end is the test's to choose: ids, how many ended processes are kept, and a peek
 * that leaves the agent's reading alone. The contract tests run the same table on real processes.
 */
import { describe, expect, it } from 'vitest';
import { ProcessTable, type ProcessLauncher } from '../../../src/lib/runtime/process-table';
import { MAX_ENDED_PROCESSES, ProcessError } from '../../../src/lib/runtime/process-types';

interface Scripted {
	print(text: string): void;
	exit(code: number): void;
}

/** A launcher whose processes the test drives by command; `slow …` ones launch when released. */
function scriptedTable() {
	const processes = new Map<string, Scripted>();
	const held = new Map<string, () => void>();
	const launch: ProcessLauncher = async (command, { onOutput }) => {
		let exit!: (code: number) => void;
		const exited = new Promise<number>((resolve) => (exit = resolve));
		processes.set(command, { print: onOutput, exit });
		if (command.startsWith('slow')) {
			await new Promise<void>((resolve) => held.set(command, resolve));
		}
		return { exit: exited, kill: () => exit(143) };
	};
	return { table: new ProcessTable({ launch }), processes, held };
}

describe('process table', () => {
	it('numbers processes in the order they were started, whichever launch finishes first', async () => {
		const { table, held } = scriptedTable();
		const first = table.start('slow server', { startedBy: 'agent' });
		const second = await table.start('quick server', { startedBy: 'agent' });
		held.get('slow server')!();
		expect((await first).id).toBe('bash_1');
		expect(second.id).toBe('bash_2');
		expect(table.get('bash_1')?.command).toBe('slow server');
	});

	it(`keeps the ${MAX_ENDED_PROCESSES} most recently ended processes and every running one`, async () => {
		const { table, processes } = scriptedTable();
		await table.start('server', { startedBy: 'agent' });
		const ended = MAX_ENDED_PROCESSES + 2;
		for (let i = 0; i < ended; i++) {
			const started = await table.start(`job ${i}`, { startedBy: 'agent' });
			processes.get(`job ${i}`)!.exit(0);
			await table.settle(started.id, 5000);
		}
		// bash_1 runs; bash_2 and bash_3 ended first and are forgotten.
		const kept = Array.from({ length: MAX_ENDED_PROCESSES }, (_, i) => `bash_${i + 4}`);
		expect(table.list().map((info) => info.id)).toEqual(['bash_1', ...kept]);
		expect(table.get('bash_1')?.status).toBe('running');
		expect(() => table.readNew('bash_2')).toThrow(ProcessError);
		expect(() => table.readNew('bash_2')).toThrow(
			/^bash_2 ended and is no longer kept: only the 16 most recently ended/
		);
		expect(() => table.readNew('bash_99')).toThrow(/There is no background process 'bash_99'/);
	});

	it('forgets the processes that ended first, not those started first', async () => {
		const { table, processes } = scriptedTable();
		await table.start('early', { startedBy: 'agent' });
		for (let i = 0; i < MAX_ENDED_PROCESSES; i++) {
			const started = await table.start(`job ${i}`, { startedBy: 'agent' });
			processes.get(`job ${i}`)!.exit(0);
			await table.settle(started.id, 5000);
		}
		processes.get('early')!.exit(0);
		await table.settle('bash_1', 5000);
		expect(table.get('bash_1')?.status).toBe('exited');
		expect(table.get('bash_2')).toBeUndefined();
		expect(table.list()).toHaveLength(MAX_ENDED_PROCESSES);
	});

	it('peeks at the latest output without moving the read position or marking the end seen', async () => {
		const { table, processes } = scriptedTable();
		const started = await table.start('server', { startedBy: 'agent' });
		const server = processes.get('server')!;
		server.print('one\n');
		expect(table.readNew(started.id).text).toBe('one\n');
		server.print('two\n');
		server.exit(1);
		await table.settle(started.id, 5000);
		expect(table.peek(started.id)).toEqual({ text: 'one\ntwo\n', droppedChars: 0, latest: true });
		expect(table.takeUnseenEnds().map((notice) => notice.info.id)).toEqual([started.id]);
		expect(table.readNew(started.id)).toEqual({ text: 'two\n', droppedChars: 0 });
		expect(() => table.peek('bash_9')).toThrow(/There is no background process 'bash_9'/);
	});
});
