/**
 * What the Processes panel shows: the current runtime's background processes (and the agent's
 * foreground commands while they run), the output of the one picked, and the actions a person
 * has: stop one, start one. It follows the runtime as it changes (offline → WebContainer).
 */
import {
	describeProcessStatus,
	formatAge,
	ProcessError,
	type BackgroundProcesses,
	type ProcessInfo,
	type Runtime
} from '$lib/runtime';
import { messageOf } from '$lib/errors';
import type { OpenServer } from '../open-servers';

/** Output shown for the picked process: its most recent part. */
const SHOWN_OUTPUT_CHARS = 16_000;
/** Bursts of output are drawn at most this often. */
const REDRAW_MS = 100;

export class ProcessesView {
	items = $state.raw<readonly ProcessInfo[]>([]);
	/** The output of the process picked (or the newest one). */
	output = $state('');
	/** Advances every second while something runs, for the ages shown. */
	now = $state(Date.now());
	/** What went wrong with the person's last start or stop. */
	error = $state<string | null>(null);
	/** Servers the runtime says are listening (ProjectSession.openServers), newest last. */
	servers = $state.raw<readonly OpenServer[]>([]);
	#picked = $state<string | null>(null);
	#table: BackgroundProcesses | undefined;
	#stopListening = () => {};
	#redraw: ReturnType<typeof setTimeout> | undefined;
	#ticker: ReturnType<typeof setInterval> | undefined;

	/** The process whose output is shown: the one picked, else the newest. */
	get selected(): ProcessInfo | undefined {
		return this.items.find((item) => item.id === this.#picked) ?? this.items.at(-1);
	}

	/**
	 * The newest server that announced a URL and has stopped, when no other server runs: the
	 * preview says it stopped rather than going blank.
	 */
	get stoppedServer(): ProcessInfo | undefined {
		const servers = this.items.filter((item) => item.url !== undefined);
		if (servers.some((item) => item.status === 'running')) return undefined;
		return servers.at(-1);
	}

	/**
	 * Listening servers no process here claims: started in the terminal, where only the terminal
	 * can stop them. Listed so the panel shows everything that serves a page.
	 */
	get terminalServers(): readonly OpenServer[] {
		return this.servers.filter((server) => !this.serverAt(server.url));
	}

	/** The process serving `url`, if one of these announced it. */
	serverAt(url: string): ProcessInfo | undefined {
		return this.items.find((item) => item.url === url && item.status === 'running');
	}

	/** Shows the runtime's processes from now on (null: none yet); returns the detach. */
	attach(runtime: Runtime | null): () => void {
		this.#detach();
		this.#table = runtime?.processes;
		if (this.#table) this.#stopListening = this.#table.subscribe(() => this.#scheduleRedraw());
		this.#draw();
		return () => this.#detach();
	}

	pick(id: string): void {
		this.#picked = id;
		this.#draw();
	}

	async stop(id: string): Promise<void> {
		this.error = null;
		try {
			await this.#table?.kill(id, 'person');
		} catch (error) {
			this.error = `Could not stop ${id}: ${messageOf(error)}`;
		}
	}

	/** Starts a command in the background for the person; false when the runtime refused. */
	async start(command: string): Promise<boolean> {
		this.error = null;
		if (!this.#table) {
			this.error = 'The runtime is still starting: try again in a moment.';
			return false;
		}
		try {
			const started = await this.#table.start(command, { startedBy: 'person' });
			this.#picked = started.id;
			this.#draw();
			return true;
		} catch (error) {
			this.error = error instanceof ProcessError ? error.message : messageOf(error);
			return false;
		}
	}

	status(item: ProcessInfo): string {
		if (item.foreground) return `running for ${formatAge(this.now - item.startedAt)}`;
		return item.status === 'running'
			? `running for ${formatAge(this.now - item.startedAt)}`
			: describeProcessStatus(item);
	}

	#scheduleRedraw(): void {
		this.#redraw ??= setTimeout(() => {
			this.#redraw = undefined;
			this.#draw();
		}, REDRAW_MS);
	}

	#draw(): void {
		this.items = this.#table?.list() ?? [];
		const shown = this.selected;
		this.output = shown ? (this.#table?.recentOutput(shown.id, SHOWN_OUTPUT_CHARS) ?? '') : '';
		this.now = Date.now();
		const running = this.items.some((item) => item.status === 'running');
		if (running && !this.#ticker) {
			this.#ticker = setInterval(() => (this.now = Date.now()), 1000);
		} else if (!running && this.#ticker) {
			clearInterval(this.#ticker);
			this.#ticker = undefined;
		}
	}

	#detach(): void {
		this.#stopListening();
		this.#stopListening = () => {};
		clearTimeout(this.#redraw);
		this.#redraw = undefined;
		clearInterval(this.#ticker);
		this.#ticker = undefined;
		this.#table = undefined;
	}
}
