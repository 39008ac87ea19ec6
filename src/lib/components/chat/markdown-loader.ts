/**
 * marked + DOMPurify (markdown.ts) are loaded when the chat first shows a reply, or when the
 * person first sends (warmMarkdown), not with the IDE: a person who never chats never downloads
 * them. Until they arrive a reply shows as plain text.
 */
import { whenIdle } from '$lib/components/common/when-idle';
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
		(module) => runWhenIdle(module.warmUpSteps()),
		() => (warmed = false) // offline: the reply loads it again, or the next send warms it
	);
}

/** How long one idle callback runs steps: well under a long task, even at 4x CPU. */
const IDLE_SLICE_MS = 6;

/** Runs `steps` in order in idle time, as many per idle callback as fit in IDLE_SLICE_MS. */
export function runWhenIdle(steps: readonly (() => void)[], now = () => performance.now()): void {
	let next = 0;
	const slice = () => {
		const start = now();
		do steps[next++]?.();
		while (next < steps.length && now() - start < IDLE_SLICE_MS);
		if (next < steps.length) whenIdle(slice, 2_000);
	};
	if (steps.length > 0) whenIdle(slice, 2_000);
}
