/**
 * Decides whether a bash command only reads: plan mode and explore subagents may run those and
 * nothing else. An allow-list, not a deny-list: a command is read-only when every simple
 * command in it (split at `|`, `&&`, `||`, `;`) is a known reader used without the options that
 * make it write or run other programs, and no output goes to a file. Anything that cannot be
 * verified is refused with the reason, so the model can rephrase.
 */
import { outsidePath } from './outside-paths';
import { checkSed } from './sed-script';
import { tokenizeShell, type ShellToken } from './shell-words';

export type CommandVerdict =
	{ readonly readOnly: true } | { readonly readOnly: false; readonly reason: string };

/** Commands with no way to write files or start other programs, whatever their options. */
const ALWAYS_READ_ONLY = new Set([
	'basename',
	'cat',
	'cd',
	'cmp',
	'column',
	'comm',
	'cut',
	'df',
	'diff',
	'dirname',
	'du',
	'echo',
	'egrep',
	'expand',
	'expr',
	'false',
	'fgrep',
	'fold',
	'grep',
	'head',
	'hexdump',
	'id',
	'jq',
	'join',
	'ls',
	'md5sum',
	'nl',
	'od',
	'paste',
	'printenv',
	'printf',
	'pwd',
	'readlink',
	'realpath',
	'rev',
	'seq',
	'sha1sum',
	'sha256sum',
	'sha512sum',
	'stat',
	'tac',
	'tail',
	'test',
	'tr',
	'true',
	'type',
	'uname',
	'wc',
	'which',
	'whoami',
	'['
]);

/** git subcommands that only read (branch, tag, remote and stash are checked further). */
const GIT_READERS = new Set([
	'blame',
	'cat-file',
	'describe',
	'diff',
	'grep',
	'log',
	'ls-files',
	'ls-tree',
	'merge-base',
	'rev-list',
	'rev-parse',
	'shortlog',
	'show',
	'status'
]);

const FIND_ACTIONS = [
	'-delete',
	'-exec',
	'-execdir',
	'-ok',
	'-okdir',
	'-fprint',
	'-fprint0',
	'-fprintf',
	'-fls'
];

type Check = (args: readonly string[]) => string | undefined;

/** Commands allowed only without certain options; each returns why a call is refused. */
const CHECKED: Record<string, Check> = {
	find: (args) => {
		const action = args.find((arg) => FIND_ACTIONS.includes(arg));
		return action ? `find ${action} changes files or runs commands` : undefined;
	},
	fd: (args) =>
		args.some((arg) => /^--exec/.test(arg) || /^-[a-zA-Z]*[xX]/.test(arg))
			? 'fd --exec runs commands'
			: undefined,
	file: (args) =>
		args.some((arg) => arg === '--compile' || /^-[a-zA-Z]*C/.test(arg))
			? 'file -C writes a compiled magic file'
			: undefined,
	rg: (args) =>
		args.some((arg) => /^--pre(=|$)/.test(arg)) ? 'rg --pre runs a program' : undefined,
	sort: (args) =>
		args.some((arg) => /^(-o|--output|--compress-program)/.test(arg) || /^-[a-zA-Z]*o/.test(arg))
			? 'sort -o writes a file'
			: undefined,
	tree: (args) =>
		args.some((arg) => /^-[a-zA-Z]*[oR]/.test(arg))
			? 'tree -o (and -R, which adds -o in every folder) writes files'
			: undefined,
	uniq: (args) =>
		operands(args).length > 1 ? 'uniq with two file names writes the second one' : undefined,
	xxd: (args) =>
		operands(args).length > 1 ? 'xxd with two file names writes the second one' : undefined,
	env: (args) => (args.length > 0 ? 'env with arguments runs another command' : undefined),
	date: (args) =>
		args.every(
			(arg) => arg.startsWith('+') || /^(-u|--utc|-R|-I\w*|--iso-8601\S*|--rfc-\S+)$/.test(arg)
		)
			? undefined
			: 'date with these arguments may set the clock',
	sed: checkSed,
	git: checkGit,
	xargs: checkXargs
};

/**
 * The verdict for a whole command line, with the reason when it is refused. With `root` (the
 * project's folder on a real machine), a command that names a place outside it is refused too.
 */
