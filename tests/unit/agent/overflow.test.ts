/**
 * A request the model refuses as too long: Kiln learns its real size, compacts, marks it in the
 * transcript and sends the step once more; a second refusal ends the turn with a clear error. A
 * message too big to ever fit is refused before anything is sent or stored.
 */
import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '../../../src/lib/agent';
import { ProviderError, type Provider } from '../../../src/lib/providers';
import { applySessionEvent, emptyTranscript } from '../../../src/lib/state/chat';
import type { ScriptInput } from '../../../tooling/mock-model';
import { FORMATS, assertValidConversation, ofType, types, useAgentHarness } from './harness';

type Turn = Extract<ScriptInput, unknown[]>[number];

const SUMMARY: Turn = {
	label: 'the summary',
	match: { lastUserMessageIncludes: 'replaced by a summary to free context' },
	text: '## Intent\nRead a.txt.\n## Current state\nRead it.'
};
const TOO_LONG: Turn = { label: 'refused', fault: { type: 'http', status: 400 } };

describe.each(FORMATS)('a prompt that is too long (%s)', (format) => {
	const setup = useAgentHarness();
	const files = { 'a.txt': 'alpha\n'.repeat(50) };
	// What the scripted server's default 400 says, per format.
	const said =
		format === 'anthropic'
			? { tokens: 215_000, limit: 200_000 }
			: { tokens: 135_000, limit: 128_000 };

	it('compacts, says so in the transcript, and sends the step again', async () => {
		const h = await setup(
			format,
			[
				SUMMARY,
				{ toolCalls: [{ name: 'read', input: { path: 'a.txt' } }] },
				TOO_LONG,
				{ text: 'Done.' }
			],
			{ files }
		);
		const result = await h.run('Read a.txt');
		expect(result.reason).toBe('completed');
		expect(result.error).toBeUndefined();

		const events = h.log.events;
		expect(types(events)).toEqual([
			'session-start',
			'user-message',
			'assistant-step',
			'tool-result',
			'compaction',
			'assistant-step',
			'turn-end'
		]);
		const [compaction] = ofType(events, 'compaction');
		expect(compaction).toMatchObject({ manual: false, overflow: said });
		// The refused request, the summary request, then the same step again.
		const requests = ofType(events, 'request').map((r) => [r.step, r.snapshot.kind]);
		expect(requests).toEqual([
			[1, 'step'],
			[2, 'step'],
			[0, 'compaction'],
			[2, 'step']
		]);
		for (const body of h.bodies()) assertValidConversation(format, body);

		const transcript = events.reduce(
			(state, event) => applySessionEvent(state, event),
			emptyTranscript()
		);
		const markers = transcript.turns.flatMap((turn) =>
			turn.items.filter((item) => item.kind === 'marker')
		);
		expect(markers).toHaveLength(1);
		expect(markers[0]).toMatchObject({ code: 'compaction' });
		expect(markers[0]!.kind === 'marker' && markers[0]!.message).toMatch(
			/^The prompt was too long for the model \(\d+k tokens, it takes \d+k\); Kiln compacted the conversation \(.+\) and retried\.$/
		);
	});

	it('ends the turn with a clear error when the retry is refused too', async () => {
		const h = await setup(
			format,
			[
				SUMMARY,
				{ toolCalls: [{ name: 'read', input: { path: 'a.txt' } }] },
				TOO_LONG,
				TOO_LONG,
				{ text: 'Next turn.' }
			],
			{ files }
		);
		const result = await h.run('Read a.txt');
		expect(result.reason).toBe('error');
		expect(result.error?.kind).toBe('context_overflow');
		expect(result.error?.message).toContain('again after Kiln compacted the conversation');
		expect(result.error?.message).toContain(said.tokens.toLocaleString('en-US'));
		// Exactly one retry: four model requests (read, refused, summary, refused).
		expect(h.bodies()).toHaveLength(4);
		const events = h.log.events;
		expect(events.at(-1)).toMatchObject({ type: 'turn-end', reason: 'error' });
		expect(ofType(events, 'compaction')).toHaveLength(1);

		// The log still makes a valid conversation: the next turn goes through.
		const next = await h.run('Go on');
		expect(next.reason).toBe('completed');
		assertValidConversation(format, h.bodies().at(-1)!);
	});

	it('does not retry when there is nothing to compact or clear', async () => {
		const h = await setup(format, [SUMMARY, TOO_LONG, { text: 'unused' }], { files });
		const result = await h.run('Hello');
		expect(result.reason).toBe('error');
		expect(result.error?.message).toContain('nothing Kiln can compact or clear yet');
		expect(h.bodies()).toHaveLength(1);
	});
});

