import { describe, expect, it } from 'vitest';
import { createSemaphore } from '../../../../src/lib/agent/subagents';

describe('createSemaphore', () => {
	it('lets at most max holders in and hands slots over in order', async () => {
		const semaphore = createSemaphore(2);
		const order: string[] = [];
		const a = await semaphore.acquire();
		const b = await semaphore.acquire();
		const c = semaphore.acquire().then((release) => (order.push('c'), release));
		const d = semaphore.acquire().then((release) => (order.push('d'), release));
		expect({ running: semaphore.running, queued: semaphore.queued }).toEqual({
			running: 2,
			queued: 2
		});
		a();
		a(); // releasing twice frees one slot only
		const releaseC = await c;
		expect(order).toEqual(['c']);
		expect({ running: semaphore.running, queued: semaphore.queued }).toEqual({
			running: 2,
			queued: 1
		});
		b();
		const releaseD = await d;
		expect(order).toEqual(['c', 'd']);
		releaseC();
		releaseD();
		expect({ running: semaphore.running, queued: semaphore.queued }).toEqual({
			running: 0,
			queued: 0
		});
	});

	it('drops a waiter whose signal aborts, and refuses an aborted signal at once', async () => {
		const semaphore = createSemaphore(1);
		const release = await semaphore.acquire();
		const controller = new AbortController();
		const waiting = semaphore.acquire(controller.signal);
		controller.abort();
		await expect(waiting).rejects.toBeDefined();
		expect(semaphore.queued).toBe(0);
		await expect(semaphore.acquire(controller.signal)).rejects.toBeDefined();
		release();
		expect(semaphore.running).toBe(0);
	});

	it('needs at least one slot', () => {
		expect(() => createSemaphore(0)).toThrow(/at least one slot/);
	});
});
