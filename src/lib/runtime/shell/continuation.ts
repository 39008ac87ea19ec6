/**
 * Whether what was typed so far is a whole command or bash would keep reading (its PS2 `> `
 * prompt): a here-document whose delimiter line has not come yet, an open quote, a line ending
 * in a backslash or in `|`, `&&` or `||`, and, when the runtime's shell can parse, an open
 * if/for/while/until/case, `{`, `(` or function body. The exec behind the shell is one-shot, so
 * the shell has to hold the lines itself until the command is complete and then run them as one.
 */

export type Unfinished = 'heredoc' | 'quote' | 'backslash' | 'operator' | 'compound';

/**
 * Asks the runtime's own shell parser whether `text` ends inside a construct that more lines
 * would complete (`if true; then`, `for x in a; do`, `f() {`). Only a parser knows every such
 * construct; without one, the scanner below covers what it can see by itself.
 */
export type SyntaxCheck = (text: string) => boolean;

/** A pipe or list operator at the end of a line, after a command (a lone `|` is an error). */
const TRAILING_OPERATOR = /[^\s|&]\s*(?:\|&?|&&|\|\|)\s*$/;

interface PendingHeredoc {
	readonly delimiter: string;
	/** `<<-` strips leading tabs from the body and from the delimiter line. */
	readonly stripTabs: boolean;
}

/** Reads the delimiter word after `<<`; quoting it only changes expansion, not the word. */
function readDelimiter(text: string, start: number): { word: string; end: number } {
	let index = start;
	while (text[index] === ' ' || text[index] === '\t') index++;
	let word = '';
	while (index < text.length && !/[\s;&|<>()]/.test(text.charAt(index))) {
		const char = text.charAt(index);
		if (char === "'" || char === '"') {
			const close = text.indexOf(char, index + 1);
			const stop = close === -1 ? text.length : close;
			word += text.slice(index + 1, stop);
			index = stop + 1;
		} else if (char === '\\') {
			word += text.charAt(index + 1);
			index += 2;
		} else {
			word += char;
			index++;
		}
	}
	return { word, end: index };
}

/** Why `text` is not yet a complete command, or undefined when it is. */
export function unfinishedInput(text: string, syntax?: SyntaxCheck): Unfinished | undefined {
	const unfinished = scan(text);
	if (unfinished) return unfinished;
	return syntax?.(text) ? 'compound' : undefined;
}

function scan(text: string): Unfinished | undefined {
	const lines = text.split('\n');
	const heredocs: PendingHeredoc[] = [];
	/** `$'…'` is a quote in which a backslash escapes, `\'` included. */
	let quote: "'" | '"' | "$'" | undefined;
	/**
	 * The last line of code as far as its end matters: quoted text is one word, and comments,
	 * blank lines and here-document bodies are left out (bash reads on past them after a `|`).
	 */
	let code = '';
	for (let lineIndex = 0; lineIndex < lines.length; lineIndex++) {
		const line = lines[lineIndex] ?? '';
		const last = lineIndex === lines.length - 1;
		const current = heredocs[0];
		if (current && quote === undefined) {
			// A body line: it ends the here-document only if it is exactly the delimiter.
			const candidate = current.stripTabs ? line.replace(/^\t+/, '') : line;
			if (candidate === current.delimiter) heredocs.shift();
			continue;
		}
		let index = 0;
		let lineCode = '';
		while (index < line.length) {
			const char = line.charAt(index);
			if (quote) {
				if (char === '\\' && quote !== "'") index++;
				else if (char === quote.at(-1)) quote = undefined;
				index++;
				lineCode += 'w';
				continue;
			}
			if (char === '\\') {
				if (index === line.length - 1 && last) return 'backslash';
				lineCode += 'w';
				index += 2;
				continue;
			}
			if (line.startsWith('((', index)) {
				// Arithmetic: `$((1 << 2))` shifts, it does not start a here-document.
				const close = line.indexOf('))', index + 2);
				index = close === -1 ? line.length : close + 2;
				lineCode += 'w';
				continue;
			}
			lineCode += char;
			if (line.startsWith("$'", index)) {
				quote = "$'";
				index += 2;
				continue;
			}
			if (char === "'" || char === '"') quote = char;
			else if (char === '#' && (index === 0 || /\s/.test(line.charAt(index - 1)))) {
				lineCode = lineCode.slice(0, -1);
				break;
			} else if (line.startsWith('<<', index) && line.charAt(index + 2) !== '<') {
				const stripTabs = line.charAt(index + 2) === '-';
				const { word, end } = readDelimiter(line, index + (stripTabs ? 3 : 2));
				if (word !== '') heredocs.push({ delimiter: word, stripTabs });
				index = end;
				continue;
			} else if (line.startsWith('<<<', index)) {
				index += 3;
				continue;
			}
			index++;
		}
		if (lineCode.trim() !== '') code = lineCode;
	}
	if (quote) return 'quote';
	if (heredocs.length > 0) return 'heredoc';
	return TRAILING_OPERATOR.test(code) ? 'operator' : undefined;
}
