/**
 * Permission rules, Claude-Code style: `bash(npm test)` (that exact command), `bash(npm run *)`
 * (a command prefix), `edit(src/**)` (a glob over the path, via picomatch), `write` (every call
 * of a tool). Each rule allows, asks or denies; the policy weighs deny > ask > allow.
 *
 * Rules come from the person (Settings, `--allow`, "Always allow") and are stored per project,
 * so they are parsed defensively: a rule that does not parse never matches anything.
 */
import picomatch from 'picomatch';
import { commandViews, runsAnyCommand } from './command-views';
import { normalizePathLoose } from './path-text';
import { simpleCommands } from './read-only-command';

export {
	formatRule,
	parseRule,
	permissionRuleSchema,
	RULE_ACTIONS,
	RULE_TOOLS,
	type ParsedRule,
	type PermissionRule,
	type RuleAction,
	type RuleParse
} from '../../session';
import type { ParsedRule, RuleAction } from '../../session';

/** Whether the rule's tool covers this call's tool. */
export function ruleCoversTool(rule: ParsedRule, toolName: string): boolean {
	return rule.tool === toolName || (rule.tool === 'edit' && toolName === 'write');
}

/**
 * Whether a bash rule's pattern matches one simple command (words joined by single spaces).
 * `npm run *` and `npm run:*` match `npm run` followed by anything or nothing, `npm run*` any
 * text that starts so; without `*` the command must be exactly the pattern.
 */
export function commandMatches(pattern: string, command: string): boolean {
	const text = squash(command);
	if (!pattern.endsWith('*')) return text === squash(pattern);
	const head = pattern.slice(0, -1);
	if (/[\s:]$/.test(head)) {
		const prefix = squash(head.replace(/:$/, ''));
		return text === prefix || text.startsWith(`${prefix} `);
	}
	return text.startsWith(squash(head));
}

/**
 * Whether a path rule's glob matches the call's path (project-relative), after `.`, `..`, `\\`
 * and doubled slashes are resolved: `src/../secrets/key` is `secrets/key`. `loose` (deny and
 * ask rules) also ignores case and Unicode composition, which many disks ignore too.
 */
export function pathMatches(pattern: string, path: string, loose = false): boolean {
	return picomatch(normalizePathLoose(pattern), { dot: true, nocase: loose })(
		normalizePathLoose(path)
	);
}

/**
 * Whether a (non-bash) rule matches this call. bash is weighed per simple command by the
 * policy (see matchingCommands).
 */
export function ruleMatchesCall(
	rule: ParsedRule,
	toolName: string,
	args: unknown,
	action: RuleAction = 'deny'
): boolean {
	if (!ruleCoversTool(rule, toolName)) return false;
	if (rule.pattern === undefined) return true;
	const record = (args ?? {}) as Record<string, unknown>;
	if (toolName === 'bash') {
		const command = typeof record.command === 'string' ? record.command : '';
		return matchingCommands(rule.pattern, command).some(Boolean);
	}
	if (toolName === 'task') return rule.pattern === record.agent;
	const path = typeof record.path === 'string' ? record.path : '.';
	return pathMatches(rule.pattern, path, action !== 'allow');
}

/**
 * For deny and ask rules: for each simple command of `command`, whether the pattern matches it
 * or any command it wraps (`env rm`, `/bin/rm`, `bash -c 'rm …'`: see command-views.ts).
 * A line that cannot be split (command substitution…) is one item, and matches when the
 * pattern's literal text appears anywhere in it: a denied command hidden in `$(…)` stays denied.
 */
export function matchingCommands(pattern: string, command: string, depth = 0): boolean[] {
	const parts = simpleCommands(command);
	if (!parts)
		return [commandMatches(pattern, command) || squash(command).includes(literalOf(pattern))];
	return parts.map(
		(part) =>
			commandMatches(pattern, part.text) ||
			commandViews(part.words).some((view) =>
				'words' in view
					? commandMatches(pattern, view.words.join(' '))
					: depth > 4 || matchingCommands(pattern, view.script, depth + 1).some(Boolean)
			)
	);
}

/**
 * For allow rules: whether the pattern vouches for this simple command. A line that cannot be
 * split is vouched for only by a pattern without `*` equal to the whole line, since what it
 * really runs cannot be seen. Nor does a prefix vouch for output sent into a file
 * (`npm test > ~/.bashrc` is not "npm test with arguments"): only an exact rule does.
 */
export function allowMatches(
	pattern: string,
	command: string,
	verifiable: boolean,
	writesFile = false
): boolean {
	if (verifiable && !(writesFile && pattern.endsWith('*'))) return commandMatches(pattern, command);
	return !pattern.endsWith('*') && squash(pattern) === squash(command);
}

/** The pattern without its trailing `*` (and `:` or space before it). */
function literalOf(pattern: string): string {
	return squash(pattern.replace(/[\s:]*\*$/, ''));
}

/** Tools whose second word names what they do (`npm test`, `git commit`). */
const SUBCOMMAND_TOOLS = new Set([
	'npm',
	'npx',
	'pnpm',
	'yarn',
	'bun',
	'deno',
	'git',
	'cargo',
	'go',
	'pip',
	'pip3',
	'docker',
	'kubectl',
	'make'
]);

/**
 * The prefix rule "Always allow" adds for one simple command: `bash(npm test *)`, `bash(rm *)`;
 * the exact command for one that runs whatever its arguments say (`timeout 60 npm test`).
 */
export function prefixRuleFor(command: string): string {
	const words = squash(command).split(' ');
	const [first, second] = words;
	if (first !== undefined && runsAnyCommand(first)) return `bash(${words.join(' ')})`;
	const keep =
		first !== undefined && SUBCOMMAND_TOOLS.has(first) && second && !second.startsWith('-') ? 2 : 1;
	return `bash(${words.slice(0, keep).join(' ')} *)`;
}

function squash(text: string): string {
	return text.trim().replace(/\s+/g, ' ');
}
