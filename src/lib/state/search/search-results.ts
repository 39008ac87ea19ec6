import type { FileMatches } from '../../tools';
import { rangesInLine, type MatchRange } from './line-matches';

/** Most matches the panel lists: past that the list would be slow to draw and of little use. */
export const MAX_SHOWN_MATCHES = 2000;

export interface LineResult {
	/** 0-based line index in the file. */
	readonly line: number;
	/** The line's text, without a trailing \r. */
	readonly text: string;
	readonly ranges: readonly MatchRange[];
}

export interface FileResult {
	readonly path: string;
	/** Matches in the file (all of them, including any not listed). */
	readonly count: number;
	/** The lines listed (all, unless the cap cut this file short). */
	readonly lines: readonly LineResult[];
}

export interface SearchResult {
	readonly files: readonly FileResult[];
	/** Matches found in the whole project. */
	readonly total: number;
	/** Files with a match in the whole project. */
	readonly fileCount: number;
	/** Matches listed (at most MAX_SHOWN_MATCHES). */
	readonly shown: number;
}

/**
 * The engine's matching lines grouped by file, with each match's place in its line, listing
 * whole files until `limit` matches are listed (the file that crosses it is cut at the limit).
 */
export function groupResults(
	found: readonly FileMatches[],
	regex: RegExp,
	limit = MAX_SHOWN_MATCHES
): SearchResult {
	const files: FileResult[] = [];
	let total = 0;
	let shown = 0;
	let fileCount = 0;
	for (const file of found) {
		const lines: LineResult[] = [];
		let count = 0;
		for (const index of file.matched) {
			const raw = file.line(index);
			const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
			const ranges = rangesInLine(text, regex);
			// The engine tests the line as a whole: a line whose only match is empty lists nothing.
			if (ranges.length === 0) continue;
			count += ranges.length;
			if (shown < limit) {
				const kept = ranges.slice(0, limit - shown);
				lines.push({ line: index, text, ranges: kept });
				shown += kept.length;
			}
		}
		if (count === 0) continue;
		total += count;
		fileCount++;
		if (lines.length > 0) files.push({ path: file.path, count, lines });
	}
	return { files, total, fileCount, shown };
}

export interface LineSegment {
	readonly text: string;
	/** Which of the line's matches this part is (its index in `ranges`); null for plain text. */
	readonly match: number | null;
}

const LEAD = 40;
const SHOWN_CHARS = 240;

/**
 * A line cut to what a result row can show, around its first match (a minified file's line can
 * be megabytes) and without its indentation, split into plain and matched parts.
 */
export function lineSegments(text: string, ranges: readonly MatchRange[]): LineSegment[] {
	const first = ranges[0]?.start ?? 0;
	const indent = text.length - text.trimStart().length;
	const from = first > indent + LEAD ? first - LEAD : Math.min(indent, first);
	const to = Math.min(text.length, from + SHOWN_CHARS);
	const segments: LineSegment[] = [];
	if (from > indent) segments.push({ text: '…', match: null });
	let at = from;
	ranges.forEach((range, index) => {
		if (range.start >= to) return;
		if (range.start > at) segments.push({ text: text.slice(at, range.start), match: null });
		const end = Math.min(range.end, to);
		if (end > at) segments.push({ text: text.slice(Math.max(range.start, at), end), match: index });
		at = Math.max(at, end);
	});
	if (to > at) segments.push({ text: text.slice(at, to), match: null });
	if (to < text.length) segments.push({ text: '…', match: null });
	return segments;
}
