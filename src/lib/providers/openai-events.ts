import type { ChatCompletionChunk } from 'openai/resources/chat/completions/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import { truncatedStreamError } from './errors';
import { finishToolCall } from './tool-arguments';
import type { ProviderId, StopReason, StreamEvent, Usage } from './types';

interface ToolCallState {
	id?: string;
	name?: string;
	args: string;
	started: boolean;
	ended: boolean;
}

/** Reasoning fields that OpenAI-compatible servers add to the delta (not in the SDK types). */
interface ReasoningDelta {
	reasoning?: unknown;
	reasoning_content?: unknown;
}

/** DeepSeek reports cache hits under its own name. */
interface ExtendedUsage extends CompletionUsage {
	prompt_cache_hit_tokens?: number;
}

/**
 * Turns chat-completions chunks (already parsed by the SDK) into normalised events.
 * Tool calls arrive as fragments keyed by index; they end when the choice finishes.
 * Usage comes in a final choiceless chunk (stream_options.include_usage), so `stop` is
 * only sent once the stream is over.
 */
export class OpenAIEventTranslator {
	readonly #provider: ProviderId;
	readonly #toolCalls = new Map<number, ToolCallState>();
	#usage: Usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
	#finishReason: string | null = null;
	#sawRefusal = false;
	#sawToolCall = false;
	#thinking = false;

	constructor(provider: ProviderId) {
		this.#provider = provider;
		// OpenAI's own reasoning models stream nothing while they think, so until the first token
		// its silence is thinking too. Other servers send reasoning as deltas (see below).
		this.#thinking = provider === 'openai';
	}

	/** The model is (or may be) reasoning right now: it may be silent for a long while. */
	get thinking(): boolean {
		return this.#thinking;
	}

	push(chunk: ChatCompletionChunk): StreamEvent[] {
		if (chunk.usage) this.#usage = toUsage(chunk.usage);
		const choice = chunk.choices?.[0];
		if (!choice) return [];
		const events: StreamEvent[] = [];
		const delta = (choice.delta ?? {}) as ChatCompletionChunk.Choice.Delta & ReasoningDelta;
		const reasoning = delta.reasoning_content ?? delta.reasoning;
		if (typeof reasoning === 'string' && reasoning !== '') {
			this.#thinking = true;
			events.push({ type: 'thinking-delta', text: reasoning });
		}
		if (typeof delta.content === 'string' && delta.content !== '') {
			events.push({ type: 'text-delta', text: delta.content });
		}
		if (typeof delta.refusal === 'string' && delta.refusal !== '') {
			this.#sawRefusal = true;
			events.push({ type: 'text-delta', text: delta.refusal });
		}
		delta.tool_calls?.forEach((fragment, position) => {
			events.push(...this.#toolCallFragment(fragment, position));
		});
		if (delta.content || delta.refusal || delta.tool_calls?.length || choice.finish_reason) {
			this.#thinking = false;
		}
		if (choice.finish_reason) {
			this.#finishReason = choice.finish_reason;
			events.push(...this.#endToolCalls());
		}
		return events;
	}

	finish(): StreamEvent[] {
		if (this.#finishReason === null) throw truncatedStreamError(this.#provider);
		return [
			...this.#endToolCalls(),
			{ type: 'usage', ...this.#usage },
			{ type: 'stop', ...this.#stopReason(this.#finishReason) }
		];
	}

	#toolCallFragment(
		fragment: ChatCompletionChunk.Choice.Delta.ToolCall,
		position: number
	): StreamEvent[] {
		const index = typeof fragment.index === 'number' ? fragment.index : position;
		let state = this.#toolCalls.get(index);
		if (!state) {
			state = { args: '', started: false, ended: false };
			this.#toolCalls.set(index, state);
		}
		if (state.ended) return [];
		if (fragment.id && !state.id) state.id = fragment.id;
		if (fragment.function?.name && !state.started) state.name = fragment.function.name;
		const args = fragment.function?.arguments ?? '';
		state.args += args;
		if (state.started) {
			return args === '' ? [] : [{ type: 'tool-call-delta', id: state.id!, argsDelta: args }];
		}
		// Arguments that arrive before the name are held until the call can be announced.
		if (!state.name) return [];
		state.started = true;
		this.#sawToolCall = true;
		// Some local servers leave out the id; the loop needs one to pair results with calls.
		state.id ??= `call_${index}_${Math.random().toString(36).slice(2, 10)}`;
		const events: StreamEvent[] = [{ type: 'tool-call-start', id: state.id, name: state.name }];
		if (state.args !== '')
			events.push({ type: 'tool-call-delta', id: state.id, argsDelta: state.args });
		return events;
	}

	#endToolCalls(): StreamEvent[] {
		const events: StreamEvent[] = [];
		const indexes = [...this.#toolCalls.keys()].sort((a, b) => a - b);
		for (const index of indexes) {
			const state = this.#toolCalls.get(index)!;
			if (!state.started || state.ended) continue;
			state.ended = true;
			events.push(finishToolCall(state.id!, state.name!, state.args));
		}
		return events;
	}

	#stopReason(raw: string): { reason: StopReason; rawReason?: string } {
		switch (raw) {
			case 'tool_calls':
			case 'function_call':
				return { reason: 'tool_use' };
			case 'length':
				return { reason: 'max_tokens' };
			case 'content_filter':
				return { reason: 'refusal', rawReason: raw };
			case 'stop':
				// Some local servers say "stop" even when the step ended in tool calls.
				if (this.#sawToolCall) return { reason: 'tool_use', rawReason: raw };
				if (this.#sawRefusal) return { reason: 'refusal', rawReason: raw };
				return { reason: 'end_turn' };
			default:
				return { reason: 'other', rawReason: raw };
		}
	}
}

function toUsage(usage: ExtendedUsage): Usage {
	const prompt = usage.prompt_tokens ?? 0;
	const cached = usage.prompt_tokens_details?.cached_tokens ?? usage.prompt_cache_hit_tokens ?? 0;
	return {
		// prompt_tokens includes the cached part; Usage.inputTokens is the uncached part.
		inputTokens: Math.max(0, prompt - cached),
		outputTokens: usage.completion_tokens ?? 0,
		cacheReadTokens: cached,
		cacheWriteTokens: 0
	};
}
