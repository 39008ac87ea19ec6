/** An error's message for a sentence shown to the person (anything thrown, not only Errors). */
export function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
