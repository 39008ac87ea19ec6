/**
 * The frame batcher: frequent items wait for the next frame and are applied together, in
 * order; anything else flushes them first; a hidden tab (no frames) still gets them by timer.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	FrameBatcher,
	HIDDEN_TAB_FALLBACK_MS,
	nextFrame,
	type FrameScheduler
} from '../../../../src/lib/state/chat/frame-batcher';
import { isFrequentLiveEvent } from '../../../../src/lib/state/chat/live-batching';
import {
	applyLiveEvent,
	applyLiveEvents,
	beginTurn,
	emptyTranscript
} from '../../../../src/lib/state/chat/transcript-reducer';
import type { ChatLiveEvent } from '../../../../src/lib/state/chat/chat-events';

/** A scheduler whose frames the test runs by hand. */
function manualFrames() {
	const pending: (() => void)[] = [];
	const schedule: FrameScheduler = (callback) => {
		pending.push(callback);
		return () => pending.splice(pending.indexOf(callback) >>> 0, 1);
	};
	return {
		schedule,
		get waiting() {
			return pending.length;
		},
		frame() {
			for (const callback of pending.splice(0)) callback();
		}
	};
}

const frequent = (item: string) => item.startsWith('delta');

describe('FrameBatcher', () => {
	it('applies frequent items once per frame, all of them, in order', () => {
		const frames = manualFrames();
		const commits: (readonly string[])[] = [];
		const batcher = new FrameBatcher<string>(
			(items) => commits.push(items),
			frequent,
			frames.schedule
		);
		batcher.push('delta 1');
		batcher.push('delta 2');
		batcher.push('delta 3');
		expect(commits).toEqual([]);
		expect(frames.waiting).toBe(1);
		frames.frame();
		expect(commits).toEqual([['delta 1', 'delta 2', 'delta 3']]);
		batcher.push('delta 4');
		frames.frame();
		expect(commits).toEqual([['delta 1', 'delta 2', 'delta 3'], ['delta 4']]);
	});

	it('flushes what waits before an item that cannot wait, keeping the order', () => {
		const frames = manualFrames();
		const commits: (readonly string[])[] = [];
		const batcher = new FrameBatcher<string>(
			(items) => commits.push(items),
			frequent,
			frames.schedule
		);
		batcher.push('delta 1');
		batcher.push('delta 2');
		batcher.push('tool card');
		expect(commits).toEqual([['delta 1', 'delta 2', 'tool card']]);
		// The frame that was asked for has nothing left to do.
		expect(frames.waiting).toBe(0);
		frames.frame();
		expect(commits).toHaveLength(1);
	});

	it('flush() applies at once and discard() drops what waits', () => {
		const frames = manualFrames();
		const commits: (readonly string[])[] = [];
		const batcher = new FrameBatcher<string>(
			(items) => commits.push(items),
			frequent,
			frames.schedule
		);
		batcher.push('delta 1');
		batcher.flush();
		expect(commits).toEqual([['delta 1']]);
		batcher.flush();
		expect(commits).toHaveLength(1);
		batcher.push('delta 2');
		batcher.discard();
		frames.frame();
		expect(commits).toEqual([['delta 1']]);
	});
});

describe('nextFrame', () => {
	afterEach(() => {
		vi.useRealTimers();
		vi.unstubAllGlobals();
	});

	it('runs on the animation frame when the page paints, once', () => {
		vi.useFakeTimers();
		const frames: FrameRequestCallback[] = [];
		vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) =>
			frames.push(callback)
		);
		vi.stubGlobal('cancelAnimationFrame', () => {});
		const run = vi.fn();
		nextFrame(run);
		frames[0]!(0);
		expect(run).toHaveBeenCalledTimes(1);
		vi.advanceTimersByTime(HIDDEN_TAB_FALLBACK_MS);
		expect(run).toHaveBeenCalledTimes(1);
	});

	it('still runs in a hidden tab, where no frame comes', () => {
		vi.useFakeTimers();
		vi.stubGlobal('requestAnimationFrame', () => 1);
		vi.stubGlobal('cancelAnimationFrame', () => {});
		const run = vi.fn();
		nextFrame(run);
		expect(run).not.toHaveBeenCalled();
		vi.advanceTimersByTime(HIDDEN_TAB_FALLBACK_MS);
		expect(run).toHaveBeenCalledTimes(1);
	});

	it('does nothing once cancelled', () => {
		vi.useFakeTimers();
		vi.stubGlobal('requestAnimationFrame', () => 1);
		vi.stubGlobal('cancelAnimationFrame', () => {});
		const run = vi.fn();
		nextFrame(run)();
		vi.advanceTimersByTime(HIDDEN_TAB_FALLBACK_MS * 2);
		expect(run).not.toHaveBeenCalled();
	});
});

describe('live events batched per frame', () => {
	it('defers only the events that come by the hundred', () => {
		const deferred = (event: ChatLiveEvent) => isFrequentLiveEvent(event);
		expect(deferred({ type: 'text-delta', text: 'a' })).toBe(true);
		expect(deferred({ type: 'thinking-delta', text: 'a' })).toBe(true);
		expect(deferred({ type: 'tool-call-args', id: 't', argsDelta: '{' })).toBe(true);
		expect(deferred({ type: 'step-start', step: 1 })).toBe(false);
		expect(deferred({ type: 'tool-call-start', id: 't', name: 'read' })).toBe(false);
	});

	it('gives the same transcript as applying the events one by one', () => {
		const start = beginTurn(emptyTranscript(), 'hi', 1);
		const events: ChatLiveEvent[] = [
			{ type: 'step-start', step: 1 },
			{ type: 'thinking-delta', text: 'Let me ' },
			{ type: 'thinking-delta', text: 'think.' },
			{ type: 'text-delta', text: '# Title\n\nSome ' },
			{ type: 'text-delta', text: 'words.' },
			{ type: 'tool-call-start', id: 't', name: 'read' },
			{ type: 'tool-call-args', id: 't', argsDelta: '{"path":' },
			{ type: 'tool-call-args', id: 't', argsDelta: '"a"}' }
		];
		const oneByOne = events.reduce((t, event) => applyLiveEvent(t, event, {}, 5), start);
		const frames = manualFrames();
		let batched = start;
		const batcher = new FrameBatcher<ChatLiveEvent>(
			(items) => (batched = applyLiveEvents(batched, items)),
			isFrequentLiveEvent,
			frames.schedule
		);
		for (const event of events) batcher.push(event);
		frames.frame();
		expect(batched).toEqual(oneByOne);
		const text = batched.turns[0]!.items.find((item) => item.kind === 'text');
		expect(text).toMatchObject({ text: '# Title\n\nSome words.', streaming: true });
	});
});
