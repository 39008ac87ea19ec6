import type { ApiFamily, ProviderConfig, ProviderId } from './types';

export interface ProviderPreset {
	id: ProviderId;
	/** The name people see in Settings. */
	label: string;
	family: ApiFamily;
	/** Undefined when the person must supply one. */
	defaultBaseUrl?: string;
	requiresApiKey: boolean;
	/**
	 * The model Settings suggests before the person picks one: a current, non-deprecated model
	 * (a test checks the catalog does not flag it). Local servers have none: they serve
	 * whatever the person pulled, so the model list decides.
	 */
	defaultModel?: string;
	/** What to do when the browser cannot reach the server (usually CORS). */
	corsHint: string;
	/** Where the person creates an API key, for providers that need one. */
	keysUrl?: string;
}

/** In the order Settings lists them. */
export const PROVIDER_PRESETS: readonly ProviderPreset[] = [
	{
		id: 'anthropic',
		defaultModel: 'claude-sonnet-5',
		label: 'Anthropic',
		family: 'anthropic',
		defaultBaseUrl: 'https://api.anthropic.com',
		requiresApiKey: true,
		keysUrl: 'https://console.anthropic.com/settings/keys',
		corsHint: 'A proxy in front of the API must allow this origin and forward the request headers.'
	},
	{
		id: 'openai',
		defaultModel: 'gpt-5.4',
		label: 'OpenAI',
		family: 'openai',
		defaultBaseUrl: 'https://api.openai.com/v1',
		requiresApiKey: true,
		keysUrl: 'https://platform.openai.com/api-keys',
		corsHint: 'A proxy in front of the API must allow this origin.'
	},
	{
		id: 'openrouter',
		defaultModel: 'anthropic/claude-sonnet-5',
		label: 'OpenRouter',
		family: 'openai',
		defaultBaseUrl: 'https://openrouter.ai/api/v1',
		requiresApiKey: true,
		keysUrl: 'https://openrouter.ai/settings/keys',
		corsHint: 'A proxy in front of the API must allow this origin.'
	},
	{
		id: 'ollama',
		label: 'Ollama',
		family: 'openai',
		defaultBaseUrl: 'http://localhost:11434/v1',
		requiresApiKey: false,
		corsHint:
			'Ollama must be running and allow this origin: start it with OLLAMA_ORIGINS set to this page’s origin (for example OLLAMA_ORIGINS="{origin}" ollama serve).'
	},
	{
		id: 'lmstudio',
		label: 'LM Studio',
		family: 'openai',
		defaultBaseUrl: 'http://localhost:1234/v1',
		requiresApiKey: false,
		corsHint:
			'LM Studio’s server must be running with “Enable CORS” switched on in its server settings.'
	},
	{
		id: 'openai-compatible',
		label: 'OpenAI-compatible',
		family: 'openai',
		requiresApiKey: false,
		corsHint: 'The server must be running and send CORS headers that allow this origin.'
	}
];

export function getPreset(id: ProviderId): ProviderPreset {
	const preset = PROVIDER_PRESETS.find((p) => p.id === id);
	if (!preset) throw new Error(`Unknown provider "${id}".`);
	return preset;
}

/**
 * The URL the SDK is given. People paste URLs in many shapes; the common slips are fixed
 * here rather than surfacing as a 404 later.
 */
export function resolveBaseUrl(config: Pick<ProviderConfig, 'provider' | 'baseUrl'>): string {
	const preset = getPreset(config.provider);
	const given = config.baseUrl?.trim();
	let url = (given || preset.defaultBaseUrl || '').replace(/\/+$/, '');
	if (!url) return url;
	if (preset.family === 'anthropic') {
		// The Anthropic SDK appends /v1/messages itself.
		url = url.replace(/\/v1$/, '');
	} else if (
		(config.provider === 'ollama' || config.provider === 'lmstudio') &&
		isBareOrigin(url)
	) {
		// Both serve their OpenAI-compatible API under /v1.
		url += '/v1';
	}
	return url;
}

function isBareOrigin(url: string): boolean {
	try {
		const parsed = new URL(url);
		return parsed.pathname === '/' || parsed.pathname === '';
	} catch {
		return false;
	}
}

/**
 * Why this configuration cannot send a message yet, in words for Settings; undefined when
 * it can. Model listing needs no model, so `needModel` is optional. `where` names the place to
 * fix it: "in Settings" from elsewhere, "below" inside Settings itself.
 */
export function describeConfigProblem(
	config: ProviderConfig,
	{ needModel = true, where = 'in Settings' }: { needModel?: boolean; where?: string } = {}
): string | undefined {
	const preset = PROVIDER_PRESETS.find((p) => p.id === config.provider);
	if (!preset) return `Unknown provider "${config.provider}": choose one ${where}.`;
	if (preset.requiresApiKey && !config.apiKey?.trim())
		return `${preset.label} needs an API key: add it ${where}.`;
	const url = resolveBaseUrl(config);
	if (!url)
		return `${preset.label} needs a Base URL (for example http://localhost:8000/v1): set it ${where}.`;
	try {
		const parsed = new URL(url);
		if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error();
	} catch {
		return `The Base URL "${url}" is not an http(s) URL: correct it ${where}.`;
	}
	if (needModel && !config.model.trim()) return `Choose a model for ${preset.label} ${where}.`;
	return undefined;
}