export function classifyCommand(command: string, root?: string): CommandVerdict {
	const tokenized = tokenizeShell(command);
	if (!tokenized.ok) return refused(tokenized.reason);
	const commands = splitCommands(tokenized.tokens);
	if (commands === undefined) return refused('it has an empty command around | && || or ;');
	if (commands.length === 0) return refused('it is empty');
	for (const tokens of commands) {
		const verdict = classifySimple(tokens, root);
		if (!verdict.readOnly) return verdict;
	}
	return { readOnly: true };
}

/**
 * The simple commands of a command line (split at `|`, `&&`, `||`, `;`), each as its words and
 * redirections joined by single spaces, with whether it only reads. Undefined when the line
 * cannot be verified (command substitution, variables…): rules then cannot vouch for it.
 */
export function simpleCommands(command: string, root?: string): SimpleCommand[] | undefined {
	const tokenized = tokenizeShell(command);
	if (!tokenized.ok) return undefined;
	const commands = splitCommands(tokenized.tokens);
	if (commands === undefined || commands.length === 0) return undefined;
	return commands.map((tokens) => {
		const words: string[] = [];
		let writesFile = false;
		for (let i = 0; i < tokens.length; i++) {
			const token = tokens[i]!;
			if (token.kind === 'word') words.push(token.value);
			else if (token.kind === 'redirect') {
				const target = tokens[i + 1];
				if (target?.kind === 'word') i++;
				if (target?.kind !== 'word' || checkRedirect(token.op, target.value)) writesFile = true;
			}
		}
		return {
			text: tokens.map((token) => (token.kind === 'word' ? token.value : token.op)).join(' '),
			words,
			writesFile,
			readOnly: classifySimple(tokens, root).readOnly
		};
	});
}

/** One simple command of a line, as simpleCommands sees it. */
export interface SimpleCommand {
	/** Words and redirections joined by single spaces. */
	readonly text: string;
	/** The words alone (the command and its arguments), without redirections. */
	readonly words: readonly string[];
	/** Whether a redirection sends output into a file (anything but /dev/null or a descriptor). */
	readonly writesFile: boolean;
	readonly readOnly: boolean;
}

export function isReadOnlyCommand(command: string): boolean {
	return classifyCommand(command).readOnly;
}

function classifySimple(tokens: readonly ShellToken[], root?: string): CommandVerdict {
	const words: string[] = [];
	const places: string[] = [];
	for (let i = 0; i < tokens.length; i++) {
		const token = tokens[i]!;
		if (token.kind === 'word') {
			words.push(token.value);
			continue;
		}
		if (token.kind !== 'redirect') continue;
		const target = tokens[i + 1];
		if (target?.kind !== 'word') return refused(`the redirection ${token.op} has no target`);
		i++;
		const problem = checkRedirect(token.op, target.value);
		if (problem) return refused(problem);
		places.push(target.value);
	}
	const [name, ...args] = words;
	const outside =
		root === undefined
			? undefined
			: [...args, ...places].map((word) => outsidePath(word, root)).find(Boolean);
	if (outside) {
		return refused(
			`it reads outside the project (${outside}), which Kiln's file tools do not do either; use paths inside the project`
		);
	}
	if (name === undefined) return refused('it has a redirection without a command');
	if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(name)) {
		return refused(
			`it sets a variable (${name.split('=')[0]}=…), which can change what a command does`
		);
	}
	return classifyWords(name, args);
}

function classifyWords(name: string, args: readonly string[]): CommandVerdict {
	if (ALWAYS_READ_ONLY.has(name)) return { readOnly: true };
	const check = CHECKED[name];
	if (!check) return refused(`${name} is not a known read-only command`);
	const problem = check(args);
	return problem ? refused(problem) : { readOnly: true };
}

/**
 * Output may go to /dev/null or another descriptor (`2>&1`, `2>/dev/null`), input may come
 * from a file or a string; output to a file is a write.
 */
function checkRedirect(op: string, target: string): string | undefined {
	const bare = op.replace(/^\d+/, '');
	if (bare === '<' || bare === '<<<' || bare === '<&') return undefined;
	if (bare === '>&' && /^(\d+|-)$/.test(target)) return undefined;
	if (target === '/dev/null') return undefined;
	return `it redirects output into a file (${op} ${target})`;
}

