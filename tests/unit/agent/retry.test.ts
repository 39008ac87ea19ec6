import { describe, expect, it } from 'vitest';
import { FORMATS, ofType, types, useAgentHarness } from './harness';

describe.each(FORMATS)('retries (%s)', (format) => {
	const setup = useAgentHarness();

	it('waits as long as a 429 asks (retry-after) and then answers', async () => {
		const h = await setup(format, [
			{ fault: { type: 'http', status: 429, retryAfter: 2 } },
			{ text: 'Made it.' }
		]);
		const result = await h.run('Hi');

		expect(result.reason).toBe('completed');
		expect(h.sleeps).toEqual([2000]);
		const retry = h.live.find((event) => event.type === 'retry');
		expect(retry).toMatchObject({ attempt: 1, delayMs: 2000, error: { kind: 'rate_limit' } });
		expect(h.bodies()).toHaveLength(2);
		expect(types(h.log.events)).toEqual([
			'session-start',
			'user-message',
			'assistant-step',
			'turn-end'
		]);
	});

	it('backs off on 529 and 500 without retry-after', async () => {
		const sleeps: number[] = [];
		const h = await setup(
			format,
			[
				{ fault: { type: 'http', status: 529 } },
				{ fault: { type: 'http', status: 500 } },
				{ text: 'Third time.' }
			],
			{
				agent: {
					retry: { baseDelayMs: 100, random: () => 1, sleep: async (ms) => void sleeps.push(ms) }
				}
			}
		);
		const result = await h.run('Hi');
		expect(result.reason).toBe('completed');
		expect(sleeps).toEqual([100, 200]);
		expect(
			h.live.filter((e) => e.type === 'retry').map((e) => e.type === 'retry' && e.error.kind)
		).toEqual(['overloaded', 'server']);
	});

	it('retries the whole step when the stream drops after output, keeping only the retried answer', async () => {
		const h = await setup(format, [
			{
				text: 'This first answer will be cut off half-way.',
				chunkSize: 4,
				fault: { type: 'drop', afterChunks: 5 }
			},
			{ text: 'The complete answer.' }
		]);
		const result = await h.run('Hi');

		expect(result.reason).toBe('completed');
		// The UI saw the step start twice: the second start tells it to drop the partial text.
		expect(h.live.filter((e) => e.type === 'step-start')).toEqual([
			{ type: 'step-start', step: 1 },
			{ type: 'step-start', step: 1 }
		]);
		expect(h.live.some((e) => e.type === 'retry')).toBe(true);
		const steps = ofType(h.log.events, 'assistant-step');
		expect(steps).toHaveLength(1);
		expect(steps[0]!.message.content).toEqual([{ type: 'text', text: 'The complete answer.' }]);
	});

	it('gives up after the attempts run out, with the provider’s explanation', async () => {
		const h = await setup(
			format,
			[{ fault: { type: 'http', status: 500 } }, { fault: { type: 'http', status: 500 } }],
			{ agent: { retry: { maxAttempts: 2, sleep: async () => {} } } }
		);
		const result = await h.run('Hi');
		expect(result.reason).toBe('error');
		expect(result.error?.kind).toBe('server');
		expect(result.error?.message).toMatch(/internal error.*try again/i);
		expect(h.bodies()).toHaveLength(2);
		expect(types(h.log.events)).toEqual(['session-start', 'user-message', 'turn-end']);
		expect(ofType(h.log.events, 'turn-end')[0]!.error).toEqual(result.error);
	});

	it('does not retry a refused key', async () => {
		const h = await setup(format, [{ fault: { type: 'http', status: 401 } }, { text: 'unused' }]);
		const result = await h.run('Hi');
		expect(result.reason).toBe('error');
		expect(result.error?.kind).toBe('auth');
		expect(result.error?.message).toMatch(/Settings/);
		expect(h.bodies()).toHaveLength(1);
		expect(h.sleeps).toEqual([]);
	});

	it('keeps the partial output of a step whose retries ran out, and the log stays valid', async () => {
		const h = await setup(
			format,
			[
				{ text: 'Partial words that', chunkSize: 4, fault: { type: 'drop', afterChunks: 5 } },
				{ text: 'Again partial words', chunkSize: 4, fault: { type: 'drop', afterChunks: 5 } }
			],
			{ agent: { retry: { maxAttempts: 2, sleep: async () => {} } } }
		);
		const result = await h.run('Hi');
		expect(result.reason).toBe('error');
		expect(result.error?.kind).toBe('network');
		const [step] = ofType(h.log.events, 'assistant-step');
		expect(step!.interrupted).toBe(true);
		expect(step!.message.content[0]).toMatchObject({
			type: 'text',
			text: expect.stringMatching(/^Again/)
		});
	});
});
