/**
 * Puts stderr in order between the lines of stdout without letting it into pipes, files or
 * `$(...)`. just-bash hands a command line's two streams back apart, so `echo a; ls x; echo b`
 * would show the error last. `exec 2>&1` fixes the order but, in just-bash, makes stderr follow
 * every later redirection of stdout: `ls x | wc -l` counts the error, `f > out` writes it into
 * out, `v=$(ls x)` captures it. Real bash sends stderr to the terminal in all three.
 *
 * So this transform joins stderr to stdout only where stdout is the terminal. A simple command
 * gets `2>&1` as its first redirection, so its own `> f`, `2> f` or `2>/dev/null` still decide;
 * if/for/while/case, groups and subshells that redirect neither stream get it on each command
 * inside, the others on themselves. A statement with a pipeline is wrapped whole in
 * `{ …; } 2>&1`, as only a pipeline's last command writes to the terminal. Function bodies and
 * `$(...)` are never touched, since their stdout may be anything. What is merged whole (a
 * pipeline, a function call, `bash -c`, `source`) shows its stdout first, then its stderr.
 *
 * just-bash applies its transform plugins to every script it runs, including those it runs for
 * `bash -c`, `xargs`, `find -exec`…, whose stdout may be a pipe. Only a script that starts with
 * INTERLEAVE_MARKER (the executor's top-level command lines) is rewritten; the marker is dropped.
 */
import type { Bash } from 'just-bash/browser';
// Type-only: the AST's types are declared by just-bash's main entry, not its browser one.
import type { CommandNode, PipelineNode, StatementNode } from 'just-bash';

type TransformPlugin = Parameters<Bash['registerTransformPlugin']>[0];
type SimpleCommand = Extract<CommandNode, { type: 'SimpleCommand' }>;
type Redirection = SimpleCommand['redirections'][number];
type Compound = Exclude<CommandNode, { type: 'SimpleCommand' | 'FunctionDef' }>;
type Group = Extract<CommandNode, { type: 'Group' }>;

const MARKER_WORD = 'kiln-interleave-stderr';

/** Put before a command line (on its first line, so line numbers in messages stay right). */
export const INTERLEAVE_MARKER = `: ${MARKER_WORD}; `;

export const interleaveStderr: TransformPlugin = {
	name: 'kiln-interleave-stderr',
	transform({ ast }) {
		const [first, ...rest] = ast.statements;
		if (!first || !isMarker(first)) return { ast };
		return { ast: { ...ast, statements: scriptToTerminal(rest) } };
	}
};

function isMarker(statement: StatementNode): boolean {
	const [pipeline] = statement.pipelines;
	const command = pipeline?.commands[0];
	if (statement.pipelines.length !== 1 || pipeline?.commands.length !== 1) return false;
	if (command?.type !== 'SimpleCommand' || command.redirections.length > 0) return false;
	return (
		literal(command.name) === ':' &&
		command.args.length === 1 &&
		literal(command.args[0]) === MARKER_WORD
	);
}

function literal(word: SimpleCommand['name'] | undefined): string | undefined {
	const part = word?.parts.length === 1 ? word.parts[0] : undefined;
	return part?.type === 'Literal' ? part.value : undefined;
}

/** Statements whose stdout and stderr are the terminal's. */
function toTerminal(statements: StatementNode[]): StatementNode[] {
	return statements.map(statementToTerminal);
}

function statementToTerminal(statement: StatementNode): StatementNode {
	if (statement.deferredError) return statement;
	// Only the last command of a pipeline writes to the terminal and `time` reports on the shell's
	// stderr, so these are merged as a whole. The group goes around the whole statement, not the
	// one pipeline: just-bash checks `set -e` statement by statement, so in `a | b || c` a group
	// around `a | b` alone would end the line when it fails.
	if (statement.pipelines.some((pipeline) => pipeline.commands.length > 1 || pipeline.timed)) {
		return merged(statement);
	}
	return {
		...statement,
		pipelines: statement.pipelines.map((pipeline) => ({
			...pipeline,
			commands: pipeline.commands.map(commandToTerminal)
		}))
	};
}

