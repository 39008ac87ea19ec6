import { projectPathOf, type BridgeLogEntry } from '$lib/preview';
import type { PreviewLogEntry } from '$lib/tools';

/**
 * A checked bridge report as the Console panel and the preview tool use it: its position as a
 * project path and line (when the script is a project file), and the preview's root URL in its
 * text shortened to `/`, which is how the project's own links name its files.
 */
export function toLogEntry(entry: BridgeLogEntry, root: URL, at: number): PreviewLogEntry {
	const path = entry.sourceUrl ? projectPathOf(entry.sourceUrl, root) : null;
	const source =
		path !== null && entry.line !== undefined
			? { path, line: entry.line, ...(entry.column !== undefined ? { column: entry.column } : {}) }
			: undefined;
	return {
		kind: entry.kind,
		level: entry.level,
		text: shorten(entry.text, root),
		...(entry.stack !== undefined ? { stack: shorten(entry.stack, root) } : {}),
		...(source ? { source } : {}),
		...(entry.url !== undefined ? { url: entry.url } : {}),
		...(entry.status !== undefined ? { status: entry.status } : {}),
		at
	};
}

function shorten(text: string, root: URL): string {
	return text.split(root.href).join('/');
}
