import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	parseJsonLines,
	runArgs,
	spawnCli,
	useModelServers,
	useTempDirs,
	withoutKeys
} from './cli-process';

const KEY = 'sk-ant-jsonl-0123456789abcdef';
/** A sleep no other process on the machine runs, to find it in /proc. */
const SLEEP = 'sleep 61.25';

/** Pids whose command line is exactly `sleep 61.25`. */
async function sleepers(): Promise<string[]> {
	const found: string[] = [];
	for (const pid of await readdir('/proc')) {
		if (!/^\d+$/.test(pid)) continue;
		const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
		if (cmdline.split('\0').join(' ').trim() === SLEEP) found.push(pid);
	}
	return found;
}

describe('kiln run --json FILE', () => {
	const tempDir = useTempDirs();
	const startServer = useModelServers();

	it('is written event by event: readable mid-run, complete up to a kill -9, and the kill stops the command', async () => {
		const dir = await tempDir();
		const marker = join(dir, 'started');
		const server = await startServer({
			script: [
				{
					text: 'Running a long command.',
					toolCalls: [{ name: 'bash', input: { command: `touch started && ${SLEEP}` } }]
				},
				{ text: 'never reached' }
			]
		});
		const jsonFile = join(await tempDir(), 'events.jsonl');
		const child = spawnCli(
			runArgs({ dir, baseUrl: server.url, json: jsonFile, prompt: 'run it' }),
			{ env: { ...withoutKeys(process.env), ANTHROPIC_API_KEY: KEY }, stdio: 'ignore' }
		);
		const exited = new Promise((resolve) => child.on('exit', resolve));
		try {
			await expect.poll(() => existsSync(marker), { timeout: 20_000 }).toBe(true);
			const midRun = parseJsonLines(await readFile(jsonFile, 'utf8'));
			expect(midRun.filter((event) => event.type !== 'request').map((event) => event.type)).toEqual(
				['session-start', 'user-message', 'assistant-step']
			);
			// The marker is written just before the sleep starts: wait for the sleep itself.
			await expect.poll(sleepers, { timeout: 10_000 }).toHaveLength(1);
		} finally {
			child.kill('SIGKILL');
			await exited;
		}
		const afterKill = await readFile(jsonFile, 'utf8');
		expect(afterKill.endsWith('\n')).toBe(true);
		const events = parseJsonLines(afterKill);
		expect(events.find((event) => event.type === 'assistant-step')).toMatchObject({
			type: 'assistant-step'
		});
		expect(afterKill).not.toContain(KEY);
		// The command host noticed the CLI was gone and stopped what it ran.
		await expect.poll(sleepers, { timeout: 10_000 }).toEqual([]);
	}, 40_000);
});
