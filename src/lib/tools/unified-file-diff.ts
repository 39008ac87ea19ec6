import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

/**
 * A unified diff of one file for the chat's write and edit cards: git-style `a/` and `b/`
 * headers, 3 lines of context, no `Index:` banner.
 */
export function unifiedFileDiff(path: string, before: string, after: string): string {
	return createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, {
		context: 3,
		headerOptions: FILE_HEADERS_ONLY
	});
}
