/**
 * marked + DOMPurify (markdown.ts) are loaded when the chat first shows a reply, not with the IDE:
 * a person who never chats never downloads them. Until they arrive a reply shows as plain text.
 */
type MarkdownModule = typeof import('./markdown');

let loading: Promise<MarkdownModule> | undefined;

export function loadMarkdown(): Promise<MarkdownModule> {
	loading ??= import('./markdown').catch((error: unknown) => {
		// A failed chunk (offline after a deploy) may load on the next try.
		loading = undefined;
		throw error;
	});
	return loading;
}
