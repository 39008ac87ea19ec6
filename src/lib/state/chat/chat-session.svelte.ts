import { Agent, type AgentOptions, type TurnResult } from '../../agent';
import type { SessionLog } from '../../agent/session-log';
import type { LiveEvent } from '../../agent/types';
import { createProvider } from '../../providers/create-provider';
import type { Provider, ProviderConfig } from '../../providers/types';
import type { Runtime } from '../../runtime/types';
import {
	createSession,
	listSessions,
	sessionLog,
	titleFromText,
	type SessionMeta
} from '../../storage/sessions';
import type { TodoItem, ToolWorkspace } from '../../tools/types';
import type { ModelSettings } from '../settings/model-settings.svelte';
import {
	applyLiveEvent,
	beginTurn,
	closeDanglingTurn,
	emptyTranscript,
	endTurnLocally,
	replay,
	type ReducerOptions
} from './transcript-reducer';
import type { ChatItem, ChatTurn, Transcript } from './view-model';

/** The part of an Agent a chat drives. */
export interface TurnRunner {
	runTurn(
		text: string,
		options: { signal: AbortSignal; onEvent?: (event: LiveEvent) => void }
	): Promise<TurnResult>;
}

/** Where chats are kept; the app uses IndexedDB (storage/sessions), tests may pass memory. */
export interface ChatSessionStore {
	createSession(
		projectId: string,
		input: { provider: ProviderConfig['provider']; model: string; title?: string }
	): Promise<Pick<SessionMeta, 'id'>>;
	/** Most recently active first. */
	listSessions(projectId: string): Promise<readonly Pick<SessionMeta, 'id'>[]>;
	sessionLog(sessionId: string): Promise<SessionLog>;
}

export interface ChatSessionOptions {
	projectId: string;
	workspace: ToolWorkspace;
	/** The current runtime; it can change mid-session (offline → WebContainer). */
	runtime: () => Runtime;
	settings: ModelSettings;
	/** Seams for tests. */
	store?: ChatSessionStore;
	createProvider?: (config: ProviderConfig) => Provider;
	createAgent?: (options: AgentOptions) => TurnRunner;
	reducer?: ReducerOptions;
}

export type SendResult =
	/** No usable model: the page opens Settings with this explanation. */
	| { readonly needsSettings: string }
	/** The turn ran to this end. */
	| { readonly needsSettings?: undefined; readonly reason: TurnResult['reason'] }
	/** Nothing was sent: an empty message, or a turn is still running. */
	| { readonly needsSettings?: undefined; readonly reason: 'empty' | 'busy' };

const indexedDbStore: ChatSessionStore = { createSession, listSessions, sessionLog };

/**
 * The chat of one project: the newest session's transcript, and sending a message through the
 * agent. The transcript is rebuilt from the stored log on load, so a reload shows the
 * conversation exactly as it was watched.
 */
export class ChatSession {
	readonly projectId: string;

	transcript = $state.raw<Transcript>(emptyTranscript());
	/** A turn is running (the composer shows Stop). */
	running = $state(false);
	/** True once load() has finished. */
	loaded = $state(false);
	/** The open session, or null before the first message of a new chat. */
	sessionId = $state<string | null>(null);
	/** A problem outside any turn (the chat could not be loaded), for the person. */
	error = $state<string | null>(null);

	readonly turns: readonly ChatTurn[] = $derived(this.transcript.turns);
	readonly items: readonly ChatItem[] = $derived(this.transcript.turns.flatMap((t) => t.items));
	/** The agent's plan as last written in the newest turn. */
	readonly todos: readonly TodoItem[] = $derived(this.transcript.turns.at(-1)?.todos ?? []);

	#options: ChatSessionOptions;
	#store: ChatSessionStore;
	#log: SessionLog | null = null;
	#agent: { key: string; runner: TurnRunner } | null = null;
	#abort: AbortController | null = null;
	#loading: Promise<void> | null = null;
	/** Bumped by newSession(), so a load that finishes late does not bring the old chat back. */
	#generation = 0;

