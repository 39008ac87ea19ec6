import type { AgentMode, SessionEvent, SessionLog } from '../../agent';
import type { SessionImage } from '../../session';
import { DEFAULT_MODE, parseCompactCommand, planApprovedMessage } from '../../agent/light';
import type { PermissionAnswer } from '../../agent/permissions';
import type { ProviderConfig } from '../../providers';
import { messageOf } from '../../errors';
import { markPerf, PERF_MARKS } from '../../perf';
import { titleFromText } from '../../storage';
import type { TodoItem, ToolWorkspace } from '../../tools';
import type { ChangeSource } from '../changes';
import type { TurnCheckpoints, TurnHandle } from '../checkpoints';
import { PermissionRules } from '../permissions';
import { warmSessionCounts } from './agent-loader';
import type { ChatLiveEvent } from './chat-events';
import { chatCheckpoints } from './chat-checkpoints';
import { liveBatcher } from './live-batching';
import type { ChatRewind } from './chat-rewind.svelte';
import type { ChatSessionOptions, SendResult, TurnRunner } from './chat-session-options';
import { contextStatusFromLive, showStoredStatus, type ContextStatusValue } from './context-status';
import type { ChatNoticeMessage } from './memory-file';
import { pageCommandNotice } from './page-commands';
import { PermissionPrompts } from './permission-prompts.svelte';
import { modeBeforePlan, planAwaitsApproval, planText } from './plan';
import { parseRewindCommand } from './rewind-command';
import { ChatSessionList } from './session-actions';
import { indexedDbStore, type ChatSessionStore } from './session-store';
import {
	applyLiveEvents,
	applySessionEvent,
	beginTurn,
	closeDanglingTurn,
	emptyTranscript,
	endTurnLocally,
	replay
} from './transcript-reducer';
import { createTurnRunner, permissionSetup, runnerKey } from './turn-runner';
import { summariesLoadedFor } from './tool-summaries';
import type { ChatImage, ChatItem, ChatTurn, Transcript } from './view-model';
import { imageSource, previewImages } from './chat-images';

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
	/** What a chat command did (`/remember`), shown above the composer until the next message. */
	notice = $state.raw<ChatNoticeMessage | null>(null);
	/** The open session's stored events (the context inspector reads them). */
	events = $state.raw<readonly SessionEvent[]>([]);
	/** How full the context is and what the session cost; null before the first request. */
	contextStatus = $state.raw<ContextStatusValue | null>(null);

	readonly turns: readonly ChatTurn[] = $derived(this.transcript.turns);
	readonly items: readonly ChatItem[] = $derived(this.transcript.turns.flatMap((t) => t.items));
	/** The agent's plan as last written in the newest turn. */
	readonly todos: readonly TodoItem[] = $derived(this.transcript.turns.at(-1)?.todos ?? []);
	/** The permission mode; 'plan': the agent may only read and ends its turn with a plan to approve. */
	readonly mode: AgentMode = $derived(this.transcript.mode ?? DEFAULT_MODE);
	/** Calls waiting for the person's "Allow", "Always allow" or "Deny". */
	readonly permissionPrompts = new PermissionPrompts();
	/** The project's allow / ask / deny rules; "Always allow" adds to them. */
	readonly permissionRules: PermissionRules;
	/** The newest turn ended in plan mode with a plan: the person may approve it. */
	readonly canApprovePlan: boolean = $derived(
		!this.running && planAwaitsApproval(this.mode, this.transcript.turns.at(-1))
	);

	/** What the chat's turns changed in the files, for the "Changes" review. */
	readonly changeSource: ChangeSource;
	/** Rewinding to before a message (button "Rewind", `/rewind`), and undoing it. */
	readonly rewind: ChatRewind;
	/** The project's chats, for the Sessions list. */
	readonly sessions: ChatSessionList;

	#options: ChatSessionOptions;
	readonly #checkpoints: TurnCheckpoints;
	#store: ChatSessionStore;
	#log: SessionLog | null = null;
	#agent: { key: string; runner: TurnRunner } | null = null;
	#abort: AbortController | null = null;
	#loading: Promise<void> | null = null;
	/** Streamed deltas reach the transcript once per frame (frame-batcher.ts). */
	readonly #live = liveBatcher((events) => {
		this.transcript = applyLiveEvents(this.transcript, events, this.#options.reducer);
		if (events.some((event) => event.type === 'persisted')) this.#syncEvents();
	});
	/** send() runs: set before `running` (awaits come first), cleared with it (for queued sends). */
	#sending = false;
	/** What plan mode was switched on from in this page (the log may not hold it yet). */
	#modeBeforePlan: AgentMode | undefined;
	/** Bumped by newSession(), so a load that finishes late does not bring the old chat back. */
	#generation = 0;

	constructor(options: ChatSessionOptions) {
		this.projectId = options.projectId;
		this.#options = options;
		this.#store = options.store ?? indexedDbStore;
		this.permissionRules = options.permissionRules ?? new PermissionRules(options.projectId);
		this.sessions = new ChatSessionList(this, this.#store);
		({
			checkpoints: this.#checkpoints,
			changeSource: this.changeSource,
			rewind: this.rewind
		} = chatCheckpoints({
			projectId: options.projectId,
			files: options.files,
			isRunning: () => this.running || this.#sending,
			sessionId: () => this.sessionId,
			openSession: (id) => this.openSession(id),
			setNotice: (notice) => (this.notice = notice)
		}));
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
	async send(text: string, images: readonly SessionImage[] = []): Promise<SendResult> {
		const message = text.trim();
		if (!message && images.length === 0) return { reason: 'empty' };
		markPerf(PERF_MARKS.sendStarted); // first-send latency: from here to requestSent
		// Answered even while a turn runs: the rewind says why it cannot happen now.
		const rewindTo = parseRewindCommand(message);
		if (rewindTo !== undefined) return this.load().then(() => this.rewind.command(rewindTo));
		// `running` is only set after the awaits below: a second send in between would start a
		// second turn (and, in a new chat, a second session).
		if (this.running || this.#sending) return { reason: 'busy' };
		this.#sending = true;
		try {
			return await this.#send(message, images);
		} finally {
			this.#sending = false;
			this.running = false;
			markPerf(PERF_MARKS.turnEnded);
		}
	}

	async #send(message: string, images: readonly SessionImage[]): Promise<SendResult> {
		this.notice = null;
		const handled = await pageCommandNotice(this.#options.workspace, message, async () => {
			await this.load();
			return !this.#log;
		});
		if (handled) {
			this.notice = handled;
			return { reason: 'command' };
		}
		const compact = parseCompactCommand(message) !== undefined;
		const settings = this.#options.settings;
		await Promise.all([settings.load(), this.permissionRules.load()]);
		const problem = settings.problem;
		if (problem !== undefined) return { needsSettings: problem };

		this.running = true;
		this.error = null;
		const abort = new AbortController();
		this.#abort = abort;
		// After newSession()/openSession() the chat shows another session: the stopped turn's
		// last events (cancelled results, its turn-end, its status) must not land in it.
		const generation = this.#generation;
		const current = () => generation === this.#generation;
		let turn: TurnHandle | undefined;
		try {
			await this.load();
			// `/compact` is the agent's too, but it is not a message of the conversation.
			const preview = { command: compact, images: previewImages(images) };
			this.transcript = beginTurn(this.transcript, message, Date.now(), preview);
			// Sent while the runtime starts: the message shows at once, the turn begins when it is up.
			await this.#options.runtimeReady?.();
			const config = settings.config;
			const runner = await this.#runnerFor(config, message);
			// Files are read before the agent may change anything, and stored behind the turn.
			if (!compact) turn = await this.#checkpoints.beforeTurn(this.sessionId, this.#log?.events);
			const result = await runner
				.runTurn(message, {
					signal: abort.signal,
					images,
					onEvent: (event) => {
						if (current()) this.#applyLive(event, config.model);
						this.#options.onLiveEvent?.(event);
					}
				})
				.finally(() => this.#live.flush());
			// The agent announces its turn-end; this only matters if it could not store it.
			if (current()) {
				this.transcript = endTurnLocally(
					this.transcript,
					result.reason,
					result.error,
					result.usage
				);
			}
			return { reason: result.reason };
		} catch (error) {
			if (current()) {
				this.transcript = endTurnLocally(this.transcript, 'error', {
					kind: 'internal',
					message: `The message could not be sent: ${messageOf(error)}`
				});
			}
			return { reason: 'error' };
		} finally {
			// However the turn ended: what its tools and commands changed is caught here.
			if (turn) void this.#checkpoints.afterTurn(turn);
			if (this.#abort === abort) this.#abort = null;
		}
	}

	/**
	 * Switches the permission mode (ask, auto-edit, auto, plan). The agent owns the mode: it logs
	 * the switch, and the model hears of it in its next message (never through the cached prefix).
	 * A chat without an agent yet (not started, or no model set up) hands it over when built.
	 */
	async setMode(mode: AgentMode): Promise<void> {
		if (mode === this.mode || this.running) return;
		if (mode === 'plan') this.#modeBeforePlan = this.mode;
		await this.load();
		const shown: SessionEvent = { type: 'mode-change', at: Date.now(), mode };
		this.transcript = applySessionEvent(this.transcript, shown, this.#options.reducer);
		if (!this.#log) return;
		const settings = this.#options.settings;
		await settings.load();
		if (settings.problem === undefined) await this.#runnerFor(settings.config, '');
	}

	/** Approves the newest turn's plan: back to the mode before plan mode (or auto), and runs it. */
	async approvePlan(): Promise<SendResult> {
		const last = this.transcript.turns.at(-1);
		if (!this.canApprovePlan || !last) return { reason: 'busy' };
		await this.setMode(this.#modeBeforePlan ?? modeBeforePlan(this.events));
		return this.send(planApprovedMessage(planText(last)));
	}

	/** Resumes a stored chat: its whole transcript, and the next message continues it. */
	openSession(id: string): Promise<void> {
		this.#leave();
		this.loaded = false;
		this.notice = null;
		this.#loading = this.#open(id, this.#generation);
		return this.#loading;
	}

	/** A thumbnail's URL: from the open session's stored images, or the one being sent. */
	readonly imageSource = (image: ChatImage) => imageSource(image, this.#log);

	/** The project's files, for chat commands that touch AGENTS.md. */
	get workspace(): ToolWorkspace {
		return this.#options.workspace;
	}

	/** Stops the running turn: the stream and any running tool end at once, a waiting prompt is denied. */
	stop(): void {
		this.#abort?.abort();
		this.permissionPrompts.denyAll();
	}

	/** The person's answer to a call waiting in the chat. */
	answerPermission(toolCallId: string, answer: PermissionAnswer): void {
		this.permissionPrompts.answer(toolCallId, answer);
	}

	/** Starts a fresh chat; the next message creates its session. The old one stays stored. */
	newSession(): void {
		this.#leave();
		this.#loading = Promise.resolve();
		this.loaded = true;
		// The mode carries over: it is written to the new chat with its first message.
		const mode = this.mode;
		this.#showNothing(mode !== DEFAULT_MODE ? { ...emptyTranscript(), mode } : emptyTranscript());
		this.notice = null;
	}

	/** Leaves the session shown: its turn stops, and what its agent left running in the background. */
	#leave(): void {
		this.stop();
		this.#live.discard();
		this.#generation++;
		this.#agent = null;
		this.#log = null;
		this.#options.onSessionLeft?.();
	}

	/** No session open: a new chat, or one that could not be opened (`error` says why). */
	#showNothing(transcript: Transcript, error: string | null = null): void {
		this.sessionId = null;
		this.transcript = transcript;
		this.events = [];
		this.contextStatus = null;
		this.error = error;
	}

	async #load(): Promise<void> {
		const generation = this.#generation;
		try {
			const [newest] = await this.#store.listSessions(this.projectId);
			if (!newest) return;
			await this.#show(newest.id, generation);
		} catch (error) {
			this.error = `The last chat could not be loaded: ${messageOf(error)}. Reload the page to try again, or start a new chat.`;
		} finally {
			if (generation === this.#generation) this.loaded = true;
		}
	}

	async #open(id: string, generation: number): Promise<void> {
		try {
			await this.#show(id, generation);
		} catch (error) {
			if (generation !== this.#generation) return;
			this.#showNothing(
				emptyTranscript(),
				`That chat could not be opened: ${messageOf(error)}. Pick it again from Sessions, or start a new chat.`
			);
		} finally {
			if (generation === this.#generation) this.loaded = true;
		}
	}

	/** Shows a stored session exactly as it was watched. */
	async #show(id: string, generation: number): Promise<void> {
		const log = await this.#store.sessionLog(id);
		if (generation !== this.#generation) return;
		this.#log = log;
		this.error = null;
		if ((await summariesLoadedFor(log.events)) && generation !== this.#generation) return;
		this.transcript = closeDanglingTurn(replay(log.events, this.#options.reducer));
		// With the transcript, in one update: the chat panel shows a session's newest turns first.
		this.sessionId = id;
		this.#syncEvents();
		warmSessionCounts(log.events);
		await showStoredStatus(log.events, this.#options.settings, {
			get: () => this.contextStatus,
			set: (status) => generation === this.#generation && (this.contextStatus = status)
		});
	}

	#applyLive(event: ChatLiveEvent, model: string): void {
		if (event.type !== 'context-status') this.#live.push(event);
		else this.contextStatus = contextStatusFromLive(event, model);
	}

	#syncEvents(): void {
		this.events = this.#log ? [...this.#log.events] : [];
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
		const key = runnerKey(config);
		let runner = this.#agent?.key === key ? this.#agent.runner : undefined;
		if (!runner) {
			// The agent is rebuilt for each session (openSession/newSession drop it).
			const generation = this.#generation;
			runner = await createTurnRunner({
				config,
				options: this.#options,
				store: this.#store,
				log: this.#log,
				sessionId: this.sessionId,
				permissions: permissionSetup(this.permissionRules, this.permissionPrompts),
				mode: () => this.mode,
				isCurrent: () => generation === this.#generation,
				applyLive: (event, model) => this.#applyLive(event, model)
			});
			// Kept only if the chat still shows that session once the agent's code has loaded.
			if (generation === this.#generation) this.#agent = { key, runner };
		}
		// A mode chosen while there was no agent (or a new chat) reaches it, and the log, here.
		await runner.setMode(this.mode);
		this.#syncEvents();
		return runner;
	}
}
