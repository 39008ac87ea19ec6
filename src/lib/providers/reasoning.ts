/**
 * The reasoning setting (low / medium / high) as each API takes it, and which models take it at
 * all. Settings offers it only where the model supports it; the request gets it only where the
 * API would not refuse it (OpenAI answers 400 to reasoning_effort on gpt-4o).
 */
import { getPreset } from './presets';
import type {
	ModelRequest,
	ProviderConfig,
	ProviderId,
	ReasoningEffort,
	ThinkingConfig
} from './types';

export const REASONING_EFFORTS: readonly ReasoningEffort[] = ['low', 'medium', 'high'];

/**
 * Thinking budgets for Claude models that only know extended thinking (budget_tokens). The
 * budget must stay below max_tokens, which the agent sizes for its context budget, so it is
 * clamped to leave room for the answer.
 */
const THINKING_BUDGET: Record<ReasoningEffort, number> = {
	low: 4_096,
	medium: 12_000,
	high: 32_000
};
const MIN_BUDGET = 1_024;
const ANSWER_ROOM = 2_048;

type AnthropicThinking = 'none' | 'budget' | 'adaptive';

/**
 * How a Claude model thinks: Claude 3.5 and older not at all; 3.7 and the 4.0–4.5 generation with
 * a token budget; later ones adaptively (the SDK warns that 'enabled' is deprecated for them).
 * Unknown Claude ids are assumed current.
 */
export function anthropicThinking(model: string): AnthropicThinking {
	const id = model.toLowerCase().replace(/\./g, '-');
	if (/claude-(2|instant|3-5|3-(haiku|opus|sonnet))/.test(id)) return 'none';
	if (
		/claude-(3-7-sonnet|(sonnet|opus)-4(-[015])?(-\d{8})?$|haiku-4-5|opus-4-1|sonnet-4-5|opus-4-5)/.test(
			id
		)
	)
		return 'budget';
	return 'adaptive';
}

/** OpenAI's reasoning models: the o-series and GPT-5 (not its chat variants). */
function openAIReasons(model: string): boolean {
	const id = model.toLowerCase();
	return /^o[134]\b/.test(id) || (/^gpt-5/.test(id) && !/chat/.test(id));
}

/**
 * Whether Settings should offer a reasoning setting for this model. `listed` is what the model
 * list said (undefined: it did not say): it wins over the id rules.
 */
export function supportsReasoning(provider: ProviderId, model: string, listed?: boolean): boolean {
	if (listed !== undefined) return listed;
	if (model.trim() === '') return false;
	if (getPreset(provider).family === 'anthropic') return anthropicThinking(model) !== 'none';
	if (provider === 'openai') return openAIReasons(model);
	// OpenRouter, local and custom servers: a reasoning model may be behind any name.
	return true;
}

/** The thinking a request carries: its own, else the configuration's reasoning setting. */
export function withReasoning(request: ModelRequest, config: ProviderConfig): ModelRequest {
	if (request.thinking || !config.reasoning) return request;
	const thinking = thinkingFor(config, request.maxTokens);
	return thinking ? { ...request, thinking } : request;
}

export function thinkingFor(
	config: Pick<ProviderConfig, 'provider' | 'model' | 'reasoning'>,
	maxTokens: number
): ThinkingConfig | undefined {
	const effort = config.reasoning;
	if (!effort || !supportsReasoning(config.provider, config.model)) return undefined;
	if (getPreset(config.provider).family !== 'anthropic') return { type: 'adaptive', effort };
	const kind = anthropicThinking(config.model);
	if (kind === 'adaptive') return { type: 'adaptive', effort };
	const budget = Math.min(THINKING_BUDGET[effort], maxTokens - ANSWER_ROOM);
	return budget >= MIN_BUDGET ? { type: 'enabled', budgetTokens: budget } : undefined;
}
