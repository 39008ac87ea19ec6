/**
 * `kiln run` with background processes, as a person runs it: the agent starts a real HTTP server
 * in the background, reads it, fetches a page in the foreground and stops it; the URL is printed
 * in the log; and whatever the agent leaves running is stopped when the run ends, on Ctrl+C, and
 * even when the CLI is killed outright.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAlive, waitFor, portOpen } from '../../contract/process-contract';
import {
	collectOutput,
	runArgs,
	runCli,
	spawnCli,
	useModelServers,
	useTempDirs
} from './cli-process';

const TIMEOUT = 40_000;
const KEY = ['--api-key', 'sk-ant-test-0123456789abcdef'];

/** Listens on a free port, writes its pid and port where the test can read them, and says so. */
const SERVER_JS = `const http = require('http');
const fs = require('fs');
const s = http.createServer((q, r) => r.end('hello from kiln'));
s.listen(0, '127.0.0.1', () => {
	fs.writeFileSync('server.info', process.pid + ' ' + s.address().port);
	console.log('listening on http://localhost:' + s.address().port + '/');
});
`;
const START = { name: 'bash', input: { command: 'node server.js', run_in_background: true } };

function serverInfo(dir: string): { pid: number; port: number } | undefined {
	try {
		const [pid, port] = readFileSync(join(dir, 'server.info'), 'utf8').split(' ').map(Number);
		return pid && port ? { pid, port } : undefined;
	} catch {
		return undefined;
	}
}

describe('kiln run: background processes', () => {
	const tempDir = useTempDirs();
	const startServer = useModelServers();

	it(
		'starts a server, reads it, fetches a page, stops it; the URL is in the log and the port closes',
		async () => {
			const dir = await tempDir();
			await writeFile(join(dir, 'server.js'), SERVER_JS);
			const fetchPage = `node -e "const [, port] = require('fs').readFileSync('server.info', 'utf8').split(' '); fetch('http://127.0.0.1:' + port + '/').then(r => r.text()).then(t => console.log('page: ' + t))"`;
			const server = await startServer({
				script: [
					{ toolCalls: [START] },
					{ toolCalls: [{ name: 'bash_output', input: { bash_id: 'bash_1' } }] },
					{ toolCalls: [{ name: 'bash', input: { command: fetchPage } }] },
					{ toolCalls: [{ name: 'bash_kill', input: { bash_id: 'bash_1' } }] },
					{ text: 'The server answered and is stopped.' }
				]
			});
			const result = await runCli(
				runArgs({ dir, baseUrl: server.url, extra: KEY, prompt: 'Start the server and check it' })
			);
			expect(result.code, result.stderr).toBe(0);
			const { port } = serverInfo(dir)!;
			expect(result.stdout).toContain('→ bash: node server.js (in the background)');
			expect(result.stdout).toContain(`⇢ Server ready: http://localhost:${port}/`);
			expect(result.stdout).toContain('→ bash_output: bash_1\n  ✓ bash_1: running for');
			expect(result.stdout).toContain('  ✓ page: hello from kiln');
			expect(result.stdout).toContain(
				`→ bash_kill: bash_1\n  ⇢ Server on port ${port} closed\n  ✓ Stopped bash_1 (node server.js)`
			);
			expect(await portOpen(port)).toBe(false);
		},
		TIMEOUT
	);

	it(
		'stops what the agent left running when the run ends',
		async () => {
			const dir = await tempDir();
			await writeFile(join(dir, 'server.js'), SERVER_JS);
			const server = await startServer({
				script: [{ toolCalls: [START] }, { text: 'Left it running.' }]
			});
			const result = await runCli(
				runArgs({ dir, baseUrl: server.url, extra: KEY, prompt: 'Start the server' })
			);
			expect(result.code, result.stderr).toBe(0);
			const { pid, port } = serverInfo(dir)!;
			await waitFor(() => (isAlive(pid) ? undefined : true), 'the server to end');
			expect(await portOpen(port)).toBe(false);
		},
		TIMEOUT
	);

	for (const [how, signals] of [
		['Ctrl+C', ['SIGINT']],
		['Ctrl+C twice', ['SIGINT', 'SIGINT']],
		['a kill of the CLI itself', ['SIGKILL']]
	] as const) {
		it(
			`stops it on ${how}`,
			async () => {
				const dir = await tempDir();
				await writeFile(join(dir, 'server.js'), SERVER_JS);
				const server = await startServer({
					script: [
						{ toolCalls: [START] },
						{ text: 'never finished', fault: { type: 'stall', afterChunks: 3 } }
					]
				});
				const child = spawnCli(
					runArgs({ dir, baseUrl: server.url, extra: KEY, prompt: 'Start the server' })
				);
				const done = collectOutput(child);
				let stdout = '';
				child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
				// The model stalls after the start's result: the turn is in flight, the server up.
				await waitFor(() => (stdout.includes('Started bash_1') ? true : undefined), 'the start');
				const { pid, port } = await waitFor(() => serverInfo(dir), 'the server');
				expect(isAlive(pid)).toBe(true);
				for (const signal of signals) child.kill(signal);
				await done;
				await waitFor(() => (isAlive(pid) ? undefined : true), 'the server to end');
				expect(await portOpen(port)).toBe(false);
			},
			TIMEOUT
		);
	}
});
