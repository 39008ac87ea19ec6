/**
 * What the ChatSession tests share: a model that answers from a script, the steps it plays, and
 * a fresh project for each test (IndexedDB, browser runtime, workspace, model settings) with
 * `chat` to open a ChatSession over it.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach } from 'vitest';
import type { ModelRequest, Provider, StreamEvent } from '../../../../src/lib/providers/types';
import { createBrowserRuntime } from '../../../../src/lib/runtime/browser';
import type { Runtime } from '../../../../src/lib/runtime/types';
import {
	ChatSession,
	type ChatSessionOptions,
	type SendResult
} from '../../../../src/lib/state/chat';
import { ModelSettings } from '../../../../src/lib/state/settings';
import { openWorkspace, type Workspace } from '../../../../src/lib/workspace';
import { freshIndexedDb } from '../../storage/reset';

export const PROJECT_ID = 'p1';

export type Step = (request: ModelRequest) => AsyncIterable<StreamEvent>;

/** A model that answers each step from a script and records what it was asked. */
export class ScriptedProvider implements Provider {
	readonly id = 'anthropic' as const;
	readonly family = 'anthropic' as const;
	readonly requests: ModelRequest[] = [];
	constructor(private readonly steps: Step[]) {}
	stream(request: ModelRequest): AsyncIterable<StreamEvent> {
		this.requests.push(request);
		const step = this.steps.shift();
		if (!step) throw new Error('The script has no more steps.');
		return step(request);
	}
	async listModels(): Promise<string[]> {
		return ['m'];
	}
}

function usage(cacheReadTokens = 0): StreamEvent {
	return { type: 'usage', inputTokens: 10, outputTokens: 5, cacheReadTokens, cacheWriteTokens: 0 };
}

export function answer(text: string, cacheReadTokens = 0): Step {
	return async function* () {
		yield { type: 'text-delta', text };
		yield usage(cacheReadTokens);
		yield { type: 'stop', reason: 'end_turn' };
	};
}

/** A step that says a word, then calls one tool. */
export function toolCall(id: string, name: string, input: Record<string, unknown>): Step {
	return async function* () {
		yield { type: 'text-delta', text: 'Working on it.' };
		yield { type: 'tool-call-start', id, name };
		const raw = JSON.stringify(input);
		yield { type: 'tool-call-delta', id, argsDelta: raw };
		yield { type: 'tool-call-end', id, name, rawArguments: raw, input };
		yield usage();
		yield { type: 'stop', reason: 'tool_use' };
	};
}

/** Streams some text, then waits until the request is aborted (the person presses Stop). */
function hangs(onStreaming: () => void): Step {
	return async function* (request) {
		yield { type: 'text-delta', text: 'Thinking hard' };
		onStreaming();
		await new Promise<void>((resolve) => {
			if (request.signal?.aborted) resolve();
			request.signal?.addEventListener('abort', () => resolve(), { once: true });
		});
		yield { type: 'stop', reason: 'aborted' };
	};
}

/**
 * Sends `text` in a chat whose model streams a little, then waits to be stopped; resolves once
 * the turn is streaming, with the send still pending.
 */
export async function startHangingTurn(
	open: (provider: Provider) => ChatSession,
	text: string
): Promise<{ session: ChatSession; sent: Promise<SendResult> }> {
	let streaming!: () => void;
	const started = new Promise<void>((resolve) => (streaming = resolve));
	const session = open(new ScriptedProvider([hangs(() => streaming())]));
	const sent = session.send(text);
	await started;
	return { session, sent };
}

export interface ChatHarness {
	runtime: Runtime;
	workspace: Workspace;
	settings: ModelSettings;
	/** A ChatSession of project PROJECT_ID over this test's workspace, talking to `provider`. */
	chat(provider: Provider, extra?: Partial<ChatSessionOptions>): ChatSession;
}

/** Registers the per-test setup; read the fields inside tests (they are new for each one). */
export function useChatHarness(
	files: Record<string, string> = { 'README.md': '# demo\n' }
): ChatHarness {
	const harness: ChatHarness = {
		runtime: undefined as unknown as Runtime,
		workspace: undefined as unknown as Workspace,
		settings: undefined as unknown as ModelSettings,
		chat: (provider, extra = {}) =>
			new ChatSession({
				projectId: PROJECT_ID,
				workspace: harness.workspace,
				runtime: () => harness.runtime,
				settings: harness.settings,
				createProvider: () => provider,
				...extra
			})
	};
	beforeEach(async () => {
		await freshIndexedDb();
		harness.runtime = await createBrowserRuntime({ files });
		harness.workspace = await openWorkspace({ projectId: PROJECT_ID, runtime: harness.runtime });
		harness.settings = new ModelSettings();
	});
	afterEach(async () => {
		harness.workspace.dispose();
		await harness.runtime.dispose();
	});
	return harness;
}
