import type {
	ChatCompletionCreateParamsStreaming,
	ChatCompletionMessageFunctionToolCall,
	ChatCompletionMessageParam,
	ChatCompletionTool
} from 'openai/resources/chat/completions/completions';
import type { ChatMessage, ModelRequest, ProviderId } from './types';

/**
 * The chat-completions body for a normalised request. These APIs cache by prefix on their
 * own, so cache markers are dropped; everything is built deterministically so the prefix
 * stays byte-identical from one step to the next.
 */
export function toOpenAIParams(
	request: ModelRequest,
	provider: ProviderId
): ChatCompletionCreateParamsStreaming {
	const messages: ChatCompletionMessageParam[] = [];
	const system = request.system.map((block) => block.text).join('\n\n');
	if (system !== '') messages.push({ role: 'system', content: system });
	for (const message of request.messages) messages.push(...toMessageParams(message));

	const params: ChatCompletionCreateParamsStreaming = {
		model: request.model,
		messages,
		stream: true,
		stream_options: { include_usage: true }
	};
	// OpenAI's reasoning models reject max_tokens; most other servers only know max_tokens.
	if (provider === 'openai') params.max_completion_tokens = request.maxTokens;
	else params.max_tokens = request.maxTokens;
	if (request.tools.length > 0) {
		params.tools = request.tools.map((tool): ChatCompletionTool => ({
			type: 'function',
			function: { name: tool.name, description: tool.description, parameters: tool.inputSchema }
		}));
	}
	return params;
}

function toMessageParams(message: ChatMessage): ChatCompletionMessageParam[] {
	if (message.role === 'user') {
		const out: ChatCompletionMessageParam[] = [];
		// Tool results must directly follow the assistant message that made the calls.
		for (const block of message.content) {
			if (block.type === 'tool_result') {
				out.push({ role: 'tool', tool_call_id: block.toolCallId, content: block.content });
			}
		}
		const text = message.content
			.flatMap((block) => (block.type === 'text' ? [block.text] : []))
			.join('\n\n');
		if (text !== '') out.push({ role: 'user', content: text });
		return out;
	}
	let text = '';
	const toolCalls: ChatCompletionMessageFunctionToolCall[] = [];
	for (const block of message.content) {
		if (block.type === 'text') text += block.text;
		else if (block.type === 'tool_call') {
			toolCalls.push({
				id: block.id,
				type: 'function',
				function: { name: block.name, arguments: JSON.stringify(block.input) }
			});
		}
		// Thinking is not sent back: chat-completions has no field for it.
	}
	if (toolCalls.length === 0) return [{ role: 'assistant', content: text }];
	return [{ role: 'assistant', content: text === '' ? null : text, tool_calls: toolCalls }];
}
