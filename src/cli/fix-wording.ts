import type { FixWording, ProviderId } from '../lib/providers';
import { KEY_VARIABLES } from './provider-config';

/** The providers' "check …" advice in the CLI's terms: options and variables, not Settings. */
export function cliWording(provider: ProviderId): FixWording {
	const key = `--api-key (or ${KEY_VARIABLES[provider]})`;
	return {
		key,
		keyAndModel: `${key} and --model`,
		modelAndBaseUrl: '--model and --base-url',
		baseUrl: '--base-url'
	};
}
