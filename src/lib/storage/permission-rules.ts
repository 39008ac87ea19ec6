/**
 * A project's permission rules (allow / ask / deny by tool and pattern), kept in the settings
 * store under one key per project. Read back defensively: the record may be old, hand-edited
 * or corrupted, so every rule is validated and a bad one is skipped (and counted, so the page
 * can say so) instead of hiding the others.
 */
import * as z from 'zod';
import { permissionRuleSchema, type PermissionRule } from '../agent/permissions';
import { getSetting, setSetting } from './settings';

export interface LoadedPermissionRules {
	readonly rules: readonly PermissionRule[];
	/** Stored entries that were not valid rules (left out). */
	readonly skipped: number;
}

const storedRulesSchema = z.object({ version: z.literal(1), rules: z.array(z.unknown()) });

export function permissionRulesKey(projectId: string): string {
	return `permission-rules:${projectId}`;
}

export async function loadPermissionRules(projectId: string): Promise<LoadedPermissionRules> {
	const stored = await getSetting<unknown>(permissionRulesKey(projectId));
	if (stored === undefined) return { rules: [], skipped: 0 };
	const parsed = storedRulesSchema.safeParse(stored);
	if (!parsed.success) return { rules: [], skipped: 1 };
	const rules: PermissionRule[] = [];
	let skipped = 0;
	for (const entry of parsed.data.rules) {
		const rule = permissionRuleSchema.safeParse(entry);
		if (rule.success) rules.push({ action: rule.data.action, rule: rule.data.rule });
		else skipped++;
	}
	return { rules, skipped };
}

export async function savePermissionRules(
	projectId: string,
	rules: readonly PermissionRule[]
): Promise<void> {
	await setSetting(permissionRulesKey(projectId), {
		version: 1,
		rules: rules.map((rule) => ({ action: rule.action, rule: rule.rule }))
	});
}
