/** `/compact` or `/compact FOCUS` → the focus ('' for none); undefined for any other text. */
export function parseCompactCommand(text: string): string | undefined {
	const match = /^\/compact(?:\s+([\s\S]*))?$/.exec(text.trim());
	return match ? (match[1] ?? '').trim() : undefined;
}
