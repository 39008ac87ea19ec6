import { jsonFrame, type SseFrame } from './sse-frame';
import { splitArguments, splitText, type TurnPlan } from './turn-plan';

// Anthropic Messages API shapes, as @anthropic-ai/sdk's MessageStream accumulates them.

function toolUseId(call: TurnPlan['toolCalls'][number]): string {
	return call.scriptedId ?? `toolu_${call.idSuffix}`;
}

function messageId(plan: TurnPlan): string {
	return `msg_mock_${plan.requestSeq}`;
}

function usage(plan: TurnPlan) {
	return {
		input_tokens: plan.usage.inputTokens,
		output_tokens: plan.usage.outputTokens,
		cache_creation_input_tokens: plan.usage.cacheCreationInputTokens,
		cache_read_input_tokens: plan.usage.cacheReadInputTokens,
		service_tier: 'standard'
	};
}

function contentBlocks(plan: TurnPlan): unknown[] {
	const blocks: unknown[] = [];
	if (plan.thinking !== undefined) {
		blocks.push({ type: 'thinking', thinking: plan.thinking, signature: plan.signature });
	}
	if (plan.text !== '') blocks.push({ type: 'text', text: plan.text, citations: null });
	for (const call of plan.toolCalls) {
		blocks.push({ type: 'tool_use', id: toolUseId(call), name: call.name, input: call.input });
	}
	return blocks;
}

/** The non-streaming response body. */
export function anthropicMessage(plan: TurnPlan) {
	return {
		id: messageId(plan),
		type: 'message',
		role: 'assistant',
		model: plan.model,
		content: contentBlocks(plan),
		stop_reason: plan.anthropicStopReason,
		stop_sequence: null,
		usage: usage(plan)
	};
}

/** Every event of a streamed response, in order, including the ping the API sends early on. */
export function anthropicFrames(plan: TurnPlan): SseFrame[] {
	const frames: SseFrame[] = [];
	const push = (data: { type: string; [field: string]: unknown }) =>
		frames.push(jsonFrame(data, data.type));

	push({
		type: 'message_start',
		message: {
			...anthropicMessage(plan),
			content: [],
			stop_reason: null,
			usage: { ...usage(plan), output_tokens: 1 }
		}
	});
	push({ type: 'ping' });

	let index = 0;
	if (plan.thinking !== undefined) {
		push({
			type: 'content_block_start',
			index,
			content_block: { type: 'thinking', thinking: '', signature: '' }
		});
		for (const piece of splitText(plan.thinking, plan.textChunkSize)) {
			push({
				type: 'content_block_delta',
				index,
				delta: { type: 'thinking_delta', thinking: piece }
			});
		}
		push({
			type: 'content_block_delta',
			index,
			delta: { type: 'signature_delta', signature: plan.signature }
		});
		push({ type: 'content_block_stop', index });
		index += 1;
	}
	if (plan.text !== '') {
		push({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
		for (const piece of splitText(plan.text, plan.textChunkSize)) {
			push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } });
		}
		push({ type: 'content_block_stop', index });
		index += 1;
	}
	for (const call of plan.toolCalls) {
		push({
			type: 'content_block_start',
			index,
			content_block: { type: 'tool_use', id: toolUseId(call), name: call.name, input: {} }
		});
		// The API opens every tool input with an empty partial_json delta.
		for (const piece of ['', ...splitArguments(call.argumentsText, plan.textChunkSize)]) {
			push({
				type: 'content_block_delta',
				index,
				delta: { type: 'input_json_delta', partial_json: piece }
			});
		}
		push({ type: 'content_block_stop', index });
		index += 1;
	}

	const { service_tier: _tier, ...finalUsage } = usage(plan);
	push({
		type: 'message_delta',
		delta: { stop_reason: plan.anthropicStopReason, stop_sequence: null },
		usage: finalUsage
	});
	push({ type: 'message_stop' });
	return frames;
}

export function anthropicModelList(models: string[]) {
	const data = models.map((id) => ({
		id,
		type: 'model',
		display_name: id,
		created_at: '2025-01-01T00:00:00Z'
	}));
	return {
		data,
		has_more: false,
		first_id: data[0]?.id ?? null,
		last_id: data.at(-1)?.id ?? null
	};
}
