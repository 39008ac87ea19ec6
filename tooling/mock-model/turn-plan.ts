import type { Fault, Turn } from './script-schema';
import { promptCharacters, requestedModel } from './request-text';

type AnthropicStopReason =
	'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence' | 'pause_turn' | 'refusal';
type OpenAIFinishReason = 'stop' | 'tool_calls' | 'length' | 'content_filter';

export interface PlannedToolCall {
	index: number;
	/** Without a scripted id; each format adds its own prefix (toolu_ / call_). */
	idSuffix: string;
	scriptedId: string | undefined;
	name: string;
	/** Exactly what is streamed: JSON.stringify(input), or the scripted raw string. */
	argumentsText: string;
	/** The parsed arguments, or the raw text when it is not valid JSON. */
	input: unknown;
}

export interface PlannedUsage {
	inputTokens: number;
	outputTokens: number;
	cacheCreationInputTokens: number;
	cacheReadInputTokens: number;
}

/** One scripted turn resolved against one request: everything both wire formats need. */
export interface TurnPlan {
	turnIndex: number;
	requestSeq: number;
	model: string;
	thinking: string | undefined;
	signature: string;
	text: string;
	toolCalls: PlannedToolCall[];
	anthropicStopReason: AnthropicStopReason;
	openaiFinishReason: OpenAIFinishReason;
	usage: PlannedUsage;
	chunkDelayMs: number;
	textChunkSize: number;
	fault: Fault | undefined;
}

const toOpenAI: Record<AnthropicStopReason, OpenAIFinishReason> = {
	end_turn: 'stop',
	tool_use: 'tool_calls',
	max_tokens: 'length',
	stop_sequence: 'stop',
	pause_turn: 'stop',
	refusal: 'content_filter'
};
const toAnthropic: Record<OpenAIFinishReason, AnthropicStopReason> = {
	stop: 'end_turn',
	tool_calls: 'tool_use',
	length: 'max_tokens',
	content_filter: 'refusal'
};

/** A rough stand-in for a tokenizer: about four characters per token. */
export function estimateTokens(characters: number): number {
	return Math.max(1, Math.ceil(characters / 4));
}

function parseOrRaw(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

function stopReasons(turn: Turn, hasToolCalls: boolean) {
	const scripted = turn.stopReason ?? (hasToolCalls ? 'tool_use' : 'end_turn');
	if (scripted in toOpenAI) {
		const anthropic = scripted as AnthropicStopReason;
		return { anthropic, openai: toOpenAI[anthropic] };
	}
	const openai = scripted as OpenAIFinishReason;
	return { anthropic: toAnthropic[openai], openai };
}

export function planTurn(
	turn: Turn,
	turnIndex: number,
	requestSeq: number,
	body: unknown
): TurnPlan {
	const toolCalls: PlannedToolCall[] = (turn.toolCalls ?? []).map((call, index) => {
		const argumentsText = call.arguments ?? JSON.stringify(call.input ?? {});
		return {
			index,
			idSuffix: `mock_${requestSeq}_${index}`,
			scriptedId: call.id,
			name: call.name,
			argumentsText,
			input: parseOrRaw(argumentsText)
		};
	});
	const text = turn.text ?? '';
	const outputCharacters =
		(turn.thinking ?? '').length +
		text.length +
		toolCalls.reduce((sum, call) => sum + call.name.length + call.argumentsText.length, 0);
	const reasons = stopReasons(turn, toolCalls.length > 0);
	return {
		turnIndex,
		requestSeq,
		model: requestedModel(body),
		thinking: turn.thinking,
		signature: turn.signature ?? `mock-signature-${requestSeq}`,
		text,
		toolCalls,
		anthropicStopReason: reasons.anthropic,
		openaiFinishReason: reasons.openai,
		usage: {
			inputTokens: turn.usage?.inputTokens ?? estimateTokens(promptCharacters(body)),
			outputTokens: turn.usage?.outputTokens ?? estimateTokens(outputCharacters),
			cacheCreationInputTokens: turn.usage?.cacheCreationInputTokens ?? 0,
			cacheReadInputTokens: turn.usage?.cacheReadInputTokens ?? 0
		},
		chunkDelayMs: turn.chunkDelayMs ?? 0,
		textChunkSize: turn.chunkSize ?? 16,
		fault: turn.fault
	};
}

/** Splits text into pieces of at most `size` characters (by code point, so emoji stay whole). */
export function splitText(text: string, size: number): string[] {
	const points = Array.from(text);
	const pieces: string[] = [];
	for (let start = 0; start < points.length; start += size) {
		pieces.push(points.slice(start, start + size).join(''));
	}
	return pieces;
}

/** Tool arguments always arrive in at least three pieces (when long enough), like real streams. */
export function splitArguments(text: string, maxSize: number): string[] {
	const size = Math.max(1, Math.min(maxSize, Math.ceil(Array.from(text).length / 3)));
	return splitText(text, size);
}
