/**
 * What the rest of Kiln needs to know about local model servers without probing one: which
 * providers are local, and where their servers answer. The probe itself (local-probe.ts) loads
 * only when a server is looked for, outside the IDE's first paint.
 */
import { resolveBaseUrl } from './presets';
import type { ProviderId } from './types';

/** The providers that run on the person's machine and are probed rather than given a key. */
export type LocalProviderId = 'ollama' | 'lmstudio';

export function isLocalProvider(provider: ProviderId): provider is LocalProviderId {
	return provider === 'ollama' || provider === 'lmstudio';
}

export type ProbeOutcome =
	| { readonly status: 'found'; readonly models: readonly string[]; readonly message: string }
	| { readonly status: 'refused' | 'unreachable' | 'invalid'; readonly message: string };

export interface ProbeOptions {
	/** The page's origin, named in the CORS advice. */
	origin: string;
	signal?: AbortSignal;
	fetch?: typeof fetch;
}

/** The server's root (no /v1): where Ollama's own API lives, and what messages name. */
export function serverRoot(provider: LocalProviderId, baseUrl: string | undefined): string {
	return resolveBaseUrl({ provider, baseUrl }).replace(/\/v1$/, '');
}

/** The URL the probe asks: Ollama's native model list, LM Studio's OpenAI-compatible one. */
export function probeUrl(provider: LocalProviderId, baseUrl: string | undefined): string {
	return provider === 'ollama'
		? `${serverRoot(provider, baseUrl)}/api/tags`
		: `${resolveBaseUrl({ provider, baseUrl })}/models`;
}
