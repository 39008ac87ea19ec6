/**
 * Tab completion as bash's readline does it: the word before the cursor is completed as a
 * command when it is in command position, otherwise as a path. One match is inserted whole
 * (a space after it, or `/` after a folder); several are extended to their longest common
 * prefix, and a second Tab lists them.
 */
import type { LineState } from './line-buffer';

export interface CompletionSources {
	/** Command names (builtins and programs) starting with `prefix`. */
	commands(prefix: string): Promise<readonly string[]>;
	/** Entries of a folder given as typed (relative to the working directory, `~/…` or `/…`). */
	entries(folder: string): Promise<ReadonlyArray<{ name: string; folder: boolean }>>;
}

export interface Completion {
	/** The line after completing (unchanged when there was nothing to add). */
	readonly line: LineState;
	/** Every candidate when more than one matched, for a second Tab to list. */
	readonly candidates: readonly string[];
}

/** The word being completed: from the last unescaped blank or separator before the cursor. */
function currentWord(text: string): { start: number; word: string } {
	let start = text.length;
	while (start > 0) {
		const before = text.charAt(start - 1);
		const escaped = start >= 2 && text.charAt(start - 2) === '\\';
		if (/[\s;&|<>()`]/.test(before) && !escaped) break;
		start--;
	}
	return { start, word: text.slice(start) };
}

/** Whether a word starting at `start` is a command name: first, or after `;`, `&&`, `|`, `(`. */
function inCommandPosition(text: string, start: number): boolean {
	const before = text.slice(0, start).trimEnd();
	return before === '' || /(?:[;&|(`]|\bthen|\bdo|\belse|\btime|\bsudo)$/.test(before);
}

function escapeWord(text: string): string {
	return text.replace(/([\s\\'"$`&|;<>()*?[\]!#{}])/g, '\\$1');
}

function unescapeWord(text: string): string {
	return text.replace(/\\(.)/g, '$1');
}

function commonPrefix(words: readonly string[]): string {
	let prefix = words[0] ?? '';
	for (const word of words) {
		while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1);
	}
	return prefix;
}

async function candidatesFor(
	word: string,
	asCommand: boolean,
	sources: CompletionSources
): Promise<{ names: string[]; folders: Set<string>; base: string }> {
	const folders = new Set<string>();
	// A word with a slash is a path even in command position (`./run.sh`, `bin/x`).
	if (asCommand && !word.includes('/')) {
		const names = [...new Set(await sources.commands(word))].sort();
		return { names, folders, base: '' };
	}
	const slash = word.lastIndexOf('/');
	const base = slash === -1 ? '' : word.slice(0, slash + 1);
	const partial = word.slice(slash + 1);
	let entries: ReadonlyArray<{ name: string; folder: boolean }> = [];
	try {
		entries = await sources.entries(base === '' ? '.' : base);
	} catch {
		// A folder that does not exist has nothing to offer, as in bash.
	}
	const names = entries
		.filter(
			({ name }) => name.startsWith(partial) && (partial.startsWith('.') || !name.startsWith('.'))
		)
		.map(({ name, folder }) => {
			if (folder) folders.add(name);
			return name;
		})
		.sort();
	return { names, folders, base };
}

/** Completes the word before the cursor of `line`. */
export async function complete(line: LineState, sources: CompletionSources): Promise<Completion> {
	const head = line.text.slice(0, line.cursor);
	const tail = line.text.slice(line.cursor);
	const { start, word: typed } = currentWord(head);
	const word = unescapeWord(typed);
	const { names, folders, base } = await candidatesFor(
		word,
		inCommandPosition(head, start),
		sources
	);
	if (names.length === 0) return { line, candidates: [] };
	const partial = word.slice(base.length);
	let insert: string;
	if (names.length === 1) {
		const only = names[0] ?? '';
		insert = escapeWord(base + only) + (folders.has(only) ? '/' : tail.startsWith(' ') ? '' : ' ');
	} else {
		const prefix = commonPrefix(names);
		if (prefix.length <= partial.length) return { line, candidates: names };
		insert = escapeWord(base + prefix);
	}
	const text = head.slice(0, start) + insert;
	return {
		line: { text: text + tail, cursor: text.length },
		candidates: names.length === 1 ? [] : names
	};
}
