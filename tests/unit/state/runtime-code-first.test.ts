/**
 * SvelteKit's start (src/hooks.client.ts's init): on a project's address over a fast line, the
 * IDE mounts once the offline runtime's code has run and the early reads have the project's
 * files (waited for FILES_GRACE_MS at most), or once RUNTIME_CODE_WAIT_MS have passed; on a slow
 * line, or any other address, at once.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';

const runtimeCode = vi.hoisted(() => ({ settle: { resolve: () => {}, reject: (_: Error) => {} } }));

vi.mock('$lib/runtime/browser', () => ({
	preloadBrowserRuntime: vi.fn(
		() =>
			new Promise<void>((resolve, reject) => {
				runtimeCode.settle = { resolve, reject };
			})
	)
}));
/** The early reads' `filesRead`, made anew for each test (read already, unless a test says). */
const files = vi.hoisted(() => ({ read: Promise.resolve(), settle: () => {} }));
// Its effect (reading the project) is early-open's own test's business.
vi.mock('$lib/state/early-open-start', () => ({
	get filesRead() {
		return files.read;
	}
}));

const { init, FILES_GRACE_MS, RUNTIME_CODE_WAIT_MS } = await import('../../../src/hooks.client');
const { preloadBrowserRuntime } = await import('$lib/runtime/browser');

/** Opens the page on `pathname`, over a line src/app.html judged `line` (none: not judged). */
function pageAt(pathname: string, line?: 'fast' | 'slow'): void {
	vi.stubGlobal('location', { pathname });
	vi.stubGlobal('document', { documentElement: { dataset: line ? { line } : {} } });
}

/** Whether `started` has settled, after every callback already due has run. */
async function settled(started: Promise<unknown>): Promise<boolean> {
	let done = false;
	void started.then(() => (done = true));
	await vi.advanceTimersByTimeAsync(0);
	return done;
}

beforeEach(() => {
	vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }); // performance keeps its marks
	vi.mocked(preloadBrowserRuntime).mockClear();
	performance.clearMarks();
	files.read = Promise.resolve();
});

/** The early reads still reading the project's files until `files.settle()`. */
function filesStillReading(): void {
	files.read = new Promise<void>((resolve) => (files.settle = resolve));
}
afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

it('on a fast line, holds the IDE until the runtime’s code has run, and marks when it has', async () => {
	pageAt('/project/p1', 'fast');
	const started = init() as Promise<void>;
	expect(started).toBeInstanceOf(Promise);
	await vi.advanceTimersByTimeAsync(RUNTIME_CODE_WAIT_MS - 1);
	expect(await settled(started)).toBe(false);
	runtimeCode.settle.resolve();
	expect(await settled(started)).toBe(true);
	expect(performance.getEntriesByName('kiln:runtime-code')).toHaveLength(1);
});

it('on a fast line, holds the IDE a little longer for the project’s files', async () => {
	filesStillReading();
	pageAt('/project/p1', 'fast');
	const started = init() as Promise<void>;
	runtimeCode.settle.resolve();
	await vi.advanceTimersByTimeAsync(FILES_GRACE_MS - 1);
	// The runtime's code has run, the files are not in: their reads would wait behind the mount.
	expect(performance.getEntriesByName('kiln:runtime-code')).toHaveLength(1);
	expect(await settled(started)).toBe(false);
	files.settle();
	expect(await settled(started)).toBe(true);
});

it('mounts the IDE without the files once the grace is over (a large project reads for long)', async () => {
	filesStillReading();
	pageAt('/project/p1', 'fast');
	const started = init() as Promise<void>;
	await vi.advanceTimersByTimeAsync(100);
	runtimeCode.settle.resolve();
	await vi.advanceTimersByTimeAsync(FILES_GRACE_MS - 1);
	expect(await settled(started)).toBe(false);
	await vi.advanceTimersByTimeAsync(1);
	expect(await settled(started)).toBe(true);
});

it('mounts the IDE anyway once the wait is over, the runtime’s code still on its way', async () => {
	pageAt('/project/p1', 'fast');
	const started = init() as Promise<void>;
	await vi.advanceTimersByTimeAsync(RUNTIME_CODE_WAIT_MS);
	expect(await settled(started)).toBe(true);
	expect(performance.getEntriesByName('kiln:runtime-code')).toHaveLength(0);
});

it('mounts the IDE once the runtime’s code fails to load, leaving the runtime’s start to say so', async () => {
	pageAt('/project/p1', 'fast');
	const started = init() as Promise<void>;
	runtimeCode.settle.reject(new Error('Failed to fetch dynamically imported module'));
	expect(await settled(started)).toBe(true);
	expect(performance.getEntriesByName('kiln:runtime-code')).toHaveLength(0);
});

it('holds nothing on a slow line, or where the line was not judged, but still asks for the code', async () => {
	for (const line of ['slow', undefined] as const) {
		pageAt('/project/p1', line);
		expect(init()).toBeUndefined();
	}
	expect(preloadBrowserRuntime).toHaveBeenCalledTimes(2);
});

it('does nothing on any other address', () => {
	pageAt('/', 'fast');
	expect(init()).toBeUndefined();
	expect(preloadBrowserRuntime).not.toHaveBeenCalled();
});
