import type {
	CacheControlEphemeral,
	ContentBlockParam,
	MessageCreateParamsStreaming,
	MessageParam,
	TextBlockParam,
	ThinkingConfigParam,
	Tool
} from '@anthropic-ai/sdk/resources/messages/messages';
import type { CacheMarker, ChatMessage, ModelRequest, ThinkingConfig } from './types';

/** The Messages API body for a normalised request; cache markers become `cache_control`. */
export function toAnthropicParams(request: ModelRequest): MessageCreateParamsStreaming {
	const params: MessageCreateParamsStreaming = {
		model: request.model,
		max_tokens: request.maxTokens,
		messages: request.messages.map(toMessageParam),
		stream: true
	};
	if (request.system.length > 0) {
		params.system = request.system.map((block): TextBlockParam =>
			withCache({ type: 'text', text: block.text }, block.cache)
		);
	}
	if (request.tools.length > 0) {
		params.tools = request.tools.map((tool): Tool =>
			withCache(
				{
					name: tool.name,
					description: tool.description,
					input_schema: tool.inputSchema as Tool['input_schema']
				},
				tool.cache
			)
		);
	}
	if (request.thinking) {
		params.thinking = toThinking(request.thinking);
		// Adaptive thinking is steered by effort, which the API takes in output_config.
		if (request.thinking.type === 'adaptive' && request.thinking.effort) {
			params.output_config = { effort: request.thinking.effort };
		}
	}
	return params;
}

function toMessageParam(message: ChatMessage): MessageParam {
	if (message.role === 'user') {
		const blocks: ContentBlockParam[] = [];
		// The API wants tool results before any text in the same message.
		for (const block of message.content) {
			if (block.type !== 'tool_result') continue;
			blocks.push(
				withCache(
					{
						type: 'tool_result',
						tool_use_id: block.toolCallId,
						content: block.content,
						...(block.isError ? { is_error: true } : {})
					},
					block.cache
				)
			);
		}
		for (const block of message.content) {
			if (block.type === 'text')
				blocks.push(withCache({ type: 'text', text: block.text }, block.cache));
		}
		return { role: 'user', content: blocks };
	}
	const blocks: ContentBlockParam[] = [];
	for (const block of message.content) {
		switch (block.type) {
			case 'thinking':
				// Unsigned thinking (from another API, or cut by Stop) cannot be sent back.
				if (block.signature) {
					blocks.push({ type: 'thinking', thinking: block.thinking, signature: block.signature });
				}
				break;
			case 'redacted_thinking':
				blocks.push({ type: 'redacted_thinking', data: block.data });
				break;
			case 'text':
				// The API rejects empty text blocks; a cut-off stream can leave one.
				if (block.text !== '')
					blocks.push(withCache({ type: 'text', text: block.text }, block.cache));
				break;
			case 'tool_call':
				blocks.push(
					withCache(
						{ type: 'tool_use', id: block.id, name: block.name, input: block.input },
						block.cache
					)
				);
				break;
		}
	}
	return { role: 'assistant', content: blocks };
}

function toThinking(thinking: ThinkingConfig): ThinkingConfigParam {
	return thinking.type === 'adaptive'
		? { type: 'adaptive' }
		: { type: 'enabled', budget_tokens: thinking.budgetTokens };
}

function withCache<T extends object>(
	block: T,
	cache: CacheMarker | undefined
): T & { cache_control?: CacheControlEphemeral } {
	if (!cache) return block;
	const cacheControl: CacheControlEphemeral = { type: 'ephemeral' };
	if (cache.ttl) cacheControl.ttl = cache.ttl;
	return { ...block, cache_control: cacheControl };
}
