/**
 * What ran in a long task. Chromium's Long Animation Frames API names, for every frame slower
 * than 50 ms, the scripts it ran: their file, how they were entered (a timer, a frame callback,
 * a promise's continuation…) and for how long. The bench records those frames in the page and,
 * for the longest task of a window, names the scripts of the frame that holds it, each with its
 * chunk's main packages (the build's bundle report), so a table row says what to work on.
 * Pure, so the unit tests run it on recorded frames.
 */
import type { ReportedChunk } from '../../tooling/bundle-report';
import { chunkPackages, scriptPath } from './attribution';

export interface FrameScript {
	/** The script's URL; empty for inline scripts and the browser's own callbacks. */
	source: string;
	/** How it was entered, e.g. `FrameRequestCallback`, `TimerHandler:setTimeout`. */
	invoker: string;
	duration: number;
}

export interface LongFrame {
	start: number;
	duration: number;
	scripts: FrameScript[];
}

export interface TaskSpan {
	start: number;
	duration: number;
}

/**
 * An init script (Playwright's addInitScript): keeps every long animation frame of the page in
 * `__kilnFrames`, where the browser has the API. Runs in the page, so it uses nothing from here.
 */
export const RECORD_LONG_FRAMES = () => {
	const frames: LongFrame[] = [];
	Object.assign(globalThis, { __kilnFrames: frames });
	if (!PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) return;
	type Entry = PerformanceEntry & {
		scripts: { sourceURL: string; invoker: string; duration: number }[];
	};
	new PerformanceObserver((list) => {
		for (const entry of list.getEntries() as Entry[]) {
			frames.push({
				start: entry.startTime,
				duration: entry.duration,
				scripts: entry.scripts.map((script) => ({
					source: script.sourceURL,
					invoker: script.invoker,
					duration: script.duration
				}))
			});
		}
	}).observe({ type: 'long-animation-frame', buffered: true });
};

/** Slack for the two timelines' rounding (frames and tasks are timed apart). */
const SLACK_MS = 1;

/** The frame the task ran in: the one that spans it, else the one it overlaps most. */
export function frameOfTask(task: TaskSpan, frames: readonly LongFrame[]): LongFrame | undefined {
	const overlap = (frame: LongFrame) =>
		Math.min(frame.start + frame.duration, task.start + task.duration) -
		Math.max(frame.start, task.start);
	const spanning = frames.find(
		(frame) =>
			frame.start <= task.start + SLACK_MS &&
			task.start + task.duration <= frame.start + frame.duration + SLACK_MS
	);
	if (spanning) return spanning;
	const best = [...frames].sort((a, b) => overlap(b) - overlap(a))[0];
	return best && overlap(best) > 0 ? best : undefined;
}

/**
 * `B2ZFG3TC.js (@xterm/xterm 99%) FrameRequestCallback 61 ms; …` for the `top` longest scripts of
 * the task's frame; what the frame spent outside scripts (style, layout, the browser's own work)
 * is said when it is most of it.
 */
export function describeTask(
	task: TaskSpan,
	frames: readonly LongFrame[],
	origin: string,
	report: readonly ReportedChunk[] | null,
	top = 3
): string {
	const frame = frameOfTask(task, frames);
	if (!frame) return 'no long animation frame recorded for it';
	const byFile = new Map((report ?? []).map((chunk) => [chunk.fileName, chunk]));
	const scripts = [...frame.scripts].sort((a, b) => b.duration - a.duration);
	const named = scripts.slice(0, top).map((script) => {
		const path = script.source ? safePath(script.source, origin) : null;
		const file = path ? path.slice(path.lastIndexOf('/') + 1) : script.source || '(no file)';
		const owner = path ? chunkPackages(byFile.get(path), 1, 0)[0] : undefined;
		const packages = owner ? ` (${owner.owner} ${Math.round(owner.share * 100)}%)` : '';
		const said = `${file}${packages} ${script.invoker || 'unknown entry'} ${Math.round(script.duration)} ms`;
		return resumedAfterYield(script, path ? byFile.get(path) : undefined)
			? `${said} (code resuming after yieldToPage, not named by the browser)`
			: said;
	});
	const inScripts = scripts.reduce((sum, script) => sum + script.duration, 0);
	const outside = Math.round(frame.duration - inScripts);
	if (named.length === 0)
		return `no script ran: ${outside} ms of style, layout or the browser's own work`;
	if (outside > inScripts) named.push(`${outside} ms outside scripts`);
	return named.join('; ');
}

/**
 * Chromium names a `scheduler.yield()` continuation after the script that called
 * scheduler.yield(), not the code that resumed (checked with two modules): every continuation
 * after yieldToPage is put on the chunk that holds it, whoever awaited it (xterm's opening, in
 * the first sends traced). Said so, lest that chunk's own code be blamed.
 */
function resumedAfterYield(script: FrameScript, chunk: ReportedChunk | undefined): boolean {
	return (
		script.invoker === 'Scheduler.yield.then' &&
		(chunk?.modules.some((module) => module.id.endsWith('/runtime/yield-to-page.ts')) ?? false)
	);
}

function safePath(url: string, origin: string): string | null {
	try {
		return scriptPath(url, origin);
	} catch {
		return null;
	}
}
