/**
 * Clearing old tool results: the cheapest way to keep a context small. A cleared result is sent
 * as a one-line placeholder that says what it was and how to get it back; the log keeps the
 * full output. Clearing changes the request from the first cleared result on, so the cache is
 * rewritten from there: it happens in batches big enough to pay for that (see ContextPolicy).
 */
import { summarizeToolCall } from '../../tools';
import type { ImageRef } from '../../session';
import type { SessionEvent } from '../types';
import { clearedImageNote, imageTokens, type ImageOrigin } from './images';
import type { ContextPolicy } from './policy';
import { countTokens } from './tokens';

/** The placeholder the model sees instead of a cleared result. Deterministic (rebuildRequest). */
export function clearedPlaceholder(
	name: string,
	input: Record<string, unknown>,
	output: string
): string {
	const lines = output === '' ? 0 : output.split('\n').length;
	const target = safeSummary(name, input);
	const returned = `returned ${lines} line${lines === 1 ? '' : 's'}`;
	switch (name) {
		case 'read':
			return `[cleared to save context: this read of ${target || 'a file'} ${returned} — read it again if you need it]`;
		case 'grep':
		case 'glob':
			return `[cleared to save context: this ${name} for ${target} ${returned} — run it again if you need it]`;
		case 'list':
			return `[cleared to save context: this listing of ${target || '.'} ${returned} — list it again if you need it]`;
		case 'bash':
			return `[cleared to save context: the output of \`${target}\` (${lines} line${lines === 1 ? '' : 's'}) — run the command again if you need it, minding its side effects]`;
		default:
			return `[cleared to save context: this ${name} call${target ? ` (${target})` : ''} ${returned} — call it again if you need it]`;
	}
}

function safeSummary(name: string, input: Record<string, unknown>): string {
	try {
		return summarizeToolCall(name, input);
	} catch {
		return '';
	}
}

/** Index of the first event the model sees: right after the latest compaction. */
export function viewStart(events: readonly SessionEvent[]): number {
	for (let i = events.length - 1; i >= 0; i--) {
		if (events[i]!.type === 'compaction') return i + 1;
	}
	return 0;
}

/**
 * Tool calls whose results the model sees only as placeholders, and user messages (by id) whose
 * images it sees only as placeholders: a context-cleared event lists both kinds of id.
 */
export function clearedToolCallIds(events: readonly SessionEvent[]): Set<string> {
	const ids = new Set<string>();
	for (const event of events) {
		if (event.type === 'context-cleared') for (const id of event.toolCallIds) ids.add(id);
	}
	return ids;
}

export interface ClearingPlan {
	readonly toolCallIds: string[];
	readonly tokensFreed: number;
}

export interface ClearingInput {
	events: readonly SessionEvent[];
	/** Estimated tokens of the next request as it stands. */
	estimate: number;
	window: number;
	policy: ContextPolicy;
	/** The model gets images as images (clearing them saves their tokens); default false. */
	imagesAccepted?: boolean;
}

/**
 * Which results (and images the person attached) to clear, oldest first, or undefined when
 * clearing would not free enough to pay for the cache rewrite it causes.
 */
export function planClearing(input: ClearingInput): ClearingPlan | undefined {
	const { events, estimate, window, policy } = input;
	const cleared = clearedToolCallIds(events);
	const calls = new Map<string, { name: string; input: Record<string, unknown> }>();
	const seen = new Set<string>();
	const candidates: { id: string; saves: number }[] = [];
	const imageSavings = (refs: readonly ImageRef[] | undefined, origin: ImageOrigin): number =>
		input.imagesAccepted
			? sum(
					(refs ?? []).map((ref) => imageTokens(ref) - countTokens(clearedImageNote(ref, origin)))
				)
			: 0;
	for (const event of events.slice(viewStart(events))) {
		if (event.type === 'user-message' && event.images?.length && !cleared.has(event.id)) {
			candidates.push({ id: event.id, saves: imageSavings(event.images, 'attached') });
			continue;
		}
		if (event.type === 'assistant-step') {
			for (const block of event.message.content) {
				if (block.type === 'tool_call') calls.set(block.id, block);
			}
		}
		if (event.type !== 'tool-result' || seen.has(event.toolCallId)) continue;
		const call = calls.get(event.toolCallId);
		if (!call) continue;
		seen.add(event.toolCallId);
		if (cleared.has(event.toolCallId)) continue;
		const saves =
			countTokens(event.output) -
			countTokens(clearedPlaceholder(call.name, call.input, event.output)) +
			imageSavings(event.images, 'screenshot');
		candidates.push({ id: event.toolCallId, saves });
	}
	const clearable = candidates.slice(0, Math.max(0, candidates.length - policy.keepRecentResults));

	const minimum = Math.min(policy.minClearTokens, policy.minClearShare * estimate);
	const goal = Math.max(minimum, estimate - policy.clearTargetShare * window);
	const toolCallIds: string[] = [];
	let tokensFreed = 0;
	for (const candidate of clearable) {
		if (tokensFreed >= goal) break;
		// Tiny results save nothing; clearing them would only move the cache rewrite earlier.
		if (candidate.saves <= 0) continue;
		toolCallIds.push(candidate.id);
		tokensFreed += candidate.saves;
	}
	if (tokensFreed < minimum || toolCallIds.length === 0) return undefined;
	return { toolCallIds, tokensFreed };
}

function sum(values: readonly number[]): number {
	return values.reduce((total, value) => total + value, 0);
}
