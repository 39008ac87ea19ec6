/**
 * A picker row's text as characters, each marked when the fuzzy match hit it, for `<mark>`.
 * `show` spells each character (quick open shows deceptive ones visibly: see visibleName).
 */
export function markedChars(
	text: string,
	indexes: readonly number[],
	show: (char: string) => string = (char) => char
): { char: string; hit: boolean }[] {
	const marked = new Set(indexes);
	return [...text].map((char, index) => ({ char: show(char), hit: marked.has(index) }));
}
