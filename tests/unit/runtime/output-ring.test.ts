import { describe, expect, it } from 'vitest';
import { OutputRing } from '../../../src/lib/runtime/output-ring';
import { PROCESS_OUTPUT_LIMIT } from '../../../src/lib/runtime/process-types';

/** `count` characters, each a digit of its position, so a slice shows where it came from. */
function numbered(from: number, count: number): string {
	return Array.from({ length: count }, (_, i) => String((from + i) % 10)).join('');
}

describe('OutputRing', () => {
	it('keeps the last 1 MB of a process that prints more', () => {
		const ring = new OutputRing(PROCESS_OUTPUT_LIMIT);
		const chunk = 64 * 1024;
		const total = 3 * PROCESS_OUTPUT_LIMIT + 123;
		for (let at = 0; at < total; at += chunk)
			ring.append(numbered(at, Math.min(chunk, total - at)));
		expect(ring.end).toBe(total);
		const all = ring.since(0);
		expect(all.text.length).toBe(PROCESS_OUTPUT_LIMIT);
		expect(all.text).toBe(numbered(total - PROCESS_OUTPUT_LIMIT, PROCESS_OUTPUT_LIMIT));
		expect(all.dropped).toBe(total - PROCESS_OUTPUT_LIMIT);
		expect(ring.tail(2 * PROCESS_OUTPUT_LIMIT)).toBe(all.text);
	});

	it('counts as dropped only what came after the reader and is no longer kept', () => {
		const ring = new OutputRing(100);
		ring.append(numbered(0, 40));
		expect(ring.since(0)).toEqual({ text: numbered(0, 40), dropped: 0 });
		const readAt = ring.end;
		// 110 more: 100 are kept, though the ring cuts its text only beyond 1.5 times the limit.
		ring.append(numbered(40, 110));
		expect(ring.since(readAt)).toEqual({ text: numbered(50, 100), dropped: 10 });
		// Past the cut: the same answer as before it.
		ring.append(numbered(150, 60));
		expect(ring.since(readAt)).toEqual({ text: numbered(110, 100), dropped: 70 });
		expect(ring.since(ring.end)).toEqual({ text: '', dropped: 0 });
	});

	it('gives the last characters, never more than the limit', () => {
		const ring = new OutputRing(10);
		ring.append('abc');
		expect(ring.tail(2)).toBe('bc');
		ring.append(numbered(0, 14));
		expect(ring.tail(100)).toBe(numbered(4, 10));
	});
});
