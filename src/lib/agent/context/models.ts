/**
 * What Kiln knows about a model: how much context it takes, how much it may answer, and what a
 * token costs. Prices are US dollars per million tokens, as published by the vendors (2025);
 * update them here when they change. A model that is not in the table (a local model, a new
 * release) gets UNKNOWN_MODEL: a 128k window and no price, flagged `known: false` so the UI can
 * say the cost is unknown rather than free.
 */

export interface ModelPrices {
	/** Uncached input. */
	readonly input: number;
	readonly output: number;
	/** Input written to the prompt cache (Anthropic: 1.25× input for the 5-minute TTL). */
	readonly cacheWrite: number;
	/** Input read from the prompt cache (Anthropic: 0.1× input). */
	readonly cacheRead: number;
}

export interface ModelInfo {
	/** The table entry that matched (or the id asked for, when unknown). */
	readonly id: string;
	readonly contextWindow: number;
	/**
	 * The most input the API accepts, where it caps input below the window (GPT-5: a 400k
	 * window, 272k of input). Absent: input may fill the window. Read it through inputLimit().
	 */
	readonly maxInputTokens?: number;
	readonly maxOutputTokens: number;
	readonly prices: ModelPrices;
	/** False for models the table does not list: window and prices are guesses. */
	readonly known: boolean;
}

/** How many input tokens a request to this model may carry (what clearing and compaction budget). */
export function inputLimit(info: Pick<ModelInfo, 'contextWindow' | 'maxInputTokens'>): number {
	return Math.min(info.contextWindow, info.maxInputTokens ?? info.contextWindow);
}

interface Entry {
	/** Matched against the normalised model id (see normalise). */
	readonly pattern: RegExp;
	readonly id: string;
	readonly contextWindow: number;
	readonly maxOutputTokens: number;
	readonly prices: ModelPrices;
}

/** Anthropic's rule: writes cost 1.25× input (5-minute TTL), reads 0.1×. */
function anthropic(input: number, output: number): ModelPrices {
	return { input, output, cacheWrite: input * 1.25, cacheRead: input * 0.1 };
}

/** OpenAI caches automatically: writing costs nothing extra, reads are discounted per model. */
function openai(input: number, output: number, cacheRead: number): ModelPrices {
	return { input, output, cacheWrite: input, cacheRead };
}

