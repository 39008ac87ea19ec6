import { ProviderError } from './provider-error';
import { describeConfigProblem, getPreset } from './presets';
import { withReasoning } from './reasoning';
import { yieldToEventLoop } from './yield-budget';
import type {
	ApiFamily,
	ModelRequest,
	Provider,
	ProviderConfig,
	ProviderId,
	ProviderOptions,
	StreamEvent
} from './types';

/**
 * A provider for this configuration. The SDK behind it is loaded on first use, so a page
 * that never talks to Anthropic never downloads its SDK. Throws ProviderError when the
 * configuration cannot work (no key where one is needed, no or bad Base URL).
 */
export function createProvider(config: ProviderConfig, options: ProviderOptions = {}): Provider {
	const problem = describeConfigProblem(config, { needModel: false });
	if (problem !== undefined) {
		const missingKey = getPreset(config.provider).requiresApiKey && !config.apiKey?.trim();
		throw new ProviderError(missingKey ? 'auth' : 'bad_request', problem, {
			provider: config.provider
		});
	}
	return new LazyProvider({ ...config }, options);
}

/** Model ids from the provider's API; throws ProviderError so the UI can offer free entry. */
export function listModels(config: ProviderConfig, signal?: AbortSignal): Promise<string[]> {
	try {
		return createProvider(config).listModels(signal);
	} catch (error) {
		return Promise.reject(error);
	}
}

/**
 * Loads the SDK `config`'s provider will use, without sending anything: called in idle time once
 * the settings are known, so the first send does not wait for it. A failure is left for the send
 * to report (it retries the import and says what went wrong).
 */
export async function preloadProvider(config: Pick<ProviderConfig, 'provider'>): Promise<void> {
	try {
		await importFamily(getPreset(config.provider).family);
	} catch {
		// The send tries again and explains.
	}
}

/** The same chunks createProvider loads: what is preloaded is what is used. */
function importFamily(family: ApiFamily) {
	return family === 'anthropic' ? import('./anthropic-provider') : import('./openai-provider');
}

class LazyProvider implements Provider {
	readonly id: ProviderId;
	readonly family: ApiFamily;
	readonly #config: ProviderConfig;
	readonly #options: ProviderOptions;
	#loaded?: Promise<Provider>;
	/** Only where the API offers it (Anthropic), so callers can tell without loading the SDK. */
	readonly countTokens?: (request: ModelRequest, signal?: AbortSignal) => Promise<number>;

	constructor(config: ProviderConfig, options: ProviderOptions) {
		this.id = config.provider;
		this.family = getPreset(config.provider).family;
		this.#config = config;
		this.#options = options;
		if (this.family === 'anthropic') {
			this.countTokens = async (request, signal) => {
				const provider = await this.#load();
				if (!provider.countTokens) throw new Error('This provider cannot count tokens.');
				return provider.countTokens(request, signal);
			};
		}
	}

	async *stream(request: ModelRequest): AsyncGenerator<StreamEvent, void, undefined> {
		const provider = await this.#load();
		yield* provider.stream(withReasoning(request, this.#config));
	}

	async listModels(signal?: AbortSignal): Promise<string[]> {
		return (await this.#load()).listModels(signal);
	}

	#load(): Promise<Provider> {
		this.#loaded ??= this.#import();
		return this.#loaded;
	}

	async #import(): Promise<Provider> {
		try {
			const provider = await this.#make();
			// The SDK's first client is made in a task apart from the first request's building: the
			// two ran its code for the first time in one task of ~30 ms on a 4× slower CPU.
			await yieldToEventLoop();
			return provider;
		} catch (error) {
			// Let a later call try again (the network may be back).
			this.#loaded = undefined;
			throw error;
		}
	}

	async #make(): Promise<Provider> {
		if (this.family === 'anthropic') {
			const { AnthropicProvider } = await import('./anthropic-provider').catch(this.#loadFailed);
			return new AnthropicProvider(this.#config, this.#options);
		}
		const { OpenAIProvider } = await import('./openai-provider').catch(this.#loadFailed);
		return new OpenAIProvider(this.#config, this.#options);
	}

	#loadFailed = (error: unknown): never => {
		throw new ProviderError(
			'network',
			`Could not load the ${getPreset(this.id).label} client code. Check your connection and reload the page.`,
			{ provider: this.id, cause: error }
		);
	};
}
