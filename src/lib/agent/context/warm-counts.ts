/**
 * Token counts of an opened session, ahead of its next message. A 1,000-message session's first
 * request would count every message of it in the send's task (well over the 50 ms a person can
 * feel); warmed in idle time once the session is on screen, that request counts from memory.
 */
import { TOOL_NAMES, toolDefinitions } from '../../tools';
import { buildRequest } from '../request-builder';
import type { SessionEvent } from '../types';
import { countedTexts } from './snapshot';
import { nextCountingIdle, warmTokenCounts } from './tokens';

/** Counts, a slice at a time in idle time, what the next request over `events` will hold. */
export async function warmSessionTokenCounts(
	events: readonly SessionEvent[],
	signal?: AbortSignal
): Promise<void> {
	// Each tool's JSON Schema is built on first use and kept: one tool per idle period, since all
	// of them at once were one task of 60-90 ms at 4x CPU.
	for (const name of TOOL_NAMES) {
		if (signal?.aborted) return;
		toolDefinitions([name]);
		await nextCountingIdle();
	}
	const request = buildRequest({ model: '', events, tools: toolDefinitions(), maxTokens: 1 });
	await warmTokenCounts(countedTexts(request), signal);
}
