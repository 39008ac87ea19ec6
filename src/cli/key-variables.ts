import type { ProviderId } from '../lib/providers';

// Apart from provider-config.ts, which loads the providers: `kiln tool` needs only these names.

/** Where each provider's key is looked for when --api-key is not given. */
export const KEY_VARIABLES: Record<ProviderId, string> = {
	anthropic: 'ANTHROPIC_API_KEY',
	openai: 'OPENAI_API_KEY',
	openrouter: 'OPENROUTER_API_KEY',
	ollama: 'OPENAI_API_KEY',
	lmstudio: 'OPENAI_API_KEY',
	'openai-compatible': 'OPENAI_API_KEY'
};

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
