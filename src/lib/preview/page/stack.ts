/**
 * Where a report came from, read from a stack trace: the first frame that is not the bridge's
 * own. Chromium writes `at fn (url:line:col)`, Firefox and Safari `fn@url:line:col`; both end
 * in `url:line:col`.
 */
const FRAME = /((?:https?|blob):[^\s()]+?):(\d+):(\d+)\)?\s*$/;

export interface StackPosition {
	readonly url: string;
	readonly line: number;
	readonly column: number;
}

export function firstFrame(
	stack: string | undefined,
	skip: (url: string) => boolean
): StackPosition | undefined {
	if (!stack) return undefined;
	for (const line of stack.split('\n')) {
		const match = FRAME.exec(line.trim());
		if (!match) continue;
		const url = match[1] as string;
		if (skip(url)) continue;
		return { url, line: Number(match[2]), column: Number(match[3]) };
	}
	return undefined;
}

/** A stack without the bridge's frames (they are noise to whoever reads the error). */
export function withoutFrames(stack: string, skip: (url: string) => boolean): string {
	return stack
		.split('\n')
		.filter((line) => {
			const match = FRAME.exec(line.trim());
			return !match || !skip(match[1] as string);
		})
		.join('\n');
}
