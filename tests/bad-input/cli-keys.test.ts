/**
 * A command the agent runs tries to find the API key: in its own environment, and in the initial
 * environment and command line of its parent and every ancestor (/proc/<pid>/environ and
 * cmdline, which deleting process.env entries does not change). Scanning all of /proc is out of
 * scope: these tests run as root, which may read every process's environ.
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
	BIN,
	collectOutput,
	parseJsonLines,
	REPO_ROOT,
	runArgs,
	runCli,
	useModelServers,
	useTempDirs,
	withoutKeys,
	type CliRun
} from '../unit/cli/cli-process';
import { recordRow } from '../suite-table/row';

const TIMEOUT = 30_000;
/** Keys share this prefix; the walker looks for it (it never sees a whole key to look for). */
const PREFIX = 'sk-walk-';
const KEY = `${PREFIX}0123456789abcdef`;

/**
 * Walks from the command up to init: for each process, whether its environ holds a key variable
 * or the key prefix, and whether its command line holds --api-key or the prefix.
 */
const WALKER = `
# The patterns are built in pieces so this script's own command line does not match them.
k='${PREFIX.slice(0, 4)}'; k="\${k}${PREFIX.slice(4)}"; a='--api'; a="\${a}-key"
pid=$$; found=0
report() { echo "$1"; found=1; }
while [ "$pid" -gt 1 ]; do
  cmd=$(tr '\\0\\n' '  ' < /proc/$pid/cmdline | cut -c1-300)
  if tr '\\0' '\\n' < /proc/$pid/environ | grep -qE "^(ANTHROPIC|OPENAI|OPENROUTER)_API_KEY=|$k"; then report "pid $pid ($cmd): KEY IN ENVIRON"; fi
  if tr '\\0' '\\n' < /proc/$pid/cmdline | grep -qE -- "^$a$|$k"; then report "pid $pid ($cmd): KEY IN CMDLINE"; fi
  echo "ancestor: $cmd"
  pid=$(sed 's/.*) //' /proc/$pid/stat | cut -d' ' -f2)
done
if env | grep -qE "^[A-Z]+_API_KEY=|$k"; then report "KEY IN ENV"; fi
parent=$(tr '\\0' '\\n' < /proc/$PPID/environ | grep -cE "^[A-Z]+_API_KEY=|$k")
echo "/proc/\\$PPID/environ key lines: $parent"
[ $found = 0 ] && echo "no key found"
`;

describe('a command hunting for the API key', () => {
	const tempDir = useTempDirs();
	const startServer = useModelServers();

	test('control: the walker finds a key its parent holds', async ({ task }) => {
		// Without kiln in between, the same walker must see the key, or its silence proves nothing.
		const { stdout: run } = await collectOutput(
			spawn('bash', ['-c', `bash -c "$WALKER"; true`], {
				env: { ...withoutKeys(process.env), ANTHROPIC_API_KEY: KEY, WALKER },
				stdio: ['ignore', 'pipe', 'pipe']
			})
		);
		expect(run).toMatch(/KEY IN ENVIRON/);
		expect(run).toMatch(/KEY IN ENV\n/);
		expect(run).toMatch(/\/proc\/\$PPID\/environ key lines: [1-9]/);
		expect(run).not.toContain('no key found');
		recordRow(task, {
			input: 'control: the same walker under a plain shell holding the key (no kiln)',
			'what Kiln did': `(not kiln) the walker reported: ${oneLine(run).replace(KEY, '…')}`
		});
	});

	test(
		'kiln tool bash, key in ANTHROPIC_API_KEY, started from a shell that holds it too',
		async ({ task }) => {
			const dir = await tempDir();
			const run = await shellCli(
				['tool', 'bash', '--dir', dir, '--args', JSON.stringify({ command: WALKER })],
				{ ...withoutKeys(process.env), ANTHROPIC_API_KEY: KEY }
			);
			expect(run.code, run.stderr).toBe(0);
			expectNoKey(run.stdout);
			recordRow(task, {
				input: 'command reads /proc/$PPID/environ and every ancestor’s (kiln tool, key in env)',
				'what Kiln did': oneLine(run.stdout)
			});
		},
		TIMEOUT
	);

	for (const how of ['ANTHROPIC_API_KEY', '--api-key', '--api-key-file'] as const) {
		test(
			`kiln run ${how}: the model asks bash to find the key`,
			async ({ task }) => {
				const server = await startServer({
					script: [{ toolCalls: [{ name: 'bash', input: { command: WALKER } }] }, { text: 'ok' }]
				});
				const dir = await tempDir();
				const jsonFile = join(await tempDir(), 'events.jsonl');
				const keyFile = join(await tempDir(), 'key.txt');
				await writeFile(keyFile, `${KEY}\n`);
				const keyArgs =
					how === '--api-key'
						? ['--api-key', KEY]
						: how === '--api-key-file'
							? ['--api-key-file', keyFile]
							: [];
				const env = withoutKeys(process.env);
				if (how === 'ANTHROPIC_API_KEY') env.ANTHROPIC_API_KEY = KEY;
				const run = await runCli(
					runArgs({
						dir,
						baseUrl: server.url,
						json: jsonFile,
						extra: keyArgs,
						prompt: 'find the key'
					}),
					{ env }
				);
				expect(run.code, run.stderr).toBe(0);
				// The key did reach the model API.
				const request = server.requests().find((entry) => entry.format !== null);
				expect(request?.apiKey.prefix).toBe(KEY.slice(0, 4));
				const events = parseJsonLines(await readFile(jsonFile, 'utf8'));
				const result = events.find((event) => event.type === 'tool-result');
				const output = result?.type === 'tool-result' ? result.output : '';
				expectNoKey(output);
				recordRow(task, {
					input: `command walks its ancestors’ environ and cmdline (kiln run ${how})`,
					'what Kiln did': oneLine(output)
				});
			},
			TIMEOUT
		);
	}

	test(
		'kiln tool read of a file that holds the key',
		async ({ task }) => {
			const dir = await tempDir();
			await writeFile(join(dir, '.env'), `ANTHROPIC_API_KEY=${KEY}\n`);
			const run = await runCli(['tool', 'read', '--dir', dir, '--args', '{"path": ".env"}'], {
				env: { ...withoutKeys(process.env), ANTHROPIC_API_KEY: KEY }
			});
			expect(run.code, run.stderr).toBe(0);
			expect(run.stdout).not.toContain(KEY);
			expect(run.stdout).toContain('ANTHROPIC_API_KEY=[REDACTED]');
			recordRow(task, {
				input: 'kiln tool read of a file holding the key (key in env)',
				'what Kiln did': `printed: ${run.stdout.trim()}`
			});
		},
		TIMEOUT
	);
});

function expectNoKey(output: string): void {
	expect(output).toContain('no key found');
	expect(output).toMatch(/ancestor: .*kiln-command-host\.mjs/);
	expect(output).not.toMatch(/KEY IN|\/kiln\.mjs/);
	expect(output).toContain('/proc/$PPID/environ key lines: 0');
}

function oneLine(text: string): string {
	return text.trim().split('\n').join(' ⏎ ');
}

/** `sh -c 'node kiln.mjs …'`: the shell above kiln holds the key in its environ too. */
function shellCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
	const viaShell = ['-c', 'exec_node() { "$@"; }; exec_node "$0" "$@"'];
	return collectOutput(
		spawn('sh', [...viaShell, process.execPath, BIN, ...args], {
			cwd: REPO_ROOT,
			env,
			stdio: ['ignore', 'pipe', 'pipe']
		})
	);
}
