import Anthropic from '@anthropic-ai/sdk';
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import {
	loadScriptFile,
	MockScriptError,
	parseScript,
	startMockModelServer
} from '../../../../tooling/mock-model';

const examples = ['create-file-then-answer', 'retry-then-edit'].map((name) =>
	join('tooling/mock-model/examples', `${name}.json`)
);

describe('script validation', () => {
	it('accepts a bare array of turns and fills in the default model list', () => {
		expect(parseScript([{ text: 'hi' }])).toEqual({
			models: ['mock-model'],
			turns: [{ text: 'hi' }]
		});
	});

	it('lists every problem with its location', () => {
		const attempt = () =>
			parseScript({
				turns: [
					{ text: 'ok' },
					{ toolCalls: [{ name: 'write', input: {}, arguments: '{}' }], stopReason: 'done' }
				]
			});
		expect(attempt).toThrow(MockScriptError);
		expect(attempt).toThrow(/not both\s+→ at turns\[1\]\.toolCalls\[0\]/);
		expect(attempt).toThrow(/turns\[1\]\.stopReason/);
	});

	it('rejects unknown keys so typos do not pass silently', () => {
		expect(() => parseScript([{ tool_calls: [] }])).toThrow(/tool_calls/);
	});

	it('explains an unreadable or non-JSON script file', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'mock-model-'));
		const broken = join(dir, 'broken.json');
		await writeFile(broken, '{ "turns": [');
		await expect(loadScriptFile(broken)).rejects.toThrow(/is not valid JSON/);
		await expect(loadScriptFile(join(dir, 'missing.json'))).rejects.toThrow(
			/Cannot read script file .*missing\.json/
		);
	});

	it.each(examples)('example %s is a valid script that replays to the end', async (path) => {
		const script = await loadScriptFile(path);
		expect(script.turns.length).toBeGreaterThanOrEqual(2);
		// Replay without delays: the example's shape, not its pacing, is under test.
		const fast = { ...script, turns: script.turns.map((turn) => ({ ...turn, chunkDelayMs: 0 })) };
		const server = await startMockModelServer({ script: fast });
		try {
			const client = new Anthropic({ apiKey: 'k', baseURL: server.url, maxRetries: 0 });
			const request = {
				model: 'm',
				max_tokens: 10,
				messages: [{ role: 'user' as const, content: 'go' }]
			};
			const outcomes: string[] = [];
			for (const _turn of script.turns) {
				const outcome = await client.messages
					.stream(request)
					.finalMessage()
					.then((message) => message.stop_reason ?? 'none')
					.catch((error: Error) => `error: ${error.constructor.name}`);
				outcomes.push(outcome);
			}
			expect(outcomes.at(-1)).toBe('end_turn');
			expect(server.requests().map((request) => request.turn)).toEqual(
				script.turns.map((_turn, index) => index)
			);
		} finally {
			await server.close();
		}
	});
});

describe('command line', () => {
	it('serves a script file on the given port and logs each request', async () => {
		const child = spawn(
			process.execPath,
			[
				'node_modules/tsx/dist/cli.mjs',
				'tooling/mock-model/cli.ts',
				'--script',
				examples[0] ?? '',
				'--port',
				'0'
			],
			{ stdio: ['ignore', 'pipe', 'inherit'] }
		);
		try {
			const lines = createInterface({ input: child.stdout });
			const iterator = lines[Symbol.asyncIterator]();
			let url = '';
			while (!url) {
				const { value, done } = await iterator.next();
				if (done) throw new Error('the CLI exited before listening');
				url = /listening on (\S+)/.exec(value)?.[1] ?? '';
			}
			const client = new Anthropic({ apiKey: 'k', baseURL: url, maxRetries: 0 });
			const models = await client.models.list();
			expect(models.data.map((model) => model.id)).toEqual(['mock-claude', 'mock-gpt']);
			const message = await client.messages.create({
				model: 'm',
				max_tokens: 10,
				messages: [{ role: 'user', content: 'hi' }]
			});
			expect(message.content.at(-1)).toMatchObject({ type: 'tool_use', name: 'write' });

			const logged: string[] = [];
			while (!logged.some((line) => line.includes('POST /v1/messages'))) {
				const { value, done } = await iterator.next();
				if (done) break;
				logged.push(value);
			}
			expect(logged.join('\n')).toMatch(/#1 POST \/v1\/messages \(anthropic\) → turn 0/);
		} finally {
			child.kill('SIGTERM');
		}
		const [code] = (await once(child, 'exit')) as [number | null];
		expect(code).toBe(0);
	});

	it('exits 1 with the reason when the script is invalid', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'mock-model-'));
		const bad = join(dir, 'bad.json');
		await writeFile(bad, JSON.stringify({ turns: [{ fault: { type: 'explode' } }] }));
		const child = spawn(
			process.execPath,
			['node_modules/tsx/dist/cli.mjs', 'tooling/mock-model/cli.ts', '--script', bad],
			{ stdio: ['ignore', 'pipe', 'pipe'] }
		);
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const [code] = (await once(child, 'exit')) as [number | null];
		expect(code).toBe(1);
		expect(stderr).toContain(`Invalid mock-model script file ${bad}`);
		expect(stderr).toContain('turns[0].fault');
	});
});
