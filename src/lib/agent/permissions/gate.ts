/**
 * The one place a tool call is let through, refused, or held for a person to decide: the mode
 * and rules (decidePermission) first, then, when they say "ask", the front end's prompt (the
 * chat's buttons, the CLI's terminal question). Tools never ask themselves.
 */
import type { AgentMode } from '../types';
import {
	decidePermission,
	type PermissionCall,
	type PermissionCheck,
	type PermissionDecision
} from './policy';
import { permissionAction } from './prompt-wording';
import type { PermissionRule } from './rules';

/** "Always allow" keeps the allow rules of the prompt, then runs the call. */
export type PermissionAnswer = 'allow' | 'always' | 'deny';

export interface PermissionPrompt {
	readonly toolCallId: string;
	readonly toolName: string;
	readonly args: unknown;
	/** The command, or the path: what the person is asked about. */
	readonly summary: string;
	/** Rules "Always allow" adds, e.g. `bash(npm test *)` or `edit`. */
	readonly alwaysRules: readonly string[];
}

export { permissionAction };

/**
 * Asks the person. The signal is the turn's: when it aborts (Stop) the prompt must go away;
 * the gate already counts the call as denied.
 */
export type PermissionPrompter = (
	prompt: PermissionPrompt,
	signal: AbortSignal
) => Promise<PermissionAnswer>;

/** What a front end hands the agent: its rules, its way of asking, where "Always" rules go. */
export interface PermissionSetup {
	/** Read at each call, so rules edited in Settings apply at once. */
	rules?: () => readonly PermissionRule[];
	/** Absent: nobody can be asked (no terminal), and a call that needs asking is refused. */
	prompt?: PermissionPrompter;
	/** Keeps the rules of an "Always allow" answer (the app stores them with the project). */
	addRules?: (rules: readonly PermissionRule[]) => void | Promise<void>;
	/** The mode to follow instead of the agent's own log (a subagent follows its parent's). */
	mode?: () => AgentMode;
	/**
	 * The project's real folder when commands run on a real machine (the CLI): a command that reads
	 * outside it is then not run unasked as read-only. Absent in the browser, whose runtimes hold
	 * nothing but the project.
	 */
	projectRoot?: string;
}

const ALLOWED: PermissionDecision = { allowed: true };

/**
 * The permission check of an agent loop: the mode (read at each call) and rules, the person's
 * answer where needed, and an extra check (a subagent's limits) that must allow the call too.
 */
export function permissionGate(
	mode: () => AgentMode,
	setup: PermissionSetup = {},
	extra?: PermissionCheck
): PermissionCheck {
	return async (toolName, args, call) => {
		if (extra) {
			const limited = await extra(toolName, args, call);
			if (!limited.allowed) return limited;
		}
		const verdict = decidePermission(
			mode(),
			setup.rules?.() ?? [],
			toolName,
			args,
			setup.projectRoot
		);
		if (verdict.kind === 'allow') return ALLOWED;
		if (verdict.kind === 'deny') return { allowed: false, reason: verdict.reason };
		if (!setup.prompt || !call)
			return { allowed: false, reason: noOneToAsk(toolName, verdict.alwaysRules) };
		const answer = await ask(
			setup.prompt,
			{
				toolCallId: call.toolCallId,
				toolName,
				args,
				summary: call.summary,
				alwaysRules: verdict.alwaysRules
			},
			call
		);
		if (answer === 'deny') {
			return {
				allowed: false,
				reason: call.signal.aborted
					? `The person stopped the turn while this ${toolName} call waited for their permission; it did not run.`
					: `The person denied this ${toolName} call (${call.summary}); it did not run. Do not retry it as is: ask them what they want instead, or take another way that they may accept.`
			};
		}
		if (answer === 'always' && setup.addRules) {
			try {
				await setup.addRules(verdict.alwaysRules.map((rule) => ({ action: 'allow', rule })));
			} catch {
				// The answer still stands for this call; the front end reports its storage failure.
			}
		}
		return ALLOWED;
	};
}

/** The prompt's answer, or 'deny' as soon as the turn is stopped (or the prompt fails). */
async function ask(
	prompter: PermissionPrompter,
	prompt: PermissionPrompt,
	call: PermissionCall
): Promise<PermissionAnswer> {
	const { signal } = call;
	if (signal.aborted) return 'deny';
	let onAbort: (() => void) | undefined;
	const stopped = new Promise<PermissionAnswer>((resolve) => {
		onAbort = () => resolve('deny');
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		return await Promise.race([prompter(prompt, signal).catch(() => 'deny' as const), stopped]);
	} finally {
		if (onAbort) signal.removeEventListener('abort', onAbort);
	}
}

function noOneToAsk(toolName: string, alwaysRules: readonly string[]): string {
	const rule = alwaysRules[0] ?? toolName;
	return `Not run: no one to ask here for permission (the mode or a rule says to ask before this ${toolName} call). Do what you can without it and say what is left; the person can allow it with a rule such as ${rule} (kiln run --allow '${rule}').`;
}
