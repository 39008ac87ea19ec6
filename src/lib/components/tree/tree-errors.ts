/** The cause of a failed file operation, ready to end a sentence that says what to do next. */
export function messageOf(cause: unknown): string {
	return (cause instanceof Error ? cause.message : String(cause)).replace(/[.\s]+$/, '');
}
