export {
	MODEL_SETTINGS_KEY,
	ModelSettings,
	type ModelSettingsStorage,
	type ProviderFields,
	type StoredModelSettings
} from './model-settings.svelte';
