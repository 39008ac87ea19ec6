/**
 * The prompt's line editor, readline-like: editing keys, Up/Down history, Tab completion,
 * Ctrl+R reverse search, and continuation lines (`> `) while a command is unfinished (a
 * here-document before its delimiter, an open quote or `if`, a trailing backslash or `|`).
 * It only draws; the shell decides what a submitted command does.
 */
import { complete, type CompletionSources } from './completion';
import { unfinishedInput, type SyntaxCheck } from './continuation';
import { History } from './history';
import type { Key } from './keys';
import {
	backspace,
	deleteForward,
	deleteWordBefore,
	emptyLine,
	insertText,
	killToEnd,
	killToStart,
	lineOf,
	moveEnd,
	moveHome,
	moveLeft,
	moveRight,
	renderLine,
	type LineState
} from './line-buffer';
import { CLEAR_SCREEN } from './prompt';
import {
	matchOf,
	narrow,
	older,
	searchPrompt,
	startSearch,
	widen,
	type SearchState
} from './reverse-search';

export interface EditorHost {
	emit(data: string): void;
	/** The primary prompt (PS1). */
	prompt(): string;
	/** The terminal's width, for laying out a list of completions. */
	columns(): number;
	completions: CompletionSources;
	/** The runtime's parser, for commands only it can tell are unfinished (continuation.ts). */
	syntax?: SyntaxCheck;
}

export type EditorOutcome =
	| { readonly kind: 'none' }
	/** A whole command (lines joined by `\n`), already echoed and recorded in the history. */
	| { readonly kind: 'submit'; readonly text: string }
	/** Ctrl+D on an empty line. */
	| { readonly kind: 'close' }
	/** The editor is busy (completing); keys wait until `done`. */
	| { readonly kind: 'wait'; readonly done: Promise<void> };

const NONE: EditorOutcome = { kind: 'none' };
const CONTINUATION_PROMPT = '> ';

export class LineEditor {
	readonly history = new History();
	readonly #host: EditorHost;
	#line: LineState = emptyLine;
	/** Earlier lines of a command that is not finished yet. */
	#pending: string[] = [];
	#search: SearchState | undefined;
	/** The line as it was when Ctrl+R started, for Ctrl+G to restore. */
	#beforeSearch: LineState = emptyLine;
	/** Tabs pressed in a row: the second one lists the candidates. */
	#tabs = 0;

	constructor(host: EditorHost) {
		this.#host = host;
	}

