/**
 * The commands a simple command really runs, for deny and ask rules. `rm *` denied must stay
 * denied when the model writes `FOO=1 rm`, `/bin/rm`, `env rm`, `sudo rm`, `timeout 5 rm`,
 * `xargs rm`, `find … -exec rm`, or `bash -c 'rm …'`: each of those runs rm. Every view is matched
 * against the rule, so a view too many only makes a deny rule stricter, never looser.
 */

/** Shells, which run the word after `-c` as a script. */
const SHELLS = ['sh', 'bash', 'dash', 'zsh', 'ksh', 'ash', 'fish'];

/** Wrappers that run the rest of their words as a command, and their options that take a value. */
const WRAPPERS: Record<string, ReadonlySet<string>> = {
	command: new Set(),
	builtin: new Set(),
	exec: new Set(['-a']),
	nohup: new Set(),
	time: new Set(['-f', '-o', '--format', '--output']),
	nice: new Set(['-n', '--adjustment']),
	ionice: new Set(['-c', '-n', '-p', '-P', '-u']),
	setsid: new Set(),
	stdbuf: new Set(['-i', '-o', '-e']),
	env: new Set(['-u', '-C', '--unset', '--chdir']),
	sudo: new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '--user', '--group']),
	doas: new Set(['-u', '-C']),
	timeout: new Set(['-s', '-k', '--signal', '--kill-after']),
	watch: new Set(['-n', '-d', '--interval']),
	xargs: new Set(['-n', '-L', '-I', '-d', '-P', '-s', '-E', '-a', '--max-args', '--delimiter']),
	unbuffer: new Set(),
	busybox: new Set(),
	taskset: new Set(),
	flock: new Set(['-w', '-E', '--timeout', '--conflict-exit-code']),
	// Shell keywords that start a command after them: `! rm`, `{ rm`, `if rm`, `do rm`…
	'!': new Set(),
	'{': new Set(),
	if: new Set(),
	then: new Set(),
	else: new Set(),
	elif: new Set(),
	while: new Set(),
	until: new Set(),
	do: new Set(),
	coproc: new Set()
};

/** Commands whose `-c` option value is a script they run (`su -c`, `script -c`, `flock -c`). */
const DASH_C_SCRIPTS = new Set(['su', 'script', 'flock', 'runuser', ...SHELLS]);

const FIND_EXEC = new Set(['-exec', '-execdir', '-ok', '-okdir']);

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** What one view yields: a command's words, or a script to split again (`bash -c`, `eval`). */
export type CommandView = { readonly words: readonly string[] } | { readonly script: string };

/** The words of a simple command and of every command it wraps; scripts for shells' `-c`. */
export function commandViews(words: readonly string[]): CommandView[] {
	const views: CommandView[] = [];
	const queue: (readonly string[])[] = [words];
	for (let guard = 0; queue.length > 0 && guard < 32; guard++) {
		let current = queue.shift()!;
		while (current.length > 0 && ASSIGNMENT.test(current[0]!)) current = current.slice(1);
		const first = current[0];
		if (first === undefined) continue;
		views.push({ words: current });
		// `/bin/rm`, `./node_modules/.bin/rm`, and `RM` on a case-insensitive disk all run rm.
		const name = (
			first.includes('/') ? first.slice(first.lastIndexOf('/') + 1) : first
		).toLowerCase();
		if (name !== first) views.push({ words: [name, ...current.slice(1)] });
		const args = current.slice(1);
		if (Object.hasOwn(WRAPPERS, name)) queue.push(afterOptions(name, args));
		if (DASH_C_SCRIPTS.has(name)) {
			const script = dashCScript(args);
			if (script !== undefined) views.push({ script });
		} else if (name === 'eval') views.push({ script: args.join(' ') });
		// trap 'commands' SIGNAL… runs the commands when the signal comes (EXIT: at the end).
		else if (name === 'trap' && args[0] !== undefined) views.push({ script: args[0] });
		else if (name === 'find') queue.push(...findExecs(args));
	}
	return views;
}

/** A wrapper's words after its options (and env's assignments, timeout's duration). */
function afterOptions(name: string, args: readonly string[]): readonly string[] {
	const withValue = WRAPPERS[name]!;
	let i = 0;
	while (i < args.length) {
		const arg = args[i]!;
		if (arg === '--') {
			i++;
			break;
		}
		if (name === 'env' && ASSIGNMENT.test(arg)) i++;
		else if (name === 'env' && (arg === '-S' || arg === '--split-string')) {
			// env -S 'rm -rf .' splits its argument into the command.
			return (args[i + 1] ?? '').split(/\s+/).filter(Boolean);
		} else if (arg.startsWith('-') && arg.length > 1) i += withValue.has(arg) ? 2 : 1;
		else break;
	}
	// timeout's duration, taskset's mask and flock's lock file come before the command.
	if (name === 'timeout' || name === 'taskset' || name === 'flock') i++;
	return args.slice(i);
}

/** The script of `bash -c 'script'` (also `-lc`, `-qc`, `--command=`), wherever the option is. */
function dashCScript(args: readonly string[]): string | undefined {
	for (let i = 0; i < args.length; i++) {
		const arg = args[i]!;
		if (arg.startsWith('--command=')) return arg.slice('--command='.length);
		if (arg === '--command' || /^-[a-zA-Z]*c[a-zA-Z]*$/.test(arg)) return args[i + 1] ?? '';
	}
	return undefined;
}

/** The commands of `find … -exec cmd args {} ;` (and -execdir, -ok, -okdir). */
function findExecs(args: readonly string[]): (readonly string[])[] {
	const commands: (readonly string[])[] = [];
	for (let i = 0; i < args.length; i++) {
		if (!FIND_EXEC.has(args[i]!)) continue;
		const end = args.findIndex((arg, j) => j > i && (arg === ';' || arg === '+'));
		commands.push(args.slice(i + 1, end < 0 ? args.length : end));
		if (end > 0) i = end;
	}
	return commands;
}

/** Interpreters and tools whose arguments can be any program (`python3 -c …`, `awk 'system(…)'`). */
const PROGRAM_RUNNERS = new Set([
	'python',
	'python3',
	'node',
	'ruby',
	'perl',
	'php',
	'lua',
	'awk',
	'gawk',
	'sed',
	'find',
	'eval',
	'trap',
	'source',
	'.'
]);

/**
 * Whether any arguments could make this command run anything at all: then a prefix rule such as
 * `bash(timeout *)` or `bash(python3 *)` would allow every command, and only the exact command
 * may be kept by "Always allow".
 */
export function runsAnyCommand(name: string): boolean {
	return Object.hasOwn(WRAPPERS, name) || DASH_C_SCRIPTS.has(name) || PROGRAM_RUNNERS.has(name);
}
