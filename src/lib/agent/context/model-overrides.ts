/**
 * What the price catalog (model-catalog.ts) does not record, from the vendors' model pages:
 * input caps below the window, output caps, and deprecations the catalog has not flagged yet.
 * Kept short on purpose: only what Kiln budgets with. Patterns are tried in order (first wins)
 * against the model id lower-cased, without a router prefix ("openai/").
 */

interface Limit {
	readonly pattern: RegExp;
	readonly tokens: number;
}

/**
 * OpenAI's GPT-5 models with a 400k window: the API takes at most 272k input tokens, the rest of
 * the window is room for the answer. gpt-5-pro may answer 272k, so its input stops at 128k. Newer
 * ones with larger windows (gpt-5.4: 1.05M) are not capped this way, hence the window check.
 */
const MAX_INPUT: readonly (Limit & { readonly window: number })[] = [
	{ pattern: /^gpt-5(\.\d+)?-pro\b/, window: 400_000, tokens: 128_000 },
	{ pattern: /^gpt-5/, window: 400_000, tokens: 272_000 }
];

/** The largest answer (max_tokens) each family allows. */
const MAX_OUTPUT: readonly Limit[] = [
	{ pattern: /^gpt-5(\.\d+)?-pro\b/, tokens: 272_000 },
	{ pattern: /^gpt-5/, tokens: 128_000 },
	{ pattern: /^gpt-4[.-]1/, tokens: 32_768 },
	{ pattern: /^(gpt-4o|chatgpt-4o)/, tokens: 16_384 },
	{ pattern: /^o[134]\b/, tokens: 100_000 },
	{ pattern: /^claude-3-5/, tokens: 8_192 },
	{ pattern: /^claude-3-(haiku|opus|sonnet)/, tokens: 4_096 },
	{ pattern: /^claude-opus-4(-[01])?(-\d{8})?$/, tokens: 32_000 },
	{ pattern: /^claude-opus-(4-[6-9]|[5-9])/, tokens: 128_000 },
	{ pattern: /^claude-/, tokens: 64_000 }
];

/**
 * Deprecated by Anthropic (the SDK warns on them; from its data, @anthropic-ai/sdk 1.14: end of
 * life 2026-11-30 for Sonnet 4.5, 2027-01-22 for Opus 4.5). A test checks this list still covers
 * the SDK's.
 */
const DEPRECATED: readonly RegExp[] = [
	/^claude-sonnet-4-5(-\d{8})?$/,
	/^claude-opus-4-5(-\d{8})?$/,
	/^claude-mythos-preview$/
];

/** The input cap of a model whose catalog window is `window`, if the API has one below it. */
export function maxInputOverride(model: string, window: number): number | undefined {
	return first(
		MAX_INPUT.filter((limit) => limit.window === window),
		model
	);
}

export function maxOutputOverride(model: string): number | undefined {
	return first(MAX_OUTPUT, model);
}

export function deprecatedOverride(model: string): boolean {
	const id = bareId(model);
	return DEPRECATED.some((pattern) => pattern.test(id));
}

function first(limits: readonly Limit[], model: string): number | undefined {
	const id = bareId(model);
	return limits.find((limit) => limit.pattern.test(id))?.tokens;
}

/** "openai/GPT-5.1" → "gpt-5.1"; dotted Claude versions as the API spells them (4.5 → 4-5). */
function bareId(model: string): string {
	const lower = model.toLowerCase().trim();
	const id = lower.slice(lower.lastIndexOf('/') + 1);
	return id.startsWith('claude-') ? id.replace(/\./g, '-') : id;
}
