/**
 * Runs one compaction: the summary request (the cached prefix plus an instruction), then the
 * 'compaction' event that makes later requests start from the summary.
 */
import type { Provider, RetryOptions, ToolDefinition, Usage } from '../../providers';
import { runModelStep, toAgentError, ZERO_USAGE } from '../model-step';
import { buildRequest } from '../request-builder';
import type { RequestImages } from '../request-images';
import type { AgentError, AgentMode, LiveEvent, SessionEvent } from '../types';
import { buildReinjection, compactionRequest, type ReinjectionSources } from './compaction';
import type { ContextPolicy } from './policy';
import { estimateRequestTokens, snapshotRequest } from './snapshot';

export interface CompactionRun {
	provider: Provider;
	model: string;
	tools: readonly ToolDefinition[];
	maxTokens: number;
	/** The session's images as the step requests send them (the summary reuses their prefix). */
	images?: RequestImages;
	/** The log as it is now (read again after each append). */
	events: () => readonly SessionEvent[];
	persist: (event: SessionEvent) => Promise<void>;
	emit: (event: LiveEvent) => void;
	signal: AbortSignal;
	retry: Partial<RetryOptions>;
	policy: ContextPolicy;
	sources: ReinjectionSources;
	window: number;
	mode: AgentMode;
	manual: boolean;
	focus?: string;
	/** The model refused the previous request as too long: recorded on the compaction event. */
	overflow?: { tokens?: number; limit?: number };
}

export type CompactionOutcome =
	{ ok: true; usage: Usage } | { ok: false; aborted: boolean; error?: AgentError; usage: Usage };

/** True when there is a conversation since the latest compaction worth summarising. */
export function canCompact(events: readonly SessionEvent[]): boolean {
	for (let i = events.length - 1; i >= 0; i--) {
		const type = events[i]!.type;
		if (type === 'compaction') return false;
		if (type === 'assistant-step') return true;
	}
	return false;
}

export async function runCompaction(run: CompactionRun): Promise<CompactionOutcome> {
	run.emit({ type: 'compacting', manual: run.manual });
	const base = buildRequest({
		model: run.model,
		events: run.events(),
		tools: run.tools,
		maxTokens: run.maxTokens,
		...(run.images ? { images: run.images } : {})
	});
	const tokensBefore = estimateRequestTokens(base);
	const request = compactionRequest(base, run.focus);
	await run.persist({
		type: 'request',
		at: Date.now(),
		step: 0,
		snapshot: snapshotRequest(request, {
			kind: 'compaction',
			...(run.focus ? { focus: run.focus } : {})
		})
	});
	const outcome = await runModelStep({
		provider: run.provider,
		request,
		step: 0,
		signal: run.signal,
		retry: run.retry,
		// The summary is not part of the chat: only retries are worth showing.
		emit: (event) => {
			if (event.type === 'retry') run.emit(event);
		}
	});
	const usage = { ...(outcome.accumulator.usage ?? ZERO_USAGE) };
	const failed = (error?: AgentError): CompactionOutcome => {
		if (error) run.emit({ type: 'compaction-failed', error });
		return { ok: false, aborted: outcome.aborted, ...(error ? { error } : {}), usage };
	};
	if (!outcome.complete) {
		return failed(outcome.error ? toAgentError(outcome.error) : undefined);
	}
	const summary = outcome.accumulator.content
		.flatMap((block) => (block.type === 'text' ? [block.text] : []))
		.join('\n')
		.trim();
	if (summary === '') {
		return failed({
			kind: 'compaction',
			message:
				'The model answered the compaction request without a summary, so the session was not compacted. Try /compact again, or start a new session if the context is full.'
		});
	}
	const reinjected = await buildReinjection({
		events: run.events(),
		manual: run.manual,
		mode: run.mode,
		policy: run.policy,
		sources: run.sources,
		window: run.window
	});
	const event: Extract<SessionEvent, { type: 'compaction' }> = {
		type: 'compaction',
		at: Date.now(),
		summary,
		...(run.focus ? { focus: run.focus } : {}),
		manual: run.manual,
		...(run.overflow ? { overflow: run.overflow } : {}),
		...(reinjected ? { reinjected } : {}),
		tokensBefore,
		tokensAfter: 0,
		usage,
		model: run.model
	};
	const after = buildRequest({
		model: run.model,
		events: [...run.events(), event],
		tools: run.tools,
		maxTokens: run.maxTokens,
		...(run.images ? { images: run.images } : {})
	});
	await run.persist({ ...event, tokensAfter: estimateRequestTokens(after) });
	return { ok: true, usage };
}
