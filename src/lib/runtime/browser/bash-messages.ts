/**
 * just-bash words its errors for the programmer who embeds it ("increase
 * executionLimits.maxCommandCount", "use the Node.js bundle"); the person at Kiln's terminal (or
 * the model) can do neither. Those lines are rewritten into the terminal's own words, saying what
 * to do instead. Only whole lines in just-bash's exact shape are touched, so program output that
 * merely mentions these words passes through.
 */
import { UNEXPECTED_END } from './bash-syntax';

/** Where Node.js runs instead: WebContainer takes over the terminal by itself where it can boot. */
const NODE_ELSEWHERE =
	'Node.js runs in WebContainer (Chromium, online; Kiln switches to it by itself and the Runtime ' +
	'status says why not) or with the Kiln CLI on your own machine (kiln run --dir <folder>).';

/** just-bash's browser build leaves these out (python, sqlite3, tar, yq, xan); no runtime of the page has them. */
const NOT_IN_BROWSER =
	'no runtime in the browser has it; run it on your own machine, e.g. with the Kiln CLI (kiln run --dir <folder>).';

const LIMIT_ADVICE: Readonly<Record<string, string>> = {
	maxCommandCount: 'the offline terminal stops a command line after this many steps',
	maxLoopIterations: 'the offline terminal stops a loop after this many iterations',
	maxCallDepth: 'the offline terminal stops functions nested this deep',
	maxSourceDepth: 'the offline terminal stops files sourced this deep',
	maxJqIterations: 'jq in the offline terminal stops a loop after this many iterations',
	maxOutputSize: 'the offline terminal keeps at most this much output from one command line'
};

const rules: ReadonlyArray<readonly [RegExp, (...groups: string[]) => string]> = [
	[
		/^bash: ([\w.-]+): command not available in browser environments\. Exclude '[^']*' from your commands or use the Node\.js bundle\.$/,
		(name) => `bash: ${name}: not available in the offline terminal: ${NOT_IN_BROWSER}`
	],
	[
		/^(.*\)(?: exceeded)?), increase executionLimits\.(\w+)$/,
		(what, limit) =>
			`${what}: ${LIMIT_ADVICE[limit] ?? 'the offline terminal stops work this large'}. ` +
			'Split the work into smaller commands.'
	],
	[
		// A keyword or bracket still to come when the input ended (in a line, `bash -c`, eval, source).
		/^bash: (?:(.+?): )??(?:syntax error: )?Parse error at \d+:\d+: Expected [A-Z_]+, got EOF$/,
		(name) => (name ? UNEXPECTED_END.replace('bash: ', `bash: ${name}: `) : UNEXPECTED_END)
	],
	[
		/^bash: (?:(.+?): )??(?:syntax error: )?Parse error at (\d+):\d+: (.*)$/,
		(name, line, message) => `bash: ${name ? `${name}: ` : ''}line ${line}: ${message}`
	],
	[
		/^bash: (node|npm|npx|pnpm|yarn): command not found$/,
		(name) =>
			`bash: ${name}: command not found: the offline terminal has no Node.js or npm. ${NODE_ELSEWHERE}`
	]
];

/** Rewrites just-bash's embedder-facing messages in `text` into the terminal's own words. */
export function inTerminalWords(text: string): string {
	if (!text.includes('bash: ') && !text.includes('executionLimits')) return text;
	return text
		.split('\n')
		.map((line) => {
			for (const [pattern, rewrite] of rules) {
				const match = pattern.exec(line);
				if (match) return rewrite(...match.slice(1).map((group) => group ?? ''));
			}
			return line;
		})
		.join('\n');
}
