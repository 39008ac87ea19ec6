/**
 * The first-run card as state: a provider, then either its key or (for a server on this
 * computer) its address, which is probed at once for its models; a model with a sensible default;
 * and saving all of it as the active model. The full Settings dialog edits the same stored values.
 */
import {
	describeConfigProblem,
	getPreset,
	isLocalProvider,
	pickDefaultModel,
	probeLocalServer,
	serverRoot,
	type ProbeOutcome,
	type ProviderConfig,
	type ProviderId
} from '$lib/providers';
import type { ModelSettings } from '$lib/state/settings';
import { messageOf } from '$lib/errors';
import type { ComboOption } from './combobox';

export interface FirstRunProps {
	settings: ModelSettings;
	/** The heading's level where the card sits (2 on the project list, 3 in the chat). */
	level?: 2 | 3;
}

export type ProbeStatus = 'idle' | 'probing' | ProbeOutcome['status'];

export class FirstRunSetup {
	provider = $state<ProviderId>('anthropic');
	apiKey = $state('');
	/** The server's address (local and OpenAI-compatible servers). */
	address = $state('');
	model = $state('');
	models = $state.raw<ComboOption[]>([]);
	probeStatus = $state<ProbeStatus>('idle');
	probeMessage = $state('');
	error = $state('');
	saving = $state(false);

	readonly preset = $derived(getPreset(this.provider));
	readonly local = $derived(isLocalProvider(this.provider));

	#probing: AbortController | undefined;
	readonly #settings: ModelSettings;
	readonly #origin: string;

	constructor(settings: ModelSettings, origin: string) {
		this.#settings = settings;
		this.#origin = origin;
		this.choose(settings.config.provider);
	}

	/** Switches to `provider` with what was saved for it; a local server is probed at once. */
	choose(provider: ProviderId) {
		this.#probing?.abort();
		const saved = this.#settings.configFor(provider);
		this.provider = provider;
		this.apiKey = saved.apiKey ?? '';
		this.address = isLocalProvider(provider)
			? (saved.baseUrl ?? serverRoot(provider, undefined))
			: (saved.baseUrl ?? '');
		this.model = pickDefaultModel(provider, [], saved.model);
		this.models = [];
		this.probeStatus = 'idle';
		this.probeMessage = '';
		this.error = '';
		if (isLocalProvider(provider)) void this.detect();
	}

	/** Asks the local server for its models; the list fills the Model field's choices. */
	detect = async () => {
		const provider = this.provider;
		if (!isLocalProvider(provider)) return;
		this.#probing?.abort();
		const controller = new AbortController();
		this.#probing = controller;
		this.probeStatus = 'probing';
		this.probeMessage = `Looking for ${this.preset.label} at ${serverRoot(provider, this.address)}…`;
		try {
			const outcome = await probeLocalServer(provider, this.address.trim() || undefined, {
				origin: this.#origin,
				signal: controller.signal
			});
			if (controller.signal.aborted) return;
			this.probeStatus = outcome.status;
			this.probeMessage = outcome.message;
			if (outcome.status === 'found') {
				this.models = outcome.models.map((id) => ({ id }));
				this.model = pickDefaultModel(provider, outcome.models, this.model);
			}
		} catch (error) {
			if (controller.signal.aborted) return;
			this.probeStatus = 'invalid';
			this.probeMessage = messageOf(error);
		}
	};

	#config(): ProviderConfig {
		const apiKey = this.apiKey.trim();
		const baseUrl = this.address.trim();
		return {
			provider: this.provider,
			model: this.model.trim(),
			...(apiKey && { apiKey }),
			...(baseUrl && { baseUrl })
		};
	}

	/** Stores the choice as the active model; false (with `error` set) when it is not complete. */
	async save(): Promise<boolean> {
		const config = this.#config();
		const problem = describeConfigProblem(config, { where: 'here' });
		if (problem !== undefined) {
			this.error = problem;
			return false;
		}
		this.error = '';
		this.saving = true;
		try {
			// Fields set only in Settings (window, reasoning, images) stay as they were.
			const { contextWindow, reasoning, images } = this.#settings.configFor(this.provider);
			await this.#settings.save({
				...config,
				...(contextWindow !== undefined && { contextWindow }),
				...(reasoning !== undefined && { reasoning }),
				...(images !== undefined && { images })
			});
			return true;
		} catch (error) {
			this.error = messageOf(error);
			return false;
		} finally {
			this.saving = false;
		}
	}

	dispose() {
		this.#probing?.abort();
	}
}
