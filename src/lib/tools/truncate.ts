/**
 * Keeps the start and the end of a long text (a command's first lines say what ran, its last
 * lines how it ended) and says how much was cut in between.
 */
export function truncateMiddle(
	text: string,
	maxChars: number
): { text: string; truncated: boolean } {
	if (text.length <= maxChars) return { text, truncated: false };
	const head = Math.ceil(maxChars / 2);
	const tail = maxChars - head;
	const cut = text.length - head - tail;
	return {
		text: `${text.slice(0, head)}\n\n… ${cut} characters cut …\n\n${text.slice(text.length - tail)}`,
		truncated: true
	};
}

/** Keeps whole lines from the start while they fit; for listings whose order matters. */
export function truncateLines(
	lines: readonly string[],
	maxChars: number
): { lines: string[]; omitted: number } {
	const kept: string[] = [];
	let size = 0;
	for (const line of lines) {
		if (size + line.length + 1 > maxChars && kept.length > 0) break;
		kept.push(line);
		size += line.length + 1;
	}
	return { lines: kept, omitted: lines.length - kept.length };
}

/** Cuts one very long line (minified code) and says how much is missing. */
export function cutLine(line: string, maxChars: number): string {
	if (line.length <= maxChars) return line;
	let end = maxChars;
	// Do not split a surrogate pair: the half character would be garbage.
	const code = line.charCodeAt(end - 1);
	if (code >= 0xd800 && code <= 0xdbff) end--;
	return `${line.slice(0, end)} … [line cut: ${line.length - end} more characters]`;
}
