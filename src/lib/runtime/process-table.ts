/**
 * The one implementation of BackgroundProcesses. Runtimes differ only in how a process is
 * launched and killed (a process group on a real machine, a WebContainer process); the ids, the
 * cap, the output ring, URL detection, the agent's read position and cleanup are the same.
 */
import { OutputRing } from './output-ring';
import { PreviewDetector } from './preview-detector';
import {
	MAX_ENDED_PROCESSES,
	MAX_RUNNING_PROCESSES,
	PROCESS_OUTPUT_LIMIT,
	ProcessError,
	type BackgroundProcesses,
	type ForegroundJob,
	type ProcessEndNotice,
	type ProcessInfo,
	type ProcessOutputRead,
	type ProcessOwner,
	type StartProcessOptions
} from './process-types';
import type { PreviewEvent } from './types';

export interface LaunchedProcess {
	/** Resolves with the exit code once the process (and its output) ended. */
	readonly exit: Promise<number>;
	/** Stops it and everything it started. */
	kill(): void;
}

export interface LaunchOptions {
	readonly cwd?: string;
	readonly env?: Record<string, string>;
	readonly onOutput: (chunk: string) => void;
}

/** Starts a process; throws a ProcessError when it cannot (the message is shown as it is). */
export type ProcessLauncher = (command: string, options: LaunchOptions) => Promise<LaunchedProcess>;

export interface ProcessTableOptions {
	/** How this runtime starts processes, or why it cannot run any in the background. */
	readonly launch: ProcessLauncher | { readonly refuse: string };
	/** Read URLs from each process's output and announce them (runtimes without port events). */
	readonly onPreview?: (event: PreviewEvent) => void;
	readonly maxRunning?: number;
	readonly outputLimit?: number;
}

/** A line that says a server is up, for settle(). */
const READY_LINE = /\b(ready|listening|started|compiled|serving|running at|local:)/i;
/** How long a kill may take before it is reported as done anyway (SIGKILL follows SIGTERM sooner). */
const KILL_WAIT_MS = 10_000;
const NOTICE_TAIL_CHARS = 2000;
/** What a peek returns at most: as much as one bash_output shows. */
const PEEK_CHARS = 30_000;

/** How much of a process's latest output is searched for a port it announced. */
const PORT_LOOKBACK_CHARS = 64 * 1024;

interface Entry {
	info: ProcessInfo;
	readonly ring: OutputRing;
	/** The agent's read position in the ring. */
	readAt: number;
	/** The agent saw it ended (bash_output or bash_kill): no reminder needed. */
	seenEnd: boolean;
	stopRequestedBy?: ProcessOwner | 'session';
	readonly ended: Promise<void>;
	readonly finish: () => void;
	stop(): void;
	detector?: PreviewDetector;
}

export class ProcessTable implements BackgroundProcesses {
	readonly #options: ProcessTableOptions;
	readonly #entries = new Map<string, Entry>();
	/**
	 * Servers the runtime announced (noteServer) that no process has claimed by printing the
	 * port yet: its output may arrive after the event, or the server is the terminal's.
	 */
	readonly #unclaimed = new Map<number, string>();
	readonly #listeners = new Set<() => void>();
	readonly #unseenEnds: string[] = [];
	/** Ended background processes, the earliest ended first: the ones forgotten first. */
	readonly #endedOrder: string[] = [];
	/** Ids of ended processes no longer kept, so a read says so rather than "no such process". */
	readonly #forgotten = new Set<string>();
	#nextBackground = 1;
	#nextForeground = 1;
	#starting = 0;
	#closed = false;

	constructor(options: ProcessTableOptions) {
		this.#options = options;
	}

