/**
 * Splits a bash command line into words and operators, the way bash would before it runs
 * anything, so the classifier can look at each simple command. Deliberately conservative:
 * whatever could run code we cannot see (command substitution, backticks, process
 * substitution, subshells, heredocs, variable expansion) is reported as unverifiable instead
 * of being interpreted.
 */

export type ShellToken =
	| { readonly kind: 'word'; readonly value: string }
	/** `|` `|&` `&&` `||` `;` (a newline counts as `;`). */
	| { readonly kind: 'separator'; readonly op: string }
	/** A redirection operator (`>`, `2>>`, `<`, `>&`, `&>`…); its target is the next word. */
	| { readonly kind: 'redirect'; readonly op: string };

export type TokenizeResult =
	| { readonly ok: true; readonly tokens: ShellToken[] }
	| { readonly ok: false; readonly reason: string };

const EXPANSION_START = /[A-Za-z_{(0-9@*#?$!-]/;

export function tokenizeShell(command: string): TokenizeResult {
	const tokens: ShellToken[] = [];
	let word = '';
	let inWord = false;
	/** The word so far is only digits typed without quotes (a file descriptor before `>`). */
	let plainDigits = true;
	const endWord = () => {
		if (inWord) tokens.push({ kind: 'word', value: word });
		word = '';
		inWord = false;
		plainDigits = true;
	};
	const refuse = (reason: string): TokenizeResult => ({ ok: false, reason });

	let i = 0;
	while (i < command.length) {
		const c = command[i]!;
		const next = command[i + 1];

		if (c === '\\') {
			if (next === '\n') {
				i += 2; // line continuation
				continue;
			}
			if (next === undefined) return refuse('the command ends with a lone backslash');
			word += next;
			inWord = true;
			plainDigits = false;
			i += 2;
			continue;
		}
		if (c === "'") {
			const close = command.indexOf("'", i + 1);
			if (close < 0) return refuse('a single quote is not closed');
			word += command.slice(i + 1, close);
			inWord = true;
			plainDigits = false;
			i = close + 1;
			continue;
		}
		if (c === '"') {
			let j = i + 1;
			let text = '';
			for (; j < command.length && command[j] !== '"'; j++) {
				const d = command[j]!;
				if (d === '`') return refuse('it uses backtick command substitution');
				if (d === '$' && EXPANSION_START.test(command[j + 1] ?? '')) {
					return refuse('it expands a variable or a command, which cannot be checked beforehand');
				}
				if (d === '\\' && j + 1 < command.length && '"\\$`\n'.includes(command[j + 1]!)) {
					j++;
					if (command[j] !== '\n') text += command[j];
					continue;
				}
				text += d;
			}
			if (j >= command.length) return refuse('a double quote is not closed');
			word += text;
			inWord = true;
			plainDigits = false;
			i = j + 1;
			continue;
		}
		if (c === '`') return refuse('it uses backtick command substitution');
		if (c === '$') {
			if (next === "'" || (next !== undefined && EXPANSION_START.test(next))) {
				return refuse('it expands a variable or a command, which cannot be checked beforehand');
			}
			word += c;
			inWord = true;
			plainDigits = false;
			i++;
			continue;
		}
		if (c === '#' && !inWord) {
			// A comment runs to the end of the line.
			const end = command.indexOf('\n', i);
			i = end < 0 ? command.length : end;
			continue;
		}
		if (c === '(' || c === ')') return refuse('it uses a subshell or parentheses');
		if (c === '>' || c === '<') {
			if ((c === '<' || c === '>') && next === '(') {
				return refuse('it uses process substitution');
			}
			const fd = inWord && plainDigits ? word : '';
			if (fd) {
				word = '';
				inWord = false;
				plainDigits = true;
			} else endWord();
			let op = c;
			let j = i + 1;
			if (c === '<' && command[j] === '<') {
				if (command[j + 1] === '<') {
					op = '<<<';
					j += 2;
				} else return refuse('it uses a heredoc (<<)');
			} else if (c === '<' && command[j] === '>') {
				return refuse('it opens a file for writing (<>)');
			} else if (c === '>' && (command[j] === '>' || command[j] === '|')) {
				op += command[j];
				j++;
			}
			if (command[j] === '&') {
				op += '&';
				j++;
			}
			tokens.push({ kind: 'redirect', op: fd + op });
			i = j;
			continue;
		}
		if (c === '&') {
			endWord();
			if (next === '&') {
				tokens.push({ kind: 'separator', op: '&&' });
				i += 2;
			} else if (next === '>') {
				const append = command[i + 2] === '>';
				tokens.push({ kind: 'redirect', op: append ? '&>>' : '&>' });
				i += append ? 3 : 2;
			} else return refuse('it runs a command in the background (&)');
			continue;
		}
		if (c === '|') {
			endWord();
			const op = next === '|' ? '||' : next === '&' ? '|&' : '|';
			tokens.push({ kind: 'separator', op });
			i += op.length;
			continue;
		}
		if (c === ';' || c === '\n') {
			endWord();
			if (c === ';' && next === ';') return refuse('it uses ;; outside a case statement');
			tokens.push({ kind: 'separator', op: ';' });
			i++;
			continue;
		}
		if (c === ' ' || c === '\t' || c === '\r') {
			endWord();
			i++;
			continue;
		}
		word += c;
		inWord = true;
		if (c < '0' || c > '9') plainDigits = false;
		i++;
	}
	endWord();
	return { ok: true, tokens };
}
