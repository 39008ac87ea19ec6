import { getPreset } from './presets';
import type { ProviderId } from './types';

/** Models that embed text rather than chat: never a sensible default for an agent. */
const NOT_FOR_CHAT = /embed|rerank|whisper|tts/i;
/** Among local models, one trained for code suits a coding agent best. */
const FOR_CODE = /coder|code|devstral/i;

/**
 * The model to fill in for `provider` when the person has not chosen one: what they have (if the
 * list has it, or there is no list), else the provider's current default (if listed), else the
 * listed model most likely to code well. Empty when nothing fits (an empty local server).
 */
export function pickDefaultModel(
	provider: ProviderId,
	listed: readonly string[],
	current = ''
): string {
	const chosen = current.trim();
	if (chosen && (listed.length === 0 || listed.includes(chosen))) return chosen;
	const preset = getPreset(provider).defaultModel;
	if (preset && (listed.length === 0 || listed.includes(preset))) return preset;
	const chat = listed.filter((id) => !NOT_FOR_CHAT.test(id));
	return chat.find((id) => FOR_CODE.test(id)) ?? chat[0] ?? '';
}
