/**
 * marked + DOMPurify (markdown.ts) are loaded when the chat first shows a reply, or when the
 * person first sends (warmMarkdown), not with the IDE: a person who never chats never downloads
 * them. Until they arrive a reply shows as plain text.
 */
import { nextIdle, timeSlices, yieldToPage } from '$lib/runtime';
export type MarkdownModule = typeof import('./markdown');

let loading: Promise<MarkdownModule> | undefined;

export function loadMarkdown(): Promise<MarkdownModule> {
	loading ??= import('./markdown').catch((error: unknown) => {
		// A failed chunk (offline after a deploy) may load on the next try.
		loading = undefined;
		throw error;
	});
	return loading;
}

/**
 * A typed message longer than this (a pasted log or file) stays plain text: it arrives whole, as
 * one block, and formatting a megabyte of it at once would freeze the page.
 */
export const TYPED_MARKDOWN_MAX_CHARS = 20_000;

let warmed = false;

/**
 * Loads the Markdown code and runs its warm-up (markdown.ts warmUpSteps) in idle time, once per
 * page: called on the first send, while the answer is awaited, so the first reply renders with
 * marked's rules compiled rather than compiling them in the task that shows it.
 */
export function warmMarkdown(): void {
	if (warmed) return;
	warmed = true;
	loadMarkdown().then(
		(module) => void warmUpOnce(module),
		() => (warmed = false) // offline: the reply loads it again, or the next send warms it
	);
}

/**
 * The Markdown code once marked's rules are compiled, for a render. A page that renders before
 * the warm-up has run (the first send's own message, shown the moment the code arrives) compiled
 * them in the render's task: 85–130 ms at 4x CPU. The warm-up is hurried instead, a step per
 * short task rather than per idle callback, and the text shows plain meanwhile.
 */
export async function loadWarmMarkdown(): Promise<MarkdownModule> {
	const module = await loadMarkdown();
	const warmUp = warmUpOnce(module);
	warmUp.hurry();
	await warmUp.done;
	return module;
}

interface WarmUp {
	/** Settles when every step has run (or one failed: rendering then compiles the rest). */
	readonly done: Promise<void>;
	/** From now on, steps run in short tasks without waiting for the page to be idle. */
	hurry(): void;
}

let warmUp: WarmUp | undefined;

function warmUpOnce(module: MarkdownModule): WarmUp {
	if (warmUp) return warmUp;
	let hurry = () => {};
	const hurried = new Promise<void>((resolve) => (hurry = resolve));
	const done = runWhenIdle(module.warmUpSteps(), undefined, hurried).catch(() => {});
	warmUp = { done, hurry };
	return warmUp;
}

/** How long one idle callback runs steps: well under a long task, even at 4x CPU. */
const IDLE_SLICE_MS = 6;

/**
 * Runs `steps` in order in idle time, as many per idle period as fit in IDLE_SLICE_MS; once
 * `hurried` settles, a slice per task (yieldToPage) instead, without waiting for idle time.
 */
export async function runWhenIdle(
	steps: readonly (() => void)[],
	now = () => performance.now(),
	hurried?: Promise<void>
): Promise<void> {
	let hurrying = false;
	void hurried?.then(() => (hurrying = true));
	const idle = () =>
		hurrying
			? yieldToPage()
			: Promise.race([nextIdle({ timeoutMs: 2_000 }), ...(hurried ? [hurried] : [])]);
	if (steps.length === 0) return;
	await idle();
	const pause = timeSlices(IDLE_SLICE_MS, now, idle);
	for (const [index, step] of steps.entries()) {
		step();
		if (index < steps.length - 1) await pause();
	}
}
