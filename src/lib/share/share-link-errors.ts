/**
 * Every way a share link can fail to open, each with what happened and what to do next. The
 * link itself never appears in a message: it is the sender's project, and messages get copied
 * into bug reports.
 */

export type ShareLinkProblem =
	/** Cut off on its way (a chat app, an email client or a copy that missed the end). */
	| 'truncated'
	/** Changed on its way, or not a Kiln link at all. */
	| 'corrupted'
	/** Made by a newer Kiln than this one. */
	| 'unsupported-version'
	/** Decodes to more than a link may hold (a decompression bomb, or a hostile link). */
	| 'too-large'
	/** Paths that would leave the project, duplicates, or more files than allowed. */
	| 'unsafe';

const WHAT_TO_DO =
	'Ask the sender for the whole link again (copied with the Copy button), or for the project as an exported zip.';

export class ShareLinkError extends Error {
	readonly problem: ShareLinkProblem;

	constructor(problem: ShareLinkProblem, detail: string) {
		super(`${detail} ${problem === 'unsupported-version' ? UPDATE : WHAT_TO_DO}`);
		this.name = 'ShareLinkError';
		this.problem = problem;
	}
}

const UPDATE =
	'Reload Kiln to get its newest version and open the link again, or ask the sender for the project as an exported zip.';

export function truncated(detail: string): ShareLinkError {
	return new ShareLinkError('truncated', `This link is incomplete: ${detail}.`);
}

export function corrupted(detail: string): ShareLinkError {
	return new ShareLinkError('corrupted', `This link is damaged: ${detail}.`);
}

export function unsafe(detail: string): ShareLinkError {
	return new ShareLinkError('unsafe', `This link was refused: ${detail}.`);
}

export function tooLarge(detail: string): ShareLinkError {
	return new ShareLinkError('too-large', `This link was refused: ${detail}.`);
}
