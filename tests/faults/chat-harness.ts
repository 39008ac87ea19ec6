/**
 * The faults suite's bench: the real chat state (ChatSession) driving the real agent, through
 * the real providers and SDKs, over real HTTP to the scripted model server, with the real
 * IndexedDB session store (fake-indexeddb) and a real browser runtime. Only time is injected:
 * retry waits return at once (the test reads what the chat shows while it "waits") and the idle
 * timeout is 300 ms instead of 60 s.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { Agent, type SessionEvent } from '../../src/lib/agent';
import type { ProviderConfig } from '../../src/lib/providers';
import { createBrowserRuntime } from '../../src/lib/runtime/browser';
import type { Runtime } from '../../src/lib/runtime/types';
import {
	ChatSession,
	retryCountdown,
	type ChatItem,
	type NoticeItem,
	type SendResult
} from '../../src/lib/state/chat';
import { ModelSettings } from '../../src/lib/state/settings';
import { closeStorage } from '../../src/lib/storage';
import { openWorkspace, type Workspace } from '../../src/lib/workspace';
import { startMockModelServer, type MockModelServer } from '../../tooling/mock-model';
import { recordRow } from '../suite-table/row';
import { assertValidConversation, type Format } from '../unit/agent/harness';

export const FORMATS: Format[] = ['anthropic', 'openai'];
export const IDLE_TIMEOUT = { ms: 300, thinkingMs: 3000 };
/**
 * For tests that stall nothing: 300 ms between two chunks of a healthy stream happens on a
 * loaded two-core machine (a build beside the suite), and the retry then took the script's next
 * answer, a failure that was not the test's.
 */
export const PATIENT_IDLE_TIMEOUT = { ms: 10_000, thinkingMs: 10_000 };
const PROJECT = 'faults';

export function providerConfig(format: Format, server: { url: string }): ProviderConfig {
	return format === 'anthropic'
		? { provider: 'anthropic', apiKey: 'sk-ant-faults', baseUrl: server.url, model: 'mock-model' }
		: { provider: 'openai', apiKey: 'sk-faults', baseUrl: `${server.url}/v1`, model: 'mock-model' };
}

export interface FaultChat {
	session: ChatSession;
	workspace: Workspace;
	/** What each retry notice said while the agent waited, as the chat renders it. */
	waits: string[];
	send(text: string): Promise<SendResult>;
	/** A second chat over the same stored session, as after a reload. */
	reload(): Promise<ChatSession>;
	dispose(): Promise<void>;
}

export async function openFaultChat(
	config: ProviderConfig,
	options: {
		files?: Record<string, string>;
		maxAttempts?: number;
		idleTimeout?: typeof IDLE_TIMEOUT;
	} = {}
): Promise<FaultChat> {
	await closeStorage();
	globalThis.indexedDB = new IDBFactory();
	const runtime: Runtime = await createBrowserRuntime({ files: options.files ?? {} });
	const workspace = await openWorkspace({ projectId: PROJECT, runtime });
	const settings = new ModelSettings();
	await settings.save(config);
	const waits: string[] = [];
	const make = () =>
		new ChatSession({
			projectId: PROJECT,
			workspace,
			runtime: () => runtime,
			settings,
			// The app's own agent, with time injected (see the top of this file).
			createAgent: (agentOptions) =>
				new Agent({
					...agentOptions,
					retry: {
						idleTimeout: options.idleTimeout ?? IDLE_TIMEOUT,
						...(options.maxAttempts !== undefined && { maxAttempts: options.maxAttempts }),
						sleep: async () => {
							const notice = session.items.find(isRetryNotice);
							waits.push(
								notice
									? `${notice.message} ${retryCountdown(notice, Date.now())}`
									: '(waiting, with no notice shown)'
							);
						}
					}
				})
		});
	// `make` reads `session` only once a turn waits, long after this line.
	const session = make();
	return {
		session,
		workspace,
		waits,
		send: (text) => session.send(text),
		reload: async () => {
			const again = make();
			await again.load();
			return again;
		},
		dispose: async () => {
			workspace.dispose();
			await runtime.dispose();
		}
	};
}

