/**
 * The model part of Settings as state: the fields being edited, unsaved drafts per provider,
 * listing the provider's models, and checking before saving. Errors belong to the field they
 * concern, so the dialog can show them beside it.
 */
import {
	describeConfigProblem,
	getPreset,
	isLocalProvider,
	pickDefaultModel,
	type ProviderConfig,
	type ProviderId,
	type ReasoningEffort
} from '$lib/providers';
import {
	listModelOptions,
	localModelOptions,
	prepareModelCatalog,
	summariseModel,
	type ModelOption,
	type ModelSettings
} from '$lib/state/settings';
import { messageOf } from '$lib/errors';

export type SettingsField = 'apiKey' | 'baseUrl' | 'model' | 'contextWindow';

interface Draft {
	apiKey: string;
	baseUrl: string;
	model: string;
	contextWindow: string;
	reasoning: ReasoningEffort | '';
	images: ImagesSetting;
}

/** '' : Kiln decides from the model; 'yes' / 'no': the person says. */
export type ImagesSetting = '' | 'yes' | 'no';

export class ModelSettingsForm {
	provider = $state<ProviderId>('anthropic');
	apiKey = $state('');
	baseUrl = $state('');
	model = $state('');
	/** Typed as text so an empty field means "use the model table". */
	contextWindow = $state('');
	/** '' : no reasoning setting (the model's default). */
	reasoning = $state<ReasoningEffort | ''>('');
	images = $state<ImagesSetting>('');
	showKey = $state(false);
	errors = $state<Partial<Record<SettingsField | 'save', string>>>({});
	models = $state.raw<ModelOption[]>([]);
	modelsStatus = $state<'idle' | 'loading' | 'loaded' | 'error'>('idle');
	modelsError = $state('');
	saving = $state(false);

	readonly preset = $derived(getPreset(this.provider));
	/** Counts catalog loads and refreshes, so what is derived from the catalog is worked out again. */
	catalogVersion = $state(0);
	/** The chosen model's entry in the provider's list, if listed. */
	readonly listed = $derived(this.models.find((option) => option.id === this.model.trim()));
	/** What still stops this configuration, worded for Settings itself (the banner at its top). */
	readonly problem = $derived(describeConfigProblem(this.#current(), { where: 'below' }));
	/** Window, price, deprecation and reasoning support of the chosen model. */
	readonly summary = $derived.by(() => {
		void this.catalogVersion;
		return summariseModel(this.provider, this.model.trim(), this.listed);
	});

	/** Unsaved edits per provider, so switching the provider back and forth loses nothing. */
	#drafts: Partial<Record<ProviderId, Draft>> = {};
	#listing: AbortController | undefined;
	readonly #settings: () => ModelSettings;

	constructor(settings: () => ModelSettings) {
		this.#settings = settings;
	}

	/**
	 * Loads what is saved into the fields, forgetting earlier unsaved edits. The fields wait for the
	 * stored settings only: the model catalog (prices, windows; a download of its own when Settings
	 * is the first to want it) updates the model's summary when it comes, and never refills fields
	 * the person may be typing in by then.
	 */
	async startEditing() {
		const settings = this.#settings();
		const catalog = prepareModelCatalog();
		// Newer prices may arrive while Settings is open (at most one download a day).
		void catalog.refreshed.then((outcome) => {
			if (outcome !== 'bundled') this.catalogVersion++;
		});
		void settings.load().then(
			() => this.catalogVersion++,
			() => {}
		);
		await settings.loadStored();
		this.#drafts = {};
		this.errors = settings.error ? { save: settings.error } : {};
		this.showKey = false;
		this.#fill(settings.config);
	}

	#fill(config: ProviderConfig) {
		this.provider = config.provider;
		this.apiKey = config.apiKey ?? '';
		this.baseUrl = config.baseUrl ?? '';
		// A provider never chosen before starts from its current default model.
		this.model = config.model || (getPreset(config.provider).defaultModel ?? '');
		this.contextWindow = config.contextWindow ? String(config.contextWindow) : '';
		this.reasoning = config.reasoning ?? '';
		this.images = config.images === undefined ? '' : config.images ? 'yes' : 'no';
		this.models = [];
		this.modelsStatus = 'idle';
		this.modelsError = '';
	}

	#current(): ProviderConfig {
		return {
			provider: this.provider,
			model: this.model.trim(),
			...(this.apiKey.trim() && { apiKey: this.apiKey.trim() }),
			...(this.baseUrl.trim() && { baseUrl: this.baseUrl.trim() }),
			...(this.contextWindow.trim() && { contextWindow: Number(this.contextWindow.trim()) }),
			// Kept only where the model takes it, so a later switch to one that does not is clean.
			...(this.reasoning && this.summary.reasoning && { reasoning: this.reasoning }),
			...(this.images && { images: this.images === 'yes' })
		};
	}

