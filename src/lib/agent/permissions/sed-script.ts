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

/** Short options that only change how sed reads and prints. */
const QUIET_SHORT = new Set(['n', 'E', 'r', 's', 'u', 'z', 'b']);
/** Long options that only change how sed reads and prints. */
const QUIET_LONG =
	/^--(quiet|silent|debug|posix|sandbox|null-data|zero-terminated|separate|unbuffered|regexp-extended|binary|line-length=\d+)$/;

/**
 * Why a sed call may write, or undefined when it only prints. Options are read the way sed reads
 * them, clusters included: in `-ne'w /tmp/x'` the `e` takes the rest of the word as the script,
 * so the file name after it is not the script.
 */
export function checkSed(args: readonly string[]): string | undefined {
	const scripts: string[] = [];
	const operands: string[] = [];
	let scriptFromOption = false;
	for (let i = 0; i < args.length; i++) {
		const arg = args[i]!;
		if (arg === '--') {
			operands.push(...args.slice(i + 1));
			break;
		}
		if (arg.startsWith('--')) {
			if (arg.startsWith('--in-place')) return 'sed -i edits files in place';
			if (arg === '--expression') scripts.push(args[++i] ?? '');
			else if (arg.startsWith('--expression=')) scripts.push(arg.slice('--expression='.length));
			else if (arg === '--line-length') i++;
			else if (!QUIET_LONG.test(arg)) {
				return arg.startsWith('--file')
					? 'sed -f runs a script file that cannot be checked'
					: `sed ${arg} is not an option known to only print`;
			}
			if (arg.startsWith('--expression')) scriptFromOption = true;
			continue;
		}
		if (arg.length < 2 || !arg.startsWith('-')) {
			operands.push(arg);
			continue;
		}
		for (let j = 1; j < arg.length; j++) {
			const flag = arg[j]!;
			if (flag === 'i') return 'sed -i edits files in place';
			if (flag === 'f') return 'sed -f runs a script file that cannot be checked';
			if (flag === 'e' || flag === 'l') {
				const rest = arg.slice(j + 1);
				const value = rest !== '' ? rest : (args[++i] ?? '');
				if (flag === 'e') {
					scripts.push(value);
					scriptFromOption = true;
				}
				break;
			}
			if (!QUIET_SHORT.has(flag)) return `sed -${flag} is not an option known to only print`;
		}
	}
	if (!scriptFromOption) {
		const first = operands[0];
		if (first === undefined) return 'sed without a script';
		scripts.push(first);
	}
	return scripts.every(isPrintOnlySedScript)
		? undefined
		: 'this sed script may write files or run commands (w, W, e); use a plain print script such as sed -n "10,20p" file';
}
