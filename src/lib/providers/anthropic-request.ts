import type {
	CacheControlEphemeral,
	ContentBlockParam,
	ImageBlockParam,
	MessageCreateParamsStreaming,
	MessageParam,
	TextBlockParam,
	ThinkingConfigParam,
	Tool
} from '@anthropic-ai/sdk/resources/messages/messages';
import type {
	CacheMarker,
	ChatMessage,
	ImageBlock,
	ModelRequest,
	ThinkingConfig,
	ToolResultBlock
} from './types';

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
						content: toolResultContent(block),
						...(block.isError ? { is_error: true } : {})
					},
					block.cache
				)
			);
		}
		// Text and images keep their order: "this one" in the text refers to the image before it.
		for (const block of message.content) {
			if (block.type === 'text')
				blocks.push(withCache({ type: 'text', text: block.text }, block.cache));
			else if (block.type === 'image') blocks.push(toImageParam(block));
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

/** A plain string when the tool returned text only (what every result was before images). */
function toolResultContent(
	block: ToolResultBlock
): string | Array<TextBlockParam | ImageBlockParam> {
	if (!block.images || block.images.length === 0) return block.content;
	// The API refuses empty text blocks; a screenshot may come without text.
	const text: TextBlockParam[] =
		block.content === '' ? [] : [{ type: 'text', text: block.content }];
	return [...text, ...block.images.map(toImageParam)];
}

function toImageParam(block: ImageBlock): ImageBlockParam {
	return withCache(
		{
			type: 'image',
			source: { type: 'base64', media_type: block.mediaType, data: block.data }
		},
		block.cache
	);
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
