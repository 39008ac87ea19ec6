// Named moments in the page's life, set with the User Timing API so `npm run bench:web` (and the
// Performance panel of DevTools) can read them. A mark costs microseconds and sends nothing.

/** Every moment Kiln marks, once per page unless said otherwise. */
export const PERF_MARKS = {
	/** The IDE's shell (top bar, panes, chat input) is on screen, before files or runtime. */
	shellPainted: 'kiln:shell-painted',
	/** The offline runtime's code (just-bash, Buffer, Kiln's runtime over them) has run. */
	runtimeCode: 'kiln:runtime-code',
	/** The project's files are in the workspace: the tree and editor can show them. */
	filesReady: 'kiln:files-ready',
	/** The offline runtime (or WebContainer) answers commands: terminal and agent tools work. */
	runtimeReady: 'kiln:runtime-ready',
	/** The chat can take a message (its transcript is rendered). */
	chatReady: 'kiln:chat-ready',
	/** A message was sent: set each time, with the send's start as the mark's time. */
	sendStarted: 'kiln:send-started',
	/** The model request of that send left the page: set each time. */
	requestSent: 'kiln:request-sent',
	/** An opened session's token counts are warmed (agent-loader.ts): its next send counts from memory. */
	sessionCounted: 'kiln:session-counted',
	/** A send ended (a turn's log stored, the composer takes the next message): set each time. */
	turnEnded: 'kiln:turn-ended'
} as const;

export type PerfMark = (typeof PERF_MARKS)[keyof typeof PERF_MARKS];

/** Sets a mark; a page without the User Timing API (or a test in Node without it) skips it. */
export function markPerf(name: PerfMark): void {
	globalThis.performance?.mark?.(name);
}
