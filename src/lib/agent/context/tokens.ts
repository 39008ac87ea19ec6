/**
 * Token estimates before a request is sent, with a real BPE tokenizer (gpt-tokenizer,
 * o200k_base: exact for current OpenAI models). Claude's tokenizer is not public and counts
 * more; calibration.ts scales these estimates by what each model's API reports.
 *
 * The tokenizer's tables are 2 MB, so they load on demand (in a worker in the app, never in the
 * first paint: tokenizer-load.ts), once for everything that counts (the agent's context, the project map):
 * until loadTokenizer() resolves, counts fall back to about four characters per token. Nothing
 * waits for them when it need not: the app prefetches them in idle time, and a turn sends its
 * first request on tokenUpperBound() when that bound already shows no decision depends on the
 * count (keep-context-small.ts).
 */

import { nextIdle, SLICE_MS, timeSlices } from '../../runtime';
import { loadO200kCounter, type Counter } from './tokenizer-load';

let counter: Counter | undefined;
let loading: Promise<boolean> | undefined;

/** Loads the tokenizer once; resolves false if it could not load (estimates stay rough). */
export function loadTokenizer(): Promise<boolean> {
	loading ??= loadO200kCounter().then(
		(count) => {
			counter = count;
			// The first count compiles the encoder's paths (~20–50 ms): done in a task of its own
			// right after the load (the idle time the tokenizer is prefetched in), not in the first
			// send's.
			setTimeout(() => count('prime'), 0);
			return true;
		},
		() => false
	);
	return loading;
}

/** Whether counts are exact (the tokenizer has loaded) or the rough fallback. */
export function tokenizerReady(): boolean {
	return counter !== undefined;
}

/**
 * A count no tokenizer can exceed, without the tokenizer: every o200k token is at least one byte
 * of UTF-8, so the byte length bounds the count from above (about four times it for English).
 */
export function tokenUpperBound(text: string): number {
	let bytes = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 0x80) bytes += 1;
		else if (code < 0x800) bytes += 2;
		// A surrogate pair is one character of four bytes: two halves of two each.
		else if (code >= 0xd800 && code <= 0xdfff) bytes += 2;
		else bytes += 3;
	}
	return bytes;
}

/**
 * The counter as things stand, fixed: the tokenizer if it is here, else about four characters a
 * token even if it arrives meanwhile, so one computation (a project map) never mixes the two.
 * Starts loading the tokenizer if nothing has.
 */
export function currentTokenCounter(): Counter {
	if (counter) return counter;
	void loadTokenizer();
	return roughCount;
}

function roughCount(text: string): number {
	return Math.ceil(text.length / 4);
}

/** Counts without remembering the text: for one-off texts (project files) that never repeat. */
export function countTokensOnce(text: string): number {
	if (text === '') return 0;
	return counter ? counter(text) : Math.ceil(text.length / 4);
}

// Requests repeat the same strings step after step: count each once. Least recently used
// strings leave first (a Map keeps insertion order), so a long session never recounts its
// whole history at once.
const MEMO_LIMIT = 4096;
const memo = new Map<string, number>();

export function countTokens(text: string): number {
	if (text === '') return 0;
	if (!counter) return Math.ceil(text.length / 4);
	const known = memo.get(text);
	if (known !== undefined) {
		memo.delete(text);
		memo.set(text, known);
		return known;
	}
	return remember(text, counter(text));
}

function remember(text: string, count: number): number {
	if (memo.size >= MEMO_LIMIT) {
		const oldest = memo.keys().next();
		if (!oldest.done) memo.delete(oldest.value);
	}
	memo.set(text, count);
	return count;
}

/** Longer texts are counted a part at a time, with a pause between parts. */
const PART_CHARS = 2_000;

/**
 * Cuts `text` into parts of about `size` characters whose counts add up to the whole's: each cut
 * is right after a newline and before a character that is neither whitespace nor "/". o200k's
 * pre-tokenizer never makes one piece across such a place (a piece holds newlines only at its
 * end, or "/" after them), so the parts are encoded exactly as the whole (count-ahead.test.ts
 * checks it over real files). Text without such places stays whole.
 */
export function* countableParts(text: string, size = PART_CHARS): Generator<string> {
	let start = 0;
	while (text.length - start > size) {
		let cut = -1;
		for (let at = start + size; at < text.length; at++) {
			const next = text[at]!;
			if (text[at - 1] === '\n' && next !== '/' && !/\s/.test(next)) {
				cut = at;
				break;
			}
		}
		if (cut < 0) break;
		yield text.slice(start, cut);
		start = cut;
	}
	yield text.slice(start);
}

/**
 * Counts into the memo what is not there yet, pausing (`pause`, a short task by default) between
 * texts and between the parts of a long one, so the count that follows (snapshotRequest) reads
 * them all from memory. A request's texts counted at once were one task of 80–120 ms at 4x CPU
 * when the tokenizer had arrived mid-session (a second send, before the idle warm-up reached
 * them). Does nothing before the tokenizer has loaded.
 */
export async function countAhead(
	texts: Iterable<string>,
	pause: () => Promise<void> = timeSlices()
): Promise<void> {
	const count = counter;
	if (!count) return;
	for (const text of texts) {
		if (text === '' || memo.has(text)) continue;
		let total = 0;
		for (const part of countableParts(text)) {
			total += count(part);
			await pause();
		}
		remember(text, total);
	}
}

/** A count already in memory, without counting (or touching its place in the memo). */
export function knownTokenCount(text: string): number | undefined {
	return memo.get(text);
}

/** Counting ahead pauses for the page's idle time between slices; without it, for a macrotask. */
export function nextCountingIdle(): Promise<void> {
	return nextIdle({ timeoutMs: 1_000, fallbackMs: 0 });
}

/**
 * Counts `texts` into the memo in idle time, a few milliseconds at a time. Opening a long session
 * and then sending would otherwise count its whole history in one task of 100 ms and more (a
 * long task the person feels as a frozen page); warmed, the send counts from memory. A long text
 * is counted a part at a time (countAhead). Stops when `signal` aborts; does nothing without the
 * tokenizer (the rough counts are not remembered).
 */
export async function warmTokenCounts(
	texts: Iterable<string>,
	signal?: AbortSignal
): Promise<void> {
	if (!(await loadTokenizer())) return;
	const pause = timeSlices(SLICE_MS, () => performance.now(), nextCountingIdle);
	await countAhead(untilAborted(texts, signal), pause);
}

function* untilAborted(texts: Iterable<string>, signal?: AbortSignal): Generator<string> {
	for (const text of texts) {
		if (signal?.aborted) return;
		yield text;
	}
}
