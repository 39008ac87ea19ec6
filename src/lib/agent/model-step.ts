/**
 * One model step: stream the request, forward what arrives as LiveEvents, and return what the
 * step produced. Retries live here.
 *
 * Retry policy: failures before any output are retried by the providers' rules (429/529/5xx/
 * network, a stream silent past its idle timeout; retry-after honoured). A retryable failure
 * AFTER output started (a dropped connection half-way) retries the whole step too: nothing of
 * a step is persisted until it ends, so its partial output is simply discarded (the UI is told
 * by a repeated step-start) and the request is sent again. Only when the attempts run out does the partial output
 * survive, persisted by the loop as an interrupted step.
 */
import {
	ProviderError,
	StreamAccumulator,
	withRetries,
	type ModelRequest,
	type Provider,
	type RetryOptions,
	type StopReason,
	type StreamEvent,
	type Usage
} from '../providers';
import { summarizeToolCall } from '../tools';
import type { AgentError, LiveEvent } from './types';
import { messageOf } from '../errors';

export interface StepOutcome {
	readonly accumulator: StreamAccumulator;
	/** The stream ended with `stop` and was not cut by the person. */
	readonly complete: boolean;
	readonly aborted: boolean;
	/** Set when the step failed for good (after retries). */
	readonly error?: ProviderError;
}

export interface RunStepOptions {
	provider: Provider;
	request: ModelRequest;
	step: number;
	signal: AbortSignal;
	retry: Partial<RetryOptions>;
	emit: (event: LiveEvent) => void;
}

export const ZERO_USAGE: Usage = {
	inputTokens: 0,
	outputTokens: 0,
	cacheReadTokens: 0,
	cacheWriteTokens: 0
};

export async function runModelStep(options: RunStepOptions): Promise<StepOutcome> {
	const { provider, request, step, signal, emit } = options;
	let accumulator = new StreamAccumulator();
	try {
		return await withRetries(
			async () => {
				accumulator = new StreamAccumulator();
				emit({ type: 'step-start', step });
				try {
					const idleTimeout = options.retry.idleTimeout;
					for await (const event of provider.stream({
						...request,
						signal,
						...(idleTimeout && { idleTimeout })
					})) {
						accumulator.push(event);
						forward(event, emit);
					}
				} catch (error) {
					// A failure after output: retry the step from scratch (see above).
					if (error instanceof ProviderError && error.afterOutput && error.retryable) {
						throw new ProviderError(error.kind, error.message, {
							status: error.status,
							retryAfterMs: error.retryAfterMs,
							provider: error.provider,
							cause: error
						});
					}
					throw error;
				}
				const aborted = accumulator.stopReason === 'aborted' || signal.aborted;
				return { accumulator, complete: !aborted, aborted };
			},
			{
				...options.retry,
				signal,
				onRetry: (info) => {
					options.retry.onRetry?.(info);
					emit({
						type: 'retry',
						attempt: info.attempt,
						delayMs: info.delayMs,
						error: toAgentError(info.error)
					});
				}
			}
		);
	} catch (error) {
		if (signal.aborted || (error instanceof ProviderError && error.kind === 'aborted')) {
			return { accumulator, complete: false, aborted: true };
		}
		const failure =
			error instanceof ProviderError
				? error
				: new ProviderError(
						'server',
						`The model call failed unexpectedly: ${messageOf(error)}. Send the message again; if it keeps failing, report it as a Kiln bug.`,
						{ provider: provider.id, cause: error, retryable: false }
					);
		return { accumulator, complete: false, aborted: false, error: failure };
	}
}

function forward(event: StreamEvent, emit: (event: LiveEvent) => void): void {
	switch (event.type) {
		case 'text-delta':
			emit({ type: 'text-delta', text: event.text });
			break;
		case 'thinking-delta':
			if (event.text !== '') emit({ type: 'thinking-delta', text: event.text });
			break;
		case 'tool-call-start':
			emit({ type: 'tool-call-start', id: event.id, name: event.name });
			break;
		case 'tool-call-delta':
			emit({ type: 'tool-call-args', id: event.id, argsDelta: event.argsDelta });
			break;
		case 'tool-call-end':
			emit({
				type: 'tool-call-ready',
				id: event.id,
				name: event.name,
				input: event.input ?? event.rawArguments,
				summary: event.input ? summarize(event.name, event.input) : ''
			});
			break;
		case 'redacted-thinking':
		case 'usage':
		case 'stop':
			break;
	}
}

export function toAgentError(error: ProviderError): AgentError {
	return { kind: error.kind, message: error.message };
}

/** The stop reason recorded for a step, including cut ones. */
export function stepStopReason(outcome: StepOutcome): StopReason {
	if (outcome.aborted) return 'aborted';
	if (outcome.error) return 'other';
	return outcome.accumulator.stopReason ?? 'other';
}

/** A chat card's one-line summary; a summariser that trips on odd input must not end the step. */
function summarize(name: string, input: Record<string, unknown>): string {
	try {
		return summarizeToolCall(name, input);
	} catch {
		return '';
	}
}
