/** What the model combobox lists: an id, and optionally what sits beside it. */
export interface ComboOption {
	readonly id: string;
	readonly displayName?: string;
	readonly details?: string;
	readonly deprecated?: boolean;
}

/**
 * The options matching what was typed (case-insensitive, in the id or the display name), those
 * that start with it first; all of them when nothing was typed.
 */
export function filterOptions<T extends ComboOption>(options: readonly T[], query: string): T[] {
	const wanted = query.trim().toLowerCase();
	if (wanted === '') return [...options];
	const matches = options.filter((option) =>
		[option.id, option.displayName ?? ''].some((text) => text.toLowerCase().includes(wanted))
	);
	const starts = (option: T) => option.id.toLowerCase().startsWith(wanted);
	return [...matches.filter(starts), ...matches.filter((option) => !starts(option))];
}

/** The option the arrow keys move to: down from "none" is the first, and the ends wrap around. */
export function moveActive(active: number, step: 1 | -1, count: number): number {
	if (count === 0) return -1;
	if (active < 0) return step === 1 ? 0 : count - 1;
	return (active + step + count) % count;
}
