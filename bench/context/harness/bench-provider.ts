/**
 * The provider the agent is given in the benchmark: before each request it picks the scripted
 * answer (a step, or a summary when the agent is compacting), hands it to the mock server, lets
 * the variant reshape the request, then sends it through the real Anthropic provider.
 */
import type { SessionEvent, SessionLog } from '../../../src/lib/agent';
import type { ModelRequest, Provider, StreamEvent } from '../../../src/lib/providers';
import type { MockModelServer } from '../../../tooling/mock-model';
import type { RequestKind, ScriptPlayer } from './script-player';
import type { Variant } from './variants';

export interface BenchProviderOptions {
	inner: Provider;
	server: MockModelServer;
	player: ScriptPlayer;
	variant: Variant;
	log: SessionLog;
	projectFiles: () => Promise<[string, string][]>;
	model: string;
}

export class BenchProvider implements Provider {
	readonly id;
	readonly family;
	readonly #options: BenchProviderOptions;

	constructor(options: BenchProviderOptions) {
		this.#options = options;
		this.id = options.inner.id;
		this.family = options.inner.family;
	}

	async *stream(request: ModelRequest): AsyncGenerator<StreamEvent, void, undefined> {
		const { server, player, variant, inner, log, projectFiles, model } = this.#options;
		const turn = player.answer(requestKind(log.events));
		server.setScript({ models: [model], turns: [turn] });
		yield* inner.stream(await variant.shape(request, projectFiles));
	}

	listModels(signal?: AbortSignal): Promise<string[]> {
		return this.#options.inner.listModels(signal);
	}
}

/**
 * What the agent is about to send: it stores a 'request' event (with its kind) right before
 * each request. A builder without such events only ever sends steps.
 */
export function requestKind(events: readonly SessionEvent[]): RequestKind {
	const last = events.at(-1);
	if (last?.type === 'request' && last.snapshot.kind === 'compaction') return 'compaction';
	return 'step';
}
