import OpenAI, { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import { driveStream } from './drive-stream';
import { OpenAIEventTranslator } from './openai-events';
import { toOpenAIParams } from './openai-request';
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

export function createOpenAIClient(
	config: ProviderConfig,
	fetch?: typeof globalThis.fetch
): OpenAI {
	const key = config.apiKey?.trim();
	return new OpenAI({
		// The SDK insists on a key; local servers need none, and the null header below keeps
		// this placeholder from ever being sent.
		apiKey: key || 'unused',
		baseURL: resolveBaseUrl(config),
		// Explicit nulls so the SDK never reads OPENAI_ORG_ID / OPENAI_PROJECT_ID (CLI) and
		// sends them to a third-party server.
		organization: null,
		project: null,
		// One retry policy, ours (withRetries).
		maxRetries: 0,
		dangerouslyAllowBrowser: true,
		...(key ? {} : { defaultHeaders: { Authorization: null } }),
		...(fetch && { fetch })
	});
}

/** Every OpenAI-compatible preset: OpenAI, OpenRouter, Ollama, LM Studio, custom. */
export class OpenAIProvider implements Provider {
	readonly id: ProviderId;
	readonly family = 'openai' as const;
	readonly #client: OpenAI;
	readonly #config: ProviderConfig;
	readonly #baseUrl: string;
	readonly #wording: FixWording | undefined;

	constructor(config: ProviderConfig, options: ProviderOptions = {}) {
		this.id = config.provider;
		this.#baseUrl = resolveBaseUrl(config);
		this.#wording = options.wording;
		this.#config = config;
		this.#client = createOpenAIClient(config);
	}

	stream(request: ModelRequest): AsyncIterable<StreamEvent> {
		const translator = new OpenAIEventTranslator(this.id);
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
				createOpenAIClient(this.#config, watchedFetch(onBytes)).chat.completions.create(
					toOpenAIParams(request, this.id),
					{ signal }
				),
			translate: (chunk) => translator.push(chunk),
			finish: () => translator.finish(),
			toError: (error, phase) => toProviderError(error, SDK_ERRORS, { ...context, phase }),
			thinking: () => translator.thinking,
			signal: request.signal,
			...(request.idleTimeout && { idleTimeout: request.idleTimeout })
		});
	}

	async listModels(signal?: AbortSignal): Promise<string[]> {
		const context = { provider: this.id, baseUrl: this.#baseUrl, signal, wording: this.#wording };
		try {
			const ids: string[] = [];
			for await (const model of this.#client.models.list({ signal })) ids.push(model.id);
			return [...new Set(ids)];
		} catch (error) {
			throw toProviderError(error, SDK_ERRORS, context);
		}
	}
}
