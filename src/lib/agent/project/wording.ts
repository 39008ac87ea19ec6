// Small helpers the map, the tree and the edit diffs share. Apart from file-tree.ts and
// relevance.ts on purpose: the edit diffs are loaded with the IDE (before the first send), and
// those two reach the outline parsers, which load with the rest of the agent.

export function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Plain code-unit order: the same on every machine (localeCompare is not). */
export function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
