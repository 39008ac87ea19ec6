/** Why a static preview cannot be shown, in words a person can act on. */
export class PreviewUnavailableError extends Error {
	override readonly name = 'PreviewUnavailableError';
}
