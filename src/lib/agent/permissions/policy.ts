/**
 * What the agent may do in each mode, and what a subagent may do. The tool list sent to the
 * model never changes with the mode (that would invalidate the whole prompt cache); this
 * policy is checked before each call runs instead, and a refused call reaches the model as a
 * tool error carrying the reason, so it can adjust.
 */
import type { SubagentKind } from '../../tools/types';
import type { AgentMode } from '../types';
import { classifyCommand } from './read-only-command';

export type { AgentMode };

export type PermissionDecision =
	{ readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/** Decides one call with its parsed arguments; the loop runs it only when allowed. */
export type PermissionCheck = (toolName: string, args: unknown) => PermissionDecision;

/** Tools that only look: allowed everywhere. */
const READERS = new Set(['read', 'glob', 'grep', 'list']);

const ALLOWED: PermissionDecision = { allowed: true };

const PLAN_REFUSAL =
	'Plan mode: you may only read and investigate now, not change anything. Finish your investigation, then end your turn with a plan (what you will change, in which files, and how you will check it) for the person to approve.';

export function permissionFor(
	mode: AgentMode,
	toolName: string,
	args: unknown
): PermissionDecision {
	if (mode === 'normal') return ALLOWED;
	if (READERS.has(toolName) || toolName === 'todo_write') return ALLOWED;
	switch (toolName) {
		case 'bash':
			return readOnlyBash(args, PLAN_REFUSAL);
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
	return toolName === 'bash' ? readOnlyBash(args, reason) : refuse(reason);
}

/**
 * The policy of an agent loop: its current mode (read at each call, so a switch applies at
 * once) and, when given, an extra check (a subagent's limits) that must allow the call too.
 */
export function agentPermission(mode: () => AgentMode, extra?: PermissionCheck): PermissionCheck {
	const byMode: PermissionCheck = (toolName, args) => permissionFor(mode(), toolName, args);
	return extra ? combinePermissions(byMode, extra) : byMode;
}

/** Both policies at once: a call runs only when each allows it (a subagent started in plan mode). */
export function combinePermissions(...checks: PermissionCheck[]): PermissionCheck {
	return (toolName, args) => {
		for (const check of checks) {
			const decision = check(toolName, args);
			if (!decision.allowed) return decision;
		}
		return ALLOWED;
	};
}

function readOnlyBash(args: unknown, context: string): PermissionDecision {
	const command = (args as { command?: unknown } | null)?.command;
	if (typeof command !== 'string') return refuse(`${context} The bash call has no command.`);
	const verdict = classifyCommand(command);
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