function commandToTerminal(command: CommandNode): CommandNode {
	switch (command.type) {
		case 'FunctionDef':
			// Defining prints nothing; the body runs wherever a call's stdout goes.
			return command;
		case 'SimpleCommand':
			// In just-bash, `x=$(cmd) 2>&1` loses cmd's stderr and its status: an assignment alone is
			// left as it is (its stderr comes after everything). `exec` is left alone (see below).
			if (command.name === null || isExec(command)) return command;
			return withMerge(command);
		default:
			return inside(command) ?? withMerge(command);
	}
}

/**
 * A compound command whose stdout and stderr are the terminal's (it redirects neither) with its
 * parts merged one by one, so their order is kept; undefined for one that is merged whole.
 */
function inside(command: Compound): Compound | undefined {
	if (!command.redirections.every(keepsTerminal)) return undefined;
	switch (command.type) {
		case 'If':
			return {
				...command,
				clauses: command.clauses.map((clause) => ({
					condition: toTerminal(clause.condition),
					body: toTerminal(clause.body)
				})),
				elseBody: command.elseBody && toTerminal(command.elseBody)
			};
		case 'While':
		case 'Until':
			return {
				...command,
				condition: toTerminal(command.condition),
				body: toTerminal(command.body)
			};
		case 'For':
		case 'CStyleFor':
		case 'Group':
		case 'Subshell':
			return { ...command, body: toTerminal(command.body) };
		case 'Case':
			return {
				...command,
				items: command.items.map((item) => ({ ...item, body: toTerminal(item.body) }))
			};
		case 'ArithmeticCommand':
		case 'ConditionalCommand':
			return undefined;
	}
}

/**
 * `cmd 2>&1 …`: first, so the command's own `> file`, `2> file` or `2>/dev/null` still decide
 * where its output goes. Not a group around the command: just-bash checks `set -e` and `set -u`
 * differently inside one.
 */
function withMerge<T extends SimpleCommand | Compound>(command: T): T {
	return { ...command, redirections: [mergeStderr(command.line), ...command.redirections] };
}

/** `{ statement; } 2>&1`: the statement's stderr joins its stdout once it has run, after it. */
function merged(statement: StatementNode): StatementNode {
	const { line, background } = statement;
	const group: Group = {
		type: 'Group',
		line,
		// The statement inside prints its source for `set -v`, into the group's stderr.
		body: [{ ...statement, background: false }],
		redirections: [mergeStderr(line)]
	};
	const pipeline: PipelineNode = { type: 'Pipeline', line, commands: [group], negated: false };
	return { type: 'Statement', line, pipelines: [pipeline], operators: [], background };
}

function mergeStderr(line: number | undefined): Redirection {
	return {
		type: 'Redirection',
		line,
		fd: 2,
		operator: '>&',
		target: { type: 'Word', line, parts: [{ type: 'Literal', value: '1' }] }
	};
}

/**
 * The top-level statements up to the first that may run `exec` redirecting stdout or stderr:
 * after it, fd 2 may no longer be the terminal (`exec 2>/dev/null`), and a merge would undo it.
 */
function scriptToTerminal(statements: StatementNode[]): StatementNode[] {
	const stop = statements.findIndex(redirectsShell);
	if (stop === -1) return toTerminal(statements);
	return [...toTerminal(statements.slice(0, stop)), ...statements.slice(stop)];
}

/** Whether such an `exec` appears anywhere in `node` (function bodies and `$(...)` included). */
function redirectsShell(node: unknown): boolean {
	if (typeof node !== 'object' || node === null) return false;
	if (Array.isArray(node)) return node.some(redirectsShell);
	const command = node as CommandNode;
	if (command.type === 'SimpleCommand' && isExec(command)) {
		if (!command.redirections.every(keepsTerminal)) return true;
	}
	return Object.values(node).some(redirectsShell);
}

function isExec(command: SimpleCommand): boolean {
	return literal(command.name) === 'exec';
}

/**
 * Redirections that leave stdout and stderr where they were: input (`< file`, here-documents),
 * and descriptors from 3 up (`3>&1`, `{fd}>file`).
 */
function keepsTerminal(redirection: Redirection): boolean {
	if (redirection.fdVariable !== undefined) return true;
	const input = ['<', '<<', '<<-', '<<<', '<&', '<>'].includes(redirection.operator);
	const fd = redirection.fd ?? (input ? 0 : 1);
	if (redirection.operator === '&>' || redirection.operator === '&>>') return false;
	return fd !== 1 && fd !== 2;
}
