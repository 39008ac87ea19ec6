/**
 * Session events → the model request. Kept apart from the loop because the prompt-cache
 * strategy (moving breakpoints, clearing old tool results, compaction) grows here.
 *
 * Layout, most stable first: tools (fixed order) → static system prompt → the environment,
 * frozen at session start → messages. Cache markers: the last tool, the last system block and
 * the last message (three of Anthropic's four breakpoints; OpenAI-style APIs ignore them).
 */
import type {
	AssistantMessage,
	ChatMessage,
	ModelRequest,
	SystemBlock,
	ToolCallBlock,
	ToolDefinition,
	UserMessage
} from '../providers/types';
import { buildSystemPrompt } from './system-prompt';
import type { SessionEvent } from './types';

/** What a tool call the log has no result for is answered with (the tab closed mid-step). */
export const MISSING_RESULT_TEXT =
	'Not run: the session was interrupted before this call finished, so its result is unknown. Check the files before relying on it.';

export interface BuildRequestInput {
	model: string;
	events: readonly SessionEvent[];
	tools: readonly ToolDefinition[];
	maxTokens: number;
	signal?: AbortSignal;
}

export function buildRequest(input: BuildRequestInput): ModelRequest {
	const tools = input.tools.map((tool) => ({ ...tool }));
	const lastTool = tools.at(-1);
	if (lastTool) lastTool.cache = {};

	const system: SystemBlock[] = buildSystemPrompt();
	const environment = sessionEnvironment(input.events);
	if (environment !== undefined) system.push({ text: environment });
	const lastSystem = system.at(-1);
	if (lastSystem) lastSystem.cache = {};

	const messages = buildMessages(input.events);
	markLastMessage(messages);

	return {
		model: input.model,
		system,
		tools,
		messages,
		maxTokens: input.maxTokens,
		signal: input.signal
	};
}

/** The environment text frozen at session start, if the session recorded one. */
export function sessionEnvironment(events: readonly SessionEvent[]): string | undefined {
	for (const event of events) {
		if (event.type === 'session-start') return event.environment;
	}
	return undefined;
}

/**
 * Rebuilds the conversation. Both APIs insist that every tool call is answered by a result in
 * the very next user message and that roles alternate, so this repairs what a log cut short
 * could hold: calls without results get one, results without calls are dropped, consecutive
 * messages of one role are merged and empty assistant messages left out.
 */
export function buildMessages(events: readonly SessionEvent[]): ChatMessage[] {
	const messages: ChatMessage[] = [];
	/** Calls of the last assistant message still waiting for their result. */
	let pending = new Map<string, ToolCallBlock>();

	const userMessage = (): UserMessage => {
		const last = messages.at(-1);
		if (last?.role === 'user') return last;
		const message: UserMessage = { role: 'user', content: [] };
		messages.push(message);
		return message;
	};
	const answerPending = () => {
		if (pending.size === 0) return;
		const target = userMessage();
		for (const call of pending.values()) {
			target.content.push({
				type: 'tool_result',
				toolCallId: call.id,
				content: MISSING_RESULT_TEXT,
				isError: true
			});
		}
		pending = new Map();
	};

	for (const event of events) {
		switch (event.type) {
			case 'user-message': {
				answerPending();
				const target = userMessage();
				if (event.reminder) target.content.push({ type: 'text', text: event.reminder });
				target.content.push({ type: 'text', text: event.text });
				break;
			}
			case 'assistant-step': {
				answerPending();
				const content = event.message.content.filter(isSendable).map((block) => ({ ...block }));
				if (content.length === 0) break;
				const last = messages.at(-1);
				if (last?.role === 'assistant') last.content.push(...content);
				else messages.push({ role: 'assistant', content } satisfies AssistantMessage);
				for (const block of content) {
					if (block.type === 'tool_call') pending.set(block.id, block);
				}
				break;
			}
			case 'tool-result': {
				if (!pending.has(event.toolCallId)) break;
				pending.delete(event.toolCallId);
				userMessage().content.push({
					type: 'tool_result',
					toolCallId: event.toolCallId,
					content: event.output,
					...(event.ok ? {} : { isError: true })
				});
				break;
			}
			case 'session-start':
			case 'turn-end':
				break;
		}
	}
	answerPending();
	return messages;
}

/**
 * A block an API will take back. Empty text (a stream cut at its start) and unsigned thinking
 * (cut before its signature, or from an API without signatures) are refused by Anthropic.
 */
function isSendable(block: AssistantMessage['content'][number]): boolean {
	switch (block.type) {
		case 'text':
			return block.text !== '';
		case 'thinking':
			return block.signature !== undefined && block.signature !== '';
		case 'redacted_thinking':
		case 'tool_call':
			return true;
	}
}

/** The moving breakpoint: everything up to the newest message is cached for the next step. */
function markLastMessage(messages: ChatMessage[]): void {
	const last = messages.at(-1);
	const block = last?.content.at(-1);
	if (!block) return;
	if (block.type === 'text' || block.type === 'tool_result' || block.type === 'tool_call') {
		block.cache = {};
	}
}
