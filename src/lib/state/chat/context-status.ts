/**
 * The "Context" status: how full the context is, how much of the session's input came from the
 * prompt cache, and what it cost. While a turn runs the agent reports it ('context-status'); on
 * load it is recomputed from the stored log the same way.
 */
import {
	latestContextSize,
	modelCatalogReady,
	modelInfo,
	sessionTotals,
	whenModelCatalogLoaded,
	type ModelInfo
} from '../../agent/light';
import type { LiveEvent, SessionEvent } from '../../agent';
import type { ModelSettings } from '../settings/model-settings.svelte';

export interface ContextStatusValue {
	/** Tokens of the newest request plus its answer (after a compaction: the compacted size). */
	readonly used: number;
	/** The model's context window. */
	readonly window: number;
	/** read / (input + write + read) over the session; 0 before any usage. */
	readonly cacheReadShare: number;
	readonly costUsd: number;
	/** False when the model has no known prices: the cost shown would be a guess. */
	readonly costKnown: boolean;
}

/** Windows and prices by model, where the window set in Settings wins over the table (as in the agent). */
export function lookupWithWindow(contextWindow: number | undefined): (model: string) => ModelInfo {
	return (model) => (contextWindow ? { ...modelInfo(model), contextWindow } : modelInfo(model));
}

/**
 * The status as of the end of a stored log, or null when the session has not asked the model
 * anything yet. `lookup` maps a model id to its window and prices (tests pass their own).
 */
export function contextStatusFromLog(
	events: readonly SessionEvent[],
	lookup: (model: string) => ModelInfo = modelInfo
): ContextStatusValue | null {
	// Computed as the agent's live 'context-status' is, so a reload shows what was last seen.
	const latest = latestContextSize(events);
	if (latest === undefined) return null;
	const model = latest.model ?? sessionModel(events);
	const totals = sessionTotals(events, lookup);
	const info = lookup(model ?? '');
	return {
		used: latest.used,
		window: info.contextWindow,
		cacheReadShare: totals.cacheReadShare,
		costUsd: totals.costUsd,
		costKnown: totals.costKnown && info.known
	};
}

/**
 * Shows a stored log's status with the windows and prices the person's settings imply: at once,
 * from the stored settings and whatever the model catalog knows, and again once the catalog has
 * arrived, unless a turn has updated the status meanwhile. Opening a chat does not fetch the
 * catalog (~75 KiB, in idle time after the agent's code): waiting for it here had it fetched,
 * and parsed, while the IDE opened.
 */
export async function showStoredStatus(
	events: readonly SessionEvent[],
	settings: Pick<ModelSettings, 'loadStored' | 'config'>,
	shown: { get(): ContextStatusValue | null; set(status: ContextStatusValue | null): unknown }
): Promise<void> {
	await settings.loadStored();
	const status = () =>
		contextStatusFromLog(events, lookupWithWindow(settings.config.contextWindow));
	const first = status();
	shown.set(first);
	if (modelCatalogReady()) return;
	void whenModelCatalogLoaded().then(() => shown.get() === first && shown.set(status()));
}

/** The status the agent reported live; `costKnown` comes from the model table. */
export function contextStatusFromLive(
	event: Extract<LiveEvent, { type: 'context-status' }>,
	model: string,
	lookup: (model: string) => ModelInfo = modelInfo
): ContextStatusValue {
	return {
		used: event.used,
		window: event.window,
		cacheReadShare: event.cacheReadShare,
		costUsd: event.costUsd,
		costKnown: lookup(model).known
	};
}

function sessionModel(events: readonly SessionEvent[]): string | undefined {
	for (let i = events.length - 1; i >= 0; i--) {
		const event = events[i]!;
		if (event.type === 'session-start') return event.model;
	}
	return undefined;
}
