/**
 * What the agent may do in each mode, and what a subagent may do. The tool list sent to the
 * model never changes with the mode (that would invalidate the whole prompt cache); this
 * policy is checked before each call runs instead, and a refused call reaches the model as a
 * tool error carrying the reason, so it can adjust.
 *
 * Modes: 'auto' runs everything; 'auto-edit' runs edits and asks before commands; 'ask' asks
 * before edits and commands; 'plan' only reads. Rules (rules.ts) weigh deny > ask > allow on
 * top of the mode. Reading tools and read-only commands never ask.
 */
import type { SubagentKind } from '../../tools';
import type { AgentMode } from '../types';
import { classifyCommand, simpleCommands } from './read-only-command';
import {
	allowMatches,
	parseRule,
	prefixRuleFor,
	ruleCoversTool,
	ruleMatchesCall,
	type ParsedRule,
	type PermissionRule,
	type RuleAction
} from './rules';

export type { AgentMode };

export type PermissionDecision =
	{ readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/** The call being decided, when a person may be asked about it. */
export interface PermissionCall {
	readonly toolCallId: string;
	/** One line for the person: the command, or the path. */
	readonly summary: string;
	/** Stop of the turn: a prompt still waiting resolves as denied. */
	readonly signal: AbortSignal;
}

/** Decides one call with its parsed arguments; the loop runs it only when allowed. */
export type PermissionCheck = (
	toolName: string,
	args: unknown,
	call?: PermissionCall
) => PermissionDecision | Promise<PermissionDecision>;

/** What the policy says before anyone is asked. */
export type PermissionVerdict =
	| { readonly kind: 'allow' }
	/** A person must decide; `alwaysRules` are the allow rules "Always allow" would add. */
	| { readonly kind: 'ask'; readonly alwaysRules: readonly string[] }
	| { readonly kind: 'deny'; readonly reason: string };

/** Tools that change files. */
const EDITORS = new Set(['edit', 'write']);

interface ActiveRule {
	readonly action: RuleAction;
	readonly text: string;
	readonly parsed: ParsedRule;
}

/**
 * The mode and the rules together: one verdict for one call (parsed arguments). `root` is the
 * project's folder on a real machine (the CLI): commands that read outside it are not taken as
 * read-only there.
 */
export function decidePermission(
	mode: AgentMode,
	rules: readonly PermissionRule[],
	toolName: string,
	args: unknown,
	root?: string
): PermissionVerdict {
	const active = activeRules(rules);
	const deny = active.find(
		(rule) => rule.action === 'deny' && ruleMatchesCall(rule.parsed, toolName, args)
	);
	if (deny) {
		return {
			kind: 'deny',
			reason: `A permission rule the person set denies this call (deny ${deny.text}); it did not run. Do not work around it with another tool or command: if the task needs it, say why and ask the person.`
		};
	}
	const byMode = permissionFor(mode, toolName, args, root);
	if (!byMode.allowed) return { kind: 'deny', reason: byMode.reason };
	if (mode === 'plan') return { kind: 'allow' };
	if (toolName === 'bash') return decideCommand(mode, active, args, root);
	if (!EDITORS.has(toolName)) return { kind: 'allow' };
	const covers = (action: RuleAction) =>
		active.some(
			(rule) => rule.action === action && ruleMatchesCall(rule.parsed, toolName, args, action)
		);
	const always = { kind: 'ask', alwaysRules: [toolName] } as const;
	if (covers('ask')) return always;
	const gitPath = gitControlPath(args);
	if (gitPath !== undefined && mode !== 'auto') {
		// Git runs programs named in its config (core.fsmonitor on `git status`, diff.external on
		// `git diff`), and those commands run unasked as read-only: an edit there is a command.
		const named = active.some(
			(rule) =>
				rule.action === 'allow' &&
				/\.git(\/|$)/i.test(rule.parsed.pattern ?? '') &&
				ruleMatchesCall(rule.parsed, toolName, args, 'allow')
		);
		return named ? { kind: 'allow' } : { kind: 'ask', alwaysRules: [`${toolName}(${gitPath})`] };
	}
	if (covers('allow') || mode === 'auto' || mode === 'auto-edit') return { kind: 'allow' };
	return always;
}

/** The path when it is in (or is) a `.git` folder or file at any depth, in any case. */
function gitControlPath(args: unknown): string | undefined {
	const path = (args as { path?: unknown } | null)?.path;
	if (typeof path !== 'string') return undefined;
	const parts = path.normalize('NFC').replace(/\\/g, '/').split('/');
	return parts.some((part) => part.toLowerCase() === '.git') ? path : undefined;
}

/** A command runs unasked when it only reads, or when allow rules cover every part that does not. */
function decideCommand(
	mode: AgentMode,
	rules: readonly ActiveRule[],
	args: unknown,
	root: string | undefined
): PermissionVerdict {
	const command = (args as { command?: unknown } | null)?.command;
	const text = typeof command === 'string' ? command : '';
	// An empty command runs nothing (the bash tool reports it); there is no rule to offer for it.
	if (text.trim() === '') return { kind: 'allow' };
	const parts = simpleCommands(text, root);
	if (parts?.every((part) => part.readOnly)) return { kind: 'allow' };
	const bashRules = (action: RuleAction) =>
		rules.filter((rule) => rule.action === action && ruleCoversTool(rule.parsed, 'bash'));
	const verifiable = parts !== undefined;
	const allowedBy = (rule: ActiveRule, part: Piece) =>
		rule.parsed.pattern === undefined ||
		allowMatches(rule.parsed.pattern, part.text, verifiable, part.writesFile);
	const askedBy = (rule: ActiveRule) => ruleMatchesCall(rule.parsed, 'bash', { command: text });
	// A line that cannot be split is weighed whole: only an exact rule (or a tool-wide one) fits it.
	const pieces: readonly Piece[] = parts
		? parts.filter((part) => !part.readOnly)
		: [{ text: text.trim().replace(/\s+/g, ' '), writesFile: false }];
	const asks = bashRules('ask');
	const allows = bashRules('allow');
	const uncovered = pieces.filter((piece) => !allows.some((rule) => allowedBy(rule, piece)));
	const alwaysRules = parts
		? // A prefix never covers output into a file, so "Always allow" keeps such a command exactly.
			[
				...new Set(
					uncovered.map((piece) =>
						piece.writesFile ? `bash(${piece.text})` : prefixRuleFor(piece.text)
					)
				)
			]
		: [`bash(${pieces[0]?.text ?? ''})`];
	if (asks.some(askedBy)) {
		return { kind: 'ask', alwaysRules: alwaysRules.length > 0 ? alwaysRules : ['bash'] };
	}
	if (uncovered.length === 0 || mode === 'auto') return { kind: 'allow' };
	return { kind: 'ask', alwaysRules };
}

/** A part of a command line weighed against allow rules. */
interface Piece {
	readonly text: string;
	readonly writesFile: boolean;
}

function activeRules(rules: readonly PermissionRule[]): ActiveRule[] {
	const active: ActiveRule[] = [];
	for (const rule of rules) {
		const parsed = parseRule(rule.rule);
		if (parsed.ok)
			active.push({ action: rule.action, text: rule.rule.trim(), parsed: parsed.rule });
	}
	return active;
}

/** Tools that only look: allowed everywhere (preview reloads the page, which changes no file). */
const READERS = new Set(['read', 'glob', 'grep', 'list', 'preview', 'bash_output']);

const ALLOWED: PermissionDecision = { allowed: true };

const PLAN_REFUSAL =
	'Plan mode: you may only read and investigate now, not change anything. Finish your investigation, then end your turn with a plan (what you will change, in which files, and how you will check it) for the person to approve.';

/** What the mode alone allows (plan mode's limits); asking is decidePermission's part. */
export function permissionFor(
	mode: AgentMode,
	toolName: string,
	args: unknown,
	root?: string
): PermissionDecision {
	if (mode !== 'plan') return ALLOWED;
	if (READERS.has(toolName) || toolName === 'todo_write') return ALLOWED;
	switch (toolName) {
		case 'bash':
			return readOnlyBash(args, PLAN_REFUSAL, root);
		case 'task':
			return subagentKindOf(args) === 'explore'
				? ALLOWED
				: refuse(
						`${PLAN_REFUSAL} Only explore subagents may run in plan mode: call task with agent "explore".`
					);
		default:
			return refuse(PLAN_REFUSAL);
	}
}

/** What a subagent may do: explore only reads; general does anything but start subagents. */
export function subagentPermission(
	kind: SubagentKind,
	toolName: string,
	args: unknown
): PermissionDecision {
	if (toolName === 'task') {
		return refuse('Subagents cannot start subagents. Do this work yourself with your other tools.');
	}
	if (kind === 'general' || READERS.has(toolName)) return ALLOWED;
	const reason = `You are an explore subagent: you may only read, search and run read-only commands (${toolName} is not allowed). Report what you found and what should be changed instead.`;
	if (toolName === 'bash' && (args as { run_in_background?: unknown } | null)?.run_in_background) {
		return refuse(
			'You are an explore subagent: you may not start background processes. Run read-only commands in the foreground, and report what should be started instead.'
		);
	}
	return toolName === 'bash' ? readOnlyBash(args, reason) : refuse(reason);
}

function readOnlyBash(args: unknown, context: string, root?: string): PermissionDecision {
	const command = (args as { command?: unknown } | null)?.command;
	if (typeof command !== 'string') return refuse(`${context} The bash call has no command.`);
	const verdict = classifyCommand(command, root);
	if (verdict.readOnly) return ALLOWED;
	return refuse(
		`${context} Only read-only commands may run, and this one was refused because ${verdict.reason}. Use read, glob, grep or list, or a plain read-only command (ls, cat, grep, git status/log/diff…) without redirections.`
	);
}

function subagentKindOf(args: unknown): SubagentKind {
	const agent = (args as { agent?: unknown } | null)?.agent;
	return agent === 'general' ? 'general' : 'explore';
}

function refuse(reason: string): PermissionDecision {
	return { allowed: false, reason };
}
