import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MockModelServer, ScriptInput } from '../../../tooling/mock-model';
import {
	parseJsonLines,
	runArgs,
	runCli,
	useModelServers,
	useTempDirs,
	withoutKeys
} from './cli-process';

const TIMEOUT = 30_000;

const FORMATS = [
	{ provider: 'anthropic', keyVariable: 'ANTHROPIC_API_KEY', key: 'sk-ant-test-0123456789abcdef' },
	{ provider: 'openai', keyVariable: 'OPENAI_API_KEY', key: 'sk-openai-test-0123456789abcdef' }
] as const;

const WRITE_THEN_ANSWER: ScriptInput = [
	{
		text: 'I will create the file.',
		toolCalls: [{ name: 'write', input: { path: 'notes/hello.txt', content: 'hello from kiln\n' } }]
	},
	{
		toolCalls: [
			{ name: 'bash', input: { command: 'echo "key=[$ANTHROPIC_API_KEY$OPENAI_API_KEY]"' } }
		]
	},
	{ text: 'Done: notes/hello.txt says hello.', usage: { inputTokens: 120, outputTokens: 9 } }
];

describe.each(FORMATS)('kiln run --provider $provider', ({ provider, keyVariable, key }) => {
	const tempDir = useTempDirs();
	const startServer = useModelServers();

	function baseUrl(started: MockModelServer): string {
		return provider === 'anthropic' ? started.url : started.openaiBaseURL;
	}

	it(
		'runs the turn over the folder, prints the log and writes the events',
		async () => {
			const server = await startServer({ script: WRITE_THEN_ANSWER });
			const dir = await tempDir();
			const jsonFile = join(await tempDir(), 'events.json');
			const result = await runCli(
				runArgs({
					dir,
					provider,
					baseUrl: baseUrl(server),
					json: jsonFile,
					prompt: 'Write notes/hello.txt'
				}),
				{ env: { ...withoutKeys(process.env), [keyVariable]: key } }
			);

			expect(result.code, result.stderr).toBe(0);
			expect(await readFile(join(dir, 'notes/hello.txt'), 'utf8')).toBe('hello from kiln\n');
			expect(result.stdout).toContain('I will create the file.');
			expect(result.stdout).toContain('→ write: notes/hello.txt\n  ✓ ');
			expect(result.stdout).toContain('→ bash: echo');
			expect(result.stdout).toContain('Done: notes/hello.txt says hello.');
			expect(result.stdout).toMatch(/— Turn completed\. Tokens: \d+ in, \d+ out/);

			// The key reached the model API, and nothing else.
			const requests = server.requests().filter((request) => request.format !== null);
			expect(requests).toHaveLength(3);
			for (const request of requests) {
				expect(request.apiKey.present).toBe(true);
				expect(request.apiKey.prefix).toBe(key.slice(0, 4));
			}
			const json = await readFile(jsonFile, 'utf8');
			for (const text of [result.stdout, result.stderr, json]) expect(text).not.toContain(key);

			const events = parseJsonLines(json);
			// 'request' events (a snapshot per model call, for the context inspector) aside.
			const conversation = events.filter((event) => event.type !== 'request');
			expect(conversation.map((event) => event.type)).toEqual([
				'session-start',
				'user-message',
				'assistant-step',
				'tool-result',
				'assistant-step',
				'tool-result',
				'assistant-step',
				'turn-end'
			]);
			expect(events.at(-1)).toMatchObject({ type: 'turn-end', reason: 'completed' });
			// Commands the agent runs cannot read the key: it is not in their environment
			// (had it leaked, the output would show it redacted, not empty).
			const bash = events.filter((event) => event.type === 'tool-result')[1];
			expect(bash).toMatchObject({ name: 'bash', ok: true });
			expect(bash?.type === 'tool-result' && bash.output).toMatch(/^key=\[\]\n/);
		},
		TIMEOUT
	);

	it(
		'with --runtime browser works on a copy: the folder is not changed',
		async () => {
			const server = await startServer({ script: WRITE_THEN_ANSWER });
			const dir = await tempDir();
			await writeFile(join(dir, 'README.md'), '# project\n');
			const result = await runCli(
				runArgs({
					dir,
					provider,
					baseUrl: baseUrl(server),
					extra: ['--runtime', 'browser', '--api-key', key],
					prompt: 'Write notes/hello.txt'
				}),
				{ env: withoutKeys(process.env) }
			);
			expect(result.code, result.stderr).toBe(0);
			expect(result.stdout).toContain('→ write: notes/hello.txt\n  ✓ ');
			expect(result.stdout).toContain('key=[]');
			expect(existsSync(join(dir, 'notes'))).toBe(false);
		},
		TIMEOUT
	);

	it(
		'an --api-key on the command line is hidden from the commands the agent runs',
		async () => {
			const server = await startServer({
				script: [
					{
						toolCalls: [{ name: 'bash', input: { command: "tr '\\0' ' ' < /proc/$PPID/cmdline" } }]
					},
					{ text: 'ok' }
				]
			});
			const dir = await tempDir();
			const jsonFile = join(await tempDir(), 'events.json');
			const result = await runCli(
				runArgs({
					dir,
					provider,
					baseUrl: baseUrl(server),
					json: jsonFile,
					extra: ['--api-key', key],
					prompt: 'hi'
				}),
				{ env: withoutKeys(process.env) }
			);
			expect(result.code, result.stderr).toBe(0);
			const events = parseJsonLines(await readFile(jsonFile, 'utf8'));
			const bash = events.find((event) => event.type === 'tool-result');
			// The command's parent is the command host, which never saw the key.
			expect(bash?.type === 'tool-result' && bash.output).toMatch(/kiln-command-host\.mjs/);
			expect(JSON.stringify(events)).not.toContain('REDACTED');
		},
		TIMEOUT
	);

	it(
		'a failing model API ends the turn with exit 1 and says why, without the key',
		async () => {
			const server = await startServer({
				script: [{ fault: { type: 'http', status: 401 } }]
			});
			const dir = await tempDir();
			const result = await runCli(
				runArgs({
					dir,
					provider,
					baseUrl: baseUrl(server),
					extra: ['--api-key', key],
					prompt: 'hello'
				}),
				{ env: withoutKeys(process.env) }
			);
			expect(result.code).toBe(1);
			expect(result.stdout).toMatch(/— Turn failed\./);
			// Advice in the CLI's own terms: there is no Settings dialog here.
			expect(result.stdout).toContain(`check --api-key (or ${keyVariable})`);
			expect(result.stdout).not.toContain('Settings');
			expect(result.stdout + result.stderr).not.toContain(key);
		},
		TIMEOUT
	);
});

