import type { PreviewLogEntry, PreviewLogLevel } from '$lib/tools';

/** The level toggles, in the order shown; debug goes with logs (pages rarely tell them apart). */
export const LEVEL_GROUPS = [
	{ id: 'error', label: 'Errors', levels: ['error'] },
	{ id: 'warn', label: 'Warnings', levels: ['warn'] },
	{ id: 'info', label: 'Info', levels: ['info'] },
	{ id: 'log', label: 'Logs', levels: ['log', 'debug'] }
] as const satisfies readonly { id: string; label: string; levels: readonly PreviewLogLevel[] }[];

export type LevelGroup = (typeof LEVEL_GROUPS)[number]['id'];

export interface ConsoleFilter {
	/** The groups shown; all of them by default. */
	readonly groups: ReadonlySet<LevelGroup>;
	/** Case-insensitive text to find in the message, the URL or the source path. */
	readonly text: string;
}

export interface ShownEntry {
	/** Stable across trimming and clear (the entry's position in everything ever added). */
	readonly key: number;
	readonly entry: PreviewLogEntry;
}

function groupOf(level: PreviewLogLevel): LevelGroup {
	return level === 'debug' ? 'log' : level;
}

/**
 * The entries the filter lets through, each with a key for the list. `firstKey` is the position
 * of entries[0] in everything ever added, so a row keeps its key when older rows are trimmed.
 */
export function filterEntries(
	entries: readonly PreviewLogEntry[],
	firstKey: number,
	filter: ConsoleFilter
): ShownEntry[] {
	const query = filter.text.trim().toLowerCase();
	const shown: ShownEntry[] = [];
	for (const [index, entry] of entries.entries()) {
		if (!filter.groups.has(groupOf(entry.level))) continue;
		if (query && !haystack(entry).includes(query)) continue;
		shown.push({ key: firstKey + index, entry });
	}
	return shown;
}

function haystack(entry: PreviewLogEntry): string {
	return [entry.text, entry.url ?? '', entry.source?.path ?? ''].join('\n').toLowerCase();
}

/** A tag naming what kind of report a row is, where its level alone does not say it. */
export const KIND_TAGS: Partial<Record<PreviewLogEntry['kind'], string>> = {
	'request-failed': 'Failed request',
	rejection: 'Unhandled rejection',
	navigation: 'Navigation'
};

/**
 * The line a request or navigation entry shows under its message when the message does not say
 * it already (the bridge's text usually does: "GET /data.json → 404").
 */
export function requestLine(entry: PreviewLogEntry): string | null {
	if (entry.text.trim()) return null;
	if (entry.kind === 'navigation') return entry.url ? `Navigated to ${entry.url}` : null;
	if (entry.kind !== 'request-failed') return null;
	const status =
		entry.status === undefined
			? 'failed'
			: entry.status === 0
				? 'network error (blocked, offline or refused)'
				: `HTTP ${entry.status}`;
	return `${entry.url ?? 'A request'} — ${status}`;
}