	async start(command: string, options: StartProcessOptions): Promise<ProcessInfo> {
		const { launch } = this.#options;
		if ('refuse' in launch) throw new ProcessError(launch.refuse);
		if (this.#closed)
			throw new ProcessError('This runtime was closed; no process can start in it.');
		const running = this.list().filter((info) => !info.foreground && info.status === 'running');
		const max = this.#options.maxRunning ?? MAX_RUNNING_PROCESSES;
		if (running.length + this.#starting >= max) {
			throw new ProcessError(
				`${max} background processes are already running (${running.map((p) => p.id).join(', ')}), the most allowed at once. Stop one you no longer need with bash_kill, then start this one again.`
			);
		}
		const ring = new OutputRing(this.#options.outputLimit ?? PROCESS_OUTPUT_LIMIT);
		const { onPreview } = this.#options;
		// Set once launched; output that comes before waits in `early`.
		const made: { entry?: Entry } = {};
		const detector = onPreview
			? new PreviewDetector((event) => {
					if (event.type === 'ready' && made.entry) this.#noteUrl(made.entry, event.url);
					onPreview(event);
				})
			: undefined;
		const early: string[] = [];
		const onOutput = (chunk: string) => {
			if (!made.entry) {
				early.push(chunk);
				return;
			}
			made.entry.ring.append(chunk);
			detector?.feed(chunk);
			if (this.#unclaimed.size > 0) this.#claimServers(made.entry, chunk.length);
			this.#changed();
		};
		// Taken before launching: launches may finish in any order, ids follow the calls.
		const id = `bash_${this.#nextBackground++}`;
		this.#starting++;
		let launched: LaunchedProcess;
		try {
			launched = await launch(command, { cwd: options.cwd, env: options.env, onOutput });
		} finally {
			this.#starting--;
		}
		const created = this.#newEntry(
			{ id, command, startedBy: options.startedBy, foreground: false },
			ring,
			() => launched.kill()
		);
		if (detector) created.detector = detector;
		made.entry = created;
		for (const chunk of early.splice(0)) onOutput(chunk);
		void launched.exit.then(
			(code) => this.#ended(created, code),
			() => this.#ended(created, 1)
		);
		// Closed while it launched: it must not outlive the runtime.
		if (this.#closed) await this.#stopEntry(created, 'session');
		this.#changed();
		return created.info;
	}

	track(command: string, options: { startedBy: ProcessOwner; stop: () => void }): ForegroundJob {
		const id = `job_${this.#nextForeground++}`;
		const entry = this.#newEntry(
			{ id, command, startedBy: options.startedBy, foreground: true },
			new OutputRing(this.#options.outputLimit ?? PROCESS_OUTPUT_LIMIT),
			options.stop
		);
		this.#changed();
		return {
			id,
			output: (chunk) => {
				if (entry.info.status !== 'running') return;
				entry.ring.append(chunk);
				this.#changed();
			},
			end: (exitCode) => {
				if (entry.info.status === 'running') this.#ended(entry, exitCode);
				// Listed only while it runs: its result is in the chat.
				this.#entries.delete(id);
				this.#changed();
			}
		};
	}

	list(): readonly ProcessInfo[] {
		return [...this.#entries.values()].map((entry) => entry.info);
	}

	get(id: string): ProcessInfo | undefined {
		return this.#entries.get(id)?.info;
	}

	readNew(id: string): ProcessOutputRead {
		const entry = this.#require(id);
		const { text, dropped } = entry.ring.since(entry.readAt);
		entry.readAt = entry.ring.end;
		if (entry.info.status !== 'running') entry.seenEnd = true;
		return { text, droppedChars: dropped };
	}

	peek(id: string): ProcessOutputRead {
		const entry = this.#require(id);
		return { text: entry.ring.tail(PEEK_CHARS), droppedChars: 0, latest: true };
	}

	recentOutput(id: string, maxChars = 64 * 1024): string {
		return this.#entries.get(id)?.ring.tail(maxChars) ?? '';
	}

	settle(id: string, waitMs: number, signal?: AbortSignal): Promise<ProcessInfo> {
		const entry = this.#require(id);
		const from = entry.ring.end;
		const settled = () =>
			entry.info.status !== 'running' ||
			entry.info.url !== undefined ||
			READY_LINE.test(entry.ring.since(from).text);
		return new Promise((resolve) => {
			const armed: { timer?: ReturnType<typeof setTimeout>; unsubscribe?: () => void } = {};
			const done = () => {
				clearTimeout(armed.timer);
				armed.unsubscribe?.();
				signal?.removeEventListener('abort', done);
				resolve(entry.info);
			};
			if (settled() || signal?.aborted) return done();
			armed.timer = setTimeout(done, waitMs);
			signal?.addEventListener('abort', done, { once: true });
			armed.unsubscribe = this.subscribe(() => {
				if (settled()) done();
			});
		});
	}

	async kill(id: string, by: ProcessOwner): Promise<ProcessInfo | undefined> {
		const entry = this.#entries.get(id);
		if (!entry) return undefined;
		if (by === 'agent') entry.seenEnd = true;
		await this.#stopEntry(entry, by);
		return entry.info;
	}

	async killAll(filter: (info: ProcessInfo) => boolean = () => true): Promise<void> {
		const chosen = [...this.#entries.values()].filter(
			(entry) => entry.info.status === 'running' && filter(entry.info)
		);
		await Promise.all(chosen.map((entry) => this.#stopEntry(entry, 'session')));
	}

	takeUnseenEnds(): ProcessEndNotice[] {
		const notices: ProcessEndNotice[] = [];
		for (const id of this.#unseenEnds.splice(0)) {
			const entry = this.#entries.get(id);
			if (!entry || entry.seenEnd) continue;
			entry.seenEnd = true;
			notices.push({ info: entry.info, tail: entry.ring.tail(NOTICE_TAIL_CHARS) });
		}
		return notices;
	}

	subscribe(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/**
	 * Attributes a URL a runtime learnt of otherwise (WebContainer's server-ready) to the running
	 * process that printed its port ("Local: http://localhost:5173/", "listening on port 3000"),
	 * now or once it does. Never to a guess: a server started in the terminal belongs to none.
	 */
	noteServer(port: number, url: string): void {
		const named = this.#running().find((entry) =>
			mentionsPort(entry.ring.tail(PORT_LOOKBACK_CHARS), port)
		);
		if (named) this.#noteUrl(named, url);
		else this.#unclaimed.set(port, url);
	}

	/** The runtime says the port closed: its server is no longer there to claim. */
	forgetServer(port: number): void {
		this.#unclaimed.delete(port);
	}

	#running(): Entry[] {
		return [...this.#entries.values()].filter(
			(entry) => !entry.info.foreground && entry.info.status === 'running'
		);
	}

	/** After `entry` printed `newChars`: a port it names there claims that server. */
	#claimServers(entry: Entry, newChars: number): void {
		if (entry.info.url !== undefined) return;
		// The new output, and a few characters before it for a port split between chunks.
		const recent = entry.ring.tail(newChars + 8);
		for (const [port, url] of this.#unclaimed) {
			if (!mentionsPort(recent, port)) continue;
			this.#unclaimed.delete(port);
			this.#noteUrl(entry, url);
			return;
		}
	}

	/** Stops everything and refuses new processes: the runtime is going away. */
	async dispose(): Promise<void> {
		this.#closed = true;
		await this.killAll();
		this.#listeners.clear();
	}

	#noteUrl(entry: Entry, url: string): void {
		if (entry.info.url !== undefined) return;
		entry.info = { ...entry.info, url };
		this.#changed();
	}

	async #stopEntry(entry: Entry, by: ProcessOwner | 'session'): Promise<void> {
		if (entry.info.status === 'running') {
			entry.stopRequestedBy ??= by;
			entry.stop();
		}
		let timer: ReturnType<typeof setTimeout> | undefined;
		await Promise.race([
			entry.ended,
			new Promise<void>((resolve) => (timer = setTimeout(resolve, KILL_WAIT_MS)))
		]);
		clearTimeout(timer);
	}

	/** Lists a new running entry. A foreground one counts as seen: its tool reports its end. */
	#newEntry(
		info: Pick<ProcessInfo, 'id' | 'command' | 'startedBy' | 'foreground'>,
		ring: OutputRing,
		stop: () => void
	): Entry {
		let finish!: () => void;
		const ended = new Promise<void>((resolve) => (finish = resolve));
		const entry: Entry = {
			info: { ...info, startedAt: Date.now(), status: 'running' },
			ring,
			readAt: 0,
			seenEnd: info.foreground,
			ended,
			finish,
			stop
		};
		this.#entries.set(info.id, entry);
		return entry;
	}

	#ended(entry: Entry, exitCode: number): void {
		if (entry.info.status !== 'running') return;
		const stoppedBy = entry.stopRequestedBy;
		entry.info = {
			...entry.info,
			endedAt: Date.now(),
			...(stoppedBy ? { status: 'stopped', stoppedBy } : { status: 'exited', exitCode })
		};
		entry.detector?.end();
		if (entry.info.startedBy === 'agent' && !entry.seenEnd && stoppedBy !== 'session') {
			this.#unseenEnds.push(entry.info.id);
		}
		entry.finish();
		if (!entry.info.foreground) this.#forgetOldEnded(entry.info.id);
		this.#changed();
	}

