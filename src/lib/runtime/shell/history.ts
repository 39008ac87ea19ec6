/**
 * Command history with readline's Up/Down behaviour: Up walks back through earlier lines,
 * Down walks forward, and walking past the newest entry gives back what was being typed.
 */
export class History {
	readonly #entries: string[] = [];
	readonly #limit: number;
	/** Position while browsing; equal to the entry count when not browsing. */
	#index = 0;
	#draft = '';

	constructor(limit = 500) {
		this.#limit = limit;
	}

	get entries(): readonly string[] {
		return this.#entries;
	}

	/** Records a submitted line (blank lines and repeats of the last entry are skipped). */
	add(line: string): void {
		if (line.trim() !== '' && this.#entries.at(-1) !== line) {
			this.#entries.push(line);
			if (this.#entries.length > this.#limit) this.#entries.shift();
		}
		this.reset();
	}

	/** `history -c`. */
	clear(): void {
		this.#entries.length = 0;
		this.reset();
	}

	/** Stops browsing: the next Up starts again from the newest entry. */
	reset(): void {
		this.#index = this.#entries.length;
		this.#draft = '';
	}

	/** Up: the entry before the current one, or undefined at the oldest. */
	previous(current: string): string | undefined {
		if (this.#index === 0) return undefined;
		if (this.#index === this.#entries.length) this.#draft = current;
		this.#index--;
		return this.#entries[this.#index];
	}

	/** Down: the entry after the current one, then the draft; undefined when not browsing. */
	next(): string | undefined {
		if (this.#index >= this.#entries.length) return undefined;
		this.#index++;
		return this.#index === this.#entries.length ? this.#draft : this.#entries[this.#index];
	}
}

/**
 * What `history` prints: numbered entries as bash lays them out, the last `count` of them when
 * given. A multi-line command (a here-document) is one entry, printed as typed.
 */
export function formatHistory(entries: readonly string[], count?: number): string {
	const first = count === undefined ? 0 : Math.max(0, entries.length - count);
	return entries
		.slice(first)
		.map((entry, offset) => `${String(first + offset + 1).padStart(5)}  ${entry}\n`)
		.join('');
}
