/** What the transcript says where the context was made smaller. */
import type { AgentError, SessionEvent } from '../../agent';
import { formatTokens } from './format-tokens';
import type { MarkerItem } from './view-model';

export function clearedMarker(
	key: string,
	event: Extract<SessionEvent, { type: 'context-cleared' }>
): MarkerItem {
	const n = event.toolCallIds.length;
	return {
		kind: 'marker',
		key,
		code: 'context-cleared',
		at: event.at,
		message: `Cleared ${n} old tool result${n === 1 ? '' : 's'} (~${formatTokens(event.tokensFreed)} tokens) to keep the context small`
	};
}

export function compactionMarker(
	key: string,
	event: Extract<SessionEvent, { type: 'compaction' }>
): MarkerItem {
	const sizes = `${formatTokens(event.tokensBefore)} → ${formatTokens(event.tokensAfter)} tokens`;
	const focus = event.focus ? `, focused on “${event.focus}”` : '';
	const why = event.manual ? ' on request' : '';
	return {
		kind: 'marker',
		key,
		code: 'compaction',
		at: event.at,
		message: event.overflow
			? `The prompt was too long for the model${overflowSizes(event.overflow)}; Kiln compacted the conversation (${sizes}) and retried.`
			: `Conversation compacted${why}: ${sizes}${focus}`,
		summary: event.summary
	};
}

export function compactingMarker(key: string, manual: boolean, at: number): MarkerItem {
	return {
		kind: 'marker',
		key,
		code: 'compacting',
		at,
		message: manual
			? 'Compacting the conversation…'
			: 'The context is nearly full: compacting the conversation…'
	};
}

export function compactionFailedMarker(key: string, error: AgentError, at: number): MarkerItem {
	return {
		kind: 'marker',
		key,
		code: 'compaction-failed',
		at,
		message: `The conversation could not be compacted: ${sentence(error.message)} The session goes on uncompacted; try /compact again later.`
	};
}

function overflowSizes(overflow: { tokens?: number; limit?: number }): string {
	const { tokens, limit } = overflow;
	return tokens && limit
		? ` (${formatTokens(tokens)} tokens, it takes ${formatTokens(limit)})`
		: '';
}

function sentence(text: string): string {
	const trimmed = text.trim();
	return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
