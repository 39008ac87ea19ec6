/**
 * The shape of a stored SessionEvent (session/events.ts), checked field by field wherever the chat,
 * the request builder or the context inspector read one: an event that fails is set aside and
 * the rest of the session still opens (the request builder answers tool calls whose result went
 * missing, and ignores results whose call did).
 */
import { z } from 'zod';

const count = z.number().nonnegative();

const usage = z.looseObject({
	inputTokens: count,
	outputTokens: count,
	cacheReadTokens: count,
	cacheWriteTokens: count
});

const block = z.discriminatedUnion('type', [
	z.looseObject({ type: z.literal('text'), text: z.string() }),
	z.looseObject({
		type: z.literal('thinking'),
		thinking: z.string(),
		signature: z.string().optional()
	}),
	z.looseObject({ type: z.literal('redacted_thinking'), data: z.string() }),
	z.looseObject({
		type: z.literal('tool_call'),
		id: z.string(),
		name: z.string(),
		input: z.record(z.string(), z.unknown())
	})
]);

const todo = z.looseObject({ content: z.string(), status: z.string() });

const metadata = z.looseObject({
	path: z.string().optional(),
	diff: z.string().optional(),
	created: z.boolean().optional(),
	replacements: z.number().optional(),
	exitCode: z.number().optional(),
	timedOut: z.boolean().optional(),
	aborted: z.boolean().optional(),
	truncated: z.boolean().optional(),
	todos: z.array(todo).optional(),
	count: z.number().optional(),
	refused: z.boolean().optional(),
	subagent: z
		.looseObject({
			id: z.string(),
			agent: z.string(),
			description: z.string(),
			reason: z.string(),
			steps: z.number(),
			model: z.string(),
			usage
		})
		.optional()
});

const layer = z.looseObject({
	name: z.string(),
	tokens: z.number(),
	blocks: z.number(),
	breakpoint: z.boolean()
});

const snapshot = z.looseObject({
	layers: z.array(layer),
	breakpoints: z.number(),
	estimatedInputTokens: z.number(),
	model: z.string(),
	maxTokens: z.number(),
	kind: z.enum(['step', 'compaction']),
	focus: z.string().optional(),
	toolNames: z.array(z.string()),
	usage: usage.optional()
});

export const sessionEventSchema = z.discriminatedUnion('type', [
	z.looseObject({
		type: z.literal('session-start'),
		at: z.number(),
		provider: z.string(),
		model: z.string(),
		runtime: z.string(),
		environment: z.string().optional(),
		sessionContext: z.string().optional()
	}),
	z.looseObject({
		type: z.literal('user-message'),
		id: z.string(),
		at: z.number(),
		text: z.string(),
		runtime: z.string().optional(),
		reminder: z.string().optional()
	}),
	z.looseObject({
		type: z.literal('assistant-step'),
		id: z.string(),
		at: z.number(),
		step: z.number(),
		message: z.looseObject({ role: z.literal('assistant'), content: z.array(block) }),
		stopReason: z.string(),
		usage,
		model: z.string(),
		interrupted: z.boolean().optional()
	}),
	z.looseObject({
		type: z.literal('tool-result'),
		at: z.number(),
		toolCallId: z.string(),
		name: z.string(),
		ok: z.boolean(),
		output: z.string(),
		metadata: metadata.optional(),
		durationMs: z.number()
	}),
	z.looseObject({
		type: z.literal('turn-end'),
		at: z.number(),
		reason: z.string(),
		error: z.looseObject({ kind: z.string(), message: z.string() }).optional(),
		usage
	}),
	z.looseObject({
		type: z.literal('context-cleared'),
		at: z.number(),
		toolCallIds: z.array(z.string()),
		tokensFreed: z.number()
	}),
	z.looseObject({
		type: z.literal('compaction'),
		at: z.number(),
		summary: z.string(),
		focus: z.string().optional(),
		manual: z.boolean().optional(),
		reinjected: z.string().optional(),
		tokensBefore: z.number(),
		tokensAfter: z.number(),
		usage: usage.optional(),
		model: z.string().optional()
	}),
	z.looseObject({ type: z.literal('mode-change'), at: z.number(), mode: z.string() }),
	z.looseObject({
		type: z.literal('reasoning-change'),
		at: z.number(),
		effort: z.enum(['off', 'low', 'medium', 'high'])
	}),
	z.looseObject({ type: z.literal('request'), at: z.number(), step: z.number(), snapshot })
]);
