import { Bash } from 'just-bash/browser';
import { describe, expect, it } from 'vitest';
import { endsTooEarly } from '../../../src/lib/runtime/browser/bash-syntax';

const bash = new Bash();

describe("just-bash's parser on commands typed so far", () => {
	it('finds an if, loop, case, group, function body or bracket that more lines would close', () => {
		for (const text of [
			'if true; then',
			'if true',
			'if true; then echo a; else',
			'if true; then echo a; elif',
			'if true; then\n  echo a',
			'for i in 1 2; do',
			'for i in 1 2',
			'for ((i = 0; i < 2; i++)); do',
			'while true; do',
			'until false; do',
			'case x in',
			'case x in a) echo a;;',
			'f() {',
			'f()',
			'function f {',
			'{ echo a;',
			'( echo a',
			'echo $(echo a',
			'echo `date',
			'echo ${x',
			'x=(1 2',
			'[[ -n x',
			'(( 1 +'
		]) {
			expect(endsTooEarly(bash, text), text).toBe(true);
		}
	});

	it('leaves complete commands and errors bash reports at once', () => {
		for (const text of [
			'echo a',
			'if true; then echo a; fi',
			'for i in 1 2; do\n  echo $i\ndone',
			'f() { echo a; }',
			'case x in a) echo a;; esac',
			// A word is missing: bash says "unexpected token `newline'" rather than read on.
			'echo a >',
			'for',
			'case',
			'function',
			// Wrong tokens that more lines cannot fix.
			'echo a; fi',
			'done',
			'if; then',
			// Left to the shell's own scanner (continuation.ts).
			'cat <<EOF',
			'echo "open'
		]) {
			expect(endsTooEarly(bash, text), text).toBe(false);
		}
	});
});