	/** The prompt and line as they should be on screen now. */
	render(): string {
		if (this.#search) {
			return renderLine(searchPrompt(this.#search), oneRow(lineOf(this.#searchMatch())));
		}
		const prompt = this.#pending.length > 0 ? CONTINUATION_PROMPT : this.#host.prompt();
		return renderLine(prompt, oneRow(this.#line));
	}

	handle(key: Key): EditorOutcome {
		this.#tabs = key.type === 'tab' ? this.#tabs + 1 : 0;
		if (this.#search) return this.#handleSearchKey(key);
		const line = this.#line;
		switch (key.type) {
			case 'text':
				return this.#set(insertText(line, key.text));
			case 'backspace':
				return this.#set(backspace(line));
			case 'delete':
				return this.#set(deleteForward(line));
			case 'left':
				return this.#set(moveLeft(line));
			case 'right':
				return this.#set(moveRight(line));
			case 'home':
				return this.#set(moveHome(line));
			case 'end':
				return this.#set(moveEnd(line));
			case 'kill-to-start':
				return this.#set(killToStart(line));
			case 'kill-to-end':
				return this.#set(killToEnd(line));
			case 'delete-word':
				return this.#set(deleteWordBefore(line));
			case 'up': {
				const entry = this.history.previous(line.text);
				return entry === undefined ? NONE : this.#set(lineOf(entry));
			}
			case 'down': {
				const entry = this.history.next();
				return entry === undefined ? NONE : this.#set(lineOf(entry));
			}
			case 'interrupt':
				this.#host.emit('^C\r\n');
				this.#line = emptyLine;
				this.#pending = [];
				this.history.reset();
				this.#host.emit(this.render());
				return NONE;
			case 'eof':
				if (line.text !== '') return this.#set(deleteForward(line));
				// End of input completes what is pending, as in bash: a here-document cut short runs,
				// an unfinished if or loop is reported by the shell that runs it.
				if (this.#pending.length > 0) return this.#submit(true);
				this.#host.emit('exit\r\n');
				return { kind: 'close' };
			case 'clear-screen':
				this.#host.emit(CLEAR_SCREEN + this.render());
				return NONE;
			case 'reverse-search':
				this.#beforeSearch = line;
				this.#search = startSearch;
				this.#host.emit(this.render());
				return NONE;
			case 'tab':
				return { kind: 'wait', done: this.#complete() };
			case 'enter':
				return this.#submit();
			case 'cancel':
			case 'escape':
				return NONE;
		}
	}

	#set(next: LineState): EditorOutcome {
		if (next === this.#line) return NONE;
		const previous = this.#line;
		const appended =
			next.cursor === next.text.length &&
			previous.cursor === previous.text.length &&
			next.text.startsWith(previous.text);
		this.#line = next;
		// Typing at the end of the line is echoed as is; any other edit redraws the line.
		this.#host.emit(appended ? next.text.slice(previous.text.length) : this.render());
		return NONE;
	}

	#submit(endOfInput = false): EditorOutcome {
		const text = [...this.#pending, this.#line.text].join('\n');
		this.#host.emit('\r\n');
		this.#line = emptyLine;
		if (!endOfInput && unfinishedInput(text, this.#host.syntax) && this.#pendingMayGrow()) {
			this.#pending = text.split('\n');
			this.#host.emit(this.render());
			return NONE;
		}
		this.#pending = [];
		this.history.add(text);
		return { kind: 'submit', text };
	}

	/** A runaway continuation (a paste with an unmatched quote) ends rather than growing forever. */
	#pendingMayGrow(): boolean {
		return this.#pending.length < 10_000;
	}

	async #complete(): Promise<void> {
		const before = this.#line;
		const result = await complete(before, this.#host.completions);
		if (result.line !== before) {
			this.#set(result.line);
		} else if (result.candidates.length > 0 && this.#tabs >= 2) {
			this.#host.emit(`\r\n${columns(result.candidates, this.#host.columns())}${this.render()}`);
		}
	}

	#searchMatch(): string {
		return this.#search ? matchOf(this.#search, this.history.entries) : '';
	}

	#handleSearchKey(key: Key): EditorOutcome {
		const search = this.#search ?? startSearch;
		const entries = this.history.entries;
		const redraw = (next: SearchState) => {
			this.#search = next;
			this.#host.emit(this.render());
			return NONE;
		};
		switch (key.type) {
			case 'text':
				return redraw(narrow(search, entries, key.text));
			case 'reverse-search':
				return redraw(older(search, entries));
			case 'backspace':
				return redraw(widen(search, entries));
			case 'cancel':
				this.#search = undefined;
				this.#line = this.#beforeSearch;
				this.#host.emit(this.render());
				return NONE;
			case 'interrupt':
				this.#search = undefined;
				return this.handle(key);
			default: {
				// Any other key takes the match into the line, then does what it does there.
				const match = search.index === -1 ? this.#beforeSearch : lineOf(this.#searchMatch());
				this.#search = undefined;
				this.#line = match;
				this.#host.emit(this.render());
				return key.type === 'escape' ? NONE : this.handle(key);
			}
		}
	}
}

/**
 * A command recalled from the history may span lines (a here-document); it is edited and run
 * as it is, but drawn on one row with a mark for each line break, as the cursor math expects.
 */
function oneRow(line: LineState): LineState {
	return line.text.includes('\n') ? { ...line, text: line.text.replaceAll('\n', '↵') } : line;
}

/** Candidates laid out in columns, as readline lists them. */
function columns(names: readonly string[], width: number): string {
	const cell = Math.max(...names.map((name) => name.length)) + 2;
	const perRow = Math.max(1, Math.floor(width / cell));
	let text = '';
	names.forEach((name, index) => {
		const endOfRow = (index + 1) % perRow === 0 || index === names.length - 1;
		text += endOfRow ? `${name}\r\n` : name.padEnd(cell);
	});
	return text;
}