	/** An empty field is fine (the model table decides); anything else must be a sane token count. */
	#windowProblem(): string | undefined {
		const text = this.contextWindow.trim();
		if (text === '') return undefined;
		const value = Number(text);
		return Number.isInteger(value) && value >= 4096 && value <= 10_000_000
			? undefined
			: 'Enter the context window as a whole number of tokens (at least 4096), or leave it empty.';
	}

	changeProvider(next: ProviderId) {
		const { apiKey, baseUrl, model, contextWindow, reasoning, images } = this;
		this.#drafts[this.provider] = { apiKey, baseUrl, model, contextWindow, reasoning, images };
		this.stopListing();
		this.errors = {};
		const draft = this.#drafts[next];
		this.#fill(
			draft
				? {
						provider: next,
						apiKey: draft.apiKey,
						baseUrl: draft.baseUrl,
						model: draft.model,
						...(draft.contextWindow && { contextWindow: Number(draft.contextWindow) }),
						...(draft.reasoning && { reasoning: draft.reasoning }),
						...(draft.images && { images: draft.images === 'yes' })
					}
				: this.#settings().configFor(next)
		);
		// A local server is asked for its models as soon as it is chosen.
		if (isLocalProvider(next)) void this.refreshModels();
	}

	/** Which field a configuration problem belongs to, so it can be shown beside it. */
	#fieldOf(config: ProviderConfig): SettingsField {
		if (this.preset.requiresApiKey && !config.apiKey) return 'apiKey';
		if (describeConfigProblem(config, { needModel: false }) !== undefined) return 'baseUrl';
		return 'model';
	}

	refreshModels = async () => {
		this.stopListing();
		const config = this.#current();
		const problem = describeConfigProblem(config, { needModel: false });
		if (problem !== undefined) {
			this.errors = { [this.#fieldOf(config)]: problem };
			return;
		}
		this.errors = {};
		const controller = new AbortController();
		this.#listing = controller;
		this.modelsStatus = 'loading';
		this.modelsError = '';
		try {
			const models = isLocalProvider(config.provider)
				? await localModelOptions(config.provider, config.baseUrl, controller.signal)
				: await listModelOptions(config, controller.signal);
			if (controller.signal.aborted) return;
			this.models = models;
			this.modelsStatus = 'loaded';
			if (!this.model.trim()) {
				this.model = pickDefaultModel(
					config.provider,
					models.map((option) => option.id)
				);
			}
		} catch (error) {
			if (controller.signal.aborted) return;
			this.modelsStatus = 'error';
			this.modelsError = `${messageOf(error)} You can still type a model name.`;
		} finally {
			if (this.#listing === controller) this.#listing = undefined;
		}
	};

	stopListing() {
		this.#listing?.abort();
		this.#listing = undefined;
		if (this.modelsStatus === 'loading') this.modelsStatus = 'idle';
	}

	/** Checks and saves the fields; `onSaved` runs once they are stored (the dialog closes). */
	async save(onSaved: () => void) {
		const windowError = this.#windowProblem();
		if (windowError) {
			this.errors = { contextWindow: windowError };
			return;
		}
		const config = this.#current();
		const problem = describeConfigProblem(config);
		if (problem !== undefined) {
			this.errors = { [this.#fieldOf(config)]: problem };
			return;
		}
		this.errors = {};
		this.saving = true;
		try {
			await this.#settings().save(config);
			onSaved();
		} catch (error) {
			this.errors = { save: messageOf(error) };
		} finally {
			this.saving = false;
		}
	}
}
