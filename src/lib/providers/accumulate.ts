import type { AssistantMessage, StopReason, StreamEvent, ToolCallEndEvent, Usage } from './types';

type AssistantBlock = AssistantMessage['content'][number];

/**
 * Builds the assistant message a stream describes, for sending back on the next step.
 * Tool calls whose arguments did not parse are kept with empty input (the API needs a
 * call to pair with its error result); their parse errors are listed in `toolCalls`.
 */
export class StreamAccumulator {
	readonly content: AssistantBlock[] = [];
	/** Every finished tool call in order, with its input or parse error. */
	readonly toolCalls: ToolCallEndEvent[] = [];
	usage?: Usage;
	stopReason?: StopReason;
	#thinkingClosed = true;

	push(event: StreamEvent): void {
		const last = this.content.at(-1);
		switch (event.type) {
			case 'text-delta':
				if (last?.type === 'text') last.text += event.text;
				else this.content.push({ type: 'text', text: event.text });
				break;
			case 'thinking-delta':
				if (last?.type === 'thinking' && !this.#thinkingClosed) last.thinking += event.text;
				else this.content.push({ type: 'thinking', thinking: event.text });
				this.#thinkingClosed = false;
				if (event.signature !== undefined) {
					(this.content.at(-1) as { signature?: string }).signature = event.signature;
					this.#thinkingClosed = true;
				}
				break;
			case 'redacted-thinking':
				this.content.push({ type: 'redacted_thinking', data: event.data });
				break;
			case 'tool-call-end':
				this.toolCalls.push(event);
				this.content.push({
					type: 'tool_call',
					id: event.id,
					name: event.name,
					input: event.input ?? {}
				});
				break;
			case 'usage': {
				const { type: _type, ...usage } = event;
				this.usage = usage;
				break;
			}
			case 'stop':
				this.stopReason = event.reason;
				break;
			// Starts and argument deltas are for live display; the end event carries it all.
			case 'tool-call-start':
			case 'tool-call-delta':
				break;
		}
	}

	message(): AssistantMessage {
		return { role: 'assistant', content: this.content.map((block) => ({ ...block })) };
	}
}

/** Drains a stream into an accumulator (tests, subagents, the CLI). */
export async function collectStream(
	events: AsyncIterable<StreamEvent>
): Promise<StreamAccumulator> {
	const accumulator = new StreamAccumulator();
	for await (const event of events) accumulator.push(event);
	return accumulator;
}
