/**
 * The line being edited at the prompt, as an immutable value. Every editing key is a pure
 * function from one state to the next, so the editor can be tested without a terminal.
 * The cursor counts UTF-16 code units but never stops inside a surrogate pair.
 */
export interface LineState {
	readonly text: string;
	readonly cursor: number;
}

export const emptyLine: LineState = { text: '', cursor: 0 };

export function lineOf(text: string): LineState {
	return { text, cursor: text.length };
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
	return code >= 0xdc00 && code <= 0xdfff;
}

/** The index one character before `index`, stepping over a whole surrogate pair. */
function previousIndex(text: string, index: number): number {
	if (index <= 0) return 0;
	const pair =
		index >= 2 &&
		isLowSurrogate(text.charCodeAt(index - 1)) &&
		isHighSurrogate(text.charCodeAt(index - 2));
	return index - (pair ? 2 : 1);
}

function nextIndex(text: string, index: number): number {
	if (index >= text.length) return text.length;
	return isHighSurrogate(text.charCodeAt(index)) && index + 1 < text.length ? index + 2 : index + 1;
}

export function insertText(state: LineState, chars: string): LineState {
	const { text, cursor } = state;
	return {
		text: text.slice(0, cursor) + chars + text.slice(cursor),
		cursor: cursor + chars.length
	};
}

export function backspace(state: LineState): LineState {
	const { text, cursor } = state;
	if (cursor === 0) return state;
	const start = previousIndex(text, cursor);
	return { text: text.slice(0, start) + text.slice(cursor), cursor: start };
}

export function deleteForward(state: LineState): LineState {
	const { text, cursor } = state;
	if (cursor >= text.length) return state;
	return { text: text.slice(0, cursor) + text.slice(nextIndex(text, cursor)), cursor };
}

export function moveLeft(state: LineState): LineState {
	return { ...state, cursor: previousIndex(state.text, state.cursor) };
}

export function moveRight(state: LineState): LineState {
	return { ...state, cursor: nextIndex(state.text, state.cursor) };
}

export function moveHome(state: LineState): LineState {
	return { ...state, cursor: 0 };
}

export function moveEnd(state: LineState): LineState {
	return { ...state, cursor: state.text.length };
}

/** Ctrl+U: delete everything before the cursor. */
export function killToStart(state: LineState): LineState {
	return { text: state.text.slice(state.cursor), cursor: 0 };
}

/** Ctrl+K: delete everything from the cursor on. */
export function killToEnd(state: LineState): LineState {
	return { text: state.text.slice(0, state.cursor), cursor: state.cursor };
}

/** Ctrl+W: delete the word before the cursor and the spaces after it, as readline does. */
export function deleteWordBefore(state: LineState): LineState {
	const { text, cursor } = state;
	let start = cursor;
	while (start > 0 && /\s/.test(text.charAt(start - 1))) start--;
	while (start > 0 && !/\s/.test(text.charAt(start - 1))) start--;
	return { text: text.slice(0, start) + text.slice(cursor), cursor: start };
}

/** How many characters (code points) lie between the cursor and the end of the line. */
function charsAfterCursor(state: LineState): number {
	return Array.from(state.text.slice(state.cursor)).length;
}

/**
 * ANSI that redraws the whole line: back to column 0, prompt, text, clear the rest, then walk
 * the cursor back into place. Lines longer than the terminal is wide are not re-wrapped.
 */
export function renderLine(prompt: string, state: LineState): string {
	const back = charsAfterCursor(state);
	return `\r${prompt}${state.text}\x1b[K${back > 0 ? `\x1b[${back}D` : ''}`;
}
