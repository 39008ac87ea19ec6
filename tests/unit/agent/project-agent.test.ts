/**
 * createProjectAgent, the one way the app, the CLI and the bench build the agent: against the
 * scripted model server through the real provider, on a browser runtime and a real workspace.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
	createProjectAgent,
	inputLimit,
	loadModelCatalog,
	memorySessionLog,
	modelInfo,
	projectAgentOptions,
	withContextWindow,
	type LiveEvent,
	type SessionEvent
} from '../../../src/lib/agent';
import type { ProviderConfig } from '../../../src/lib/providers';
import { createBrowserRuntime } from '../../../src/lib/runtime/browser';
import type { Runtime } from '../../../src/lib/runtime/types';
import { openWorkspace, type Workspace } from '../../../src/lib/workspace';
import { startMockModelServer, type MockModelServer } from '../../../tooling/mock-model';

let server: MockModelServer;
const open: { workspace: Workspace; runtime: Runtime }[] = [];
beforeAll(async () => {
	server = await startMockModelServer();
});
afterAll(async () => {
	await server.close();
});
afterEach(async () => {
	for (const { workspace, runtime } of open.splice(0)) {
		workspace.dispose();
		await runtime.dispose();
	}
});

async function project(): Promise<{ workspace: Workspace; runtime: Runtime }> {
	const runtime = await createBrowserRuntime({
		files: {
			'AGENTS.md': '# AGENTS.md\n\n- Run the tests with npm test.\n',
			'src/math.ts': 'export function add(a: number, b: number): number {\n\treturn a + b;\n}\n'
		}
	});
	const workspace = await openWorkspace({ projectId: 'factory', runtime });
	open.push({ workspace, runtime });
	return { workspace, runtime };
}

function config(): ProviderConfig {
	return { provider: 'anthropic', apiKey: 'sk-ant-test', baseUrl: server.url, model: 'mock-model' };
}

describe('createProjectAgent', () => {
	it('sends AGENTS.md and the project map, and runs task calls as subagents', async () => {
		server.setScript([
			{
				toolCalls: [
					{
						name: 'task',
						input: { description: 'Find add', prompt: 'Where is add defined?', agent: 'explore' }
					}
				]
			},
			{ text: 'add is in src/math.ts line 1.' },
			{ text: 'Found it.' }
		]);
		server.reset();
		const { workspace, runtime } = await project();
		const log = memorySessionLog();
		const subagentEvents: LiveEvent[] = [];
		const transcripts: (readonly SessionEvent[])[] = [];
		const agent = createProjectAgent({
			config: config(),
			workspace,
			runtime: () => runtime,
			log,
			retry: { maxAttempts: 1 },
			onSubagentEvent: (_, event) => subagentEvents.push(event),
			storeSubagentTranscript: async (_, events) => void transcripts.push(events)
		});
		await agent.setMode('auto');
		const result = await agent.runTurn('Where is add?', { signal: new AbortController().signal });
		expect(result.reason).toBe('completed');

		const [first, subagent] = server.requests().filter((request) => request.format !== null);
		const system = JSON.stringify((first!.body as { system: unknown }).system);
		expect(system).toContain('Run the tests with npm test.');
		expect(system).toContain('# Project map (at session start)');
		expect(system).toContain('src/math.ts');
		// The subagent's own request carries its prompt, not the parent's conversation.
		expect(JSON.stringify((subagent!.body as { messages: unknown }).messages)).toContain(
			'Where is add defined?'
		);
		const task = log.events.find((event) => event.type === 'tool-result');
		expect(task).toMatchObject({ name: 'task', ok: true });
		expect(task?.type === 'tool-result' && task.output).toContain('add is in src/math.ts line 1.');
		expect(subagentEvents.some((event) => event.type === 'text-delta')).toBe(true);
		expect(transcripts).toHaveLength(1);
	});

	it("a general subagent follows the parent's mode (ask, with nobody to ask: refused)", async () => {
		server.setScript([
			{
				toolCalls: [
					{
						name: 'task',
						input: { description: 'Write notes', prompt: 'Write NOTES.md', agent: 'general' }
					}
				]
			},
			{ toolCalls: [{ name: 'bash', input: { command: 'echo notes > NOTES.md' } }] },
			{ text: 'The command was refused.' },
			{ text: 'Done.' }
		]);
		server.reset();
		const { workspace, runtime } = await project();
		const transcript: SessionEvent[] = [];
		const agent = createProjectAgent({
			config: config(),
			workspace,
			runtime: () => runtime,
			log: memorySessionLog(),
			retry: { maxAttempts: 1 },
			// No way to ask the person (as in CI without --allow).
			permissions: { rules: () => [] },
			storeSubagentTranscript: async (_, events) => void transcript.push(...events)
		});
		await agent.setMode('ask');
		const result = await agent.runTurn('Notes, please', { signal: new AbortController().signal });
		expect(result.reason).toBe('completed');
		// Its own log's mode (the default, auto) would have run it.
		expect(workspace.exists('NOTES.md')).toBe(false);
		const bash = transcript.find((event) => event.type === 'tool-result');
		expect(bash).toMatchObject({ name: 'bash', ok: false });
	});

	it("takes the person's context window over the model table's, and a given ModelInfo over both", async () => {
		const { workspace, runtime } = await project();
		const base = { workspace, runtime: () => runtime, log: memorySessionLog() };
		const windowed = projectAgentOptions({
			...base,
			config: { ...config(), model: 'claude-sonnet-4-5', contextWindow: 32_000 }
		});
		// The window is applied over the catalog when a turn looks the model up (not frozen
		// over the fallback the catalog gives before it has loaded).
		expect(windowed.contextWindow).toBe(32_000);
		expect(windowed.modelInfo).toBeUndefined();
		expect(projectAgentOptions({ ...base, config: config() }).contextWindow).toBeUndefined();
		const given = { ...modelInfo('claude-sonnet-4-5'), contextWindow: 9_000 };
		const explicit = projectAgentOptions({ ...base, config: config(), modelInfo: given });
		expect(explicit.modelInfo).toBe(given);
		expect(explicit.contextWindow).toBeUndefined();
	});

	it('applies the window over the catalog entry, keeping its prices and capping its input', async () => {
		await loadModelCatalog();
		const gpt5 = modelInfo('gpt-5');
		expect(gpt5.known).toBe(true);
		const small = withContextWindow(gpt5, 100_000);
		expect(small.prices).toEqual(gpt5.prices);
		expect(small.contextWindow).toBe(100_000);
		expect(inputLimit(small)).toBe(Math.min(100_000, inputLimit(gpt5)));
		const big = withContextWindow(gpt5, 1_000_000);
		expect(inputLimit(big)).toBe(inputLimit(gpt5));
		expect(withContextWindow(gpt5, undefined)).toBe(gpt5);
	});
});
