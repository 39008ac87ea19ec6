import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	BIN,
	REPO_ROOT,
	runArgs,
	runCli,
	useModelServers,
	useTempDirs,
	withoutKeys
} from './cli-process';

const TIMEOUT = 60_000;
const KEY = 'sk-ant-test-0123456789abcdef';
const HAS_SCRIPT = spawnSync('script', ['--version']).status === 0;

function shellQuote(word: string): string {
	return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * Runs `kiln` on a real pseudo-terminal (util-linux `script`), as a person at a terminal would:
 * stdin and stdout are TTYs. Each time the prompt asks, the next answer is typed.
 */
function runOnTerminal(
	args: readonly string[],
	answers: string[]
): Promise<{ code: number | null; screen: string; asked: number }> {
	return new Promise((resolve, reject) => {
		const command = [process.execPath, BIN, ...args].map(shellQuote).join(' ');
		const child = spawn('script', ['-qfec', command, '/dev/null'], {
			cwd: REPO_ROOT,
			env: { ...withoutKeys(process.env), TERM: 'dumb' },
			stdio: ['pipe', 'pipe', 'pipe']
		});
		let screen = '';
		let asked = 0;
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			screen += chunk;
			const questions = screen.split('Choose 1, 2 or 3').length - 1;
			while (asked < questions) {
				asked++;
				child.stdin.write(`${answers.shift() ?? '3'}\r`);
			}
		});
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, screen, asked }));
	});
}

describe('kiln run asks before commands and edits', () => {
	const tempDir = useTempDirs();
	const startServer = useModelServers();

	/** No --permission-mode: a terminal asks, and without one kiln says what to pass. */
	const common = (dir: string, url: string) =>
		runArgs({
			dir,
			baseUrl: url,
			mode: null,
			extra: ['--api-key', KEY],
			prompt: 'Make some files'
		});

	it(
		'without a terminal and without --permission-mode it refuses to start and says what to pass',
		async () => {
			const server = await startServer({ script: [{ text: 'never' }] });
			const dir = await tempDir();
			const result = await runCli(common(dir, server.url));
			expect(result.code).toBe(2);
			expect(result.stderr).toContain('no terminal to ask you');
			expect(result.stderr).toContain('--permission-mode auto');
			expect(result.stderr).toContain("--allow 'bash(npm test)'");
			expect(server.requests().filter((request) => request.format !== null)).toEqual([]);
		},
		TIMEOUT
	);

	it(
		'without a terminal, --permission-mode ask runs what --allow allows and refuses the rest',
		async () => {
			const server = await startServer({
				script: [
					{ toolCalls: [{ name: 'bash', input: { command: 'touch allowed.txt' } }] },
					{ toolCalls: [{ name: 'write', input: { path: 'refused.txt', content: 'x' } }] },
					{ text: 'Done what I could.' }
				]
			});
			const dir = await tempDir();
			const result = await runCli([
				...common(dir, server.url),
				'--permission-mode',
				'ask',
				'--allow',
				'bash(touch *)'
			]);
			expect(result.code, result.stderr).toBe(0);
			expect(existsSync(join(dir, 'allowed.txt'))).toBe(true);
			expect(existsSync(join(dir, 'refused.txt'))).toBe(false);
			expect(result.stdout).toContain('no one to ask here');
			expect(result.stdout).toContain('Done what I could.');
		},
		TIMEOUT
	);

	it.skipIf(!HAS_SCRIPT)(
		'on a terminal: Always for this command prefix, then Deny; the model hears the denial',
		async () => {
			const server = await startServer({
				script: [
					{ toolCalls: [{ name: 'bash', input: { command: 'touch one.txt' } }] },
					{ toolCalls: [{ name: 'bash', input: { command: 'touch two.txt' } }] },
					{ toolCalls: [{ name: 'bash', input: { command: 'rm one.txt' } }] },
					{ text: 'All right, one.txt stays.' }
				]
			});
			const dir = await tempDir();
			const result = await runOnTerminal(common(dir, server.url), ['2', '3']);
			expect(result.code, result.screen).toBe(0);
			// Asked for the first touch and for rm; the second touch matched the new prefix rule.
			expect(result.asked).toBe(2);
			expect(result.screen).toContain('Kiln wants to run this command:');
			expect(result.screen).toContain('2) Always for this command prefix (bash(touch *))');
			expect(result.screen).toContain('Allowed from now on in this run: bash(touch *)');
			expect(existsSync(join(dir, 'one.txt')) && existsSync(join(dir, 'two.txt'))).toBe(true);
			expect(result.screen).toContain('All right, one.txt stays.');
			const last = server
				.requests()
				.filter((request) => request.format !== null)
				.at(-1)!;
			expect(JSON.stringify(last.body)).toContain('The person denied this bash call (rm one.txt)');
		},
		TIMEOUT
	);

	it.skipIf(!HAS_SCRIPT)(
		'on a terminal, Ctrl+C at the prompt stops the turn: nothing runs',
		async () => {
			const server = await startServer({
				script: [
					{ toolCalls: [{ name: 'bash', input: { command: 'touch never.txt' } }] },
					{ text: 'unused' }
				]
			});
			const dir = await tempDir();
			const result = await runOnTerminal(common(dir, server.url), ['\u0003']);
			expect(result.asked).toBe(1);
			expect(result.code, result.screen).toBe(1);
			expect(result.screen).toContain('Stopping the turn');
			expect(result.screen).toContain('— Turn stopped (Ctrl+C).');
			expect(existsSync(join(dir, 'never.txt'))).toBe(false);
		},
		TIMEOUT
	);
});
