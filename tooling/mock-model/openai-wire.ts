import { jsonFrame, type SseFrame } from './sse-frame';
import { splitArguments, splitText, type TurnPlan } from './turn-plan';

// OpenAI chat-completions shapes, as the openai SDK's ChatCompletionStream accumulates them.
// Thinking goes out as `reasoning_content`, the field DeepSeek, vLLM and llama.cpp use.

// A fixed timestamp keeps recorded responses reproducible.
const created = 1_735_689_600;

function callId(call: TurnPlan['toolCalls'][number]): string {
	return call.scriptedId ?? `call_${call.idSuffix}`;
}

function completionId(plan: TurnPlan): string {
	return `chatcmpl-mock-${plan.requestSeq}`;
}

function usage(plan: TurnPlan) {
	const { inputTokens, outputTokens, cacheCreationInputTokens, cacheReadInputTokens } = plan.usage;
	// OpenAI counts cached tokens inside prompt_tokens and reports them separately as a detail.
	const promptTokens = inputTokens + cacheCreationInputTokens + cacheReadInputTokens;
	return {
		prompt_tokens: promptTokens,
		completion_tokens: outputTokens,
		total_tokens: promptTokens + outputTokens,
		prompt_tokens_details: { cached_tokens: cacheReadInputTokens },
		completion_tokens_details: { reasoning_tokens: 0 }
	};
}

/** The non-streaming response body. */
export function openaiCompletion(plan: TurnPlan) {
	const message: Record<string, unknown> = {
		role: 'assistant',
		content: plan.text === '' ? null : plan.text,
		refusal: null
	};
	if (plan.thinking !== undefined) message.reasoning_content = plan.thinking;
	if (plan.toolCalls.length > 0) {
		message.tool_calls = plan.toolCalls.map((call) => ({
			id: callId(call),
			type: 'function',
			function: { name: call.name, arguments: call.argumentsText }
		}));
	}
	return {
		id: completionId(plan),
		object: 'chat.completion',
		created,
		model: plan.model,
		choices: [{ index: 0, message, finish_reason: plan.openaiFinishReason, logprobs: null }],
		usage: usage(plan)
	};
}

/** Every chunk of a streamed response, ending with `[DONE]`. */
export function openaiFrames(plan: TurnPlan, includeUsage: boolean): SseFrame[] {
	const frames: SseFrame[] = [];
	const envelope = (fields: { choices: unknown[]; usage?: unknown }) =>
		jsonFrame({
			id: completionId(plan),
			object: 'chat.completion.chunk',
			created,
			model: plan.model,
			...fields
		});
	const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) => {
		frames.push(
			envelope({
				choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
				// With include_usage every chunk carries usage: null until the final one.
				...(includeUsage ? { usage: null } : {})
			})
		);
	};

	chunk({ role: 'assistant', content: '' });
	if (plan.thinking !== undefined) {
		for (const piece of splitText(plan.thinking, plan.textChunkSize)) {
			chunk({ reasoning_content: piece });
		}
	}
	for (const piece of splitText(plan.text, plan.textChunkSize)) chunk({ content: piece });
	for (const call of plan.toolCalls) {
		chunk({
			tool_calls: [
				{
					index: call.index,
					id: callId(call),
					type: 'function',
					function: { name: call.name, arguments: '' }
				}
			]
		});
		for (const piece of splitArguments(call.argumentsText, plan.textChunkSize)) {
			chunk({ tool_calls: [{ index: call.index, function: { arguments: piece } }] });
		}
	}
	chunk({}, plan.openaiFinishReason);
	if (includeUsage) frames.push(envelope({ choices: [], usage: usage(plan) }));
	frames.push({ data: '[DONE]' });
	return frames;
}

export function openaiModelList(models: string[]) {
	return {
		object: 'list',
		data: models.map((id) => ({ id, object: 'model', created, owned_by: 'kiln-mock' }))
	};
}

/** Ollama's own model list (GET /api/tags), which Kiln probes to find a local Ollama. */
export function ollamaTagList(models: string[]) {
	return {
		models: models.map((name) => ({
			name,
			model: name,
			modified_at: new Date(created * 1000).toISOString(),
			size: 1,
			digest: 'mock',
			details: { format: 'gguf', family: 'mock' }
		}))
	};
}
