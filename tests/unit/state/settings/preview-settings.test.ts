import { describe, expect, it } from 'vitest';
import {
	PREVIEW_SETTINGS_KEY,
	PreviewSettings,
	SCREENSHOT_TOKENS_DEFAULT,
	type PreviewSettingsStorage,
	type StoredPreviewSettings
} from '../../../../src/lib/state/settings';
import { SCREENSHOT_DEFAULT_TOKENS } from '../../../../src/lib/tools';

function memory(initial?: StoredPreviewSettings) {
	const saved = new Map<string, StoredPreviewSettings>();
	if (initial) saved.set(PREVIEW_SETTINGS_KEY, initial);
	const storage: PreviewSettingsStorage = {
		get: async (key) => saved.get(key),
		set: async (key, value) => void saved.set(key, value)
	};
	return { saved, storage };
}

describe('PreviewSettings', () => {
	it('starts from the default screenshot budget of 1600 tokens', async () => {
		const settings = new PreviewSettings({ storage: memory().storage });
		await settings.load();
		expect(settings.screenshotTokens).toBe(SCREENSHOT_DEFAULT_TOKENS);
		expect(SCREENSHOT_DEFAULT_TOKENS).toBe(1600);
		// The setting's own copy of the default, kept out of the tools' index for the shell's sake.
		expect(SCREENSHOT_TOKENS_DEFAULT).toBe(SCREENSHOT_DEFAULT_TOKENS);
	});

	it('keeps a budget the person saved', async () => {
		const { saved, storage } = memory();
		await new PreviewSettings({ storage }).saveScreenshotTokens(900);
		expect(saved.get(PREVIEW_SETTINGS_KEY)).toEqual({ version: 1, screenshotTokens: 900 });
		const later = new PreviewSettings({ storage });
		await later.load();
		expect(later.screenshotTokens).toBe(900);
	});

	it('refuses budgets out of range, and keeps the old one', async () => {
		const settings = new PreviewSettings({ storage: memory().storage });
		for (const value of [0, 299, 6001, 1000.5, Number.NaN]) {
			await expect(settings.saveScreenshotTokens(value)).rejects.toThrow(
				'Enter a whole number of tokens from 300 to 6000.'
			);
		}
		expect(settings.screenshotTokens).toBe(1600);
	});

	it('says what to do when the browser will not store it', async () => {
		const settings = new PreviewSettings({
			storage: {
				get: async () => undefined,
				set: async () => {
					throw new Error('QuotaExceededError');
				}
			}
		});
		await expect(settings.saveScreenshotTokens(1000)).rejects.toThrow(
			/could not be saved in this browser \(QuotaExceededError\)\. Check that site data is allowed/
		);
		expect(settings.screenshotTokens).toBe(1600);
	});
});
