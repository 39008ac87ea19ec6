/**
 * marked + DOMPurify (markdown.ts) are loaded when the chat first shows a reply, not with the IDE:
 * a person who never chats never downloads them. Until they arrive a reply shows as plain text.
 */
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
