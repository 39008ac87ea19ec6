import { expect, it, vi } from 'vitest';

const api = vi.hoisted(() => ({ loaded: vi.fn(), boot: vi.fn() }));

vi.mock('@webcontainer/api', () => {
	api.loaded();
	return { WebContainer: { boot: api.boot } };
});

it('loads @webcontainer/api only when a boot is asked for, then calls WebContainer.boot', async () => {
	const { bootWebContainer } = await import('../../../src/lib/runtime/webcontainer');
	expect(api.loaded).not.toHaveBeenCalled();

	const container = { workdir: '/home/project' };
	api.boot.mockResolvedValue(container);
	const env = {
		crossOriginIsolated: true,
		SharedArrayBuffer,
		navigator: { onLine: true, userAgent: 'Mozilla/5.0 Chrome/140.0.0.0' }
	};
	expect(await bootWebContainer({ env })).toBe(container);
	expect(api.loaded).toHaveBeenCalledTimes(1);
	expect(api.boot).toHaveBeenCalledWith({ coep: 'credentialless', workdirName: 'project' });
});
