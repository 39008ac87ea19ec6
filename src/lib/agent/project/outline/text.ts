import type { SyntaxNode } from '@lezer/common';

/** One line of source text: whitespace runs collapsed, cut with an ellipsis past `max`. */
export function oneLine(text: string, max: number): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length <= max ? flat : flat.slice(0, max - 1).trimEnd() + '…';
}

export function textOf(source: string, node: SyntaxNode | null | undefined): string {
	return node ? source.slice(node.from, node.to) : '';
}

export function* childrenOf(node: SyntaxNode): Generator<SyntaxNode> {
	for (let child = node.firstChild; child; child = child.nextSibling) yield child;
}

/** `a, b, c, …` with at most `max` names. */
export function nameList(names: readonly string[], max: number): string {
	const shown = names.slice(0, max).join(', ');
	return names.length > max ? `${shown}, … (${names.length - max} more)` : shown;
}
