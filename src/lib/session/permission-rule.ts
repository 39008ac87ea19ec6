/**
 * The grammar of a permission rule, Claude-Code style: `bash(npm test)`, `bash(npm run *)`,
 * `edit(src/**)`, `write`. It lives here, below the agent (which matches rules against calls, in
 * agent/permissions) and storage (which validates every stored rule when reading it back).
 */
import * as z from 'zod/mini';

export const RULE_ACTIONS = ['allow', 'ask', 'deny'] as const;
export type RuleAction = (typeof RULE_ACTIONS)[number];

export interface PermissionRule {
	readonly action: RuleAction;
	/** As the person wrote it: `bash(npm test)`, `edit(src/**)`, `write`. */
	readonly rule: string;
}

/** Tools a rule may name. `edit` rules also cover `write` (both change files). */
export const RULE_TOOLS = [
	'bash',
	'edit',
	'write',
	'read',
	'glob',
	'grep',
	'list',
	'todo_write',
	'task'
] as const;

const MAX_RULE_CHARS = 1000;

export interface ParsedRule {
	readonly tool: string;
	/** Absent (or `*`): every call of the tool. */
	readonly pattern?: string;
}

export type RuleParse =
	{ readonly ok: true; readonly rule: ParsedRule } | { readonly ok: false; readonly error: string };

export function parseRule(text: string): RuleParse {
	const trimmed = text.trim();
	const example =
		'Write it as tool or tool(pattern), e.g. bash(npm test), bash(npm run *), edit(src/**) or write.';
	if (trimmed === '') return { ok: false, error: `The rule is empty. ${example}` };
	if (trimmed.length > MAX_RULE_CHARS) {
		return { ok: false, error: `The rule is longer than ${MAX_RULE_CHARS} characters. ${example}` };
	}
	const match = /^([A-Za-z_]+)\s*(?:\(([\s\S]*)\))?$/.exec(trimmed);
	if (!match) return { ok: false, error: `"${trimmed}" is not a rule. ${example}` };
	const tool = match[1]!.toLowerCase();
	if (!(RULE_TOOLS as readonly string[]).includes(tool)) {
		return {
			ok: false,
			error: `"${match[1]}" is not a tool Kiln has; rules name one of ${RULE_TOOLS.join(', ')}. ${example}`
		};
	}
	const pattern = match[2]?.trim();
	if (pattern === '') {
		return { ok: false, error: `The parentheses of "${trimmed}" are empty. ${example}` };
	}
	if (pattern === undefined || pattern === '*') return { ok: true, rule: { tool } };
	return { ok: true, rule: { tool, pattern } };
}

/** The rule as stored and shown: the tool in lower case, the pattern trimmed. */
export function formatRule(rule: ParsedRule): string {
	return rule.pattern === undefined ? rule.tool : `${rule.tool}(${rule.pattern})`;
}

/**
 * One stored rule; `rule` must parse (checked on every read back from storage). Built on first
 * use, like storage's schemas (storage/lazy-schema.ts): this module loads with the page.
 */
export const permissionRuleSchema = z.lazy(() =>
	z.object({
		action: z.enum(RULE_ACTIONS),
		rule: z.string().check(
			z.maxLength(MAX_RULE_CHARS),
			z.refine((text) => parseRule(text).ok, { message: 'not a valid permission rule' })
		)
	})
);