	constructor(options: ChatSessionOptions) {
		this.projectId = options.projectId;
		this.#options = options;
		this.#store = options.store ?? indexedDbStore;
	}

	/** Opens the project's newest session, if any, and shows its conversation. */
	load(): Promise<void> {
		this.#loading ??= this.#load();
		return this.#loading;
	}

	/**
	 * Sends a message. Resolves when the turn ends (the transcript updates as it streams), or
	 * at once with `needsSettings` when no usable model is configured.
	 */
	async send(text: string): Promise<SendResult> {
		const message = text.trim();
		if (!message) return { reason: 'empty' };
		if (this.running) return { reason: 'busy' };
		const settings = this.#options.settings;
		await settings.load();
		const problem = settings.problem;
		if (problem !== undefined) return { needsSettings: problem };

		this.running = true;
		this.error = null;
		const abort = new AbortController();
		this.#abort = abort;
		try {
			await this.load();
			this.transcript = beginTurn(this.transcript, message, Date.now());
			const config = settings.config;
			const runner = await this.#runnerFor(config, message);
			const result = await runner.runTurn(message, {
				signal: abort.signal,
				onEvent: (event) => {
					this.transcript = applyLiveEvent(this.transcript, event, this.#options.reducer);
				}
			});
			// The agent announces its turn-end; this only matters if it could not store it.
			this.transcript = endTurnLocally(this.transcript, result.reason, result.error, result.usage);
			return { reason: result.reason };
		} catch (error) {
			this.transcript = endTurnLocally(this.transcript, 'error', {
				kind: 'internal',
				message: `The message could not be sent: ${messageOf(error)}`
			});
			return { reason: 'error' };
		} finally {
			this.running = false;
			if (this.#abort === abort) this.#abort = null;
		}
	}

	/** Stops the running turn: the stream and any running tool end at once. */
	stop(): void {
		this.#abort?.abort();
	}

	/** Starts a fresh chat; the next message creates its session. The old one stays stored. */
	newSession(): void {
		this.stop();
		this.#generation++;
		this.#loading = Promise.resolve();
		this.loaded = true;
		this.#log = null;
		this.#agent = null;
		this.sessionId = null;
		this.transcript = emptyTranscript();
		this.error = null;
	}

	async #load(): Promise<void> {
		const generation = this.#generation;
		try {
			const [newest] = await this.#store.listSessions(this.projectId);
			if (!newest) return;
			const log = await this.#store.sessionLog(newest.id);
			if (generation !== this.#generation) return;
			this.#log = log;
			this.sessionId = newest.id;
			this.transcript = closeDanglingTurn(replay(log.events, this.#options.reducer));
		} catch (error) {
			this.error = `The last chat could not be loaded: ${messageOf(error)}. Reload the page to try again, or start a new chat.`;
		} finally {
			if (generation === this.#generation) this.loaded = true;
		}
	}

	async #runnerFor(config: ProviderConfig, firstMessage: string): Promise<TurnRunner> {
		if (!this.#log) {
			const meta = await this.#store.createSession(this.projectId, {
				provider: config.provider,
				model: config.model,
				title: titleFromText(firstMessage)
			});
			this.#log = await this.#store.sessionLog(meta.id);
			this.sessionId = meta.id;
			this.#agent = null;
		}
		// A changed model or key gets a new agent; the log (the conversation) carries over.
		const key = JSON.stringify([config.provider, config.model, config.baseUrl, config.apiKey]);
		if (this.#agent?.key !== key) {
			const provider = (this.#options.createProvider ?? createProvider)(config);
			const options: AgentOptions = {
				provider,
				providerId: config.provider,
				model: config.model,
				workspace: this.#options.workspace,
				runtime: this.#options.runtime,
				log: this.#log
			};
			const runner = this.#options.createAgent?.(options) ?? new Agent(options);
			this.#agent = { key, runner };
		}
		return this.#agent.runner;
	}
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
