import type { Workspace } from '../../workspace';

/**
 * The part of the workspace the project helpers use. A Workspace satisfies it; `peekText` keeps
 * the map synchronous per file (the index already holds the text), so a 1000-file project costs
 * no runtime round trips.
 */
export type ProjectWorkspace = Pick<
	Workspace,
	'allFiles' | 'peekText' | 'exists' | 'getFile' | 'readText' | 'writeFile' | 'subscribe'
>;

/** Counts tokens of a text the way the model's tokenizer would (close enough for budgets). */
export type CountTokens = (text: string) => number;
