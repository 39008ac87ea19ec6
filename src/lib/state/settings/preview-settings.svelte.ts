import * as z from 'zod/mini';
import { getCheckedSetting, setSetting } from '../../storage';
import { messageOf } from '../../errors';

/**
 * The default screenshot budget: the tools' SCREENSHOT_DEFAULT_TOKENS (a unit test holds them
 * equal). Not imported from there: the tools' index would pull the whole tool layer, zod and
 * all, into the IDE shell's first bytes.
 */
export const SCREENSHOT_TOKENS_DEFAULT = 1600;

/** The settings-store key of the preview's settings. */
export const PREVIEW_SETTINGS_KEY = 'preview-settings';
/** Below this a screenshot is too small to read; above it one image costs more than a long file. */
export const SCREENSHOT_TOKENS_MIN = 300;
export const SCREENSHOT_TOKENS_MAX = 6000;

export interface StoredPreviewSettings {
	version: 1;
	screenshotTokens: number;
}

export interface PreviewSettingsStorage {
	get(key: string): Promise<StoredPreviewSettings | undefined>;
	set(key: string, value: StoredPreviewSettings): Promise<void>;
}

const storedSchema = z.object({
	version: z.literal(1),
	screenshotTokens: z
		.number()
		.check(z.int(), z.gte(SCREENSHOT_TOKENS_MIN), z.lte(SCREENSHOT_TOKENS_MAX))
});

const indexedDbStorage: PreviewSettingsStorage = {
	get: (key) => getCheckedSetting<StoredPreviewSettings>(key, storedSchema),
	set: (key, value) => setSetting(key, value)
};

/** Why `value` cannot be the screenshot budget, or undefined when it can. */
export function screenshotTokensProblem(value: number): string | undefined {
	if (!Number.isInteger(value) || value < SCREENSHOT_TOKENS_MIN || value > SCREENSHOT_TOKENS_MAX) {
		return `Enter a whole number of tokens from ${SCREENSHOT_TOKENS_MIN} to ${SCREENSHOT_TOKENS_MAX}.`;
	}
	return undefined;
}

/**
 * How the agent's preview tool may spend tokens: the most one screenshot may cost (Anthropic
 * counts width × height / 750), which sets how far it is downscaled. Kept in this browser.
 */
export class PreviewSettings {
	screenshotTokens = $state(SCREENSHOT_TOKENS_DEFAULT);
	error = $state<string | null>(null);
	#storage: PreviewSettingsStorage;
	#loading?: Promise<void>;

	constructor(options: { storage?: PreviewSettingsStorage } = {}) {
		this.#storage = options.storage ?? indexedDbStorage;
	}

	load(): Promise<void> {
		this.#loading ??= this.#storage.get(PREVIEW_SETTINGS_KEY).then(
			(stored) => {
				if (stored) this.screenshotTokens = stored.screenshotTokens;
			},
			(error: unknown) => {
				this.error = `The preview settings could not be read (${messageOf(error)}); the default is used.`;
			}
		);
		return this.#loading;
	}

	/** Stores a new budget; throws a message for the person when it is out of range or not stored. */
	async saveScreenshotTokens(value: number): Promise<void> {
		const problem = screenshotTokensProblem(value);
		if (problem) throw new Error(problem);
		try {
			await this.#storage.set(PREVIEW_SETTINGS_KEY, { version: 1, screenshotTokens: value });
		} catch (error) {
			throw new Error(
				`The screenshot budget could not be saved in this browser (${messageOf(error)}). Check that site data is allowed for this page, then try again.`,
				{ cause: error }
			);
		}
		this.screenshotTokens = value;
		this.error = null;
	}
}
