/**
 * `kiln run`'s permission options: --permission-mode ask|auto-edit|auto|plan and repeatable
 * --allow / --deny rules. With a terminal the mode defaults to ask (Kiln asks before each
 * command and edit, like Claude Code); without one nobody could answer, so the person must
 * choose a mode explicitly.
 */
import {
	AGENT_MODES,
	isAgentMode,
	parseRule,
	formatRule,
	type AgentMode,
	type PermissionRule,
	type RuleAction
} from '../lib/agent/permissions';
import { UsageError } from './usage-error';

export interface PermissionOptions {
	readonly mode: AgentMode;
	readonly rules: readonly PermissionRule[];
}

export interface PermissionFlags {
	readonly mode?: string | undefined;
	readonly allow?: readonly string[] | undefined;
	readonly deny?: readonly string[] | undefined;
}

export function resolvePermissionOptions(
	flags: PermissionFlags,
	interactive: boolean
): PermissionOptions {
	const rules = [
		...(flags.deny ?? []).map((text) => ruleFrom('deny', text)),
		...(flags.allow ?? []).map((text) => ruleFrom('allow', text))
	];
	if (flags.mode === undefined) {
		if (interactive) return { mode: 'ask', rules };
		throw new UsageError(
			`kiln run has no terminal to ask you before it runs a command or edits a file, so choose a permission mode:
  --permission-mode auto       everything runs (use a throwaway checkout or container)
  --permission-mode auto-edit  edits run; commands not allowed by --allow are refused
  --permission-mode ask        edits and commands not allowed by --allow are refused
  --permission-mode plan       read only: the agent investigates and proposes a plan
Allow what it may do with rules, e.g. --permission-mode ask --allow 'bash(npm test)' --allow 'edit(src/**)'.`
		);
	}
	if (!isAgentMode(flags.mode)) {
		throw new UsageError(
			`Unknown --permission-mode '${flags.mode}'. Use one of ${AGENT_MODES.join(', ')}.`
		);
	}
	return { mode: flags.mode, rules };
}

function ruleFrom(action: RuleAction, text: string): PermissionRule {
	const parsed = parseRule(text);
	if (!parsed.ok) throw new UsageError(`--${action} '${text}': ${parsed.error}`);
	return { action, rule: formatRule(parsed.rule) };
}
