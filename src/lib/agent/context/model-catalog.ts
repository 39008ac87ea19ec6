/**
 * Prices and context windows from @pydantic/genai-prices, a maintained catalog (it follows the
 * vendors' price pages, cache read/write prices and windows included). Its bundle is ~800 KB, so
 * it is never part of the first paint: loadModelCatalog() imports it on demand (its own chunk in
 * the app). Until then catalogEntry() knows nothing and modelInfo() answers a conservative
 * fallback; whoever needs exact numbers (the cost meter, Settings' model list, the agent before
 * its first request) awaits the load.
 */
import type * as GenaiPrices from '@pydantic/genai-prices';
import { yieldToPage } from '../../runtime';
import type { ModelPrices } from './models';

type Library = typeof GenaiPrices;

let library: Library | undefined;
let loading: Promise<boolean> | undefined;
let arrived = () => {};
const loaded = new Promise<void>((resolve) => (arrived = resolve));
/**
 * Lookups already answered, by provider and model id. The library's matcher costs ~0.15 ms a
 * call, and the session's totals look the model up once per step on every status update: a long
 * session would spend a long task on it each step. Emptied whenever the data changes.
 */
const answered = new Map<string, CatalogEntry | undefined>();

/** Loads the catalog once; resolves false when it could not load (offline chunk): try later. */
export function loadModelCatalog(): Promise<boolean> {
	loading ??= import('@pydantic/genai-prices').then(
		async (module) => {
			library = module;
			answered.clear();
			// Evaluating the catalog's ~800 KB of data is a task of ~9 ms (~36 ms at 4x CPU); whoever
			// awaited it (a turn building its first request) goes on in the next task, not in that
			// one: together they were a long task of ~60 ms in a first send at 4x CPU (bench:web).
			await yieldToPage();
			arrived();
			return true;
		},
		() => {
			loading = undefined;
			return false;
		}
	);
	return loading;
}

/**
 * Resolves once the catalog has loaded, whoever asked for it (the idle prefetch, Settings, a
 * send): for what can show a guess now and the exact figure later. Asks for nothing itself.
 */
export function whenModelCatalogLoaded(): Promise<void> {
	return loaded;
}

/** Whether catalogEntry() answers from the catalog yet. */
export function modelCatalogReady(): boolean {
	return library !== undefined;
}

/** The refresh replaced the library's data: earlier answers may be stale. */
export function forgetCatalogLookups(): void {
	answered.clear();
}

/** The loaded library, for the refresh (model-catalog-refresh.ts). */
export function catalogLibrary(): Library | undefined {
	return library;
}

/** Which vendor's entries a lookup prefers (the Settings provider); others fall back to matching. */
export type CatalogProvider = 'anthropic' | 'openai' | 'openrouter';

export interface CatalogEntry {
	/** The catalog's id for the model (its family entry: dated snapshots share one). */
	readonly id: string;
	readonly name?: string;
	readonly contextWindow?: number;
	readonly prices: ModelPrices;
	/** The catalog says the vendor has deprecated it. */
	readonly deprecated: boolean;
}

const NO_USAGE = { input_tokens: 0, output_tokens: 0 };

/**
 * The catalog entry for a model id as the person typed it or an API listed it, or undefined
 * (unknown model, or the catalog not loaded yet). Router ids (anthropic/claude-sonnet-4.5) are
 * looked up as OpenRouter lists them first, then as the vendor's own model.
 */
export function catalogEntry(model: string, provider?: CatalogProvider): CatalogEntry | undefined {
	if (!library) return undefined;
	const key = `${provider ?? ''}\u0000${model}`;
	if (answered.has(key)) return answered.get(key);
	const entry = lookUp(library, model, provider);
	answered.set(key, entry);
	return entry;
}

function lookUp(
	lib: Library,
	model: string,
	provider: CatalogProvider | undefined
): CatalogEntry | undefined {
	const id = model.toLowerCase().trim();
	if (id === '') return undefined;
	const attempts: Array<[string, CatalogProvider | undefined]> = [];
	if (id.includes('/')) {
		attempts.push([id, 'openrouter']);
		attempts.push([id.slice(id.lastIndexOf('/') + 1), undefined]);
	} else {
		if (provider && provider !== 'openrouter') attempts.push([id, provider]);
		attempts.push([id, undefined]);
	}
	for (const [modelId, providerId] of attempts) {
		const found = priced(lib, modelId, providerId);
		if (found) return found;
	}
	return undefined;
}

function priced(
	lib: Library,
	modelId: string,
	providerId: CatalogProvider | undefined
): CatalogEntry | undefined {
	let result: ReturnType<Library['calcPrice']>;
	try {
		// A price for no usage: the cheapest way to ask the library's own matcher which entry (and
		// which of its dated prices) applies today.
		result = lib.calcPrice(NO_USAGE, modelId, providerId ? { providerId } : {});
	} catch {
		return undefined;
	}
	if (!result) return undefined;
	const prices = toPrices(result.model_price);
	if (!prices) return undefined;
	return {
		id: result.model.id,
		...(result.model.name && { name: result.model.name }),
		...(result.model.context_window && { contextWindow: result.model.context_window }),
		prices,
		deprecated: result.model.deprecated === true
	};
}

type Price = GenaiPrices.ModelPrice[string];

/**
 * Per-million prices; undefined for entries without token prices (image models, free tiers with
 * no numbers). Tiered prices (more per token past 200k on some models) count at their base rate:
 * Kiln's requests stay below the tiers while clearing and compaction do their job. An API without
 * a cache-write price (OpenAI caches for free) pays input; one without a cache-read price pays
 * full input for reads too (no discount is better than an invented one).
 */
function toPrices(price: GenaiPrices.ModelPrice): ModelPrices | undefined {
	const input = base(price['input_mtok']);
	const output = base(price['output_mtok']);
	if (input === undefined || output === undefined) return undefined;
	return {
		input,
		output,
		cacheWrite: base(price['cache_write_mtok']) ?? input,
		cacheRead: base(price['cache_read_mtok']) ?? input
	};
}

function base(price: Price): number | undefined {
	if (typeof price === 'number') return price;
	if (price && typeof price === 'object' && typeof price.base === 'number') return price.base;
	return undefined;
}
