/** The message of whatever was thrown, for error texts a person reads. */
export function describeError(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
