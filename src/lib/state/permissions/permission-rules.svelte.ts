// From session, where the rules' grammar lives, not agent/permissions: that index brings the
// command classifier (sed-script, shell words) and the policy, which only the agent's turn needs.
import { formatRule, parseRule, type PermissionRule, type RuleAction } from '../../session';
import { loadPermissionRules, savePermissionRules } from '../../storage';
import { messageOf } from '../../errors';

/**
 * Where rules are kept; the app uses IndexedDB, tests may pass memory. Stored rules that cannot
 * be read are set aside by storage (its notice says so): `load` returns the readable ones.
 */
export interface PermissionRuleStore {
	load(projectId: string): Promise<readonly PermissionRule[]>;
	save(projectId: string, rules: readonly PermissionRule[]): Promise<void>;
}

const indexedDbStore: PermissionRuleStore = {
	load: loadPermissionRules,
	save: savePermissionRules
};

/**
 * One project's permission rules, as the agent reads them at each call and Settings shows
 * them. Every change is saved at once; a failed save is reported and the rules stay as stored.
 */
export class PermissionRules {
	readonly projectId: string;
	rules = $state.raw<readonly PermissionRule[]>([]);
	loaded = $state(false);
	/** What went wrong with the stored rules (a failed load or save), for the person. */
	problem = $state<string | null>(null);

	#store: PermissionRuleStore;
	#loading: Promise<void> | null = null;

	constructor(projectId: string, store: PermissionRuleStore = indexedDbStore) {
		this.projectId = projectId;
		this.#store = store;
	}

	load(): Promise<void> {
		this.#loading ??= this.#load();
		return this.#loading;
	}

	/**
	 * Adds rules (e.g. from "Always allow"); one already there is not added twice. Throws with
	 * a message for the person when a rule does not parse or cannot be saved.
	 */
	async add(added: readonly { action: RuleAction; rule: string }[]): Promise<void> {
		await this.load();
		const next = [...this.rules];
		for (const { action, rule } of added) {
			const parsed = parseRule(rule);
			if (!parsed.ok) throw new Error(parsed.error);
			const text = formatRule(parsed.rule);
			if (!next.some((have) => have.action === action && have.rule === text)) {
				next.push({ action, rule: text });
			}
		}
		await this.#save(next);
	}

	async remove(rule: PermissionRule): Promise<void> {
		await this.load();
		await this.#save(
			this.rules.filter((have) => !(have.action === rule.action && have.rule === rule.rule))
		);
	}

	async #save(next: readonly PermissionRule[]): Promise<void> {
		try {
			await this.#store.save(this.projectId, next);
		} catch (error) {
			const message = messageOf(error);
			this.problem = `The permission rules could not be saved: ${message}. They are unchanged; try again, or reload the page.`;
			throw new Error(this.problem);
		}
		this.rules = next;
		this.problem = null;
	}

	async #load(): Promise<void> {
		try {
			this.rules = await this.#store.load(this.projectId);
		} catch (error) {
			const message = messageOf(error);
			this.problem = `The permission rules could not be loaded: ${message}. Until then none apply; reload the page to try again.`;
		} finally {
			this.loaded = true;
		}
	}
}
