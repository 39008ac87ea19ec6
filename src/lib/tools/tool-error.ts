import type { ToolMetadata } from './types';

/**
 * Thrown inside a tool for a failure the model should read and act on (missing file, refused
 * edit). runTool turns it into `{ ok: false, output: message }`; the message says what happened
 * and what to do next.
 */
export class ToolError extends Error {
	override readonly name = 'ToolError';
	constructor(
		message: string,
		readonly metadata?: ToolMetadata
	) {
		super(message);
	}
}

/** The call was stopped (the person pressed Stop) before the tool could finish. */
export class ToolAbortedError extends Error {
	override readonly name = 'ToolAbortedError';
	constructor() {
		super('Stopped by the user before the tool finished.');
	}
}

export function throwIfAborted(signal: AbortSignal): void {
	if (signal.aborted) throw new ToolAbortedError();
}
