import { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import type { ListedModel } from './model-list';
import { createOpenAIClient } from './openai-provider';
import { resolveBaseUrl } from './presets';
import { toProviderError } from './sdk-errors';
import type { ProviderConfig } from './types';

/**
 * /v1/models of an OpenAI-compatible API (OpenAI, OpenRouter, Ollama, LM Studio, custom). Beyond
 * the standard `id`, OpenRouter sends `context_length`, `supported_parameters` and
 * `top_provider.max_completion_tokens`; they are read when present and checked, as any server
 * may send anything.
 */
export async function listOpenAIModels(
	config: ProviderConfig,
	signal?: AbortSignal
): Promise<ListedModel[]> {
	const client = createOpenAIClient(config);
	try {
		const models: ListedModel[] = [];
		for await (const model of client.models.list({ signal })) {
			if (typeof model.id === 'string' && model.id !== '') models.push(fromOpenAI(model));
		}
		return models;
	} catch (error) {
		throw toProviderError(
			error,
			{ APIError, APIConnectionError, APIUserAbortError },
			{ provider: config.provider, baseUrl: resolveBaseUrl(config), signal }
		);
	}
}

function fromOpenAI(listed: { id: string }): ListedModel {
	const model: { id: string } & Record<string, unknown> = { ...listed };
	const window = model['context_length'];
	const name = model['name'];
	const parameters = model['supported_parameters'];
	const top = model['top_provider'];
	const maxOutput =
		typeof top === 'object' && top !== null
			? (top as Record<string, unknown>)['max_completion_tokens']
			: undefined;
	return {
		id: model.id,
		...(typeof name === 'string' && name !== model.id && { displayName: name }),
		...(isTokenCount(window) && { contextWindow: window }),
		...(isTokenCount(maxOutput) && { maxOutputTokens: maxOutput }),
		...(Array.isArray(parameters) && {
			reasoning: parameters.includes('reasoning') || parameters.includes('reasoning_effort')
		})
	};
}

function isTokenCount(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value > 0;
}
