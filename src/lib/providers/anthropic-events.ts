import type {
	MessageDeltaUsage,
	RawMessageStreamEvent,
	Usage as AnthropicUsage
} from '@anthropic-ai/sdk/resources/messages/messages';
import { truncatedStreamError } from './errors';
import { finishToolCall } from './tool-arguments';
import type { ProviderId, StopReason, StreamEvent, Usage } from './types';

interface OpenToolCall {
	id: string;
	name: string;
	args: string;
	/** Some servers send the whole input at block start and no deltas. */
	initialInput: unknown;
}

/**
 * Turns the Messages API's stream events (already parsed by the SDK) into normalised
 * events. Usage is held back and sent once before `stop`, so a stream that fails before
 * any content has yielded nothing and may be retried safely.
 */
export class AnthropicEventTranslator {
	readonly #provider: ProviderId;
	readonly #toolCalls = new Map<number, OpenToolCall>();
	#usage: Usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
	#stopReason: string | null = null;
	#sawStop = false;
	/** Index of the thinking block that is open, if any. */
	#thinkingIndex: number | undefined;

	constructor(provider: ProviderId) {
		this.#provider = provider;
	}

	/** A thinking block is open: the model may be silent for a long while. */
	get thinking(): boolean {
		return this.#thinkingIndex !== undefined;
	}

	push(event: RawMessageStreamEvent): StreamEvent[] {
		if (event.type === 'content_block_start') {
			const kind = event.content_block.type;
			const thinking = kind === 'thinking' || kind === 'redacted_thinking';
			this.#thinkingIndex = thinking ? event.index : undefined;
		} else if (event.type === 'content_block_stop' && event.index === this.#thinkingIndex) {
			this.#thinkingIndex = undefined;
		}
		switch (event.type) {
			case 'message_start':
				this.#mergeUsage(event.message.usage);
				return [];
			case 'content_block_start': {
				const block = event.content_block;
				if (block.type === 'text')
					return block.text ? [{ type: 'text-delta', text: block.text }] : [];
				if (block.type === 'thinking')
					return block.thinking ? [{ type: 'thinking-delta', text: block.thinking }] : [];
				if (block.type === 'redacted_thinking')
					return [{ type: 'redacted-thinking', data: block.data }];
				if (block.type === 'tool_use') {
					this.#toolCalls.set(event.index, {
						id: block.id,
						name: block.name,
						args: '',
						initialInput: block.input
					});
					return [{ type: 'tool-call-start', id: block.id, name: block.name }];
				}
				// Server-side tools (web search and the like) are not requested by Kiln.
				return [];
			}
			case 'content_block_delta': {
				const delta = event.delta;
				switch (delta.type) {
					case 'text_delta':
						return [{ type: 'text-delta', text: delta.text }];
					case 'thinking_delta':
						return [{ type: 'thinking-delta', text: delta.thinking }];
					case 'signature_delta':
						return [{ type: 'thinking-delta', text: '', signature: delta.signature }];
					case 'input_json_delta': {
						const call = this.#toolCalls.get(event.index);
						// The API opens every tool input with an empty delta.
						if (!call || delta.partial_json === '') return [];
						call.args += delta.partial_json;
						return [{ type: 'tool-call-delta', id: call.id, argsDelta: delta.partial_json }];
					}
					default:
						return [];
				}
			}
			case 'content_block_stop': {
				const call = this.#toolCalls.get(event.index);
				if (!call) return [];
				this.#toolCalls.delete(event.index);
				const raw = call.args === '' ? initialArguments(call.initialInput) : call.args;
				return [finishToolCall(call.id, call.name, raw)];
			}
			case 'message_delta':
				this.#stopReason = event.delta.stop_reason ?? this.#stopReason;
				this.#mergeUsage(event.usage);
				return [];
			case 'message_stop':
				this.#sawStop = true;
				return [];
			default:
				return [];
		}
	}

	/** The closing events; throws when the stream ended before the response was complete. */
	finish(): StreamEvent[] {
		if (this.#stopReason === null && !this.#sawStop) throw truncatedStreamError(this.#provider);
		return [
			{ type: 'usage', ...this.#usage },
			{ type: 'stop', ...mapStopReason(this.#stopReason) }
		];
	}

	// message_delta's counts are cumulative, and may repeat or omit message_start's.
	#mergeUsage(usage: AnthropicUsage | MessageDeltaUsage) {
		this.#usage = {
			inputTokens: usage.input_tokens ?? this.#usage.inputTokens,
			outputTokens: usage.output_tokens ?? this.#usage.outputTokens,
			cacheReadTokens: usage.cache_read_input_tokens ?? this.#usage.cacheReadTokens,
			cacheWriteTokens: usage.cache_creation_input_tokens ?? this.#usage.cacheWriteTokens
		};
	}
}

function initialArguments(input: unknown): string {
	if (input === undefined || input === null) return '';
	if (typeof input === 'object' && Object.keys(input).length === 0) return '';
	return JSON.stringify(input);
}

const DIRECT: ReadonlySet<string> = new Set([
	'end_turn',
	'tool_use',
	'max_tokens',
	'stop_sequence',
	'refusal',
	'pause_turn'
]);

function mapStopReason(raw: string | null): { reason: StopReason; rawReason?: string } {
	if (raw !== null && DIRECT.has(raw)) return { reason: raw as StopReason };
	// The context filled up while generating: to the loop that is the same as a length cut.
	if (raw === 'model_context_window_exceeded') return { reason: 'max_tokens', rawReason: raw };
	return { reason: 'other', ...(raw !== null ? { rawReason: raw } : {}) };
}
