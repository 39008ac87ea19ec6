import { describeConfigProblem, PROVIDER_PRESETS } from '../../providers';
import type { ProviderConfig, ProviderId, ReasoningEffort } from '../../providers';
import { loadModelCatalog } from '../../agent/light';
import * as z from 'zod/mini';
import { getCheckedSetting, setSetting } from '../../storage';
import { messageOf } from '../../errors';

/** The settings-store key. API keys live under it and nowhere else (not in projects, sessions or exports). */
export const MODEL_SETTINGS_KEY = 'model-config';

/** What one provider remembers, so switching providers back and forth keeps each one's key and model. */
export interface ProviderFields {
	apiKey?: string;
	baseUrl?: string;
	model: string;
	contextWindow?: number;
	reasoning?: ReasoningEffort;
	/** Whether the model accepts images, when the person set it (absent: Kiln decides). */
	images?: boolean;
}

export interface StoredModelSettings {
	version: 1;
	active: ProviderId;
	providers: Partial<Record<ProviderId, ProviderFields>>;
}

/** Seams for tests; the app uses the IndexedDB settings store. */
export interface ModelSettingsStorage {
	get(key: string): Promise<unknown>;
	set(key: string, value: StoredModelSettings): Promise<void>;
}

/**
 * What must hold for the stored settings to be used at all; a record that fails is set aside
 * with a notice (storage/quarantine). Within it, parseStored still drops single bad fields.
 */
const storedSchema = z.looseObject({
	active: z.string(),
	providers: z.optional(z.record(z.string(), z.looseObject({})))
});

const indexedDbStorage: ModelSettingsStorage = {
	get: (key) => getCheckedSetting<unknown>(key, storedSchema),
	set: (key, value) => setSetting(key, value)
};

const DEFAULT_PROVIDER: ProviderId = 'anthropic';

/**
 * The model the agent talks to, as chosen in Settings. Kept in this browser's settings store
 * only: the key goes to the provider's SDK and nowhere else.
 */
export class ModelSettings {
	/** The active configuration (what a new turn uses). */
	config = $state.raw<ProviderConfig>({ provider: DEFAULT_PROVIDER, model: '' });
	/** True once load() finished (successfully or not). */
	loaded = $state(false);
	/** Why loading or saving failed, for the person. */
	error = $state<string | null>(null);

	/** Why the active configuration cannot send a message yet; undefined when it can. */
	readonly problem = $derived(describeConfigProblem(this.config));

	#stored = $state.raw<StoredModelSettings>({
		version: 1,
		active: DEFAULT_PROVIDER,
		providers: {}
	});
	#storage: ModelSettingsStorage;
	#loading?: Promise<void>;
	#reading?: Promise<void>;

	constructor(options: { storage?: ModelSettingsStorage } = {}) {
		this.#storage = options.storage ?? indexedDbStorage;
	}

	get usable(): boolean {
		return this.problem === undefined;
	}

	/**
	 * Reads the saved settings once; later calls wait for the same read. Also waits for the model
	 * catalog (windows and prices): whoever loads settings before a turn or a cost display gets
	 * exact numbers. A catalog that cannot load leaves models unknown, it is no error.
	 */
	load(): Promise<void> {
		this.#loading ??= Promise.all([this.loadStored(), loadModelCatalog()]).then(() => undefined);
		return this.#loading;
	}

	/** Reads the saved settings only (no catalog): enough to know whether a model is set up. */
	loadStored(): Promise<void> {
		this.#reading ??= this.#load();
		return this.#reading;
	}

	/** What Settings shows for a provider: its remembered fields, or empty ones. */
	configFor(provider: ProviderId): ProviderConfig {
		return { provider, model: '', ...this.#stored.providers[provider] };
	}

	/** Makes `config` the active one and stores it. Throws with a readable message when storing fails. */
	async save(config: ProviderConfig): Promise<void> {
		const clean = normalise(config);
		const stored: StoredModelSettings = {
			version: 1,
			active: clean.provider,
			providers: { ...this.#stored.providers, [clean.provider]: fieldsOf(clean) }
		};
		try {
			await this.#storage.set(MODEL_SETTINGS_KEY, stored);
		} catch (error) {
			throw new Error(
				`The settings could not be saved in this browser (${messageOf(error)}). Check that site data is allowed for this page, then try again.`,
				{ cause: error }
			);
		}
		this.#stored = stored;
		this.config = clean;
		this.error = null;
	}

	async #load(): Promise<void> {
		try {
			const value = parseStored(await this.#storage.get(MODEL_SETTINGS_KEY));
			if (value) {
				this.#stored = value;
				this.config = this.configFor(value.active);
			}
		} catch (error) {
			this.error = `The saved model settings could not be read (${messageOf(error)}). Open Settings and save them again.`;
		} finally {
			this.loaded = true;
		}
	}
}

function normalise(config: ProviderConfig): ProviderConfig {
	const apiKey = config.apiKey?.trim();
	const baseUrl = config.baseUrl?.trim();
	return {
		provider: config.provider,
		model: config.model.trim(),
		...(apiKey && { apiKey }),
		...(baseUrl && { baseUrl }),
		...(validWindow(config.contextWindow) && { contextWindow: config.contextWindow }),
		...(validEffort(config.reasoning) && { reasoning: config.reasoning }),
		...(typeof config.images === 'boolean' && { images: config.images })
	};
}

const EFFORTS = new Set<unknown>(['low', 'medium', 'high']);

function validEffort(value: unknown): value is ReasoningEffort {
	return EFFORTS.has(value);
}

/** A context window worth keeping: a whole number of tokens, large enough for a system prompt. */
function validWindow(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= 4096;
}

function fieldsOf(config: ProviderConfig): ProviderFields {
	return {
		model: config.model,
		...(config.apiKey && { apiKey: config.apiKey }),
		...(config.baseUrl && { baseUrl: config.baseUrl }),
		...(validWindow(config.contextWindow) && { contextWindow: config.contextWindow }),
		...(validEffort(config.reasoning) && { reasoning: config.reasoning }),
		...(typeof config.images === 'boolean' && { images: config.images })
	};
}

const PROVIDER_IDS = new Set<string>(PROVIDER_PRESETS.map((preset) => preset.id));

/** Tolerates anything an older build (or a hand edit) left: unknown parts are dropped. */
function parseStored(value: unknown): StoredModelSettings | undefined {
	if (!isRecord(value) || typeof value.active !== 'string' || !PROVIDER_IDS.has(value.active)) {
		return undefined;
	}
	const providers: StoredModelSettings['providers'] = {};
	if (isRecord(value.providers)) {
		for (const [id, fields] of Object.entries(value.providers)) {
			if (!PROVIDER_IDS.has(id) || !isRecord(fields)) continue;
			providers[id as ProviderId] = {
				model: typeof fields.model === 'string' ? fields.model : '',
				...(typeof fields.apiKey === 'string' && fields.apiKey && { apiKey: fields.apiKey }),
				...(typeof fields.baseUrl === 'string' && fields.baseUrl && { baseUrl: fields.baseUrl }),
				...(validWindow(fields.contextWindow) && { contextWindow: fields.contextWindow }),
				...(validEffort(fields.reasoning) && { reasoning: fields.reasoning }),
				...(typeof fields.images === 'boolean' && { images: fields.images })
			};
		}
	}
	return { version: 1, active: value.active as ProviderId, providers };
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
