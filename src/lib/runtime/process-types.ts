/**
 * Background processes: commands that keep running after the call that started them returns
 * (a dev server, a watcher). Every runtime has a table of them with the same rules: ids in start
 * order, a bounded output ring per process, a cap on how many run at once, kill of the whole
 * process tree, and nothing left running once the runtime is disposed.
 */

/** Who started a process: the agent (its bash tool) or the person. */
export type ProcessOwner = 'agent' | 'person';

export type ProcessStatus = 'running' | 'exited' | 'stopped';

export interface ProcessInfo {
	/** `bash_1`, `bash_2`… for background processes; `job_1`… for foreground commands. */
	readonly id: string;
	readonly command: string;
	readonly startedBy: ProcessOwner;
	/**
	 * A foreground command (the agent's bash call that waits for it) listed so the person can see
	 * and stop it; it does not count towards the cap and has no bash_id for the agent.
	 */
	readonly foreground: boolean;
	readonly startedAt: number;
	readonly status: ProcessStatus;
	/** Set once it exited by itself (status 'exited'). */
	readonly exitCode?: number;
	readonly endedAt?: number;
	/** Who stopped it (status 'stopped'): 'session' when the session, project or page closed. */
	readonly stoppedBy?: ProcessOwner | 'session';
	/** The first URL it announced (its output, or the runtime's server-ready event). */
	readonly url?: string;
}

/** Output of a process read by the agent: what came since its previous read. */
export interface ProcessOutputRead {
	readonly text: string;
	/** Bytes that came since the previous read but fell out of the ring before this one. */
	readonly droppedChars: number;
	/** A peek: the latest output, whatever was read before, rather than what is new. */
	readonly latest?: boolean;
}

/** An agent-started process that ended without the agent noticing: told in its next message. */
export interface ProcessEndNotice {
	readonly info: ProcessInfo;
	/** The end of what it printed. */
	readonly tail: string;
}

export interface StartProcessOptions {
	readonly startedBy: ProcessOwner;
	/** Project-relative working directory; default the root. */
	readonly cwd?: string;
	readonly env?: Record<string, string>;
}

/** A foreground command registered in the table while it runs (see BackgroundProcesses.track). */
export interface ForegroundJob {
	readonly id: string;
	output(chunk: string): void;
	end(exitCode: number): void;
}

export interface BackgroundProcesses {
	/**
	 * Starts `command` without waiting for it. Throws a ProcessError the caller can show as it is
	 * (the runtime cannot run servers, too many run already, the folder is missing).
	 */
	start(command: string, options: StartProcessOptions): Promise<ProcessInfo>;
	/** Lists a foreground command while it runs; `stop` ends it (as the turn's Stop would). */
	track(command: string, options: { startedBy: ProcessOwner; stop: () => void }): ForegroundJob;
	/**
	 * Every process of this runtime in start order: those running and the MAX_ENDED_PROCESSES
	 * that ended last.
	 */
	list(): readonly ProcessInfo[];
	get(id: string): ProcessInfo | undefined;
	/** The agent's read: the output since its previous read; marks an ended process as seen. */
	readNew(id: string): ProcessOutputRead;
	/**
	 * The latest output, for readers other than the agent (explore subagents): it neither moves
	 * the agent's read position nor marks an end as seen, so the agent misses nothing.
	 */
	peek(id: string): ProcessOutputRead;
	/** The last `maxChars` of what it printed (kept in the ring), for people. */
	recentOutput(id: string, maxChars?: number): string;
	/**
	 * Resolves once the process is worth looking at: it announced a URL or printed a line that
	 * says it is ready or listening, it ended, or `waitMs` passed.
	 */
	settle(id: string, waitMs: number, signal?: AbortSignal): Promise<ProcessInfo>;
	/** Stops the process and everything it started; resolves with how it ended (undefined: no such id). */
	kill(id: string, by: ProcessOwner): Promise<ProcessInfo | undefined>;
	/** Stops every running process the filter accepts (all when absent). */
	killAll(filter?: (info: ProcessInfo) => boolean): Promise<void>;
	/** Agent-started processes that ended since the last call and that the agent has not read. */
	takeUnseenEnds(): ProcessEndNotice[];
	/** Told of every change: a start, output, an end. Returns the unsubscribe. */
	subscribe(listener: () => void): () => void;
}

/** A refusal with a message meant for the model and the person as it is. */
export class ProcessError extends Error {
	override readonly name = 'ProcessError';
}

/** Background processes that may run at once in one runtime. */
export const MAX_RUNNING_PROCESSES = 8;
/**
 * Ended background processes kept, with their output, for bash_output and the Processes panel;
 * older ones are forgotten (a read says so).
 */
export const MAX_ENDED_PROCESSES = 16;
/** Characters of output kept per process (its most recent ones). */
export const PROCESS_OUTPUT_LIMIT = 1024 * 1024;
