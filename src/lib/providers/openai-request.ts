import type {
	ChatCompletionContentPart,
	ChatCompletionCreateParamsStreaming,
	ChatCompletionMessageFunctionToolCall,
	ChatCompletionMessageParam,
	ChatCompletionTool
} from 'openai/resources/chat/completions/completions';
import type {
	ChatMessage,
	ImageBlock,
	ModelRequest,
	ProviderId,
	ReasoningEffort,
	ThinkingConfig
} from './types';

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
	if (request.thinking) addReasoning(params, request.thinking, provider);
	if (request.tools.length > 0) {
		params.tools = request.tools.map((tool): ChatCompletionTool => ({
			type: 'function',
			function: { name: tool.name, description: tool.description, parameters: tool.inputSchema }
		}));
	}
	return params;
}

/**
 * Reasoning effort: OpenRouter's unified `reasoning` object (it translates it for every vendor
 * behind it), `reasoning_effort` for OpenAI and the servers that copy its API (Ollama, LM Studio,
 * vLLM). A budget (Anthropic-style thinking) maps to the nearest effort.
 */
function addReasoning(
	params: ChatCompletionCreateParamsStreaming,
	thinking: ThinkingConfig,
	provider: ProviderId
): void {
	const effort: ReasoningEffort =
		thinking.type === 'adaptive'
			? (thinking.effort ?? 'medium')
			: thinking.budgetTokens < 8_000
				? 'low'
				: thinking.budgetTokens < 24_000
					? 'medium'
					: 'high';
	if (provider === 'openrouter') Object.assign(params, { reasoning: { effort } });
	else params.reasoning_effort = effort;
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
		const images = toolImagesMessage(message.content);
		if (images) out.push(images);
		const user = userContent(message.content);
		if (user !== undefined) out.push({ role: 'user', content: user });
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

type UserBlocks = Extract<ChatMessage, { role: 'user' }>['content'];

/**
 * The person's text and images. Text alone stays one string, as before images existed, so a
 * session's earlier messages keep their bytes (automatic prefix caches); with images, the parts
 * keep their order, adjacent texts joined as they would be in the string.
 */
function userContent(blocks: UserBlocks): string | ChatCompletionContentPart[] | undefined {
	const parts: ChatCompletionContentPart[] = [];
	for (const block of blocks) {
		if (block.type === 'image') parts.push(imagePart(block));
		else if (block.type === 'text' && block.text !== '') {
			const last = parts.at(-1);
			if (last?.type === 'text') last.text += `\n\n${block.text}`;
			else parts.push({ type: 'text', text: block.text });
		}
	}
	if (parts.length === 0) return undefined;
	if (parts.length === 1 && parts[0]!.type === 'text') return parts[0]!.text;
	return parts;
}

/**
 * Tool messages take text only here, so the images tools returned follow them in one user
 * message, each group introduced by the call it belongs to.
 */
function toolImagesMessage(blocks: UserBlocks): ChatCompletionMessageParam | undefined {
	const parts: ChatCompletionContentPart[] = [];
	for (const block of blocks) {
		if (block.type !== 'tool_result' || !block.images?.length) continue;
		const count = block.images.length;
		parts.push({
			type: 'text',
			text: `${count === 1 ? 'The image' : `The ${count} images`} returned by tool call ${block.toolCallId}:`
		});
		for (const image of block.images) parts.push(imagePart(image));
	}
	return parts.length === 0 ? undefined : { role: 'user', content: parts };
}

function imagePart(block: ImageBlock): ChatCompletionContentPart {
	return { type: 'image_url', image_url: { url: `data:${block.mediaType};base64,${block.data}` } };
}
