/**
 * The lines of a unified diff (as write and edit report it), classified for colouring. The
 * file headers are dropped: the card already names the file.
 */
export type DiffLineKind = 'add' | 'remove' | 'context' | 'hunk' | 'note';

export interface DiffLine {
	readonly kind: DiffLineKind;
	readonly text: string;
}

export function diffLines(diff: string): DiffLine[] {
	const lines = diff.replace(/\n$/, '').split('\n');
	const first = lines.findIndex((line) => line.startsWith('@@'));
	if (first < 0) return [];
	return lines.slice(first).map((text): DiffLine => {
		if (text.startsWith('@@')) return { kind: 'hunk', text };
		if (text.startsWith('+')) return { kind: 'add', text };
		if (text.startsWith('-')) return { kind: 'remove', text };
		if (text.startsWith('\\')) return { kind: 'note', text };
		return { kind: 'context', text };
	});
}

/** "+3 −1" for a card's header. */
export function diffStat(lines: readonly DiffLine[]): { added: number; removed: number } {
	let added = 0;
	let removed = 0;
	for (const line of lines) {
		if (line.kind === 'add') added++;
		else if (line.kind === 'remove') removed++;
	}
	return { added, removed };
}
