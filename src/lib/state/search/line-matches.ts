/** A match within one line: UTF-16 offsets, end exclusive. */
export interface MatchRange {
	readonly start: number;
	readonly end: number;
}

/**
 * Every non-empty match of a global RegExp in one line, left to right. Empty matches (`^`, `a*`
 * where there is no a) are skipped: there is nothing to show or replace.
 */
export function matchesInLine(line: string, regex: RegExp): RegExpExecArray[] {
	const found: RegExpExecArray[] = [];
	regex.lastIndex = 0;
	for (let match = regex.exec(line); match; match = regex.exec(line)) {
		if (match[0] === '') {
			// Step past an empty match, a whole character at a time in Unicode mode.
			const code = line.codePointAt(regex.lastIndex) ?? 0;
			regex.lastIndex += regex.unicode && code > 0xffff ? 2 : 1;
			if (regex.lastIndex > line.length) break;
			continue;
		}
		found.push(match);
	}
	regex.lastIndex = 0;
	return found;
}

export function rangesInLine(line: string, regex: RegExp): MatchRange[] {
	return matchesInLine(line, regex).map((match) => ({
		start: match.index,
		end: match.index + match[0].length
	}));
}

/**
 * The text a replacement template stands for at one match, as String.prototype.replace reads it:
 * $$, $&, $` and $' (within the line), $1…$99 and $<name>.
 */
export function expandReplacement(template: string, match: RegExpExecArray): string {
	const input = match.input;
	const end = match.index + match[0].length;
	return template.replace(
		/\$(\$|&|`|'|<([^>]*)>|(\d{1,2}))/g,
		(whole, what: string, name, digits) => {
			if (what === '$') return '$';
			if (what === '&') return match[0];
			if (what === '`') return input.slice(0, match.index);
			if (what === "'") return input.slice(end);
			if (name !== undefined) {
				if (!match.groups) return whole;
				return match.groups[name as string] ?? '';
			}
			const groups = match.length - 1;
			const two = Number(digits);
			// "$10" with fewer than ten groups is $1 followed by "0", as in String.prototype.replace.
			if (digits.length === 2 && two >= 1 && two <= groups) return match[two] ?? '';
			const one = Number(digits[0]);
			if (one >= 1 && one <= groups) return (match[one] ?? '') + digits.slice(1);
			return whole;
		}
	);
}

/**
 * One line with the chosen matches replaced. `take(index)` says whether the index-th match of
 * the line (counting as matchesInLine does) is replaced; the others are kept as they are.
 */
export function replaceInLine(
	line: string,
	regex: RegExp,
	template: string,
	take: (index: number) => boolean
): string {
	let out = '';
	let from = 0;
	matchesInLine(line, regex).forEach((match, index) => {
		if (!take(index)) return;
		out += line.slice(from, match.index) + expandReplacement(template, match);
		from = match.index + match[0].length;
	});
	return out + line.slice(from);
}

/** What each match of a line (as matchesInLine lists them) would become. */
export function replacementsInLine(line: string, regex: RegExp, template: string): string[] {
	return matchesInLine(line, regex).map((match) => expandReplacement(template, match));
}
