/**
 * Where the node runtime starts commands. By default they are children of this process; a host
 * in another process (see process-host-wire.ts) lets a caller keep commands away from what this
 * process holds: the CLI's API key is in its initial environment (/proc/<pid>/environ), which
 * deleting process.env entries does not change, and any child can read its parent's.
 */
import { runProcess, type ProcessOptions, type RunningProcess } from './node-exec';

export interface ProcessHost {
	run(command: string, options: ProcessOptions): RunningProcess;
	/** Stops every command still running and lets the host go. */
	dispose(): Promise<void>;
}

export const localProcessHost: ProcessHost = {
	run: runProcess,
	async dispose() {}
};
