/**
 * Idle time, one helper for every layer: requestIdleCallback with the caller's deadline, and a
 * timer where the browser lacks it (Safari).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextIdle, whenIdle } from '../../../src/lib/runtime';

afterEach(() => {
	vi.unstubAllGlobals();
	vi.useRealTimers();
});

describe('whenIdle', () => {
	it('runs the task in the next idle period, with the deadline asked for, and can cancel it', () => {
		const idle: { run: () => void; timeout: number | undefined }[] = [];
		const cancelled: number[] = [];
		vi.stubGlobal('requestIdleCallback', (run: () => void, options?: { timeout: number }) =>
			idle.push({ run, timeout: options?.timeout })
		);
		vi.stubGlobal('cancelIdleCallback', (handle: number) => cancelled.push(handle));
		const ran: string[] = [];
		whenIdle(() => ran.push('first'), { timeoutMs: 5_000 });
		const cancel = whenIdle(() => ran.push('second'), { timeoutMs: 1_000 });
		expect(idle.map((entry) => entry.timeout)).toEqual([5_000, 1_000]);
		expect(ran).toEqual([]);
		idle[0]!.run();
		expect(ran).toEqual(['first']);
		cancel();
		expect(cancelled).toEqual([2]);
	});

	it('without requestIdleCallback, runs after the fallback timer (200 ms unless told)', () => {
		vi.stubGlobal('requestIdleCallback', undefined);
		vi.useFakeTimers();
		const ran: string[] = [];
		whenIdle(() => ran.push('settled'), { timeoutMs: 5_000 });
		whenIdle(() => ran.push('next task'), { timeoutMs: 5_000, fallbackMs: 0 });
		const cancel = whenIdle(() => ran.push('cancelled'), { timeoutMs: 5_000, fallbackMs: 10 });
		cancel();
		vi.advanceTimersByTime(0);
		expect(ran).toEqual(['next task']);
		vi.advanceTimersByTime(199);
		expect(ran).toEqual(['next task']);
		vi.advanceTimersByTime(1);
		expect(ran).toEqual(['next task', 'settled']);
	});
});

describe('nextIdle', () => {
	it('resolves once the page is idle', async () => {
		const idle: (() => void)[] = [];
		vi.stubGlobal('requestIdleCallback', (run: () => void) => idle.push(run));
		let resolved = false;
		const waiting = nextIdle({ timeoutMs: 2_000 }).then(() => (resolved = true));
		await Promise.resolve();
		expect(resolved).toBe(false);
		idle[0]!();
		await waiting;
		expect(resolved).toBe(true);
	});
});
