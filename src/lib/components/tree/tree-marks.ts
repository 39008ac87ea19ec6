import type { AgentChange } from './AgentMark.svelte';

/**
 * Every description a tree row can carry, by the suffix of its element's id. A row has one
 * description element, not several, so that both facts read as one phrase.
 */
export const MARK_WORDS = {
	added: 'Added by the agent',
	modified: 'Changed by the agent',
	unsaved: 'Unsaved changes',
	'added-unsaved': 'Added by the agent, unsaved changes',
	'modified-unsaved': 'Changed by the agent, unsaved changes'
} as const;

export type MarkKey = keyof typeof MARK_WORDS;

/** Which words describe a row; deleted files never show in the tree, so they have none. */
export function markKey(agent: AgentChange | undefined, unsaved: boolean): MarkKey | undefined {
	const marked = agent === 'added' || agent === 'modified' ? agent : undefined;
	if (marked && unsaved) return `${marked}-unsaved`;
	return marked ?? (unsaved ? 'unsaved' : undefined);
}

export function markWordsId(treeId: string, key: MarkKey): string {
	return `${treeId}-marks-${key}`;
}

/** The id for a row's aria-describedby, or undefined when it has no mark to describe. */
export function markDescriptionId(
	treeId: string,
	agent: AgentChange | undefined,
	unsaved: boolean
): string | undefined {
	const key = markKey(agent, unsaved);
	return key && markWordsId(treeId, key);
}
