import { PROVIDER_PRESETS, type ProviderConfig, type ProviderId } from '../lib/providers';
import { UsageError } from './usage-error';

/** Where each provider's key is looked for when --api-key is not given. */
export const KEY_VARIABLES: Record<ProviderId, string> = {
	anthropic: 'ANTHROPIC_API_KEY',
	openai: 'OPENAI_API_KEY',
	openrouter: 'OPENROUTER_API_KEY',
	ollama: 'OPENAI_API_KEY',
	lmstudio: 'OPENAI_API_KEY',
	'openai-compatible': 'OPENAI_API_KEY'
};

export interface ProviderChoice {
	provider?: string;
	model?: string;
	baseUrl?: string;
	apiKey?: string;
}

/**
 * The provider configuration from the command line and the environment, checked with messages
 * that name the option to fix (the providers' own messages get the same words: cliWording).
 */
export function resolveProviderConfig(
	choice: ProviderChoice,
	env: NodeJS.ProcessEnv
): ProviderConfig {
	const ids = PROVIDER_PRESETS.map((preset) => preset.id);
	if (!choice.provider) {
		throw new UsageError(`the run command needs --provider (anthropic or openai).`);
	}
	const preset = PROVIDER_PRESETS.find((p) => p.id === choice.provider);
	if (!preset) {
		throw new UsageError(`Unknown --provider '${choice.provider}'. Use one of: ${ids.join(', ')}.`);
	}
	const model = choice.model?.trim();
	if (!model) {
		throw new UsageError(
			`the run command needs --model (the model id ${preset.label} should use).`
		);
	}
	const variable = KEY_VARIABLES[preset.id];
	const apiKey = (choice.apiKey ?? env[variable])?.trim() || undefined;
	if (preset.requiresApiKey && !apiKey) {
		throw new UsageError(
			`${preset.label} needs an API key: set ${variable}, or pass --api-key-file FILE (or --api-key K).`
		);
	}
	const baseUrl = choice.baseUrl?.trim() || undefined;
	if (baseUrl === undefined && preset.defaultBaseUrl === undefined) {
		throw new UsageError(
			`${preset.label} needs --base-url (for example --base-url http://localhost:8000/v1).`
		);
	}
	if (baseUrl !== undefined && !isHttpUrl(baseUrl)) {
		throw new UsageError(`--base-url '${baseUrl}' is not an http(s) URL.`);
	}
	return {
		provider: preset.id,
		model,
		...(apiKey ? { apiKey } : {}),
		...(baseUrl ? { baseUrl } : {})
	};
}

/**
 * Removes every provider key from this process's environment, so commands the agent runs
 * (which inherit it on the node runtime) cannot read them. Call after resolving the config.
 */
export function scrubKeyVariables(env: NodeJS.ProcessEnv): void {
	for (const variable of new Set(Object.values(KEY_VARIABLES))) delete env[variable];
}

/** A copy of `env` without any provider key variable: the environment commands start from. */
export function withoutKeyVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	const copy = { ...env };
	scrubKeyVariables(copy);
	return copy;
}

/** The provider keys set in `env`, to be redacted from output before the variables go. */
export function keysInEnvironment(env: NodeJS.ProcessEnv): string[] {
	const keys = [...new Set(Object.values(KEY_VARIABLES))].map((variable) => env[variable]?.trim());
	return keys.filter((key): key is string => Boolean(key));
}

function isHttpUrl(text: string): boolean {
	try {
		const url = new URL(text);
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
}
