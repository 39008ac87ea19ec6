/**
 * The turn window: a long session opens with its newest turns, then the older ones come in
 * while the browser is idle, a batch at a time, until all are rendered.
 */
import { describe, expect, it } from 'vitest';
import {
	FIRST_TURNS,
	TURNS_PER_IDLE,
	TurnWindow,
	stableSlice
} from '../../../../src/lib/components/chat/turn-window.svelte';

function manualIdle() {
	const waiting: (() => void)[] = [];
	return {
		idle: (callback: () => void) => {
			waiting.push(callback);
			return () => waiting.splice(waiting.indexOf(callback) >>> 0, 1);
		},
		run() {
			for (const callback of waiting.splice(0)) callback();
		},
		get waiting() {
			return waiting.length;
		}
	};
}

describe('TurnWindow', () => {
	it('opens a long session with its newest turns and adds the rest while idle', () => {
		const idle = manualIdle();
		const window = new TurnWindow(idle.idle);
		window.reset(500);
		expect(window.start(500)).toBe(500 - FIRST_TURNS);
		const starts: number[] = [];
		while (window.fill()) {
			idle.run();
			starts.push(window.start(500));
		}
		expect(starts[0]).toBe(500 - FIRST_TURNS - TURNS_PER_IDLE);
		expect(starts.at(-1)).toBe(0);
		expect(starts).toEqual([...starts].sort((a, b) => b - a));
		expect(idle.waiting).toBe(0);
	});

	it('renders a short session whole at once', () => {
		const window = new TurnWindow(manualIdle().idle);
		window.reset(FIRST_TURNS);
		expect(window.start(FIRST_TURNS)).toBe(0);
		expect(window.fill()).toBeUndefined();
	});

	it('still shows the newest turns when the transcript shrinks (a rewind)', () => {
		const window = new TurnWindow(manualIdle().idle);
		window.reset(500);
		expect(window.start(30)).toBe(30 - FIRST_TURNS);
		expect(window.start(5)).toBe(0);
	});

	it('stops adding turns when the chat goes away', () => {
		const idle = manualIdle();
		const window = new TurnWindow(idle.idle);
		window.reset(100);
		window.fill()?.();
		expect(idle.waiting).toBe(0);
		expect(window.start(100)).toBe(100 - FIRST_TURNS);
	});
});

describe('stableSlice', () => {
	it('hands back the previous slice while its turns are the same objects', () => {
		const a = { key: 'a' };
		const b = { key: 'b' };
		const live = { key: 'c' };
		const older = stableSlice([], [a, b, live], 0, 2);
		expect(older).toEqual([a, b]);
		// The newest turn changed (a new object per frame), the older ones did not.
		expect(stableSlice(older, [a, b, { ...live }], 0, 2)).toBe(older);
		// A turn that changed, or one more turn, gives a new slice.
		expect(stableSlice(older, [a, { ...b }, live], 0, 2)).not.toBe(older);
		expect(stableSlice(older, [a, b, live, { key: 'd' }], 0, 3)).toEqual([a, b, live]);
	});
});