describe('kiln run: usage errors exit 2', () => {
	const tempDir = useTempDirs();

	it(
		'a missing key names the option and the variable',
		async () => {
			const dir = await tempDir();
			const result = await runCli(
				[
					'run',
					'--permission-mode',
					'auto',
					'--dir',
					dir,
					'--provider',
					'anthropic',
					'--model',
					'm',
					'-p',
					'hi'
				],
				{ env: withoutKeys(process.env) }
			);
			expect(result.code).toBe(2);
			expect(result.stderr).toMatch(/set ANTHROPIC_API_KEY, or pass --api-key-file FILE/);
		},
		TIMEOUT
	);

	it(
		'an unknown provider, a missing prompt and a bad --base-url',
		async () => {
			const dir = await tempDir();
			const common = [
				'run',
				'--permission-mode',
				'auto',
				'--dir',
				dir,
				'--model',
				'm',
				'--api-key',
				'sk-0123456789'
			];
			const unknown = await runCli([...common, '--provider', 'gemini', '-p', 'hi']);
			expect(unknown.code).toBe(2);
			expect(unknown.stderr).toMatch(/Unknown --provider 'gemini'.*anthropic, openai/);
			const noPrompt = await runCli([...common, '--provider', 'openai']);
			expect(noPrompt.code).toBe(2);
			expect(noPrompt.stderr).toMatch(/needs --prompt/);
			const badUrl = await runCli([
				...common,
				'--provider',
				'openai',
				'--base-url',
				'localhost:1234',
				'-p',
				'hi'
			]);
			expect(badUrl.code).toBe(2);
			expect(badUrl.stderr).toMatch(/is not an http\(s\) URL/);
			expect(unknown.stderr + noPrompt.stderr + badUrl.stderr).not.toContain('sk-0123456789');
		},
		TIMEOUT
	);
});
