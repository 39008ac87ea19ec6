/**
 * Parts of the chat the IDE paints without, each its own chunk: the tool-call card (with its diff
 * view and path links) and the Rewind dialog. prefetchChatParts() fetches them in idle time once
 * the chat is up, so by the first tool call or rewind they are nearly always here; until the card
 * is, a tool call shows its name and summary (ToolCallSlot.svelte).
 */
import { loadOnce, whenIdle } from '$lib/runtime';

type ToolCallCard = typeof import('./ToolCallCard.svelte').default;

let toolCallCard: ToolCallCard | undefined;

export const loadToolCallCard = loadOnce(() =>
	import('./ToolCallCard.svelte').then((module) => (toolCallCard = module.default))
);

/** The card's component if it has arrived: rendered at once, with no placeholder frame. */
export function loadedToolCallCard(): ToolCallCard | undefined {
	return toolCallCard;
}

export const loadRewindDialog = loadOnce(() => import('./RewindDialog.svelte'));

/** Fetches both in idle time; returns a cancel. A failure is forgotten: first use tries again. */
export function prefetchChatParts(): () => void {
	return whenIdle(
		() => {
			void loadToolCallCard().catch(() => {});
			void loadRewindDialog().catch(() => {});
		},
		{ timeoutMs: 10_000 }
	);
}