/** Simple commands between separators; undefined when one of them is empty (`a | | b`). */
function splitCommands(tokens: readonly ShellToken[]): ShellToken[][] | undefined {
	const commands: ShellToken[][] = [];
	let current: ShellToken[] = [];
	let lastSeparator: string | undefined;
	for (const token of tokens) {
		if (token.kind !== 'separator') {
			current.push(token);
			continue;
		}
		if (current.length === 0) {
			// Several newlines or a trailing ; are fine; an empty side of | or && is not.
			if (token.op !== ';' || (lastSeparator !== undefined && lastSeparator !== ';')) {
				return undefined;
			}
		} else commands.push(current);
		current = [];
		lastSeparator = token.op;
	}
	if (current.length > 0) commands.push(current);
	else if (lastSeparator !== undefined && lastSeparator !== ';') return undefined;
	return commands;
}

/** Arguments that are not options (a rough cut, enough to count file names). */
function operands(args: readonly string[]): string[] {
	return args.filter((arg) => arg === '-' || !arg.startsWith('-'));
}

/** git with a read-only subcommand, and no global option that could run something (-c, --exec-path). */
function checkGit(args: readonly string[]): string | undefined {
	let i = 0;
	while (i < args.length && args[i]!.startsWith('-')) {
		const option = args[i]!;
		// -C only changes the directory git works in.
		if (option === '-C') i++;
		else if (option !== '--no-pager' && option !== '--no-optional-locks') {
			return `git ${option} before the subcommand is not allowed here`;
		}
		i++;
	}
	const sub = args[i];
	if (sub === undefined) return 'git without a subcommand';
	const rest = args.slice(i + 1);
	if (rest.some((arg) => /^--output(=|$)/.test(arg))) return `git ${sub} --output writes a file`;
	if (
		rest.some(
			// -O<program> (git grep) runs the program on the files found.
			(arg) =>
				arg === '--ext-diff' || arg.startsWith('-O') || arg.startsWith('--open-files-in-pager')
		)
	) {
		return `git ${sub} with this option runs another program`;
	}
	if (GIT_READERS.has(sub)) return undefined;
	const listsOnly = (allowed: RegExp) =>
		rest.every((arg) => allowed.test(arg))
			? undefined
			: `git ${sub} with these arguments changes the repository`;
	switch (sub) {
		case 'branch':
			return listsOnly(
				/^(-a|--all|-r|--remotes|-v|-vv|--verbose|--list|--show-current|--contains|--merged|--no-merged|--no-color|--color)$/
			);
		case 'tag':
			return listsOnly(/^(-l|--list|-n\d*|--contains|--merged|--no-merged|--sort=\S+)$/);
		case 'remote':
			return listsOnly(/^(-v|--verbose)$/);
		case 'stash':
			return rest[0] === 'list' || rest[0] === 'show'
				? undefined
				: 'git stash changes the working tree';
		default:
			return `git ${sub} is not a read-only git command (allowed: status, log, diff, show, blame, grep, ls-files, branch/tag listing…)`;
	}
}

/**
 * xargs only as a way to feed names to a command that is read-only whatever its arguments: xargs
 * appends words from its input, which nobody sees beforehand (`echo -delete | xargs find .`).
 */
function checkXargs(args: readonly string[]): string | undefined {
	const withValue = new Set([
		'-n',
		'-L',
		'-I',
		'-d',
		'-P',
		'-s',
		'-E',
		'-a',
		'--max-args',
		'--delimiter',
		'--max-procs',
		'--arg-file',
		'--replace'
	]);
	let i = 0;
	while (i < args.length && args[i]!.startsWith('-')) {
		const arg = args[i]!;
		if (arg === '--') {
			i++;
			break;
		}
		i += withValue.has(arg) ? 2 : 1;
	}
	const [name] = args.slice(i);
	if (name === undefined) return undefined; // xargs alone runs echo
	if (ALWAYS_READ_ONLY.has(name)) return undefined;
	const verdict = classifyWords(name, []);
	return verdict.readOnly
		? `xargs runs ${name} with arguments from its input, which may make it write (use ${name} without xargs)`
		: `xargs runs ${name}: ${verdict.reason}`;
}

function refused(reason: string): CommandVerdict {
	return { readOnly: false, reason };
}
