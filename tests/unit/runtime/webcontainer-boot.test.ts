import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	bootWebContainer,
	webContainerBootStatus,
	webContainerSupport,
	WebContainerBootError,
	type SupportEnv
} from '../../../src/lib/runtime/webcontainer';
import { bootingInto, FakeWebContainer, neverSettlingBoot } from '../../fakes/webcontainer';
import type { WebContainer } from '@webcontainer/api';

const CHROME =
	'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';
const SAFARI_17 =
	'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
const SAFARI_16_1 =
	'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.1 Safari/605.1.15';
const IPHONE =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

/** A page as WebContainer wants it: Chromium, isolated, online. Each test gets its own globals. */
function page(overrides: Partial<SupportEnv> & { userAgent?: string; onLine?: boolean } = {}) {
	const { userAgent = CHROME, onLine = true, ...rest } = overrides;
	return {
		crossOriginIsolated: true,
		SharedArrayBuffer,
		navigator: { userAgent, onLine, maxTouchPoints: 0 },
		...rest
	};
}

function deferred<T>() {
	let resolve!: (value: T) => void;
	let reject!: (reason: unknown) => void;
	const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
	return { promise, resolve, reject };
}

afterEach(() => {
	vi.useRealTimers();
});

describe('bootWebContainer', () => {
	it('gives up after 20 s by default with a timeout that says what to do', async () => {
		vi.useFakeTimers();
		const env = page();
		const boot = neverSettlingBoot();
		const booting = bootWebContainer({ boot, env });
		const outcome = booting.catch((error: unknown) => error);

		await vi.advanceTimersByTimeAsync(19_999);
		expect(webContainerBootStatus(env).state).toBe('booting');
		await vi.advanceTimersByTimeAsync(1);

		const error = await outcome;
		expect(error).toBeInstanceOf(WebContainerBootError);
		expect(error).toMatchObject({ reason: 'timeout' });
		expect((error as Error).message).toMatch(/did not start within 20 s/);
		expect((error as Error).message).toMatch(/network/);
		expect(webContainerBootStatus(env).state).toBe('timed-out');
		expect(boot.calls).toEqual([{ coep: 'credentialless', workdirName: 'project' }]);
	});

	it('never boots twice: callers share a pending boot, and after a timeout get the timeout', async () => {
		const env = page();
		const boot = neverSettlingBoot();
		const first = bootWebContainer({ boot, env, timeoutMs: 30 });
		const second = bootWebContainer({ boot, env, timeoutMs: 30 });
		expect(second).toBe(first);
		await expect(first).rejects.toMatchObject({ reason: 'timeout' });

		const afterTimeout = bootWebContainer({ boot, env, timeoutMs: 30 });
		await expect(afterTimeout).rejects.toMatchObject({ reason: 'timeout' });
		expect(boot.calls).toHaveLength(1);
	});

	it('remembers the boot on the global object, so a reloaded module does not boot again', async () => {
		const env = page();
		const boot = neverSettlingBoot();
		const first = bootWebContainer({ boot, env, timeoutMs: 60_000 });
		first.catch(() => undefined);
		vi.resetModules();
		const reloaded = await import('../../../src/lib/runtime/webcontainer/boot');
		expect(reloaded.bootWebContainer).not.toBe(bootWebContainer);
		expect(reloaded.webContainerBootStatus(env).state).toBe('booting');
		expect(reloaded.bootWebContainer({ boot, env })).toBe(first);
		expect(boot.calls).toHaveLength(1);
	});

	it('resolves to the container and hands the same one to every later caller', async () => {
		const env = page();
		const fake = await FakeWebContainer.create();
		try {
			const boot = bootingInto(fake);
			const container = await bootWebContainer({
				boot,
				env,
				coep: 'require-corp',
				workdirName: 'app'
			});
			expect(container).toBe(fake);
			expect(await bootWebContainer({ boot, env })).toBe(fake);
			expect(boot.calls).toEqual([{ coep: 'require-corp', workdirName: 'app' }]);
			expect(webContainerBootStatus(env)).toEqual({ state: 'ready', container: fake });
		} finally {
			await fake.destroy();
		}
	});

	it('still delivers a boot that finishes after its timeout to later callers', async () => {
		const env = page();
		const late = deferred<WebContainer>();
		const boot = vi.fn(() => late.promise);
		await expect(bootWebContainer({ boot, env, timeoutMs: 10 })).rejects.toMatchObject({
			reason: 'timeout'
		});
		const container = {} as WebContainer;
		late.resolve(container);
		await expect.poll(() => webContainerBootStatus(env).state).toBe('ready');
		expect(await bootWebContainer({ boot, env })).toBe(container);
		expect(boot).toHaveBeenCalledTimes(1);
	});

	it('reports a boot that fails, and does not retry it', async () => {
		const env = page();
		const boot = vi.fn(async () => {
			throw new Error('Only a single WebContainer instance can be booted');
		});
		const failure = {
			reason: 'boot-failed',
			message: expect.stringMatching(/single WebContainer/)
		};
		await expect(bootWebContainer({ boot, env })).rejects.toMatchObject(failure);
		await expect(bootWebContainer({ boot, env })).rejects.toMatchObject(failure);
		expect(boot).toHaveBeenCalledTimes(1);
	});

	it('refuses an unsupported page without booting, and boots once the page can', async () => {
		const env = page({ onLine: false });
		const boot = neverSettlingBoot();
		await expect(bootWebContainer({ boot, env })).rejects.toMatchObject({
			reason: 'offline',
			message: expect.stringMatching(/no network connection/)
		});
		expect(boot.calls).toHaveLength(0);
		expect(webContainerBootStatus(env).state).toBe('idle');

		env.navigator.onLine = true;
		void bootWebContainer({ boot, env, timeoutMs: 60_000 }).catch(() => undefined);
		expect(webContainerBootStatus(env).state).toBe('booting');
		expect(boot.calls).toHaveLength(1);
	});
});

