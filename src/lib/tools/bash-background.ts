/**
 * bash with run_in_background: start the process, wait a moment for it to say it is up (a URL
 * or a "ready" line, at most BACKGROUND_SETTLE_MS), and hand back its id and first output.
 */
import { asToolError, formatProcessReport, processTable } from './process-report';
import type { ToolContext, ToolResult } from './types';

/** The longest a background start waits before it returns (sooner on a URL, a ready line, an exit). */
export const BACKGROUND_SETTLE_MS = 3000;

export async function startInBackground(command: string, ctx: ToolContext): Promise<ToolResult> {
	const processes = processTable(ctx.runtime);
	const started = await asToolError(() => processes.start(command, { startedBy: 'agent' }));
	const info = await processes.settle(started.id, BACKGROUND_SETTLE_MS, ctx.signal);
	const read = processes.readNew(info.id);
	const next =
		info.status === 'running'
			? `It keeps running after this call. Read its output with bash_output {"bash_id": "${info.id}"}; stop it with bash_kill when it is no longer needed.`
			: `It already ended: a background process is for commands that keep running (servers, watchers). Read the output above for why.`;
	return {
		ok: info.status !== 'exited' || info.exitCode === 0,
		output: `Started ${info.id} in the background.\n${formatProcessReport(info, read, 'Output so far')}\n\n${next}`,
		metadata: { bashId: info.id, ...(info.url ? { url: info.url } : {}) }
	};
}
