/**
 * `/rewind` → null (the last message), `/rewind N` → N (counted from 1); anything else, including
 * `/rewinder`, is no rewind command (undefined).
 */
export function parseRewindCommand(text: string): number | null | undefined {
	const match = /^\/rewind(?:\s+(\S+))?\s*$/.exec(text.trim());
	if (!match) return undefined;
	if (match[1] === undefined) return null;
	const number = Number(match[1]);
	// A word that is not a message number is still the command: request() says what is valid.
	return Number.isInteger(number) && number >= 1 ? number : 0;
}
