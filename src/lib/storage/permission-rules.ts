/**
 * A project's permission rules (allow / ask / deny by tool and pattern), kept in the settings
 * store under one key per project. Read back defensively: the record may be old, hand-edited
 * or corrupted, so every rule is validated. Bad ones go the way of every unreadable record
 * (quarantine.ts): the record as it was is kept in the quarantine, the good rules stay in place
 * and apply, and the storage notice says what was set aside.
 */
import * as z from 'zod/mini';
import { permissionRuleSchema, type PermissionRule } from '../session';
import { lazySchema } from './lazy-schema';
import { setAside } from './quarantine';
import { checkRecord } from './record-schemas';
import { getSetting, setSetting } from './settings';

const storedRulesSchema = lazySchema(() =>
	z.object({ version: z.literal(1), rules: z.array(z.unknown()) })
);

type StoredRules = z.infer<typeof storedRulesSchema>;

export function permissionRulesKey(projectId: string): string {
	return `permission-rules:${projectId}`;
}

/** The project's readable rules, in the order they were added. */
export async function loadPermissionRules(projectId: string): Promise<PermissionRule[]> {
	const key = permissionRulesKey(projectId);
	const stored = await getSetting<unknown>(key);
	if (stored === undefined) return [];
	const base = { kind: 'permission-rule', store: 'settings', key, value: stored } as const;
	const list = checkRecord<StoredRules>(storedRulesSchema, stored);
	if (!list.ok) {
		await setAside({ ...base, reason: list.reason });
		return [];
	}
	const rules: PermissionRule[] = [];
	const problems: string[] = [];
	for (const [index, entry] of list.value.rules.entries()) {
		const rule = checkRecord<PermissionRule>(permissionRuleSchema, entry);
		if (rule.ok) rules.push({ action: rule.value.action, rule: rule.value.rule });
		else problems.push(`rules.${index}: ${rule.reason}`);
	}
	if (problems.length > 0) {
		await setAside(
			{ ...base, reason: problems.join('; ') },
			{ keep: storedRules(rules), items: problems.length }
		);
	}
	return rules;
}

export async function savePermissionRules(
	projectId: string,
	rules: readonly PermissionRule[]
): Promise<void> {
	await setSetting(permissionRulesKey(projectId), storedRules(rules));
}

function storedRules(rules: readonly PermissionRule[]): StoredRules {
	return { version: 1, rules: rules.map((rule) => ({ action: rule.action, rule: rule.rule })) };
}
