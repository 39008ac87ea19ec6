/**
 * A command's output kept while it streams, with a bound: the first and the last part are kept
 * (what ran, how it ended) and whatever passes in between is only counted. `yes` or a chatty
 * build can print gigabytes; holding all of it would exhaust memory long before any tool cuts
 * it down for the model.
 */

/** Characters kept from the start of the output, and from its end. */
export const OUTPUT_HEAD_CHARS = 64 * 1024;
export const OUTPUT_TAIL_CHARS = 64 * 1024;

export class BoundedOutput {
	readonly #headLimit: number;
	readonly #tailLimit: number;
	#head = '';
	/** The tail may grow to twice its limit before it is cut, so cutting stays cheap. */
	#tail = '';
	#omittedBytes = 0;

	constructor(headChars = OUTPUT_HEAD_CHARS, tailChars = OUTPUT_TAIL_CHARS) {
		this.#headLimit = headChars;
		this.#tailLimit = tailChars;
	}

	append(chunk: string): void {
		if (chunk === '') return;
		let rest = chunk;
		if (this.#head.length < this.#headLimit) {
			const room = this.#headLimit - this.#head.length;
			this.#head += rest.slice(0, room);
			rest = rest.slice(room);
		}
		if (rest === '') return;
		this.#tail += rest;
		if (this.#tail.length > 2 * this.#tailLimit) {
			const cut = this.#tail.length - this.#tailLimit;
			this.#omittedBytes += utf8Length(this.#tail, 0, cut);
			this.#tail = this.#tail.slice(cut);
		}
	}

	/** Bytes of output that were counted but not kept. */
	get omittedBytes(): number {
		return this.#omittedBytes + Math.max(0, utf8Length(this.#tail) - this.#keptTail().bytes);
	}

	/** What was kept, with a line in the middle saying how much is missing. */
	get text(): string {
		const tail = this.#keptTail();
		const omitted = this.omittedBytes;
		if (omitted === 0) return this.#head + this.#tail;
		return `${this.#head}\n… ${omitted.toLocaleString('en-US')} bytes omitted …\n${tail.text}`;
	}

	#keptTail(): { text: string; bytes: number } {
		const text =
			this.#tail.length > this.#tailLimit ? this.#tail.slice(-this.#tailLimit) : this.#tail;
		return { text, bytes: utf8Length(text) };
	}
}

/** UTF-8 size of text[start, end) without encoding it (a lone surrogate counts as 3 bytes). */
function utf8Length(text: string, start = 0, end = text.length): number {
	let bytes = 0;
	for (let i = start; i < end; i++) {
		const code = text.charCodeAt(i);
		if (code < 0x80) bytes += 1;
		else if (code < 0x800) bytes += 2;
		else if (code >= 0xd800 && code <= 0xdbff && i + 1 < end) {
			bytes += 4;
			i++;
		} else bytes += 3;
	}
	return bytes;
}