export interface FaultBench {
	/** The scripted model server of the describe block (with `server: true`). */
	readonly server: MockModelServer;
	/** Opens the test's chat (see openFaultChat); it is disposed after the test. */
	open(config: ProviderConfig, options?: Parameters<typeof openFaultChat>[1]): Promise<FaultChat>;
}

/**
 * Registers what every faults test needs around it: the chat it opens is disposed after it,
 * and with `server: true` one scripted model server runs for the whole describe block.
 */
export function useFaultBench(options: { server?: boolean } = {}): FaultBench {
	let server: MockModelServer | undefined;
	let chat: FaultChat | undefined;
	if (options.server) {
		beforeAll(async () => {
			server = await startMockModelServer();
		});
		afterAll(() => server?.close());
	}
	afterEach(async () => {
		await chat?.dispose();
		chat = undefined;
	});
	return {
		get server() {
			if (!server)
				throw new Error('This bench has no server: use useFaultBench({ server: true }).');
			return server;
		},
		open: async (config, chatOptions) => (chat = await openFaultChat(config, chatOptions))
	};
}

/** What the person saw and whether the log holds together, taken right after the faulty turn. */
export interface FaultOutcome {
	readonly seen: string;
	readonly consistent: string;
}

export async function afterFault(chat: FaultChat, extra: string[] = []): Promise<FaultOutcome> {
	const seen = whatWasSeen(chat, extra);
	return { seen, consistent: await checkConsistent(chat) };
}

/** The faults table's row, from what the test observed (see checkNextMessage for `next`). */
export function recordFaultRow(
	task: Parameters<typeof recordRow>[0],
	fault: string,
	outcome: FaultOutcome,
	next: string
): void {
	recordRow(task, {
		fault,
		'what the person saw': outcome.seen,
		'transcript consistent': outcome.consistent,
		'next message works': next
	});
}

function isRetryNotice(item: ChatItem): item is NoticeItem {
	return item.kind === 'notice' && item.code === 'retrying';
}

/** The newest turn's items. */
export function lastTurnItems(session: ChatSession): readonly ChatItem[] {
	return session.turns.at(-1)?.items ?? [];
}

/**
 * What the person saw in the newest turn, in words: each retry notice with its countdown, then
 * how the turn ended (the answer, the error notice, tool cards that failed).
 */
function whatWasSeen(chat: FaultChat, extra: string[] = []): string {
	const parts = chat.waits.map((text) => `⟳ ${text}`);
	parts.push(...extra);
	for (const item of lastTurnItems(chat.session)) {
		if (item.kind === 'notice') parts.push(`${item.tone}: ${item.message}`);
		if (item.kind === 'tool' && item.state === 'error') {
			parts.push(`tool card ${item.name} (error): ${firstLines(item.output)}`);
		}
	}
	const answer = lastTurnItems(chat.session).findLast((item) => item.kind === 'text');
	const completed = chat.session.turns.at(-1)?.endReason === 'completed';
	if (answer?.kind === 'text') {
		parts.push(`${completed ? 'answer' : 'partial text kept above the notice'}: “${answer.text}”`);
	}
	return parts.join(' → ');
}

function firstLines(text: string): string {
	const lines = text.split('\n').filter((line) => line.trim() !== '');
	const shown = lines.slice(0, 2).join(' / ');
	return shown.length > 240 ? `${shown.slice(0, 239)}…` : shown;
}

/**
 * Checks the stored conversation holds together; returns a one-line account, throwing with the
 * reason when it does not: every tool call has exactly one result, the stored log replays to the
 * transcript the person watched, and nothing is left streaming, pending or running.
 */
