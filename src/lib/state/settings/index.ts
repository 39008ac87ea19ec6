export {
	MODEL_SETTINGS_KEY,
	ModelSettings,
	type ModelSettingsStorage,
	type ProviderFields,
	type StoredModelSettings
} from './model-settings.svelte';
export { MODEL_CATALOG_KEY, prepareModelCatalog, settingsCatalogCache } from './model-catalog';
export {
	imagesNote,
	listModelOptions,
	localModelOptions,
	summariseModel,
	tokens as formatTokens,
	type ModelOption,
	type ModelSummary
} from './model-options';
export {
	PREVIEW_SETTINGS_KEY,
	PreviewSettings,
	SCREENSHOT_TOKENS_DEFAULT,
	SCREENSHOT_TOKENS_MAX,
	SCREENSHOT_TOKENS_MIN,
	screenshotTokensProblem,
	type PreviewSettingsStorage,
	type StoredPreviewSettings
} from './preview-settings.svelte';
