import type { PreviewLogEntry } from './types';

/** Entries and characters the console listing shows at most: the rest is counted. */
export const PREVIEW_MAX_ENTRIES = 60;
export const PREVIEW_MAX_CHARS = 8000;
const LINE_MAX_CHARS = 500;
const STACK_LINES = 4;

function clip(text: string, max: number): string {
	return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function where(entry: PreviewLogEntry): string {
	const source = entry.source;
	if (!source) return '';
	return ` (${source.path}:${source.line}${source.column !== undefined ? `:${source.column}` : ''})`;
}

function label(entry: PreviewLogEntry): string {
	switch (entry.kind) {
		case 'request-failed':
			return 'failed request';
		case 'navigation':
			return 'navigation';
		case 'error':
		case 'rejection':
			return 'uncaught';
		default:
			return entry.level;
	}
}

/** One entry: `[level] text (path:line)`, then a few stack lines for errors. */
function formatEntry(entry: PreviewLogEntry, repeats: number): string {
	const times = repeats > 1 ? ` (×${repeats})` : '';
	const head = `[${label(entry)}] ${clip(entry.text.replace(/\s*\n\s*/g, ' ⏎ '), LINE_MAX_CHARS)}${where(entry)}${times}`;
	if (!entry.stack || entry.kind === 'console') return head;
	const frames = entry.stack
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => /^at |@/.test(line))
		.slice(0, STACK_LINES)
		.map((line) => `    ${clip(line, 200)}`);
	return [head, ...frames].join('\n');
}

function sameEntry(a: PreviewLogEntry, b: PreviewLogEntry): boolean {
	return a.kind === b.kind && a.level === b.level && a.text === b.text && where(a) === where(b);
}

/** "2 errors, 1 warning, 1 failed request": what a reader wants to know first. */
export function summarizeEntries(entries: readonly PreviewLogEntry[]): string {
	const count = (test: (entry: PreviewLogEntry) => boolean) => entries.filter(test).length;
	const errors = count((e) => e.level === 'error' && e.kind !== 'request-failed');
	const failed = count((e) => e.kind === 'request-failed');
	const warnings = count((e) => e.level === 'warn');
	const other = entries.length - errors - failed - warnings - count((e) => e.kind === 'navigation');
	const parts = [
		errors ? `${errors} ${errors === 1 ? 'error' : 'errors'}` : '',
		failed ? `${failed} failed ${failed === 1 ? 'request' : 'requests'}` : '',
		warnings ? `${warnings} ${warnings === 1 ? 'warning' : 'warnings'}` : '',
		other ? `${other} other ${other === 1 ? 'message' : 'messages'}` : ''
	].filter(Boolean);
	return parts.length ? parts.join(', ') : 'no errors, nothing logged';
}

/**
 * The page's reports since it loaded, compact for the model: repeats collapsed, stacks cut to a
 * few frames, at most PREVIEW_MAX_ENTRIES lines and PREVIEW_MAX_CHARS characters (errors are
 * kept first when something must go). The navigation of the load itself is left out.
 */
export function formatEntries(entries: readonly PreviewLogEntry[]): string {
	const shown = entries.filter((entry, index) => !(index === 0 && entry.kind === 'navigation'));
	const collapsed: { entry: PreviewLogEntry; repeats: number }[] = [];
	for (const entry of shown) {
		const last = collapsed[collapsed.length - 1];
		if (last && sameEntry(last.entry, entry)) last.repeats++;
		else collapsed.push({ entry, repeats: 1 });
	}
	// When there are too many, errors stay and the rest fill what is left, in their order.
	const keep = new Set<number>();
	const ranked = collapsed
		.map((item, index) => ({ index, error: item.entry.level === 'error' }))
		.sort((a, b) => Number(b.error) - Number(a.error) || a.index - b.index);
	let used = 0;
	for (const { index } of ranked) {
		if (keep.size >= PREVIEW_MAX_ENTRIES) break;
		const text = formatEntry(collapsed[index]!.entry, collapsed[index]!.repeats);
		if (used + text.length + 1 > PREVIEW_MAX_CHARS) continue;
		keep.add(index);
		used += text.length + 1;
	}
	const lines = collapsed
		.filter((_, index) => keep.has(index))
		.map((item) => formatEntry(item.entry, item.repeats));
	const left = collapsed.length - keep.size;
	if (left > 0) lines.push(`… ${left} more ${left === 1 ? 'entry' : 'entries'} not shown.`);
	return lines.join('\n');
}
