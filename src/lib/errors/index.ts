// The lowest layer: every other folder may import it, and it imports nothing.

/** The message of whatever was thrown (an Error or anything else), for a sentence a person reads. */
export function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** The same message without its closing full stop, to sit mid-sentence before "Try again". */
export function clauseOf(error: unknown): string {
	return messageOf(error).replace(/[.\s]+$/, '');
}
