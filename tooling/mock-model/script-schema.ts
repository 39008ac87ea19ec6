import { z } from 'zod';

// The script format is the contract between test authors and the server: strict objects so a
// misspelt key ("tool_calls", "stop_reason") is reported instead of silently ignored.

export const anthropicStopReasons = [
	'end_turn',
	'tool_use',
	'max_tokens',
	'stop_sequence',
	'pause_turn',
	'refusal'
] as const;
export const openaiFinishReasons = ['stop', 'tool_calls', 'length', 'content_filter'] as const;

const count = z.number().int().nonnegative();

const toolCallSchema = z
	.strictObject({
		id: z.string().min(1).optional(),
		name: z.string().min(1),
		input: z.record(z.string(), z.unknown()).optional(),
		arguments: z.string().optional()
	})
	.refine((call) => call.input === undefined || call.arguments === undefined, {
		message:
			'give either "input" (an object) or "arguments" (a raw JSON string, which may be malformed), not both'
	});

const usageSchema = z.strictObject({
	inputTokens: count.optional(),
	outputTokens: count.optional(),
	cacheCreationInputTokens: count.optional(),
	cacheReadInputTokens: count.optional()
});

const faultSchema = z.discriminatedUnion('type', [
	z.strictObject({
		type: z.literal('http'),
		status: z.number().int().min(400).max(599),
		message: z.string().optional(),
		errorType: z.string().optional(),
		retryAfter: z.number().nonnegative().optional()
	}),
	z.strictObject({
		type: z.literal('error-event'),
		afterChunks: count,
		message: z.string().optional(),
		errorType: z.string().optional()
	}),
	z.strictObject({ type: z.literal('drop'), afterChunks: count }),
	z.strictObject({ type: z.literal('stall'), afterChunks: count }),
	z.strictObject({
		type: z.literal('pause'),
		afterChunks: count,
		ms: z.number().nonnegative().max(600_000),
		/** During the pause, an SSE comment (`: keep-alive`) this often; the SDKs drop them. */
		keepAliveMs: z.number().positive().optional()
	})
]);

const matchSchema = z.strictObject({
	lastUserMessageIncludes: z.string().optional(),
	format: z.enum(['anthropic', 'openai']).optional()
});

export const turnSchema = z.strictObject({
	label: z.string().optional(),
	match: matchSchema.optional(),
	thinking: z.string().optional(),
	signature: z.string().optional(),
	text: z.string().optional(),
	toolCalls: z.array(toolCallSchema).optional(),
	stopReason: z.enum([...anthropicStopReasons, ...openaiFinishReasons]).optional(),
	usage: usageSchema.optional(),
	chunkDelayMs: z.number().nonnegative().max(60_000).optional(),
	chunkSize: z.number().int().positive().optional(),
	/** Simulated time that passes before this request (only the prompt-cache simulator's clock). */
	pauseMs: z.number().nonnegative().optional(),
	fault: faultSchema.optional()
});

const scriptObjectSchema = z.strictObject({
	models: z.array(z.string().min(1)).default(['mock-model']),
	turns: z.array(turnSchema)
});

// A bare array of turns is accepted as shorthand for { turns: [...] }.
export const scriptSchema = z.preprocess(
	(value) => (Array.isArray(value) ? { turns: value } : value),
	scriptObjectSchema
);

export type Script = z.output<typeof scriptObjectSchema>;
export type ScriptInput = z.input<typeof scriptObjectSchema> | z.input<typeof turnSchema>[];
export type Turn = z.output<typeof turnSchema>;
export type ToolCallSpec = z.output<typeof toolCallSchema>;
export type Fault = z.output<typeof faultSchema>;
export type TurnUsage = z.output<typeof usageSchema>;
export type WireFormat = 'anthropic' | 'openai';

export class MockScriptError extends Error {
	override name = 'MockScriptError';
}

/** Validates a script, throwing a MockScriptError that lists every problem and where it is. */
export function parseScript(value: unknown, source = 'script'): Script {
	const result = scriptSchema.safeParse(value);
	if (result.success) return result.data;
	throw new MockScriptError(
		`Invalid mock-model ${source}:\n${z.prettifyError(result.error)}\n` +
			'Fix the script; its format is described in tooling/mock-model/README.md.'
	);
}