// Most specific first: the first pattern that matches wins.
const MODELS: readonly Entry[] = [
	// Claude 4.x
	{
		pattern: /claude-opus-4-[5-9]/,
		id: 'claude-opus-4-5',
		contextWindow: 200_000,
		maxOutputTokens: 64_000,
		prices: anthropic(5, 25)
	},
	{
		pattern: /claude-opus-4/,
		id: 'claude-opus-4-1',
		contextWindow: 200_000,
		maxOutputTokens: 32_000,
		prices: anthropic(15, 75)
	},
	{
		pattern: /claude-sonnet-4/,
		id: 'claude-sonnet-4-5',
		contextWindow: 200_000,
		maxOutputTokens: 64_000,
		prices: anthropic(3, 15)
	},
	{
		pattern: /claude-haiku-4/,
		id: 'claude-haiku-4-5',
		contextWindow: 200_000,
		maxOutputTokens: 64_000,
		prices: anthropic(1, 5)
	},
	// Claude 3.x, still served
	{
		pattern: /claude-3-7-sonnet/,
		id: 'claude-3-7-sonnet',
		contextWindow: 200_000,
		maxOutputTokens: 64_000,
		prices: anthropic(3, 15)
	},
	{
		pattern: /claude-3-5-sonnet/,
		id: 'claude-3-5-sonnet',
		contextWindow: 200_000,
		maxOutputTokens: 8_192,
		prices: anthropic(3, 15)
	},
	{
		pattern: /claude-3-5-haiku/,
		id: 'claude-3-5-haiku',
		contextWindow: 200_000,
		maxOutputTokens: 8_192,
		prices: anthropic(0.8, 4)
	},
	// OpenAI
	{
		pattern: /gpt-5[.-]?\d*-nano/,
		id: 'gpt-5-nano',
		contextWindow: 400_000,
		maxOutputTokens: 128_000,
		prices: openai(0.05, 0.4, 0.005)
	},
	{
		pattern: /gpt-5[.-]?\d*-mini/,
		id: 'gpt-5-mini',
		contextWindow: 400_000,
		maxOutputTokens: 128_000,
		prices: openai(0.25, 2, 0.025)
	},
	{
		pattern: /gpt-5/,
		id: 'gpt-5',
		contextWindow: 400_000,
		maxOutputTokens: 128_000,
		prices: openai(1.25, 10, 0.125)
	},
	{
		pattern: /gpt-4-1-nano/,
		id: 'gpt-4.1-nano',
		contextWindow: 1_047_576,
		maxOutputTokens: 32_768,
		prices: openai(0.1, 0.4, 0.025)
	},
	{
		pattern: /gpt-4-1-mini/,
		id: 'gpt-4.1-mini',
		contextWindow: 1_047_576,
		maxOutputTokens: 32_768,
		prices: openai(0.4, 1.6, 0.1)
	},
	{
		pattern: /gpt-4-1/,
		id: 'gpt-4.1',
		contextWindow: 1_047_576,
		maxOutputTokens: 32_768,
		prices: openai(2, 8, 0.5)
	},
	{
		pattern: /gpt-4o-mini/,
		id: 'gpt-4o-mini',
		contextWindow: 128_000,
		maxOutputTokens: 16_384,
		prices: openai(0.15, 0.6, 0.075)
	},
	{
		pattern: /gpt-4o/,
		id: 'gpt-4o',
		contextWindow: 128_000,
		maxOutputTokens: 16_384,
		prices: openai(2.5, 10, 1.25)
	},
	{
		pattern: /(^|\W)o4-mini/,
		id: 'o4-mini',
		contextWindow: 200_000,
		maxOutputTokens: 100_000,
		prices: openai(1.1, 4.4, 0.275)
	},
	{
		pattern: /(^|\W)o3-mini/,
		id: 'o3-mini',
		contextWindow: 200_000,
		maxOutputTokens: 100_000,
		prices: openai(1.1, 4.4, 0.55)
	},
	{
		pattern: /(^|\W)o3/,
		id: 'o3',
		contextWindow: 200_000,
		maxOutputTokens: 100_000,
		prices: openai(2, 8, 0.5)
	},
	{
		pattern: /(^|\W)o1/,
		id: 'o1',
		contextWindow: 200_000,
		maxOutputTokens: 100_000,
		prices: openai(15, 60, 7.5)
	}
];

export const ZERO_PRICES: ModelPrices = { input: 0, output: 0, cacheWrite: 0, cacheRead: 0 };

/** What an unlisted model is assumed to be. */
export const UNKNOWN_MODEL: Omit<ModelInfo, 'id'> = {
	contextWindow: 128_000,
	maxOutputTokens: 8_192,
	prices: ZERO_PRICES,
	known: false
};

/**
 * The table entry for a model id as the person typed it or an API listed it: dated snapshots
 * (claude-sonnet-4-5-20250929), router prefixes (anthropic/claude-sonnet-4.5) and dotted
 * versions (gpt-4.1) all find their family.
 */
export function modelInfo(model: string): ModelInfo {
	const id = normalise(model);
	const entry = MODELS.find((candidate) => candidate.pattern.test(id));
	if (!entry) return { id: model, ...UNKNOWN_MODEL };
	return {
		id: entry.id,
		contextWindow: entry.contextWindow,
		maxOutputTokens: entry.maxOutputTokens,
		prices: entry.prices,
		known: true
	};
}

function normalise(model: string): string {
	const lower = model.toLowerCase().trim();
	const withoutRouter = lower.slice(lower.lastIndexOf('/') + 1);
	return withoutRouter.replace(/\./g, '-');
}
