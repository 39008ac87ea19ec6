/**
 * Opening a chat shows its context status from the stored settings at once, without fetching the
 * model catalog (that waits for idle time), and shows the exact figures once the catalog arrives.
 * A file of its own: the catalog must not be loaded when it starts.
 */
import { describe, expect, it, vi } from 'vitest';
import { loadModelCatalog, modelCatalogReady } from '../../../../src/lib/agent/context';
import type { SessionEvent } from '../../../../src/lib/agent/types';
import {
	showStoredStatus,
	type ContextStatusValue
} from '../../../../src/lib/state/chat/context-status';

const MODEL = 'claude-sonnet-4-5';
const events: SessionEvent[] = [
	{ type: 'session-start', at: 1, provider: 'anthropic', model: MODEL, runtime: 'browser' },
	{ type: 'user-message', id: 'u2', at: 2, text: 'hi' },
	{
		type: 'assistant-step',
		id: 's3',
		at: 3,
		step: 1,
		message: { role: 'assistant', content: [{ type: 'text', text: 'ok' }] },
		stopReason: 'end_turn',
		usage: { inputTokens: 1000, cacheReadTokens: 0, cacheWriteTokens: 8000, outputTokens: 200 },
		model: MODEL
	}
];

/** A chat's status field, as the chat keeps it. */
function field() {
	const sets: (ContextStatusValue | null)[] = [];
	let value: ContextStatusValue | null = null;
	return {
		sets,
		get: () => value,
		set(status: ContextStatusValue | null) {
			sets.push(status);
			value = status;
		},
		/** What a turn does: the live status replaces the stored one. */
		replace(status: ContextStatusValue) {
			value = status;
		}
	};
}

describe("a stored chat's context status", () => {
	it('shows at once without fetching the catalog, then again with it, unless a turn moved on', async () => {
		const settings = {
			config: { provider: 'anthropic' as const, model: MODEL },
			loadStored: vi.fn(async () => {})
		};
		const opened = field();
		const movedOn = field();
		await showStoredStatus(events, settings, opened);
		await showStoredStatus(events, settings, movedOn);

		expect(settings.loadStored).toHaveBeenCalledTimes(2);
		expect(modelCatalogReady()).toBe(false); // nothing here asked for it
		expect(opened.sets).toHaveLength(1);
		expect(opened.sets[0]).toMatchObject({ used: 9200, costKnown: false });
		const live = { ...opened.sets[0]!, used: 12_345 };
		movedOn.replace(live);

		// The idle prefetch (or Settings, or a send) brings the catalog: prices are known now.
		expect(await loadModelCatalog()).toBe(true);
		await vi.waitFor(() => expect(opened.sets).toHaveLength(2));
		expect(opened.sets[1]).toMatchObject({ used: 9200, costKnown: true });
		expect(opened.sets[1]!.costUsd).toBeGreaterThan(0);
		// The chat that a turn had updated keeps the turn's figure.
		expect(movedOn.sets).toHaveLength(1);
		expect(movedOn.get()).toBe(live);
	});
});
