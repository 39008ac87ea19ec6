/**
 * Asks just-bash's own parser whether a command ends too early: an if, loop, case, `{`, `(`,
 * function body, `$(`, `[[` or `((` that more lines would close. The terminal keeps reading at
 * `> ` then, as bash does, and a one-shot command gets bash's message for it.
 */
import type { Bash } from 'just-bash/browser';

/** What bash says when input ends inside a command (at a terminal: Ctrl+D at `> `). */
export const UNEXPECTED_END = 'bash: syntax error: unexpected end of file';

/** just-bash's exit status for a command line it cannot parse, as bash's. */
const SYNTAX_ERROR_STATUS = 2;

/** What just-bash's ParseException carries besides its message; its class is not exported. */
interface ParseFailure {
	readonly name: string;
	readonly message: string;
	readonly token?: { readonly type?: string };
}

/**
 * Errors at the end of input where bash reads on: a closing or middle keyword still to come
 * ("Expected DONE, got EOF"; "unexpected token `fi'" is what just-bash says when `then` is the
 * last word), a function's body, or a closing bracket. Where a word is missing (`echo >`, `for`
 * or `case` alone) bash reports an error at once, and so does this.
 */
const READS_ON = [
	/^Expected [A-Z_]+, got EOF$/,
	/^syntax error near unexpected token `(?:fi|done)'$/,
	/^Expected compound command for function body$/,
	/^unexpected EOF while looking for matching /
];

/** Whether `text` is a command that more lines would complete. */
export function endsTooEarly(bash: Bash, text: string): boolean {
	try {
		// Parses as exec would; the transforms registered on bash leave a plain command alone.
		bash.transform(text);
		return false;
	} catch (error) {
		return isEarlyEnd(error);
	}
}

/**
 * Whether a command line failed only because it ended too early. just-bash words some of these
 * as a token the person never typed (`if true; then` gives "unexpected token `fi'").
 */
export function failedAtEnd(
	bash: Bash,
	command: string,
	result: { readonly exitCode: number; readonly stderr: string } | undefined
): boolean {
	if (result?.exitCode !== SYNTAX_ERROR_STATUS) return false;
	// "unexpected EOF while looking for matching `)'" is bash's own wording already.
	const message = /^bash: syntax error: Parse error at \d+:\d+: (?!unexpected EOF)/;
	return message.test(result.stderr) && endsTooEarly(bash, command);
}

function isEarlyEnd(error: unknown): boolean {
	if (!(error instanceof Error) || error.name !== 'ParseException') return false;
	const failure = error as ParseFailure;
	const message = failure.message.replace(/^Parse error at \d+:\d+: /, '');
	// `${x` fails before a token is known; everything else names the token it stopped at.
	const atEnd = failure.token === undefined || failure.token.type === 'EOF';
	return atEnd && READS_ON.some((pattern) => pattern.test(message));
}
