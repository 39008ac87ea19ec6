/**
 * The reasoning setting end to end: Settings' choice (ProviderConfig.reasoning) reaches the wire
 * as thinking + effort, a change mid-session is recorded and announced in the next user message
 * without touching the cached prefix, and signed thinking blocks go back to the API with the tool
 * calls they preceded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, memorySessionLog, type SessionLog } from '../../../src/lib/agent';
import { createProvider, type ReasoningEffort } from '../../../src/lib/providers';
import { createBrowserRuntime } from '../../../src/lib/runtime/browser';
import type { Runtime } from '../../../src/lib/runtime/types';
import { openWorkspace, type Workspace } from '../../../src/lib/workspace';
import { startMockModelServer, type MockModelServer } from '../../../tooling/mock-model';

type Json = Record<string, unknown>;
const MODEL = 'claude-sonnet-5';

let server: MockModelServer;
let runtime: Runtime;
let workspace: Workspace;

beforeAll(async () => {
	server = await startMockModelServer();
	runtime = await createBrowserRuntime({ files: { 'a.txt': 'hello\n' } });
	workspace = await openWorkspace({ projectId: 'reasoning-test', runtime });
});

afterAll(async () => {
	workspace.dispose();
	await runtime.dispose();
	await server.close();
});

/** One turn with the reasoning setting as Settings would save it; a new Agent each time (a reload). */
async function turn(log: SessionLog, text: string, reasoning: ReasoningEffort | undefined) {
	const config = {
		provider: 'anthropic' as const,
		apiKey: 'sk-test',
		baseUrl: server.url,
		model: MODEL,
		...(reasoning && { reasoning })
	};
	const agent = new Agent({
		provider: createProvider(config),
		providerId: 'anthropic',
		model: MODEL,
		workspace,
		runtime: () => runtime,
		log,
		...(reasoning && { reasoning })
	});
	return agent.runTurn(text, { signal: new AbortController().signal });
}

const bodies = () =>
	server
		.requests()
		.filter((request) => request.format === 'anthropic' && request.method === 'POST')
		.map((request) => request.body as Json);

function lastUserTexts(body: Json): string[] {
	const messages = body['messages'] as Array<{ role: string; content: Array<Json> }>;
	const last = messages.filter((message) => message.role === 'user').at(-1)!;
	return last.content.flatMap((block) => (block['type'] === 'text' ? [String(block['text'])] : []));
}

describe('the reasoning setting', () => {
	it('reaches the request, and a change is announced in the next message with the prefix untouched', async () => {
		server.setScript([{ text: 'First.' }, { text: 'Second.' }, { text: 'Third.' }]);
		server.reset();
		const log = memorySessionLog();

		expect((await turn(log, 'one', 'high')).reason).toBe('completed');
		expect((await turn(log, 'two', 'low')).reason).toBe('completed');
		expect((await turn(log, 'three', undefined)).reason).toBe('completed');

		const [first, second, third] = bodies();
		expect(first!['thinking']).toEqual({ type: 'adaptive' });
		expect(first!['output_config']).toEqual({ effort: 'high' });
		expect(second!['output_config']).toEqual({ effort: 'low' });
		expect(third!['thinking']).toBeUndefined();
		expect(third!['output_config']).toBeUndefined();

		// The session started with 'high': nothing to announce in the first message.
		expect(lastUserTexts(first!).join('\n')).not.toMatch(/reasoning/i);
		expect(lastUserTexts(second!).join('\n')).toMatch(/reasoning effort to low/);
		expect(lastUserTexts(third!).join('\n')).toMatch(/turned extended reasoning off/);
		// The cached prefix (tools and system prompt) is byte-identical across the changes.
		for (const body of [second!, third!]) {
			expect(JSON.stringify(body['tools'])).toBe(JSON.stringify(first!['tools']));
			expect(JSON.stringify(body['system'])).toBe(JSON.stringify(first!['system']));
		}
		const changes = log.events.flatMap((event) =>
			event.type === 'reasoning-change' ? [event.effort] : []
		);
		expect(changes).toEqual(['high', 'low', 'off']);
	});

	it('sends signed thinking back with the tool call it preceded', async () => {
		server.setScript([
			{
				thinking: 'I should list the files first.',
				signature: 'sig-1',
				toolCalls: [{ name: 'list', input: {} }]
			},
			{ text: 'There is a.txt.' }
		]);
		server.reset();
		const log = memorySessionLog();
		expect((await turn(log, 'What is here?', 'medium')).reason).toBe('completed');

		const [, followUp] = bodies();
		const messages = followUp!['messages'] as Array<{ role: string; content: Json[] }>;
		const assistant = messages.find((message) => message.role === 'assistant')!;
		expect(assistant.content[0]).toEqual({
			type: 'thinking',
			thinking: 'I should list the files first.',
			signature: 'sig-1'
		});
		expect(assistant.content[1]).toMatchObject({ type: 'tool_use', name: 'list' });
	});
});
