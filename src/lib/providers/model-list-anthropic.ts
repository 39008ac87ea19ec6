import { APIConnectionError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import type { ModelInfo } from '@anthropic-ai/sdk/resources/models';
import { createAnthropicClient } from './anthropic-provider';
import type { ListedModel } from './model-list';
import { resolveBaseUrl } from './presets';
import { toProviderError } from './sdk-errors';
import type { ProviderConfig } from './types';

/** Anthropic's /v1/models: every page (the SDK pages on its own). */
export async function listAnthropicModels(
	config: ProviderConfig,
	signal?: AbortSignal
): Promise<ListedModel[]> {
	const client = createAnthropicClient(config);
	try {
		const models: ListedModel[] = [];
		for await (const model of client.models.list({ limit: 100 }, { signal })) {
			models.push(fromAnthropic(model));
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

/** Older API versions (and proxies) send only id and name: every other field is optional here. */
function fromAnthropic(model: Partial<ModelInfo> & { id: string }): ListedModel {
	const thinking = model.capabilities?.thinking;
	const effort = model.capabilities?.effort;
	return {
		id: model.id,
		...(model.display_name &&
			model.display_name !== model.id && { displayName: model.display_name }),
		...(typeof model.max_input_tokens === 'number' && { contextWindow: model.max_input_tokens }),
		...(typeof model.max_tokens === 'number' && { maxOutputTokens: model.max_tokens }),
		...((model.lifecycle === 'deprecated' || model.lifecycle === 'retired') && {
			deprecated: true
		}),
		...(thinking && { reasoning: thinking.supported || effort?.supported === true })
	};
}