describe('webContainerSupport', () => {
	it('accepts an isolated, online Chromium page', () => {
		expect(webContainerSupport(page())).toEqual({ supported: true });
	});

	it('needs cross-origin isolation', () => {
		expect(webContainerSupport(page({ crossOriginIsolated: false }))).toMatchObject({
			supported: false,
			reason: 'not-isolated',
			message: expect.stringMatching(/not cross-origin isolated/)
		});
	});

	it('needs SharedArrayBuffer', () => {
		expect(webContainerSupport(page({ SharedArrayBuffer: undefined }))).toMatchObject({
			supported: false,
			reason: 'unsupported-browser',
			message: expect.stringMatching(/SharedArrayBuffer/)
		});
	});

	it('needs a network connection', () => {
		expect(webContainerSupport(page({ onLine: false }))).toEqual({
			supported: false,
			reason: 'offline',
			message: expect.stringMatching(/^Offline runtime: no network connection/)
		});
	});

	it('warns on desktop Firefox and Safari 16.4+, where WebContainer is in beta', () => {
		for (const userAgent of [FIREFOX, SAFARI_17]) {
			expect(webContainerSupport(page({ userAgent }))).toEqual({
				supported: true,
				warning: expect.stringMatching(/beta/)
			});
		}
	});

	it('refuses phones, iPads posing as Macs, older Safari, and places without a browser', () => {
		expect(webContainerSupport(page({ userAgent: IPHONE }))).toMatchObject({
			reason: 'unsupported-browser',
			message: expect.stringMatching(/phones and tablets/)
		});
		const ipad = page({ userAgent: SAFARI_17 });
		ipad.navigator.maxTouchPoints = 5;
		expect(webContainerSupport(ipad)).toMatchObject({ reason: 'unsupported-browser' });
		expect(webContainerSupport(page({ userAgent: SAFARI_16_1 }))).toMatchObject({
			reason: 'unsupported-browser',
			message: expect.stringMatching(/16\.4/)
		});
		expect(webContainerSupport({})).toMatchObject({
			reason: 'unsupported-browser',
			message: expect.stringMatching(/only in a web browser/)
		});
	});
});
