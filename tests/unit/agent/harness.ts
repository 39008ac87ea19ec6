/**
 * The agent loop against the real scripted model server, through the real providers (both wire
 * formats), over a real browser runtime (just-bash) and workspace.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import {
	Agent,
	memorySessionLog,
	type AgentOptions,
	type LiveEvent,
	type SessionEvent,
	type SessionLog,
	type TurnResult
} from '../../../src/lib/agent';
import { createProvider, type Provider } from '../../../src/lib/providers';
import { createBrowserRuntime } from '../../../src/lib/runtime/browser';
import type { Runtime } from '../../../src/lib/runtime/types';
import { openWorkspace, type Workspace } from '../../../src/lib/workspace';
import {
	startMockModelServer,
	type MockModelServer,
	type MockModelServerOptions,
	type ScriptInput
} from '../../../tooling/mock-model';

/** A source file of about `lines` × 12 tokens. */
export function sourceFile(name: string, lines: number): string {
	return Array.from(
		{ length: lines },
		(_, i) => `export const ${name}Value${i} = computeThing(${i}, "${name}-${i * 7}");`
	).join('\n');
}

/** About 1,000 tokens of text the model writes along with each call. */
export function notes(step: number): string {
	return Array.from(
		{ length: 110 },
		(_, i) => `Note ${step}.${i}: module${i % 9} looks fine.`
	).join(' ');
}

export type Format = 'anthropic' | 'openai';
export const FORMATS: Format[] = ['anthropic', 'openai'];
export const API_KEY = 'sk-test-secret-key-123';

export interface SetupOptions {
	files?: Record<string, string>;
	log?: SessionLog;
	agent?: Partial<AgentOptions>;
	/** Wraps the workspace the agent sees (to observe or slow down its calls). */
	wrapWorkspace?: (workspace: Workspace) => AgentOptions['workspace'];
	/** The runtime (default: the browser runtime over `files`); the harness disposes it. */
	runtime?: () => Promise<Runtime>;
	/** Wraps the provider the agent sees (to take a capability away, or watch its calls). */
	wrapProvider?: (provider: Provider) => Provider;
}

export interface AgentHarness {
	agent: Agent;
	log: SessionLog;
	workspace: Workspace;
	runtime: Runtime;
	/** Every LiveEvent of every turn, in order. */
	live: LiveEvent[];
	/** Delays the retry helper was asked to wait (sleep is injected: tests never wait). */
	sleeps: number[];
	run(
		text: string,
		options?: { signal?: AbortSignal; onEvent?: (event: LiveEvent) => void }
	): Promise<TurnResult>;
	/** Bodies of the model requests the server received, oldest first. */
	bodies(): Array<Record<string, unknown>>;
	/** The script turn that answered each request (null: none did). */
	turns(): Array<number | null>;
	options: AgentOptions;
	/** The scripted server (its prompt-cache simulator, count-tokens requests…). */
	server: MockModelServer;
}

