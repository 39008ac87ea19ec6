/**
 * The provider's model list (GET /v1/models, through the official SDKs), with what each API says
 * about a model beyond its id: Anthropic its lifecycle, limits and thinking capabilities,
 * OpenRouter its context length and parameters. Prices and windows for the rest come from the
 * model catalog one layer up. The SDKs load with the first listing, never before.
 */
import { ProviderError } from './provider-error';
import { describeConfigProblem, getPreset } from './presets';
import type { ProviderConfig } from './types';

export interface ListedModel {
	id: string;
	/** The API's human name, when it differs from the id. */
	displayName?: string;
	/** The window (or input limit) the API reports for this model. */
	contextWindow?: number;
	maxOutputTokens?: number;
	/** The API says it is deprecated (it will be retired). */
	deprecated?: boolean;
	/**
	 * Whether the model accepts a reasoning setting, when the API says: Anthropic's thinking
	 * capabilities, OpenRouter's supported parameters. Undefined: the API does not say.
	 */
	reasoning?: boolean;
}

/** Lists the models; throws ProviderError (no key, offline, 401…) so Settings can fall back to free entry. */
export async function listModelDetails(
	config: ProviderConfig,
	signal?: AbortSignal
): Promise<ListedModel[]> {
	const problem = describeConfigProblem(config, { needModel: false });
	const preset = getPreset(config.provider);
	if (problem !== undefined) {
		const missingKey = preset.requiresApiKey && !config.apiKey?.trim();
		throw new ProviderError(missingKey ? 'auth' : 'bad_request', problem, {
			provider: config.provider
		});
	}
	const load =
		preset.family === 'anthropic'
			? import('./model-list-anthropic').then((module) => module.listAnthropicModels)
			: import('./model-list-openai').then((module) => module.listOpenAIModels);
	const list = await load.catch((error: unknown) => {
		throw new ProviderError(
			'network',
			`Could not load the ${preset.label} client code. Check your connection and reload the page.`,
			{ provider: config.provider, cause: error }
		);
	});
	const models = await list(config, signal);
	// One entry per id, in a stable order (APIs list newest first, or in no order at all).
	const byId = new Map(models.map((model) => [model.id, model]));
	return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}
