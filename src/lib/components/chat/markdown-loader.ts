/**
 * marked + DOMPurify (markdown.ts) are loaded when the chat first shows a reply, or when the
 * person first sends (warmMarkdown), not with the IDE: a person who never chats never downloads
 * them. Until they arrive a reply shows as plain text.
 */
import { nextIdle, timeSlices } from '$lib/runtime';
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
		(module) => void runWhenIdle(module.warmUpSteps()),
		() => (warmed = false) // offline: the reply loads it again, or the next send warms it
	);
}

/** How long one idle callback runs steps: well under a long task, even at 4x CPU. */
const IDLE_SLICE_MS = 6;

/** Runs `steps` in order in idle time, as many per idle period as fit in IDLE_SLICE_MS. */
export async function runWhenIdle(
	steps: readonly (() => void)[],
	now = () => performance.now()
): Promise<void> {
	const idle = () => nextIdle({ timeoutMs: 2_000 });
	if (steps.length === 0) return;
	await idle();
	const pause = timeSlices(IDLE_SLICE_MS, now, idle);
	for (const [index, step] of steps.entries()) {
		step();
		if (index < steps.length - 1) await pause();
	}
}
