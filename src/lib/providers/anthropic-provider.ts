import Anthropic, { APIConnectionError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { AnthropicEventTranslator } from './anthropic-events';
import { toAnthropicParams } from './anthropic-request';
import { driveStream } from './drive-stream';
import { resolveBaseUrl } from './presets';
import type { FixWording } from './errors';
import { toProviderError } from './sdk-errors';
import { watchedFetch } from './watched-fetch';
import type {
	ModelRequest,
	Provider,
	ProviderConfig,
	ProviderId,
	ProviderOptions,
	StreamEvent
} from './types';

const SDK_ERRORS = { APIError, APIConnectionError, APIUserAbortError };

/**
 * This SDK version sends `apiKey` as `Authorization: Bearer`, which the Anthropic API does
 * not accept for API keys: it wants `x-api-key`. So the key travels as that header, and no
 * SDK credential is set. Turning off default-credential resolution keeps the SDK from
 * picking up a profile or token from the machine (the CLI) and sending that instead.
 */
class ApiKeyHeaderClient extends Anthropic {
	protected override _shouldResolveDefaultCredentials(): boolean {
		return false;
	}
}

export function createAnthropicClient(
	config: ProviderConfig,
	fetch?: typeof globalThis.fetch
): Anthropic {
	const key = config.apiKey?.trim();
	return new ApiKeyHeaderClient({
		apiKey: null,
		authToken: null,
		baseURL: resolveBaseUrl(config),
		// One retry policy, ours (withRetries): the SDK's would hide failures and double waits.
		maxRetries: 0,
		dangerouslyAllowBrowser: true,
		// Requests carry prompts and keys: never hand them to an ambient tracer.
		openTelemetry: false,
		// A keyless proxy is allowed; the explicit null tells the SDK that is intended.
		defaultHeaders: key ? { 'x-api-key': key } : { Authorization: null },
		...(fetch && { fetch })
	});
}

export class AnthropicProvider implements Provider {
	readonly id: ProviderId;
	readonly family = 'anthropic' as const;
	readonly #client: Anthropic;
	readonly #config: ProviderConfig;
	readonly #baseUrl: string;
	readonly #wording: FixWording | undefined;

	constructor(config: ProviderConfig, options: ProviderOptions = {}) {
		this.id = config.provider;
		this.#baseUrl = resolveBaseUrl(config);
		this.#wording = options.wording;
		this.#config = config;
		this.#client = createAnthropicClient(config);
	}

	stream(request: ModelRequest): AsyncIterable<StreamEvent> {
		const translator = new AnthropicEventTranslator(this.id);
		const context = {
			provider: this.id,
			baseUrl: this.#baseUrl,
			signal: request.signal,
			wording: this.#wording
		};
		return driveStream({
			provider: this.id,
			// A client per request, so its fetch reports this response's bytes to this watchdog.
			open: (signal, onBytes) =>
				createAnthropicClient(this.#config, watchedFetch(onBytes)).messages.create(
					toAnthropicParams(request),
					{ signal }
				),
			translate: (event) => translator.push(event),
			finish: () => translator.finish(),
			toError: (error, phase) => toProviderError(error, SDK_ERRORS, { ...context, phase }),
			thinking: () => translator.thinking,
			signal: request.signal,
			...(request.idleTimeout && { idleTimeout: request.idleTimeout })
		});
	}

	async countTokens(request: ModelRequest, signal?: AbortSignal): Promise<number> {
		const context = { provider: this.id, baseUrl: this.#baseUrl, signal, wording: this.#wording };
		// The same body as the Messages call, minus what only a generation takes.
		const { max_tokens: _maxTokens, stream: _stream, ...params } = toAnthropicParams(request);
		try {
			const counted = await this.#client.messages.countTokens(params, { signal });
			return counted.input_tokens;
		} catch (error) {
			throw toProviderError(error, SDK_ERRORS, context);
		}
	}

	async listModels(signal?: AbortSignal): Promise<string[]> {
		const context = { provider: this.id, baseUrl: this.#baseUrl, signal, wording: this.#wording };
		try {
			const ids: string[] = [];
			for await (const model of this.#client.models.list({ limit: 100 }, { signal })) {
				ids.push(model.id);
			}
			return ids;
		} catch (error) {
			throw toProviderError(error, SDK_ERRORS, context);
		}
	}
}
