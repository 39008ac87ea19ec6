/**
 * The most recent output of a long-running process, bounded: a dev server may print for hours.
 * Positions are absolute (characters since the process started), so a reader keeps its place
 * and learns how much fell out of the ring before it read again.
 */
export class OutputRing {
	readonly #limit: number;
	/** The kept text; it may grow to 1.5 times the limit before it is cut, so cutting stays cheap. */
	#text = '';
	/** The absolute position of #text's first character. */
	#base = 0;

	constructor(limit: number) {
		this.#limit = limit;
	}

	append(chunk: string): void {
		if (chunk === '') return;
		this.#text += chunk;
		if (this.#text.length > this.#limit * 1.5) {
			const cut = this.#text.length - this.#limit;
			this.#text = this.#text.slice(cut);
			this.#base += cut;
		}
	}

	/** The absolute position after the last character. */
	get end(): number {
		return this.#base + this.#text.length;
	}

	/** What was printed from `position` on, and how much of it is no longer kept. */
	since(position: number): { text: string; dropped: number } {
		const kept = this.#text.length > this.#limit ? this.end - this.#limit : this.#base;
		const from = Math.max(position, kept);
		return { text: this.#text.slice(from - this.#base), dropped: Math.max(0, kept - position) };
	}

	/** The last `maxChars` characters. */
	tail(maxChars: number): string {
		return this.#text.slice(-Math.min(maxChars, this.#limit));
	}
}