	/**
	 * Each ended process keeps its output ring: a session that starts many (tests, builds) must
	 * not grow without bound. Running ones are never forgotten.
	 */
	#forgetOldEnded(id: string): void {
		this.#endedOrder.push(id);
		const over = this.#endedOrder.length - MAX_ENDED_PROCESSES;
		for (const old of this.#endedOrder.splice(0, Math.max(0, over))) {
			this.#entries.delete(old);
			this.#forgotten.add(old);
		}
	}

	#require(id: string): Entry {
		const entry = this.#entries.get(id);
		if (entry) return entry;
		if (this.#forgotten.has(id)) {
			throw new ProcessError(
				`${id} ended and is no longer kept: only the ${MAX_ENDED_PROCESSES} most recently ended background processes are, with their output. Start the command again if you need its output.`
			);
		}
		throw new ProcessError(this.#unknown(id));
	}

	#unknown(id: string): string {
		const ids = this.list()
			.filter((info) => !info.foreground)
			.map((info) => info.id);
		return `There is no background process '${id}'. ${ids.length ? `The processes are: ${ids.join(', ')}.` : 'None was started in this runtime.'}`;
	}

	#changed(): void {
		for (const listener of [...this.#listeners]) listener();
	}
}

/** Whether `output` names `port` as a whole number. */
function mentionsPort(output: string, port: number): boolean {
	return new RegExp(`(?<![0-9])${port}(?![0-9])`).test(output);
}
