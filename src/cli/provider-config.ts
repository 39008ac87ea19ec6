import { PROVIDER_PRESETS, type ProviderConfig } from '../lib/providers';
import { KEY_VARIABLES } from './key-variables';
import { UsageError } from './usage-error';

export {
	KEY_VARIABLES,
	keysInEnvironment,
	scrubKeyVariables,
	withoutKeyVariables
} from './key-variables';

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

function isHttpUrl(text: string): boolean {
	try {
		const url = new URL(text);
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
}
