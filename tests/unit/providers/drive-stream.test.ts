/**
 * The stream loop gives the page a turn while it drains a burst (yield-budget.ts), between
 * chunks and never inside one, so the events come out exactly in the order they were sent.
 */
import { describe, expect, it } from 'vitest';
import { driveStream, type StreamDriver } from '../../../src/lib/providers/drive-stream';
import { YieldBudget } from '../../../src/lib/providers/yield-budget';
import type { StreamEvent } from '../../../src/lib/providers';

/** A response whose chunks are all buffered already: the SDK hands them over as microtasks. */
function burstDriver(chunks: number, yieldAfterMs?: number): StreamDriver<number> {
	return {
		provider: 'anthropic',
		open: async () =>
			(async function* () {
				for (let i = 0; i < chunks; i++) yield i;
			})(),
		translate: (chunk) => [
			{ type: 'text-delta', text: `${chunk}a` },
			{ type: 'text-delta', text: `${chunk}b` }
		],
		finish: () => [],
		toError: (error) => {
			throw error;
		},
		...(yieldAfterMs !== undefined && { yieldAfterMs })
	};
}

async function drain(driver: StreamDriver<number>, log: string[]): Promise<void> {
	for await (const event of driveStream(driver)) {
		log.push((event as Extract<StreamEvent, { type: 'text-delta' }>).text);
	}
}

describe('driveStream in a burst', () => {
	it('lets other tasks run between chunks and keeps every event in order', async () => {
		const log: string[] = [];
		setTimeout(() => log.push('other task'), 0);
		await drain(burstDriver(20, 0), log);
		const events = log.filter((entry) => entry !== 'other task');
		const expected = Array.from({ length: 20 }, (_, i) => [`${i}a`, `${i}b`]).flat();
		expect(events).toEqual(expected);
		// The other task ran while the stream was being drained, not after it.
		const turn = log.indexOf('other task');
		expect(turn).toBeGreaterThan(0);
		expect(turn).toBeLessThan(log.length - 1);
		// …and between two chunks, never between the events of one chunk.
		expect(log[turn - 1]).toMatch(/b$/);
	});

	it('drains a short burst without pausing while the budget lasts', async () => {
		const log: string[] = [];
		setTimeout(() => log.push('other task'), 0);
		await drain(burstDriver(3, 60_000), log);
		expect(log).toEqual(['0a', '0b', '1a', '1b', '2a', '2b']);
	});
});

describe('YieldBudget', () => {
	it('pauses only once the work since the last pause reached the budget', async () => {
		let now = 0;
		let pauses = 0;
		const budget = new YieldBudget(
			8,
			() => now,
			async () => void pauses++
		);
		now = 5;
		await budget.spend();
		expect(pauses).toBe(0);
		now = 8;
		await budget.spend();
		expect(pauses).toBe(1);
		now = 12;
		await budget.spend();
		expect(pauses).toBe(1);
		now = 16;
		await budget.spend();
		expect(pauses).toBe(2);
	});
});
