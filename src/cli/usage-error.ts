/** A mistake in how the CLI was called (exit code 2), as opposed to a tool or model failure. */
export class UsageError extends Error {
	override readonly name = 'UsageError';
}
