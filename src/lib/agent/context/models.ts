/**
 * What Kiln knows about a model: how much context it takes, how much it may answer, and what a
 * token costs (US dollars per million tokens). Windows and prices come from the maintained
 * catalog (model-catalog.ts, loaded on demand); what it lacks — input caps, output caps, some
 * deprecations — from model-overrides.ts. A model the catalog does not list (a local model, a
 * new release), or any model before the catalog has loaded, gets UNKNOWN_MODEL: a 128k window
 * and no price, flagged `known: false` so the UI says the cost is unknown rather than free.
 */
import { catalogEntry, type CatalogProvider } from './model-catalog';
import { deprecatedOverride, maxInputOverride, maxOutputOverride } from './model-overrides';

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
	/** The catalog entry that matched (or the id asked for, when unknown). */
	readonly id: string;
	readonly contextWindow: number;
	/**
	 * The most input the API accepts, where it caps input below the window (GPT-5: a 400k
	 * window, 272k of input). Absent: input may fill the window. Read it through inputLimit().
	 */
	readonly maxInputTokens?: number;
	readonly maxOutputTokens: number;
	readonly prices: ModelPrices;
	/** False for models the catalog does not list: window and prices are guesses. */
	readonly known: boolean;
	/** The vendor has deprecated the model (it will stop answering): Settings warns. */
	readonly deprecated?: boolean;
}

/** How many input tokens a request to this model may carry (what clearing and compaction budget). */
export function inputLimit(info: Pick<ModelInfo, 'contextWindow' | 'maxInputTokens'>): number {
	return Math.min(info.contextWindow, info.maxInputTokens ?? info.contextWindow);
}

export const ZERO_PRICES: ModelPrices = { input: 0, output: 0, cacheWrite: 0, cacheRead: 0 };

/** What an unlisted model is assumed to be. */
export const UNKNOWN_MODEL: Omit<ModelInfo, 'id'> = {
	contextWindow: 128_000,
	maxOutputTokens: 8_192,
	prices: ZERO_PRICES,
	known: false
};

/**
 * The catalog's entry for a model id as the person typed it or an API listed it: dated snapshots
 * (claude-sonnet-4-5-20250929), router ids (anthropic/claude-sonnet-4.5) and dotted versions
 * (gpt-4.1) all find their entry. `provider` (the Settings provider) settles ids two vendors
 * share. Before loadModelCatalog() has resolved every model is unknown.
 */
export function modelInfo(model: string, provider?: string): ModelInfo {
	const entry = catalogEntry(model, catalogProvider(provider));
	const contextWindow = entry?.contextWindow ?? UNKNOWN_MODEL.contextWindow;
	const maxInputTokens = maxInputOverride(model, contextWindow);
	const deprecated = (entry?.deprecated ?? false) || deprecatedOverride(model);
	const common = {
		...(maxInputTokens !== undefined && { maxInputTokens }),
		...(deprecated && { deprecated })
	};
	if (!entry) return { id: model, ...UNKNOWN_MODEL, ...common };
	return {
		id: entry.id,
		contextWindow,
		maxOutputTokens: maxOutputOverride(model) ?? UNKNOWN_MODEL.maxOutputTokens,
		prices: entry.prices,
		known: true,
		...common
	};
}

function catalogProvider(provider: string | undefined): CatalogProvider | undefined {
	return provider === 'anthropic' || provider === 'openai' || provider === 'openrouter'
		? provider
		: undefined;
}

/**
 * The model as the person set it up: their window (Settings' "Context window", a local model)
 * over the catalog's entry, prices kept. It is what the model accepts, so a catalog input cap
 * above it no longer applies.
 */
export function withContextWindow(known: ModelInfo, window: number | undefined): ModelInfo {
	if (!window) return known;
	return {
		...known,
		contextWindow: window,
		...(known.maxInputTokens !== undefined
			? { maxInputTokens: Math.min(known.maxInputTokens, window) }
			: {})
	};
}
