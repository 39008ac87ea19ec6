/**
 * Which files ripgrep reported the workspace would search at all: ripgrep sees a NUL byte only
 * in what it read before its first match, and searches text that is not UTF-8; the workspace
 * skips a file with a NUL anywhere or invalid UTF-8 in its first 8 KB. So each reported file is
 * read once more. The reads start while ripgrep is still searching (paths are fed as its output
 * arrives), so they overlap its work instead of following it.
 */
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** How many leading bytes the workspace sniffs for binary content (workspace/content.ts). */
const SNIFF_BYTES = 8 * 1024;
/**
 * Reads run synchronously (one syscall each instead of four thread-pool round trips, several
 * times faster for thousands of small files) in slices this long, so timers and the child's
 * output still get their turn.
 */
const SLICE_MS = 8;

export class TextFilter {
	readonly #root: string;
	readonly #verdicts = new Map<string, boolean>();
	readonly #seen = new Set<string>();
	readonly #queue: string[] = [];
	#scheduled = false;
	#idle: (() => void) | undefined;

	constructor(root: string) {
		this.#root = root;
	}

	/** A path ripgrep printed: checked soon, once. */
	add(path: string): void {
		if (this.#seen.has(path)) return;
		this.#seen.add(path);
		this.#queue.push(path);
		this.#schedule();
	}

	/** Whether `path` is text to the workspace, once every added path has been checked. */
	async verdicts(): Promise<(path: string) => boolean> {
		if (this.#queue.length > 0) await new Promise<void>((resolve) => (this.#idle = resolve));
		return (path) => this.#verdicts.get(path) ?? this.#check(path);
	}

	/** The search was given up: nothing more is read. */
	stop(): void {
		this.#queue.length = 0;
		this.#idle?.();
	}

	#schedule(): void {
		if (this.#scheduled) return;
		this.#scheduled = true;
		setImmediate(() => this.#drain());
	}

	#drain(): void {
		this.#scheduled = false;
		const until = performance.now() + SLICE_MS;
		while (this.#queue.length > 0 && performance.now() < until) {
			const path = this.#queue.shift()!;
			this.#verdicts.set(path, this.#check(path));
		}
		if (this.#queue.length > 0) this.#schedule();
		else this.#idle?.();
	}

	#check(path: string): boolean {
		let bytes: Uint8Array;
		try {
			bytes = readFileSync(join(this.#root, path));
		} catch {
			return false;
		}
		return isText(bytes);
	}
}

/** The workspace's test (workspace/content.ts isBinary, plus a NUL anywhere), repeated here below it. */
export function isText(bytes: Uint8Array): boolean {
	if (bytes.includes(0)) return false;
	const head = bytes.subarray(0, SNIFF_BYTES);
	// Node's native check answers nearly every file; only a head that is not valid UTF-8 on its
	// own (a character cut at 8 KB, or a real error) is decoded as the workspace decodes it.
	if (isUtf8(head)) return true;
	try {
		new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(head, {
			stream: bytes.byteLength > SNIFF_BYTES
		});
		return true;
	} catch {
		return false;
	}
}

const NUL = 0;
const NEWLINE = 10;

/**
 * The paths in ripgrep's --null output as it arrives, chunk by chunk: in files mode each record
 * is `path\0`; otherwise each line starts `path\0` (a `--` separator line has none).
 */
export class PathScanner {
	#pending: Uint8Array = new Uint8Array(0);
	readonly #decoder = new TextDecoder('utf-8');
	readonly #filesMode: boolean;

	constructor(filesMode: boolean) {
		this.#filesMode = filesMode;
	}

	/** Each complete record's path in `chunk` (with what was left over from the last one). */
	*scan(chunk: Uint8Array): Generator<string> {
		const bytes = this.#pending.length > 0 ? concat(this.#pending, chunk) : chunk;
		const separator = this.#filesMode ? NUL : NEWLINE;
		let start = 0;
		for (let end = bytes.indexOf(separator); end >= 0; end = bytes.indexOf(separator, start)) {
			const nul = this.#filesMode ? end : bytes.indexOf(NUL, start);
			if (nul >= start && nul <= end) yield this.#decoder.decode(bytes.subarray(start, nul));
			start = end + 1;
		}
		this.#pending = bytes.slice(start);
	}
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
	const joined = new Uint8Array(a.length + b.length);
	joined.set(a);
	joined.set(b, a.length);
	return joined;
}
