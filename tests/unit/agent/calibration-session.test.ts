/**
 * The must-show of token calibration: a scripted session against a model that counts 30% more
 * tokens than Kiln's estimate and refuses any prompt over its window (the prompt-cache
 * simulator with its own counter and a small window, over real HTTP). Uncalibrated, Kiln would
 * compact only at 26k estimated tokens, about 34k by the model's count: refused. Calibrated, it
 * learns the ratio (from the first usage, or at once from count-tokens), clears and compacts in
 * time, and every turn finishes.
 */
import { describe, expect, it } from 'vitest';
import { type ModelInfo } from '../../../src/lib/agent';
import { TokenCalibration } from '../../../src/lib/agent/context/calibration';
import { contextThresholds } from '../../../src/lib/agent/context/policy';
import { countTokens } from '../../../src/lib/agent/context/tokens';
import type { Provider } from '../../../src/lib/providers';
import type { ScriptInput } from '../../../tooling/mock-model';
import { assertValidConversation, notes, ofType, sourceFile, useAgentHarness } from './harness';

type Turn = Extract<ScriptInput, unknown[]>[number];

const WINDOW = 30_000;
const MAX_TOKENS = 1_000;
const MODEL: ModelInfo = {
	id: 'mock-model',
	contextWindow: WINDOW,
	maxOutputTokens: 4_096,
	prices: { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
	known: true
};
const FILES = 24;

const SUMMARY: Turn = {
	label: 'a summary',
	match: { lastUserMessageIncludes: 'replaced by a summary to free context' },
	text: '## Intent\nRead every file.\n## Pending work\nRead the rest.\n## Current state\nReading.',
	chunkSize: 100_000
};

function script(): Turn[] {
	const turns: Turn[] = [SUMMARY, SUMMARY, SUMMARY, SUMMARY];
	for (let i = 1; i <= FILES; i++) {
		turns.push({
			text: notes(i),
			toolCalls: [{ name: 'read', input: { path: `src/f${i}.ts` } }],
			chunkSize: 100_000
		});
		if (i === FILES / 2) turns.push({ text: 'Read the first half.' });
	}
	turns.push({ text: 'Read the second half.' });
	return turns;
}

/** The provider without count-tokens: calibration must come from usage alone. */
function withoutCount(provider: Provider): Provider {
	return {
		id: provider.id,
		family: provider.family,
		stream: (request) => provider.stream(request),
		listModels: (signal) => provider.listModels(signal)
	};
}

describe.each([
	['from usage alone', false],
	['with count-tokens', true]
])('a model that counts 30%% more than the estimate (%s)', (_label, count) => {
	const setup = useAgentHarness({
		cache: {
			enabled: true,
			contextWindow: WINDOW,
			countTokens: (text) => Math.ceil(countTokens(text) * 1.3)
		}
	});

	it('calibrates, clears and compacts in time, and finishes every turn', async () => {
		const files: Record<string, string> = {};
		for (let i = 1; i <= FILES; i++) files[`src/f${i}.ts`] = sourceFile(`f${i}`, 50);
		const h = await setup('anthropic', script(), {
			files,
			agent: { modelInfo: MODEL, maxTokens: MAX_TOKENS, contextPolicy: { keepRecentResults: 2 } },
			...(count ? {} : { wrapProvider: withoutCount })
		});

		const first = await h.run('Read src/f1.ts to src/f12.ts, one by one');
		const second = await h.run('Now read src/f13.ts to src/f24.ts');
		expect([first.reason, second.reason]).toEqual(['completed', 'completed']);

		const events = h.log.events;
		// Not one request over the window reached the model, and no turn failed or retried.
		expect(h.server.cache?.refusals()).toEqual([]);
		expect(ofType(events, 'turn-end').map((end) => end.reason)).toEqual(['completed', 'completed']);
		const compactions = ofType(events, 'compaction');
		expect(compactions.length).toBeGreaterThanOrEqual(1);
		for (const compaction of compactions) expect(compaction.overflow).toBeUndefined();
		expect(ofType(events, 'context-cleared').length).toBeGreaterThanOrEqual(1);

		// What the model counted for each request left room for the answer.
		const history = h.server.cache!.history();
		expect(history).toHaveLength(h.bodies().length);
		for (const account of history) {
			expect(account.totalInputTokens + MAX_TOKENS).toBeLessThanOrEqual(WINDOW);
		}
		// The largest request came close to the window by the model's count: a near miss the
		// estimate alone would not have avoided.
		const largest = Math.max(...history.map((account) => account.totalInputTokens));
		expect(largest).toBeGreaterThan(WINDOW * 0.6);

		// The first compaction fired below the uncalibrated threshold (in estimated tokens).
		const uncalibrated = contextThresholds(WINDOW, MAX_TOKENS).compactAt;
		expect(compactions[0]!.tokensBefore).toBeLessThan(uncalibrated);
		// The ratio learnt from the log is the model's (30% less the per-block framing Kiln adds).
		const ratio = TokenCalibration.fromEvents(events).ratio('mock-model');
		expect(ratio).toBeGreaterThan(1.2);
		expect(ratio).toBeLessThanOrEqual(1.3);

		// Count-tokens is used where it helps (the first request, near thresholds), or not at all.
		if (count) expect(h.server.tokenCounts().length).toBeGreaterThan(0);
		else expect(h.server.tokenCounts()).toEqual([]);
		for (const body of h.bodies()) assertValidConversation('anthropic', body);
	});
});

describe('a model whose window is smaller than Kiln was told', () => {
	const setup = useAgentHarness({
		cache: {
			enabled: true,
			contextWindow: WINDOW,
			countTokens: (text) => Math.ceil(countTokens(text) * 1.3)
		}
	});

	it('takes the refusal’s numbers, compacts, retries once, and the turn completes', async () => {
		const files: Record<string, string> = {};
		for (let i = 1; i <= FILES; i++) files[`src/f${i}.ts`] = sourceFile(`f${i}`, 50);
		const h = await setup('anthropic', script(), {
			files,
			agent: {
				modelInfo: { ...MODEL, contextWindow: 45_000 },
				maxTokens: MAX_TOKENS,
				contextPolicy: { keepRecentResults: 2 }
			},
			wrapProvider: withoutCount
		});
		const first = await h.run('Read src/f1.ts to src/f12.ts, one by one');
		const second = await h.run('Now read src/f13.ts to src/f24.ts');
		expect([first.reason, second.reason]).toEqual(['completed', 'completed']);

		const events = h.log.events;
		const refused = h.server.cache!.refusals();
		expect(refused.length).toBe(1);
		const [tokens, limit] = /(\d+) tokens > (\d+) maximum/.exec(refused[0]!)!.slice(1).map(Number);
		const marked = ofType(events, 'compaction').filter((event) => event.overflow);
		expect(marked).toHaveLength(1);
		expect(marked[0]!.overflow).toEqual({ tokens, limit });
		expect(limit).toBe(WINDOW);
		// The one refusal was the only one: the retry fitted, and the next turn kept under the
		// limit the model stated (remembered from the log), compacting in time without a refusal.
		const afterRefusal = events.slice(events.indexOf(marked[0]!));
		const laterCompactions = ofType(afterRefusal, 'compaction').slice(1);
		expect(laterCompactions.length).toBeGreaterThanOrEqual(1);
		for (const compaction of laterCompactions) expect(compaction.overflow).toBeUndefined();
		expect(ofType(events, 'turn-end').map((end) => end.reason)).toEqual(['completed', 'completed']);
		for (const body of h.bodies()) assertValidConversation('anthropic', body);
	});
});
