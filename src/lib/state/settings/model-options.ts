/**
 * What Settings shows about models: the provider's list with each model's window and price from
 * the catalog, and a summary of the chosen one. Components read it from here (they do not reach
 * into the agent's model table themselves).
 */
import { inputLimit, modelAcceptsImages, modelInfo, type ModelInfo } from '../../agent/light';
import {
	listModelDetails,
	probeLocalServer,
	supportsReasoning,
	type LocalProviderId,
	type ListedModel,
	type ProviderConfig,
	type ProviderId
} from '../../providers';

export interface ModelOption {
	readonly id: string;
	readonly displayName?: string;
	/** "1M window · $3 / $15" — what sits beside the name. */
	readonly details: string;
	readonly deprecated: boolean;
	/** What the list said about reasoning (undefined: it did not say). */
	readonly reasoning?: boolean;
	/** The window the API or the catalog gives (undefined: unknown model). */
	readonly contextWindow?: number;
}

export interface ModelSummary {
	/** Whether the catalog (or the provider's list) knows the window. */
	readonly known: boolean;
	readonly contextWindow: number;
	readonly details: string;
	readonly deprecated: boolean;
	readonly reasoning: boolean;
	/** Whether Kiln knows the model to accept images (undefined: it does not know). */
	readonly images: boolean | undefined;
}

/**
 * What the chat says when images are attached for a model that will not see them: undefined
 * when it accepts images (by Kiln's knowledge or the person's setting).
 */
export function imagesNote(config: Pick<ProviderConfig, 'model' | 'images'>): string | undefined {
	const accepted = modelAcceptsImages(config.model, config.images);
	if (accepted) return undefined;
	return accepted === false
		? `${config.model} does not accept images: it gets a short note in their place.`
		: `Kiln does not know whether ${config.model} accepts images, so it gets a short note in their place. If it does, set “Accepts images” to Yes in Settings.`;
}

/** The provider's models, sorted, each with window and price. Throws ProviderError. */
export async function listModelOptions(
	config: ProviderConfig,
	signal?: AbortSignal
): Promise<ModelOption[]> {
	const listed = await listModelDetails(config, signal);
	return listed.map((model) => toOption(config.provider, model));
}

/**
 * A local server's models (Ollama, LM Studio), found by probing it. Throws an Error whose message
 * says what to do when it is not running, refuses the page (CORS) or has no models.
 */
export async function localModelOptions(
	provider: LocalProviderId,
	baseUrl: string | undefined,
	signal?: AbortSignal
): Promise<ModelOption[]> {
	const outcome = await probeLocalServer(provider, baseUrl, { origin: location.origin, signal });
	if (outcome.status !== 'found' || outcome.models.length === 0) throw new Error(outcome.message);
	return outcome.models.map((id) => toOption(provider, { id }));
}

function toOption(provider: ProviderId, model: ListedModel): ModelOption {
	const info = modelInfo(model.id, provider);
	const contextWindow = model.contextWindow ?? (info.known ? info.contextWindow : undefined);
	return {
		id: model.id,
		...(model.displayName && { displayName: model.displayName }),
		details: describe(info, contextWindow),
		deprecated: model.deprecated === true || info.deprecated === true,
		...(model.reasoning !== undefined && { reasoning: model.reasoning }),
		...(contextWindow !== undefined && { contextWindow })
	};
}

/** The chosen model as Settings describes it; `listed` is its entry in the provider's list. */
export function summariseModel(
	provider: ProviderId,
	model: string,
	listed?: ModelOption
): ModelSummary {
	const info = modelInfo(model, provider);
	const contextWindow = listed?.contextWindow ?? info.contextWindow;
	const known = info.known || listed?.contextWindow !== undefined;
	return {
		known,
		contextWindow,
		details: describe(info, known ? contextWindow : undefined),
		deprecated: listed?.deprecated === true || info.deprecated === true,
		reasoning: supportsReasoning(provider, model, listed?.reasoning),
		images: modelAcceptsImages(model)
	};
}

function describe(info: ModelInfo, contextWindow: number | undefined): string {
	const parts: string[] = [];
	if (contextWindow !== undefined) {
		const limit = inputLimit({ ...info, contextWindow });
		parts.push(
			limit < contextWindow
				? `${tokens(contextWindow)} window (${tokens(limit)} input)`
				: `${tokens(contextWindow)} window`
		);
	} else {
		parts.push('window unknown');
	}
	parts.push(
		info.known
			? `${dollars(info.prices.input)} in / ${dollars(info.prices.output)} out per 1M tokens`
			: 'price unknown'
	);
	return parts.join(' · ');
}

/** 1000000 → "1M", 200000 → "200k", 1050000 → "1.05M". */
export function tokens(count: number): string {
	if (count >= 1_000_000) return `${trim(count / 1_000_000)}M`;
	if (count >= 1_000) return `${trim(count / 1_000)}k`;
	return String(count);
}

function trim(value: number): string {
	return String(Number(value.toFixed(2)));
}

function dollars(value: number): string {
	return `$${trim(value)}`;
}
