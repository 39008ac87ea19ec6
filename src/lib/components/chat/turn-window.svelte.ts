/**
 * Which turns of a long chat are in the DOM. A session opens with its newest turns only; the
 * older ones are added a batch at a time while the browser is idle, newest first, so opening a
 * 1,000-message chat costs about what opening a short one does. (Off-screen turns then cost
 * little: `content-visibility: auto` skips their layout and paint, and their Markdown renders
 * when scrolled near.)
 */
import { whenIdle } from '$lib/runtime';

/** Turns rendered at once when a session opens: more than a screen holds. */
export const FIRST_TURNS = 20;
/** Older turns added per idle period. */
export const TURNS_PER_IDLE = 25;

type Idle = (callback: () => void) => () => void;

/** The next idle period (with a deadline), else a short timer. */
const nextBatch: Idle = (callback) => whenIdle(callback, { timeoutMs: 1_000, fallbackMs: 50 });

export class TurnWindow {
	/** Turns before this index wait to be rendered. */
	#from = $state(0);
	readonly #idle: Idle;

	constructor(idle: Idle = nextBatch) {
		this.#idle = idle;
	}

	/** A session with `count` turns was opened: start from its newest turns. */
	reset(count: number): void {
		this.#from = Math.max(0, count - FIRST_TURNS);
	}

	/** The first rendered turn's index, for a transcript of `count` turns. */
	start(count: number): number {
		// A transcript that shrank (a rewind) still shows its newest turns.
		return Math.min(this.#from, Math.max(0, count - FIRST_TURNS));
	}

	/** Adds older turns while idle until all are in; returns a stop, for an $effect. */
	fill(): (() => void) | undefined {
		if (this.#from === 0) return undefined;
		return this.#idle(() => {
			this.#from = Math.max(0, this.#from - TURNS_PER_IDLE);
		});
	}
}

/**
 * `all.slice(start, end)`, or `previous` when it holds the same turns: while an answer streams
 * only the newest turn changes, and handing the older ones over unchanged keeps Svelte from
 * walking hundreds of turns on every frame.
 */
export function stableSlice<T>(
	previous: readonly T[],
	all: readonly T[],
	start: number,
	end: number
): readonly T[] {
	const length = Math.max(0, end - start);
	if (previous.length === length && previous.every((item, i) => item === all[start + i])) {
		return previous;
	}
	return all.slice(start, start + length);
}