async function checkConsistent(chat: FaultChat): Promise<string> {
	const events = chat.session.events;
	const calls = toolCallIds(events);
	const results = events.flatMap((e) => (e.type === 'tool-result' ? [e.toolCallId] : []));
	for (const id of calls) {
		const count = results.filter((r) => r === id).length;
		if (count !== 1) throw new Error(`tool call ${id} has ${count} results in the log`);
	}
	const orphans = results.filter((id) => !calls.includes(id));
	if (orphans.length > 0) throw new Error(`results without a call: ${orphans.join(', ')}`);
	if (events.at(-1)?.type !== 'turn-end') {
		throw new Error(`the log ends with ${events.at(-1)?.type ?? 'nothing'}, not a turn-end`);
	}
	const dangling = chat.session.turns.flatMap((turn) =>
		turn.items.filter(
			(item) =>
				((item.kind === 'text' || item.kind === 'thinking') && item.streaming) ||
				(item.kind === 'tool' && (item.state === 'pending' || item.state === 'running')) ||
				(item.kind === 'notice' && item.code === 'retrying')
		)
	);
	if (dangling.length > 0) {
		throw new Error(`left dangling: ${dangling.map((item) => item.key).join(', ')}`);
	}
	if (chat.session.turns.some((turn) => turn.running)) throw new Error('a turn is still running');
	const reloaded = await chat.reload();
	const difference = firstDifference(chat.session.transcript, reloaded.transcript, 'transcript');
	if (difference) throw new Error(`the stored log replays differently: ${difference}`);
	const interrupted = events.filter((e) => e.type === 'assistant-step' && e.interrupted).length;
	return [
		`${calls.length} tool call(s), ${calls.length} result(s)`,
		...(interrupted ? [`${interrupted} cut step kept, marked interrupted`] : []),
		'replay identical',
		'nothing dangling'
	].join('; ');
}

function toolCallIds(events: readonly SessionEvent[]): string[] {
	return events.flatMap((event) =>
		event.type === 'assistant-step'
			? event.message.content.flatMap((block) => (block.type === 'tool_call' ? [block.id] : []))
			: []
	);
}

/**
 * Sends a next message and checks it succeeds: the turn completes with the scripted answer and
 * the request it sent is one the real API accepts (roles alternate, every call answered).
 */
export async function checkNextMessage(
	chat: FaultChat,
	server: MockModelServer,
	format: Format,
	expected: string
): Promise<string> {
	const before = server.requests().length;
	const result = await chat.send('Next message: are you still there?');
	if (!('reason' in result) || result.reason !== 'completed') {
		throw new Error(`the next message ended with ${JSON.stringify(result)}`);
	}
	const answer = lastTurnItems(chat.session).findLast((item) => item.kind === 'text');
	if (answer?.kind !== 'text' || answer.text !== expected) {
		throw new Error(`the next answer was ${JSON.stringify(answer)}, not ${expected}`);
	}
	const sent = server.requests().slice(before);
	const body = sent.at(-1)?.body as Record<string, unknown>;
	assertValidConversation(format, body);
	const messages = (body.messages as unknown[]).length;
	return `yes: “${answer.text}” (valid ${format} request of ${messages} messages)`;
}

/** Where two JSON-like values first differ, with short excerpts; undefined when equal. */
function firstDifference(live: unknown, replayed: unknown, path: string): string | undefined {
	if (Object.is(live, replayed)) return undefined;
	if (
		live === null ||
		replayed === null ||
		typeof live !== 'object' ||
		typeof replayed !== 'object'
	) {
		const show = (value: unknown) => JSON.stringify(value)?.slice(0, 200) ?? String(value);
		return `${path}: live ${show(live)}, replayed ${show(replayed)}`;
	}
	const keys = new Set([...Object.keys(live), ...Object.keys(replayed)]);
	for (const key of keys) {
		const found = firstDifference(
			(live as Record<string, unknown>)[key],
			(replayed as Record<string, unknown>)[key],
			`${path}.${key}`
		);
		if (found) return found;
	}
	return undefined;
}
