/**
 * Whether a sed script only prints. `sed -n '10,20p' file` is how models read a range of a file,
 * so plain sed should stay allowed in read-only modes; but a sed script can also write files
 * (`w`, `W`, the `w` flag of `s`) and run commands (`e`, the `e` flag of `s`). This walks the
 * script's commands and refuses those, and anything it does not recognise.
 */

/** Commands that take no argument and only affect what is printed. */
const SIMPLE = new Set('pPdDnNgGhHxlzq=QF{}'.split(''));
/** Commands whose argument runs to the end of the line: text to print, or a file to read. */
const REST_OF_LINE = new Set(['a', 'i', 'c', 'r', 'R']);
/** Branches and labels: the argument runs to `;` or the end of the line. */
const LABELS = new Set(['b', 't', 'T', ':']);

export function isPrintOnlySedScript(script: string): boolean {
	let i = 0;
	const n = script.length;
	const skipSpace = () => {
		while (i < n && /[\s;]/.test(script[i]!)) i++;
	};
	/** Skips a /regex/ (or \cregexc) starting at i; false when it is not closed. */
	const skipRegex = (): boolean => {
		let delim = script[i]!;
		if (delim === '\\') {
			i++;
			delim = script[i] ?? '';
			if (!delim) return false;
		}
		i++;
		while (i < n && script[i] !== delim) {
			if (script[i] === '\\') i++;
			i++;
		}
		if (i >= n) return false;
		i++;
		while (i < n && /[IM]/.test(script[i]!)) i++;
		return true;
	};
	const skipAddress = (): boolean => {
		const c = script[i];
		if (c === undefined) return true;
		if (/[0-9]/.test(c)) {
			while (i < n && /[0-9~]/.test(script[i]!)) i++;
		} else if (c === '$') i++;
		else if (c === '/' || c === '\\') return skipRegex();
		else if (c === '+' || c === '~') {
			i++;
			while (i < n && /[0-9]/.test(script[i]!)) i++;
		}
		return true;
	};

	skipSpace();
	while (i < n) {
		if (!skipAddress()) return false;
		if (script[i] === ',') {
			i++;
			if (!skipAddress()) return false;
		}
		while (i < n && /[\s!]/.test(script[i]!)) i++;
		const command = script[i];
		if (command === undefined) return false;
		i++;
		if (SIMPLE.has(command)) {
			// q and Q may take an exit code.
			while (i < n && /[0-9]/.test(script[i]!)) i++;
		} else if (REST_OF_LINE.has(command) || LABELS.has(command)) {
			const stop = LABELS.has(command) ? /[;\n]/ : /\n/;
			while (i < n && !stop.test(script[i]!)) i++;
		} else if (command === 's' || command === 'y') {
			const delim = script[i];
			if (delim === undefined || delim === '\n' || delim === '\\') return false;
			for (let part = 0; part < 2; part++) {
				i++;
				while (i < n && script[i] !== delim) {
					if (script[i] === '\\') i++;
					i++;
				}
				if (i >= n) return false;
			}
			i++;
			if (command === 's') {
				while (i < n && /[gpiImM0-9ew]/.test(script[i]!)) {
					// w writes the pattern space to a file, e runs it as a command.
					if (script[i] === 'w' || script[i] === 'e') return false;
					i++;
				}
			}
		} else {
			// w, W and e write or execute; anything else is not understood, so not trusted.
			return false;
		}
		skipSpace();
	}
	return true;
}