/** `serverOptions`: how the scripted server starts (e.g. with the prompt-cache simulator). */
export function useAgentHarness(serverOptions: MockModelServerOptions = {}) {
	let server: MockModelServer;
	const open: { workspace: Workspace; runtime: Runtime }[] = [];
	beforeAll(async () => {
		server = await startMockModelServer(serverOptions);
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

	return async function setup(
		format: Format,
		script: ScriptInput,
		options: SetupOptions = {}
	): Promise<AgentHarness> {
		server.setScript(script);
		server.reset();
		const runtime = options.runtime
			? await options.runtime()
			: await createBrowserRuntime({ files: options.files ?? {} });
		const workspace = await openWorkspace({ projectId: 'agent-test', runtime });
		open.push({ workspace, runtime });
		const created = createProvider(
			format === 'anthropic'
				? { provider: 'anthropic', apiKey: API_KEY, baseUrl: server.url, model: 'mock-model' }
				: {
						provider: 'openai',
						apiKey: API_KEY,
						baseUrl: server.openaiBaseURL,
						model: 'mock-model'
					}
		);
		const provider = options.wrapProvider ? options.wrapProvider(created) : created;
		const log = options.log ?? memorySessionLog();
		const live: LiveEvent[] = [];
		const sleeps: number[] = [];
		const agentOptions: AgentOptions = {
			provider,
			providerId: format,
			model: 'mock-model',
			workspace: options.wrapWorkspace ? options.wrapWorkspace(workspace) : workspace,
			runtime: () => runtime,
			log,
			retry: {
				sleep: async (ms) => {
					sleeps.push(ms);
				}
			},
			...options.agent
		};
		const agent = new Agent(agentOptions);
		return {
			agent,
			log,
			workspace,
			runtime,
			live,
			sleeps,
			options: agentOptions,
			server,
			run: (text, runOptions = {}) =>
				agent.runTurn(text, {
					signal: runOptions.signal ?? new AbortController().signal,
					onEvent: (event) => {
						live.push(event);
						runOptions.onEvent?.(event);
					}
				}),
			bodies: () => server.requests().map((request) => request.body as Record<string, unknown>),
			turns: () => server.requests().map((request) => request.turn)
		};
	};
}

/**
 * The event types of a log, in order. 'request' events (one snapshot per model call, for the
 * context inspector) are left out unless asked for: most tests are about the conversation.
 */
export function types(events: readonly SessionEvent[], withRequests = false): string[] {
	return events
		.filter((event) => withRequests || event.type !== 'request')
		.map((event) => event.type);
}

export function ofType<T extends SessionEvent['type']>(
	events: readonly SessionEvent[],
	type: T
): Extract<SessionEvent, { type: T }>[] {
	return events.filter((event): event is Extract<SessionEvent, { type: T }> => event.type === type);
}

/** A tool result as the model received it, whatever the wire format. */
export interface WireToolResult {
	id: string;
	content: string;
	isError: boolean;
}

type Json = Record<string, unknown>;

/**
 * The tool results of the newest user turn of a request, in order, and how many user-side
 * messages carried them (1 for Anthropic means one user message; for OpenAI, the tool
 * messages sit together after the assistant message).
 */
export function lastToolResults(format: Format, body: Json): WireToolResult[] {
	const messages = body.messages as Json[];
	if (format === 'anthropic') {
		const last = messages.at(-1)!;
		return (last.content as Json[])
			.filter((block) => block.type === 'tool_result')
			.map((block) => ({
				id: block.tool_use_id as string,
				content: block.content as string,
				isError: block.is_error === true
			}));
	}
	const results: WireToolResult[] = [];
	for (let i = messages.length - 1; i >= 0 && messages[i]!.role !== 'assistant'; i--) {
		const message = messages[i]!;
		if (message.role === 'tool') {
			results.unshift({
				id: message.tool_call_id as string,
				content: message.content as string,
				isError: false
			});
		}
	}
	return results;
}

/** Plain-text view of a request's conversation: "role: text" lines, for content assertions. */
export function transcript(format: Format, body: Json): string[] {
	const lines: string[] = [];
	for (const message of body.messages as Json[]) {
		const role = message.role as string;
		if (typeof message.content === 'string') lines.push(`${role}: ${message.content}`);
		else if (Array.isArray(message.content)) {
			for (const block of message.content as Json[]) {
				if (block.type === 'text') lines.push(`${role}: ${block.text as string}`);
				if (block.type === 'tool_use') lines.push(`${role}: tool_use ${block.name as string}`);
				if (block.type === 'tool_result')
					lines.push(`${role}: tool_result ${block.content as string}`);
			}
		}
		if (format === 'openai' && Array.isArray(message.tool_calls)) {
			for (const call of message.tool_calls as Json[]) {
				lines.push(`${role}: tool_use ${(call.function as Json).name as string}`);
			}
		}
	}
	return lines;
}

/**
 * Throws unless the request follows the rules both real APIs enforce: the conversation starts
 * with the user, roles alternate, nothing is empty, and every tool call is answered by exactly
 * one result right after it (and no result answers nothing).
 */
export function assertValidConversation(format: Format, body: Json): void {
	const messages = body.messages as Json[];
	const fail = (why: string) => {
		throw new Error(`Invalid ${format} request: ${why}\n${JSON.stringify(messages, null, 1)}`);
	};
	if (format === 'anthropic') {
		if (messages[0]?.role !== 'user') fail('the first message is not from the user');
		let open = new Set<string>();
		messages.forEach((message, index) => {
			if (index > 0 && messages[index - 1]!.role === message.role)
				fail(`two ${message.role} messages in a row at ${index}`);
			const blocks = message.content as Json[];
			if (!Array.isArray(blocks) || blocks.length === 0) fail(`message ${index} has no content`);
			for (const block of blocks) {
				if (block.type === 'text' && block.text === '')
					fail(`empty text block in message ${index}`);
			}
			if (message.role === 'user') {
				const answered = blocks
					.filter((b) => b.type === 'tool_result')
					.map((b) => b.tool_use_id as string);
				for (const id of answered) if (!open.delete(id)) fail(`result ${id} answers no call`);
				if (open.size > 0) fail(`calls ${[...open].join(', ')} have no result`);
			} else {
				if (open.size > 0) fail(`calls ${[...open].join(', ')} have no result`);
				open = new Set(blocks.filter((b) => b.type === 'tool_use').map((b) => b.id as string));
			}
		});
		if (open.size > 0) fail(`calls ${[...open].join(', ')} have no result`);
		return;
	}
	let open = new Set<string>();
	messages.forEach((message, index) => {
		if (message.role === 'tool') {
			if (!open.delete(message.tool_call_id as string))
				fail(`tool message ${index} answers no call`);
			return;
		}
		if (open.size > 0) fail(`calls ${[...open].join(', ')} have no result before message ${index}`);
		if (message.role === 'assistant') {
			const calls = (message.tool_calls as Json[] | undefined) ?? [];
			open = new Set(calls.map((call) => call.id as string));
			for (const call of calls) JSON.parse((call.function as Json).arguments as string);
		}
	});
	if (open.size > 0) fail(`calls ${[...open].join(', ')} have no result`);
}