describe.each(FORMATS)('a message too big for the model (%s)', (format) => {
	const setup = useAgentHarness();
	const small: ModelInfo = {
		id: 'mock-model',
		contextWindow: 12_000,
		maxOutputTokens: 4_096,
		prices: { input: 0, output: 0, cacheWrite: 0, cacheRead: 0 },
		known: false
	};
	// Far over 12k tokens whatever the tokenizer.
	const huge = Array.from({ length: 6_000 }, (_, i) => `line ${i}: some pasted log output`).join(
		'\n'
	);

	it('is refused before sending, and nothing is stored', async () => {
		const h = await setup(format, [{ text: 'Hi.' }], {
			agent: { modelInfo: small, maxTokens: 1_000 }
		});
		const result = await h.run(huge);
		expect(result.reason).toBe('error');
		expect(result.error?.kind).toBe('message-too-long');
		expect(result.error?.message).toMatch(
			/too long for mock-model: .* about [\d,]+ tokens, and the model takes 11,000 tokens of input .* It was not sent and nothing was saved\. Attach less .* or split it/
		);
		expect(h.log.events).toEqual([]);
		expect(h.bodies()).toEqual([]);
		// Anthropic's count-tokens was asked to confirm; the other API has none.
		expect(h.server.tokenCounts()).toHaveLength(format === 'anthropic' ? 1 : 0);

		// The session is untouched: a message that fits goes through.
		const next = await h.run('Hello');
		expect(next.reason).toBe('completed');
		expect(types(h.log.events)).toEqual([
			'session-start',
			'user-message',
			'assistant-step',
			'turn-end'
		]);
	});

	it('falls back to the estimate when count-tokens fails', async () => {
		let asked = 0;
		const failingCount = (provider: Provider): Provider => ({
			id: provider.id,
			family: provider.family,
			stream: (request) => provider.stream(request),
			listModels: (signal) => provider.listModels(signal),
			countTokens: async () => {
				asked++;
				throw new ProviderError('network', 'Could not reach the API.');
			}
		});
		const h = await setup(format, [{ text: 'Hi.' }], {
			agent: { modelInfo: small, maxTokens: 1_000 },
			wrapProvider: failingCount
		});
		const result = await h.run(huge);
		expect(asked).toBe(1);
		expect(result.reason).toBe('error');
		expect(result.error?.kind).toBe('message-too-long');
		expect(h.log.events).toEqual([]);
		expect((await h.run('Hello')).reason).toBe('completed');
	});

	it('asks count-tokens about a first request the ratio could push past a threshold', async () => {
		const h = await setup(format, [{ text: 'Hi.' }], {
			agent: { modelInfo: small, maxTokens: 1_000 }
		});
		expect((await h.run('Hello')).reason).toBe('completed');
		const counts = h.server.tokenCounts();
		if (format === 'openai') {
			expect(counts).toEqual([]);
			return;
		}
		// Before any usage existed: counted first, then sent.
		expect(counts).toHaveLength(1);
		expect(counts[0]!.seq).toBeLessThan(h.server.requests()[0]!.seq);
		expect(counts[0]!.body).toMatchObject({ messages: h.bodies()[0]!.messages });
	});
});
