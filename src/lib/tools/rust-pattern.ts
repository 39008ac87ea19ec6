/**
 * A grep pattern (JavaScript syntax, compiled with the `u` flag by regex.ts) rewritten for
 * ripgrep's Rust regex engine so that both select exactly the same lines, or undefined when
 * that cannot be promised: then the in-process engine runs instead. This is a scan of escapes
 * and brackets, not a parser: anything it does not recognise gives up (the safe answer).
 *
 * Where the dialects differ on valid syntax:
 * - `\d \w \s \b` (and negations) are ASCII / JavaScript's whitespace in JS, Unicode in Rust:
 *   spelled out as explicit classes (`(?-u:\b)` is Rust's ASCII word boundary).
 * - `.` excludes \r, U+2028 and U+2029 in JS, only \n in Rust: spelled out.
 * - `(?<name>` is `(?P<name>` in ripgrep 13's regex.
 * - Rust reads `[` inside a class as a nested class and `&& -- ~~` as set operations; JS reads
 *   them as characters: given up. So are lookaround, backreferences and unknown escapes (Rust
 *   refuses most of them anyway), and patterns that match an empty line (ripgrep never reports
 *   an empty file; the in-process engine reports its one empty line).
 * - With ignore case, JS's `\w` and `\b` also take U+017F and U+212A: given up.
 */

const WORD = '0-9A-Za-z_';
// JavaScript's \s: WhiteSpace and LineTerminator of ECMA-262.
const SPACE =
	'\\t\\n\\x0B\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}';

const CLASS_ESCAPES: Record<string, string> = {
	d: '[0-9]',
	D: '[^0-9]',
	w: `[${WORD}]`,
	W: `[^${WORD}]`,
	s: `[${SPACE}]`,
	S: `[^${SPACE}]`
};

/** Escapes that mean the same character in both dialects (inside and outside classes). */
const SAME_ESCAPES = new Set([...'.*+?()[]{}|\\^$-tfv']);

export interface RustPattern {
	readonly pattern: string;
	readonly ignoreCase: boolean;
}

export function toRustPattern(raw: string, ignoreCaseOption: boolean): RustPattern | undefined {
	let source = raw;
	let ignoreCase = ignoreCaseOption;
	if (source.startsWith('(?i)')) {
		source = source.slice(4);
		ignoreCase = true;
	}
	let regex: RegExp;
	try {
		regex = new RegExp(source, ignoreCase ? 'iu' : 'u');
	} catch {
		return undefined;
	}
	if (regex.test('')) return undefined;

	let out = '';
	let inClass = false;
	for (let i = 0; i < source.length; i++) {
		const char = source[i]!;
		if (char === '\\') {
			const next = source[i + 1];
			if (next === undefined) return undefined;
			i++;
			if (next in CLASS_ESCAPES) {
				if (ignoreCase && (next === 'w' || next === 'W')) return undefined;
				out += CLASS_ESCAPES[next];
			} else if (next === 'b' || next === 'B') {
				if (inClass || ignoreCase) return undefined;
				out += `(?-u:\\${next})`;
			} else if (SAME_ESCAPES.has(next)) {
				out += '\\' + next;
			} else if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(source.slice(i + 1, i + 3))) {
				out += `\\x{${source.slice(i + 1, i + 3)}}`;
				i += 2;
			} else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(i + 1, i + 5))) {
				const code = source.slice(i + 1, i + 5);
				// A surrogate pair written as two \u escapes means one character only to JS.
				if (/^[dD][89a-fA-F]/.test(code)) return undefined;
				out += `\\x{${code}}`;
				i += 4;
			} else if (next === 'u' && source[i + 1] === '{') {
				const end = source.indexOf('}', i);
				const code = source.slice(i + 2, end);
				if (end < 0 || !/^[0-9a-fA-F]{1,6}$/.test(code)) return undefined;
				out += `\\x{${code}}`;
				i = end;
			} else {
				return undefined;
			}
			continue;
		}
		if (inClass) {
			if (char === '[') return undefined;
			if ((char === '&' || char === '-' || char === '~') && source[i + 1] === char) {
				return undefined;
			}
			if (char === ']') inClass = false;
			out += char;
			continue;
		}
		if (char === '[') {
			// A class opening with ']' ('[]', '[^]') means different things in the two dialects.
			const first = source[i + 1] === '^' ? source[i + 2] : source[i + 1];
			if (first === ']') return undefined;
			inClass = true;
			out += char;
			if (source[i + 1] === '^') {
				out += '^';
				i++;
			}
			continue;
		}
		if (char === '.') {
			out += '[^\\n\\r\\x{2028}\\x{2029}]';
			continue;
		}
		if (char === '(' && source[i + 1] === '?') {
			const rest = source.slice(i + 2);
			if (rest.startsWith(':')) {
				out += '(?:';
				i += 2;
				continue;
			}
			const named = /^<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
			if (!named) return undefined;
			out += `(?P<${named[1]}>`;
			i += 1 + named[0].length;
			continue;
		}
		out += char;
	}
	return { pattern: out, ignoreCase };
}
