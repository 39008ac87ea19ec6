/**
 * The shape of a stored SessionEvent (session/events.ts), checked field by field wherever the chat,
 * the request builder or the context inspector read one: an event that fails is set aside and
 * the rest of the session still opens (the request builder answers tool calls whose result went
 * missing, and ignores results whose call did).
 */
import * as z from 'zod/mini';
import { lazySchema } from './lazy-schema';

/** Built on the first event checked (see lazy-schema.ts): the whole union is ~100 schemas. */
export const sessionEventSchema = lazySchema(buildSessionEventSchema);

function buildSessionEventSchema() {
	const count = z.number().check(z.nonnegative());

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
			signature: z.optional(z.string())
		}),
		z.looseObject({ type: z.literal('redacted_thinking'), data: z.string() }),
		z.looseObject({
			type: z.literal('tool_call'),
			id: z.string(),
			name: z.string(),
			input: z.record(z.string(), z.unknown())
		})
	]);

	/** An image named by its hash (the bytes are in the images store, checked when loaded). */
	const imageRef = z.looseObject({
		hash: z.string().check(z.regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 hex hash')),
		mediaType: z.enum(['image/png', 'image/jpeg', 'image/webp', 'image/gif']),
		width: z.number().check(z.int(), z.positive()),
		height: z.number().check(z.int(), z.positive()),
		bytes: z.number().check(z.int(), z.positive())
	});

	const todo = z.looseObject({ content: z.string(), status: z.string() });

	const metadata = z.looseObject({
		path: z.optional(z.string()),
		diff: z.optional(z.string()),
		created: z.optional(z.boolean()),
		replacements: z.optional(z.number()),
		exitCode: z.optional(z.number()),
		timedOut: z.optional(z.boolean()),
		aborted: z.optional(z.boolean()),
		truncated: z.optional(z.boolean()),
		todos: z.optional(z.array(todo)),
		count: z.optional(z.number()),
		refused: z.optional(z.boolean()),
		subagent: z.optional(
			z.looseObject({
				id: z.string(),
				agent: z.string(),
				description: z.string(),
				reason: z.string(),
				steps: z.number(),
				model: z.string(),
				usage
			})
		)
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
		rough: z.optional(z.literal(true)),
		images: z.optional(z.looseObject({ count: count, tokens: count })),
		model: z.string(),
		maxTokens: z.number(),
		kind: z.enum(['step', 'compaction']),
		focus: z.optional(z.string()),
		toolNames: z.array(z.string()),
		usage: z.optional(usage)
	});

	return z.discriminatedUnion('type', [
		z.looseObject({
			type: z.literal('session-start'),
			at: z.number(),
			provider: z.string(),
			model: z.string(),
			runtime: z.string(),
			environment: z.optional(z.string()),
			sessionContext: z.optional(z.string())
		}),
		z.looseObject({
			type: z.literal('user-message'),
			id: z.string(),
			at: z.number(),
			text: z.string(),
			runtime: z.optional(z.string()),
			reminder: z.optional(z.string()),
			images: z.optional(z.array(imageRef))
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
			interrupted: z.optional(z.boolean())
		}),
		z.looseObject({
			type: z.literal('tool-result'),
			at: z.number(),
			toolCallId: z.string(),
			name: z.string(),
			ok: z.boolean(),
			output: z.string(),
			metadata: z.optional(metadata),
			images: z.optional(z.array(imageRef)),
			durationMs: z.number()
		}),
		z.looseObject({
			type: z.literal('turn-end'),
			at: z.number(),
			reason: z.string(),
			error: z.optional(z.looseObject({ kind: z.string(), message: z.string() })),
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
			focus: z.optional(z.string()),
			manual: z.optional(z.boolean()),
			reinjected: z.optional(z.string()),
			tokensBefore: z.number(),
			tokensAfter: z.number(),
			usage: z.optional(usage),
			model: z.optional(z.string())
		}),
		z.looseObject({ type: z.literal('mode-change'), at: z.number(), mode: z.string() }),
		z.looseObject({
			type: z.literal('reasoning-change'),
			at: z.number(),
			effort: z.enum(['off', 'low', 'medium', 'high'])
		}),
		z.looseObject({ type: z.literal('request'), at: z.number(), step: z.number(), snapshot })
	]);
}
