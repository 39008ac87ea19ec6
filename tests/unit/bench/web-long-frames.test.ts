import { describe, expect, it } from 'vitest';
import type { ReportedChunk } from '../../../tooling/bundle-report';
import { describeTask, frameOfTask, type LongFrame } from '../../../bench/web/long-frames';

const ORIGIN = 'http://localhost:4391';

const report: ReportedChunk[] = [
	{
		fileName: '_app/immutable/chunks/Xterm123.js',
		isEntry: false,
		isDynamicEntry: true,
		imports: [],
		dynamicImports: [],
		modules: [
			{
				id: '/x/node_modules/@xterm/xterm/lib/xterm.mjs',
				owner: '@xterm/xterm',
				renderedLength: 990
			},
			{ id: '/x/src/lib/components/terminal/xterm.ts', owner: 'app', renderedLength: 10 }
		]
	},
	{
		fileName: '_app/immutable/chunks/Early45.js',
		isEntry: false,
		isDynamicEntry: false,
		imports: [],
		dynamicImports: [],
		modules: [
			{ id: '/x/node_modules/zod/v4/mini/index.js', owner: 'zod', renderedLength: 600 },
			{ id: '/x/src/lib/runtime/yield-to-page.ts', owner: 'app', renderedLength: 400 }
		]
	}
];

const frame = (start: number, duration: number, scripts: LongFrame['scripts'] = []) => ({
	start,
	duration,
	scripts
});

describe('frameOfTask', () => {
	const frames = [frame(100, 60), frame(200, 120), frame(400, 80)];

	it('takes the frame that spans the task, allowing for rounding', () => {
		expect(frameOfTask({ start: 210, duration: 90 }, frames)).toBe(frames[1]);
		expect(frameOfTask({ start: 199.5, duration: 121 }, frames)).toBe(frames[1]);
	});

	it('else the frame it overlaps most, and none when it overlaps none', () => {
		expect(frameOfTask({ start: 150, duration: 80 }, frames)).toBe(frames[1]);
		expect(frameOfTask({ start: 330, duration: 40 }, frames)).toBeUndefined();
	});
});

describe('describeTask', () => {
	it('names the longest scripts first, with their chunk, package, entry and time', () => {
		const frames = [
			frame(1000, 110, [
				{
					source: `${ORIGIN}/_app/immutable/chunks/Other9.js`,
					invoker: 'TimerHandler:setTimeout',
					duration: 20
				},
				{
					source: `${ORIGIN}/_app/immutable/chunks/Xterm123.js`,
					invoker: 'FrameRequestCallback',
					duration: 61.4
				},
				{ source: '', invoker: 'Window.requestIdleCallback', duration: 5 },
				{ source: `${ORIGIN}/_app/immutable/chunks/Tiny.js`, invoker: 'Promise.then', duration: 1 }
			])
		];
		expect(describeTask({ start: 1000, duration: 105 }, frames, ORIGIN, report)).toBe(
			'Xterm123.js (@xterm/xterm 99%) FrameRequestCallback 61 ms; ' +
				'Other9.js TimerHandler:setTimeout 20 ms; (no file) Window.requestIdleCallback 5 ms'
		);
	});

	it('says a continuation after yieldToPage is not the work of the chunk the browser names', () => {
		const early = `${ORIGIN}/_app/immutable/chunks/Early45.js`;
		const frames = [
			frame(0, 90, [
				{ source: early, invoker: 'Scheduler.yield.then', duration: 86 },
				{ source: early, invoker: 'Promise.then', duration: 3 }
			])
		];
		expect(describeTask({ start: 0, duration: 90 }, frames, ORIGIN, report)).toBe(
			'Early45.js (zod 60%) Scheduler.yield.then 86 ms (code resuming after yieldToPage, not ' +
				'named by the browser); Early45.js (zod 60%) Promise.then 3 ms'
		);
	});

	it('says when most of the frame was spent outside scripts, and when no frame was recorded', () => {
		const frames = [
			frame(0, 90, [
				{ source: 'https://elsewhere.test/lib.js', invoker: 'Promise.then', duration: 10 }
			])
		];
		expect(describeTask({ start: 5, duration: 80 }, frames, ORIGIN, null)).toBe(
			'https://elsewhere.test/lib.js Promise.then 10 ms; 80 ms outside scripts'
		);
		expect(describeTask({ start: 5, duration: 80 }, [], ORIGIN, report)).toBe(
			'no long animation frame recorded for it'
		);
		expect(describeTask({ start: 5, duration: 80 }, [frame(0, 90)], ORIGIN, report)).toBe(
			"no script ran: 90 ms of style, layout or the browser's own work"
		);
	});
});
